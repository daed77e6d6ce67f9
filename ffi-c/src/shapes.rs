//! The shapes found inside results (records, datasets, usage, pool
//! configuration): opaque to C, read through accessors, borrowed from the
//! result that holds them.

use std::ffi::c_char;
use std::time::SystemTime;

use cognito_sync_core::model;

use crate::cstr::{self, CStrBuf};
use crate::ffi;
use crate::time;

/// Writes an optional value to an optional out-pointer; true when present.
pub(crate) unsafe fn present<T>(value: Option<T>, out: *mut T) -> bool {
    match value {
        Some(v) => {
            // SAFETY: `out` is NULL (skipped) or a writable out-parameter, per the header.
            unsafe { ffi::write_out(out, v) };
            true
        }
        None => false,
    }
}

/// A map as pairs sorted by key, so indexes are stable and predictable.
pub(crate) fn sorted_pairs(
    map: std::collections::HashMap<String, String>,
) -> Vec<(CStrBuf, CStrBuf)> {
    let mut pairs: Vec<(String, String)> = map.into_iter().collect();
    pairs.sort();
    pairs
        .into_iter()
        .map(|(k, v)| (CStrBuf::from(k), CStrBuf::from(v)))
        .collect()
}

/// A record of a dataset. Opaque; borrowed from the result that holds it, valid until that
/// result is freed. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_record {
    key: Option<CStrBuf>,
    value: Option<CStrBuf>,
    last_modified_by: Option<CStrBuf>,
    sync_count: Option<i64>,
    // Converted to milliseconds when read: most callers never read them.
    last_modified_date: Option<SystemTime>,
    device_last_modified_date: Option<SystemTime>,
}

/// The records of one result.
///
/// Their strings are the core's own, NUL-terminated in place: the core parses a record's
/// strings with one spare byte of capacity (`model::spare_byte`), so `CStrBuf::from`
/// neither copies nor reallocates them (a string without room is moved into a larger
/// buffer once, which is still correct). Keeps interior NULs (lengths are stored).
#[derive(Debug)]
pub(crate) struct Records {
    items: Vec<cognito_sync_record>,
}

impl Records {
    pub(crate) fn new(records: Vec<model::Record>) -> Self {
        let items = records
            .into_iter()
            .map(|r| cognito_sync_record {
                key: cstr::opt(r.key),
                value: cstr::opt(r.value),
                last_modified_by: cstr::opt(r.last_modified_by),
                sync_count: r.sync_count,
                last_modified_date: r.last_modified_date,
                device_last_modified_date: r.device_last_modified_date,
            })
            .collect();
        Self { items }
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// Record `index` as a borrowed pointer, NULL when out of range.
    pub(crate) fn element(&self, index: usize) -> *const cognito_sync_record {
        ffi::element(&self.items, index)
    }
}

/// The key. NULL when absent (or when `obj` is NULL). Valid as long as the result that holds
/// it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_record_key(obj: *const cognito_sync_record) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.key))
    })
}

/// The value; NULL when the record is deleted (a tombstone). May contain NUL bytes: see
/// `cognito_sync_record_value_len`. NULL when absent (or when `obj` is NULL). Valid as long as
/// the result that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_record_value(
    obj: *const cognito_sync_record,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.value))
    })
}

/// Length in bytes of the value (without the terminating NUL), 0 when absent. Use it when a
/// value may contain NUL bytes.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_record_value_len(obj: *const cognito_sync_record) -> usize {
    crate::ffi_guard_value!(0, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .and_then(|o| o.value.as_ref())
            .map_or(0, CStrBuf::len)
    })
}

/// The record's sync count (server version). Returns true and writes the value to `*value`
/// (when `value` is not NULL) if present; returns false and writes nothing if absent or `obj`
/// is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_record_sync_count(
    obj: *const cognito_sync_record,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.sync_count);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// When the service last changed it, in milliseconds since the Unix epoch. Returns true and
/// writes the value to `*value` (when `value` is not NULL) if present; returns false and writes
/// nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_record_last_modified_date(
    obj: *const cognito_sync_record,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found =
            unsafe { ffi::opt_ref(obj) }.and_then(|o| o.last_modified_date.map(time::to_millis));
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// Who changed it last. NULL when absent (or when `obj` is NULL). Valid as long as the result
/// that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_record_last_modified_by(
    obj: *const cognito_sync_record,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.last_modified_by))
    })
}

