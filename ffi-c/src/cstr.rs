//! Owned NUL-terminated strings handed to C as borrowed `const char *`.

use std::ffi::c_char;

/// UTF-8 bytes followed by one NUL. Unlike `CString` it keeps interior NULs
/// (a record value may contain `\u0000`), so accessors also expose the length.
///
/// A `Vec` rather than a boxed slice: a `String` with room for the NUL (the core parses
/// records' strings so) becomes one without a call to the allocator, nor one to shrink
/// it. Never empty: the last byte is the NUL.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct CStrBuf(Vec<u8>);

impl CStrBuf {
    pub(crate) fn new(text: &str) -> Self {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        bytes.extend_from_slice(text.as_bytes());
        bytes.push(0);
        Self(bytes)
    }

    /// Pointer valid as long as `self` lives.
    pub(crate) fn as_ptr(&self) -> *const c_char {
        self.0.as_ptr().cast()
    }

    /// Length in bytes, without the terminating NUL.
    pub(crate) fn len(&self) -> usize {
        self.0.len().saturating_sub(1)
    }

    /// The text without the terminating NUL.
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0[..self.len()]).unwrap_or_default()
    }
}

impl From<&str> for CStrBuf {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}

impl From<String> for CStrBuf {
    fn from(text: String) -> Self {
        let mut bytes = text.into_bytes();
        if bytes.len() == bytes.capacity() {
            // Exactly one more byte: usually an in-place realloc (the allocator rounds
            // sizes up).
            bytes.reserve_exact(1);
        }
        bytes.push(0);
        Self(bytes)
    }
}

impl std::fmt::Debug for CStrBuf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Pointer to an optional string, NULL when absent.
pub(crate) fn opt_ptr(value: &Option<CStrBuf>) -> *const c_char {
    value.as_ref().map_or(std::ptr::null(), CStrBuf::as_ptr)
}

/// Builds an optional owned string from an optional Rust one.
pub(crate) fn opt(value: Option<String>) -> Option<CStrBuf> {
    value.map(CStrBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_interior_nul_and_terminates() {
        let s = CStrBuf::from("a\0b".to_string());
        assert_eq!(s.len(), 3);
        assert_eq!(s.as_str(), "a\0b");
        // SAFETY: the buffer is 4 bytes long.
        let last = unsafe { *s.as_ptr().add(3) };
        assert_eq!(last, 0);
    }
}
