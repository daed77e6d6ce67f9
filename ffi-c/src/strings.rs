//! Strings the library allocates and the caller frees.

use std::ffi::{c_char, CString};

/// A string for C that the caller frees with `cognito_sync_string_free`.
/// NUL bytes cannot occur in what is returned this way (identity ids); any
/// would be dropped rather than truncate the string silently.
pub(crate) fn into_c_string(text: String) -> *mut c_char {
    let text = if text.contains('\0') {
        text.replace('\0', "")
    } else {
        text
    };
    CString::new(text).unwrap_or_default().into_raw()
}

/// Frees a string that the library allocated for the caller (those documented
/// as "free it with `cognito_sync_string_free`"). Never pass a string borrowed
/// from a result or an error object. Freeing NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_string_free(string: *mut c_char) {
    crate::ffi_guard_value!((), {
        if !string.is_null() {
            // SAFETY: the pointer came from into_c_string (CString::into_raw).
            drop(unsafe { CString::from_raw(string) });
        }
    })
}