/// The device clock of the last change, as sent by that device, in milliseconds since the Unix
/// epoch. Returns true and writes the value to `*value` (when `value` is not NULL) if present;
/// returns false and writes nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_record_device_last_modified_date(
    obj: *const cognito_sync_record,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }
            .and_then(|o| o.device_last_modified_date.map(time::to_millis));
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// The service's metadata of a dataset (DescribeDataset, ListDatasets, DeleteDataset). Opaque;
/// borrowed from the result that holds it, valid until that result is freed. Immutable: may be
/// read from any thread. Not the sync manager's local `cognito_sync_dataset` handle: a distinct
/// type, so passing one where the other is wanted does not compile.
#[derive(Debug)]
pub struct cognito_sync_dataset_metadata {
    identity_id: Option<CStrBuf>,
    dataset_name: Option<CStrBuf>,
    creation_date: Option<i64>,
    last_modified_date: Option<i64>,
    last_modified_by: Option<CStrBuf>,
    data_storage: Option<i64>,
    num_records: Option<i64>,
}

impl From<model::Dataset> for cognito_sync_dataset_metadata {
    fn from(v: model::Dataset) -> Self {
        Self {
            identity_id: cstr::opt(v.identity_id),
            dataset_name: cstr::opt(v.dataset_name),
            creation_date: v.creation_date.map(time::to_millis),
            last_modified_date: v.last_modified_date.map(time::to_millis),
            last_modified_by: cstr::opt(v.last_modified_by),
            data_storage: v.data_storage,
            num_records: v.num_records,
        }
    }
}

/// The owning identity. NULL when absent (or when `obj` is NULL). Valid as long as the result
/// that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_metadata_identity_id(
    obj: *const cognito_sync_dataset_metadata,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.identity_id))
    })
}

/// The dataset name. NULL when absent (or when `obj` is NULL). Valid as long as the result that
/// holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_metadata_dataset_name(
    obj: *const cognito_sync_dataset_metadata,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.dataset_name))
    })
}

/// When it was created, in milliseconds since the Unix epoch. Returns true and writes the value
/// to `*value` (when `value` is not NULL) if present; returns false and writes nothing if
/// absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_metadata_creation_date(
    obj: *const cognito_sync_dataset_metadata,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.creation_date);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// When it last changed, in milliseconds since the Unix epoch. Returns true and writes the
/// value to `*value` (when `value` is not NULL) if present; returns false and writes nothing if
/// absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_metadata_last_modified_date(
    obj: *const cognito_sync_dataset_metadata,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.last_modified_date);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// Who changed it last. NULL when absent (or when `obj` is NULL). Valid as long as the result
/// that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_metadata_last_modified_by(
    obj: *const cognito_sync_dataset_metadata,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.last_modified_by))
    })
}

/// Bytes stored (keys and values). Returns true and writes the value to `*value` (when `value`
/// is not NULL) if present; returns false and writes nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_metadata_data_storage(
    obj: *const cognito_sync_dataset_metadata,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.data_storage);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// Number of records. Returns true and writes the value to `*value` (when `value` is not NULL)
/// if present; returns false and writes nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_metadata_num_records(
    obj: *const cognito_sync_dataset_metadata,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.num_records);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// Usage of one identity. Opaque; borrowed from the result that holds it, valid until that
/// result is freed. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_identity_usage {
    identity_id: Option<CStrBuf>,
    identity_pool_id: Option<CStrBuf>,
    last_modified_date: Option<i64>,
    dataset_count: Option<i32>,
    data_storage: Option<i64>,
}

impl From<model::IdentityUsage> for cognito_sync_identity_usage {
    fn from(v: model::IdentityUsage) -> Self {
        Self {
            identity_id: cstr::opt(v.identity_id),
            identity_pool_id: cstr::opt(v.identity_pool_id),
            last_modified_date: v.last_modified_date.map(time::to_millis),
            dataset_count: v.dataset_count,
            data_storage: v.data_storage,
        }
    }
}

/// The identity. NULL when absent (or when `obj` is NULL). Valid as long as the result that
/// holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_identity_usage_identity_id(
    obj: *const cognito_sync_identity_usage,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.identity_id))
    })
}

/// Its identity pool. NULL when absent (or when `obj` is NULL). Valid as long as the result
/// that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_identity_usage_identity_pool_id(
    obj: *const cognito_sync_identity_usage,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.identity_pool_id))
    })
}

