//! Small owned lists handed to C: strings, and key/value pairs.

use std::ffi::c_char;

use crate::cstr::CStrBuf;
use crate::ffi;

/// A list of strings (e.g. dataset names). Ownership: owned by the caller,
/// released with `cognito_sync_string_list_free`; strings are borrowed from it.
pub struct cognito_sync_string_list {
    pub(crate) items: Vec<CStrBuf>,
}

/// Key/value pairs (e.g. a dataset's contents), sorted by key. Ownership:
/// owned by the caller, released with `cognito_sync_key_values_free`.
pub struct cognito_sync_key_values {
    pub(crate) pairs: Vec<(CStrBuf, CStrBuf)>,
}

/// Number of strings (0 when `list` is NULL).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_string_list_count(
    list: *const cognito_sync_string_list,
) -> usize {
    crate::ffi_guard_value!(0, {
        // SAFETY: `list` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(list) }.map_or(0, |l| l.items.len())
    })
}

/// String `index` (0-based); NULL when out of range or `list` is NULL.
/// Valid until the list is freed.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_string_list_item(
    list: *const cognito_sync_string_list,
    index: usize,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `list` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(list) }
            .and_then(|l| l.items.get(index))
            .map_or(std::ptr::null(), CStrBuf::as_ptr)
    })
}

/// Frees a string list. Freeing NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_string_list_free(list: *mut cognito_sync_string_list) {
    crate::ffi_guard_value!((), {
        // SAFETY: `list` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(list) }
    })
}

/// Number of pairs (0 when `kv` is NULL).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_key_values_count(
    kv: *const cognito_sync_key_values,
) -> usize {
    crate::ffi_guard_value!(0, {
        // SAFETY: `kv` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(kv) }.map_or(0, |l| l.pairs.len())
    })
}

/// Key of pair `index`; NULL when out of range. Valid until `kv` is freed.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_key_values_key(
    kv: *const cognito_sync_key_values,
    index: usize,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `kv` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(kv) }
            .and_then(|l| l.pairs.get(index))
            .map_or(std::ptr::null(), |(k, _)| k.as_ptr())
    })
}

/// Value of pair `index`; NULL when out of range. Valid until `kv` is freed.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_key_values_value(
    kv: *const cognito_sync_key_values,
    index: usize,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `kv` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(kv) }
            .and_then(|l| l.pairs.get(index))
            .map_or(std::ptr::null(), |(_, v)| v.as_ptr())
    })
}

/// Frees key/value pairs. Freeing NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_key_values_free(kv: *mut cognito_sync_key_values) {
    crate::ffi_guard_value!((), {
        // SAFETY: `kv` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(kv) }
    })
}
