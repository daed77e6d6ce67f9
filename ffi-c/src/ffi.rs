//! The only place that turns raw pointers into references and back.
//!
//! Every pointer from C goes through one of these helpers: NULL and
//! misaligned pointers become `COGNITO_SYNC_STATUS_NULL_ARGUMENT`, strings are
//! checked for UTF-8 (no lossy decoding), and out-parameters are written only
//! on success.

use std::ffi::{c_char, CStr};
use std::fmt::Display;

use crate::error::{cognito_sync_error, FfiError, FfiResult};
use crate::status::cognito_sync_status;

fn usable<T>(ptr: *const T) -> bool {
    !ptr.is_null() && ptr.is_aligned()
}

/// A required reference.
pub(crate) unsafe fn try_ref<'a, T>(ptr: *const T, name: impl Display) -> FfiResult<&'a T> {
    if usable(ptr) {
        // SAFETY: non-NULL and aligned; the caller promises it points to a live T.
        Ok(unsafe { &*ptr })
    } else {
        Err(FfiError::null_argument(name))
    }
}

/// A required mutable reference (Box-owned handles that are not shared).
pub(crate) unsafe fn try_mut<'a, T>(ptr: *mut T, name: impl Display) -> FfiResult<&'a mut T> {
    if usable(ptr) {
        // SAFETY: as try_ref, and the caller promises exclusive access.
        Ok(unsafe { &mut *ptr })
    } else {
        Err(FfiError::null_argument(name))
    }
}

/// An optional reference: NULL (or misaligned) gives `None`. For getters.
pub(crate) unsafe fn opt_ref<'a, T>(ptr: *const T) -> Option<&'a T> {
    if usable(ptr) {
        // SAFETY: as try_ref.
        Some(unsafe { &*ptr })
    } else {
        None
    }
}

/// A required NUL-terminated UTF-8 string.
pub(crate) unsafe fn try_str<'a>(ptr: *const c_char, name: impl Display) -> FfiResult<&'a str> {
    if ptr.is_null() {
        return Err(FfiError::null_argument(name));
    }
    // SAFETY: non-NULL; the caller promises a NUL-terminated string.
    let bytes = unsafe { CStr::from_ptr(ptr) }.to_bytes();
    // ASCII (ids, names, keys, most values) is valid UTF-8, and an OR over all
    // bytes is one branch-free pass the compiler vectorises: about a third of
    // the full validation's cost. Anything else takes the full validation.
    if bytes.iter().fold(0u8, |all, byte| all | byte) < 0x80 {
        // SAFETY: every byte is ASCII.
        return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        FfiError::new(
            cognito_sync_status::InvalidUtf8,
            format!(
                "argument `{name}` is not valid UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

/// An optional string: NULL gives `None`.
pub(crate) unsafe fn opt_str<'a>(
    ptr: *const c_char,
    name: impl Display,
) -> FfiResult<Option<&'a str>> {
    if ptr.is_null() {
        Ok(None)
    } else {
        // SAFETY: not NULL; the caller promises a NUL-terminated string.
        unsafe { try_str(ptr, name) }.map(Some)
    }
}

/// An optional number passed by pointer: NULL gives `None`.
pub(crate) unsafe fn opt_value<T: Copy>(ptr: *const T, name: impl Display) -> FfiResult<Option<T>> {
    if ptr.is_null() {
        Ok(None)
    } else if ptr.is_aligned() {
        // SAFETY: non-NULL, aligned; the caller promises it points to a T.
        Ok(Some(unsafe { *ptr }))
    } else {
        Err(FfiError::null_argument(name))
    }
}

/// An array given as pointer + count. NULL is accepted only with count 0.
pub(crate) unsafe fn try_slice<'a, T>(
    ptr: *const T,
    count: usize,
    name: impl Display,
) -> FfiResult<&'a [T]> {
    if count == 0 {
        return Ok(&[]);
    }
    if !usable(ptr) {
        return Err(FfiError::null_argument(name));
    }
    if count > isize::MAX as usize / std::mem::size_of::<T>().max(1) {
        return Err(FfiError::invalid_argument(format!(
            "argument `{name}`: count {count} is too large"
        )));
    }
    // SAFETY: non-NULL, aligned, and the caller promises `count` elements.
    Ok(unsafe { std::slice::from_raw_parts(ptr, count) })
}