/// When its data last changed, in milliseconds since the Unix epoch. Returns true and writes
/// the value to `*value` (when `value` is not NULL) if present; returns false and writes
/// nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_identity_usage_last_modified_date(
    obj: *const cognito_sync_identity_usage,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.last_modified_date);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// Number of datasets. Returns true and writes the value to `*value` (when `value` is not NULL)
/// if present; returns false and writes nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_identity_usage_dataset_count(
    obj: *const cognito_sync_identity_usage,
    value: *mut i32,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.dataset_count);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// Bytes stored. Returns true and writes the value to `*value` (when `value` is not NULL) if
/// present; returns false and writes nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_identity_usage_data_storage(
    obj: *const cognito_sync_identity_usage,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.data_storage);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// Usage of one identity pool. Opaque; borrowed from the result that holds it, valid until that
/// result is freed. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_identity_pool_usage {
    identity_pool_id: Option<CStrBuf>,
    sync_sessions_count: Option<i64>,
    data_storage: Option<i64>,
    last_modified_date: Option<i64>,
}

impl From<model::IdentityPoolUsage> for cognito_sync_identity_pool_usage {
    fn from(v: model::IdentityPoolUsage) -> Self {
        Self {
            identity_pool_id: cstr::opt(v.identity_pool_id),
            sync_sessions_count: v.sync_sessions_count,
            data_storage: v.data_storage,
            last_modified_date: v.last_modified_date.map(time::to_millis),
        }
    }
}

/// The identity pool. NULL when absent (or when `obj` is NULL). Valid as long as the result
/// that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_identity_pool_usage_identity_pool_id(
    obj: *const cognito_sync_identity_pool_usage,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.identity_pool_id))
    })
}

/// Number of sync sessions. Returns true and writes the value to `*value` (when `value` is not
/// NULL) if present; returns false and writes nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_identity_pool_usage_sync_sessions_count(
    obj: *const cognito_sync_identity_pool_usage,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.sync_sessions_count);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// Bytes stored. Returns true and writes the value to `*value` (when `value` is not NULL) if
/// present; returns false and writes nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_identity_pool_usage_data_storage(
    obj: *const cognito_sync_identity_pool_usage,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.data_storage);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// When its data last changed, in milliseconds since the Unix epoch. Returns true and writes
/// the value to `*value` (when `value` is not NULL) if present; returns false and writes
/// nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_identity_pool_usage_last_modified_date(
    obj: *const cognito_sync_identity_pool_usage,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.last_modified_date);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// Push sync configuration of a pool. Opaque; borrowed from the result that holds it, valid
/// until that result is freed. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_push_sync {
    application_arns: Vec<CStrBuf>,
    role_arn: Option<CStrBuf>,
}

impl From<model::PushSync> for cognito_sync_push_sync {
    fn from(v: model::PushSync) -> Self {
        Self {
            application_arns: v
                .application_arns
                .unwrap_or_default()
                .into_iter()
                .map(CStrBuf::from)
                .collect(),
            role_arn: cstr::opt(v.role_arn),
        }
    }
}

/// Number of items in `application_arns` (0 when absent or when `obj` is NULL).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_push_sync_application_arn_count(
    obj: *const cognito_sync_push_sync,
) -> usize {
    crate::ffi_guard_value!(0, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(0, |o| o.application_arns.len())
    })
}

/// SNS platform application ARNs. Item `index` (0-based); NULL when out of range or `obj` is
/// NULL. Valid as long as the result that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_push_sync_application_arn(
    obj: *const cognito_sync_push_sync,
    index: usize,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .and_then(|o| o.application_arns.get(index))
            .map_or(std::ptr::null(), CStrBuf::as_ptr)
    })
}

/// IAM role Cognito assumes to publish. NULL when absent (or when `obj` is NULL). Valid as long
/// as the result that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_push_sync_role_arn(
    obj: *const cognito_sync_push_sync,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.role_arn))
    })
}

/// Cognito streams configuration of a pool. Opaque; borrowed from the result that holds it,
/// valid until that result is freed. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_cognito_streams {
    stream_name: Option<CStrBuf>,
    role_arn: Option<CStrBuf>,
    streaming_status: Option<CStrBuf>,
}

