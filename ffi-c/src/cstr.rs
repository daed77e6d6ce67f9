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

/// Several optional strings of one object in a single allocation, each
/// NUL-terminated: one exact-size copy instead of one reallocation per string
/// (the core's strings have no room for the NUL), and one free instead of
/// several. Like [`CStrBuf`], keeps interior NULs (lengths are stored).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct CStrPack<const N: usize> {
    bytes: Box<[u8]>,
    /// (start, length) of each string in `bytes`; `None` when absent.
    spans: [Option<(usize, usize)>; N],
}

impl<const N: usize> CStrPack<N> {
    pub(crate) fn new(items: [Option<&str>; N]) -> Self {
        let total: usize = items.iter().flatten().map(|s| s.len() + 1).sum();
        let mut bytes = Vec::with_capacity(total);
        let spans = items.map(|item| {
            item.map(|text| {
                let start = bytes.len();
                bytes.extend_from_slice(text.as_bytes());
                bytes.push(0);
                (start, text.len())
            })
        });
        Self {
            bytes: bytes.into_boxed_slice(),
            spans,
        }
    }

    /// Pointer to string `i`, NULL when absent; valid as long as `self` lives.
    pub(crate) fn ptr(&self, i: usize) -> *const c_char {
        match self.spans.get(i).copied().flatten() {
            Some((start, _)) => self.bytes[start..].as_ptr().cast(),
            None => std::ptr::null(),
        }
    }

    /// Length in bytes of string `i` (without the NUL), 0 when absent.
    pub(crate) fn len(&self, i: usize) -> usize {
        self.spans
            .get(i)
            .copied()
            .flatten()
            .map_or(0, |(_, len)| len)
    }

    /// String `i` as text, `None` when absent.
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        let (start, len) = self.spans.get(i).copied().flatten()?;
        std::str::from_utf8(&self.bytes[start..start + len]).ok()
    }
}

impl<const N: usize> std::fmt::Debug for CStrPack<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries((0..N).map(|i| self.get(i))).finish()
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

    #[test]
    fn pack_holds_present_and_absent_strings() {
        let p = CStrPack::new([Some("key"), None, Some("a\0b"), Some("")]);
        assert_eq!(p.get(0), Some("key"));
        assert!(p.ptr(1).is_null());
        assert_eq!((p.len(1), p.get(1)), (0, None));
        assert_eq!((p.len(2), p.get(2)), (3, Some("a\0b")));
        assert_eq!(p.get(3), Some(""));
        assert!(p.ptr(4).is_null(), "out of range is absent");
        // SAFETY: each present string is followed by its NUL inside the buffer.
        unsafe {
            assert_eq!(std::ffi::CStr::from_ptr(p.ptr(0)).to_bytes(), b"key");
            assert_eq!(*p.ptr(2).add(3), 0);
            assert_eq!(*p.ptr(3), 0);
        }
        let empty = CStrPack::new([None, None]);
        assert!(empty.ptr(0).is_null() && empty.ptr(1).is_null());
    }
}