/// Checks an out-parameter before any work is done, so a NULL one fails
/// early instead of after the request was sent.
pub(crate) fn check_out<T>(ptr: *mut T, name: impl Display) -> FfiResult<()> {
    if usable(ptr) {
        Ok(())
    } else {
        Err(FfiError::null_argument(name))
    }
}

/// Writes a checked out-parameter. Only called on success.
pub(crate) unsafe fn write_out<T>(ptr: *mut T, value: T) {
    if usable(ptr) {
        // SAFETY: checked by check_out; the caller owns the storage.
        unsafe { ptr.write(value) };
    }
}

/// Moves a value to the heap and hands ownership to C.
pub(crate) fn into_raw<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Takes back ownership of a Box given to C and drops it. NULL is a no-op.
pub(crate) unsafe fn free_box<T>(ptr: *mut T) {
    if usable(ptr) {
        // SAFETY: the pointer came from into_raw and is freed once (documented).
        drop(unsafe { Box::from_raw(ptr) });
    }
}

/// Takes back ownership of a Box given to C. NULL gives `None`.
pub(crate) unsafe fn take_box<T>(ptr: *mut T) -> Option<Box<T>> {
    if usable(ptr) {
        // SAFETY: as free_box.
        Some(unsafe { Box::from_raw(ptr) })
    } else {
        None
    }
}

/// Takes back one reference of an `Arc` given to C. NULL gives `None`.
pub(crate) unsafe fn take_arc<T>(ptr: *mut T) -> Option<std::sync::Arc<T>> {
    if usable(ptr) {
        // SAFETY: the pointer came from Arc::into_raw and is released once.
        Some(unsafe { std::sync::Arc::from_raw(ptr.cast_const()) })
    } else {
        None
    }
}

/// Writes an error object to an optional `err_out`.
pub(crate) unsafe fn write_error(err_out: *mut *mut cognito_sync_error, error: FfiError) {
    if usable(err_out) {
        // SAFETY: non-NULL, aligned out-parameter owned by the caller.
        unsafe { err_out.write(error.into_raw()) };
    }
}

/// The element `index` of a slice as a borrowed pointer, NULL when out of range.
pub(crate) fn element<T>(items: &[T], index: usize) -> *const T {
    items
        .get(index)
        .map_or(std::ptr::null(), |item| item as *const T)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_checked_for_utf8_on_both_paths() {
        let ascii = c"identity-pool:0001";
        assert_eq!(
            // SAFETY: a C string literal (NUL-terminated, static).
            unsafe { try_str(ascii.as_ptr(), "a") }.unwrap(),
            "identity-pool:0001"
        );
        let accented = c"caf\xC3\xA9 \xE2\x82\xAC";
        assert_eq!(
            // SAFETY: as above.
            unsafe { try_str(accented.as_ptr(), "b") }.unwrap(),
            "café €"
        );
        let bad = c"us-\xC3\x28";
        // SAFETY: as above.
        let err = unsafe { try_str(bad.as_ptr(), "name") }.unwrap_err();
        assert_eq!(err.status(), cognito_sync_status::InvalidUtf8);
        // SAFETY: the error object lives as long as `err`.
        let message = unsafe { &*err.as_ptr() }.message().to_owned();
        assert!(
            message.contains("`name`") && message.contains("offset 3"),
            "{message}"
        );
        // SAFETY: NULL is accepted and reported.
        let null = unsafe { try_str(std::ptr::null(), "name") }.unwrap_err();
        assert_eq!(null.status(), cognito_sync_status::NullArgument);
    }
}