impl From<model::CognitoStreams> for cognito_sync_cognito_streams {
    fn from(v: model::CognitoStreams) -> Self {
        Self {
            stream_name: cstr::opt(v.stream_name),
            role_arn: cstr::opt(v.role_arn),
            streaming_status: v.streaming_status.map(|e| CStrBuf::from(e.as_str())),
        }
    }
}

/// The Kinesis stream. NULL when absent (or when `obj` is NULL). Valid as long as the result
/// that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_cognito_streams_stream_name(
    obj: *const cognito_sync_cognito_streams,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.stream_name))
    })
}

/// IAM role Cognito assumes to write. NULL when absent (or when `obj` is NULL). Valid as long
/// as the result that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_cognito_streams_role_arn(
    obj: *const cognito_sync_cognito_streams,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.role_arn))
    })
}

/// "ENABLED" or "DISABLED" (or a newer value verbatim). NULL when absent (or when `obj` is
/// NULL). Valid as long as the result that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_cognito_streams_streaming_status(
    obj: *const cognito_sync_cognito_streams,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.streaming_status))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn record(key: Option<&str>, value: Option<&str>, by: Option<&str>) -> model::Record {
        model::Record {
            key: key.map(str::to_owned),
            value: value.map(str::to_owned),
            last_modified_by: by.map(str::to_owned),
            sync_count: Some(3),
            ..Default::default()
        }
    }

    #[test]
    fn records_keep_absent_empty_and_interior_nul_strings_nul_terminated() {
        let mut second = record(Some("k2"), Some("a\0b"), None);
        second.last_modified_date = Some(time::from_millis(1_413_231_134_115));
        let records = Records::new(vec![record(Some("key"), None, Some("")), second]);
        // Moving the owner keeps the pointers valid (the strings are on the heap).
        let moved = [records];
        let records = &moved[0];
        assert_eq!(records.len(), 2);
        assert!(records.element(2).is_null(), "out of range");
        // SAFETY: in range; the records live as long as `moved`.
        let (first, second) = unsafe { (&*records.element(0), &*records.element(1)) };
        // SAFETY: the pointers come from live records; present strings are NUL-terminated.
        unsafe {
            assert_eq!(
                CStr::from_ptr(cognito_sync_record_key(first)).to_bytes(),
                b"key"
            );
            assert_eq!(
                CStr::from_ptr(cognito_sync_record_last_modified_by(first)).to_bytes(),
                b""
            );
            assert_eq!(
                CStr::from_ptr(cognito_sync_record_key(second)).to_bytes(),
                b"k2"
            );
            let value = cognito_sync_record_value(second);
            assert_eq!(std::slice::from_raw_parts(value.cast::<u8>(), 4), b"a\0b\0");
            assert_eq!(cognito_sync_record_value_len(second), 3);
            assert!(cognito_sync_record_value(first).is_null());
            assert_eq!(cognito_sync_record_value_len(first), 0);
            assert!(cognito_sync_record_last_modified_by(second).is_null());
            let mut ms = 0;
            assert!(cognito_sync_record_last_modified_date(second, &mut ms));
            assert_eq!(ms, 1_413_231_134_115);
            assert!(!cognito_sync_record_last_modified_date(first, &mut ms));
            assert!(!cognito_sync_record_device_last_modified_date(
                second, &mut ms
            ));
            let mut count = 0;
            assert!(cognito_sync_record_sync_count(second, &mut count));
            assert_eq!(count, 3);
        }
        assert!(format!("{records:?}").contains("k2"));
    }

    #[test]
    fn strings_parsed_by_the_core_are_terminated_without_a_copy() {
        let page: Vec<model::Record> =
            serde_json::from_str(r#"[{"Key":"k","Value":"some value","LastModifiedBy":"me"}]"#)
                .unwrap();
        let value_at = page[0].value.as_ref().unwrap().as_ptr();
        let records = Records::new(page);
        // SAFETY: in range.
        let first = unsafe { &*records.element(0) };
        // SAFETY: as above.
        let value = unsafe { cognito_sync_record_value(first) };
        assert_eq!(value.cast::<u8>(), value_at, "the value was copied");
        // SAFETY: NUL-terminated.
        assert_eq!(unsafe { CStr::from_ptr(value) }.to_bytes(), b"some value");
    }

    #[test]
    fn no_records_no_text() {
        let records = Records::new(Vec::new());
        assert_eq!(records.len(), 0);
        assert!(records.element(0).is_null());
    }
}
