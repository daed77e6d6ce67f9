//! Owned NUL-terminated strings handed to C as borrowed `const char *`.

use std::ffi::c_char;

/// UTF-8 bytes followed by one NUL. Unlike `CString` it keeps interior NULs
/// (a record value may contain `\u0000`), so accessors also expose the length.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct CStrBuf(Box<[u8]>);

impl CStrBuf {
    pub(crate) fn new(text: &str) -> Self {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        bytes.extend_from_slice(text.as_bytes());
        bytes.push(0);
        Self(bytes.into_boxed_slice())
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
        // Exactly one more byte: usually an in-place realloc (the allocator
        // rounds sizes up), and `into_boxed_slice` then has nothing to shrink.
        bytes.reserve_exact(1);
        bytes.push(0);
        Self(bytes.into_boxed_slice())
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
