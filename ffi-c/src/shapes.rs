//! The shapes found inside results (records, datasets, usage, pool
//! configuration): opaque to C, read through accessors, borrowed from the
//! result that holds them.

use std::ffi::c_char;

use cognito_sync_core::model;

use crate::cstr::{self, CStrBuf};
use crate::ffi;
use crate::time;

/// Writes an optional value to an optional out-pointer; true when present.
pub(crate) unsafe fn present<T>(value: Option<T>, out: *mut T) -> bool {
    match value {
        Some(v) => {
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
pub struct cognito_sync_record {
    /// The text block of the [`Records`] holding this record.
    text: *const u8,
    /// Key, value and last-modified-by (`RECORD_*`) in `text`: (start, length without the
    /// NUL); `None` when absent.
    spans: [Option<(usize, usize)>; 3],
    sync_count: Option<i64>,
    last_modified_date: Option<i64>,
    device_last_modified_date: Option<i64>,
}

const RECORD_KEY: usize = 0;
const RECORD_VALUE: usize = 1;
const RECORD_LAST_MODIFIED_BY: usize = 2;

impl cognito_sync_record {
    /// String `i` (`RECORD_*`), NUL-terminated; NULL when absent.
    fn ptr(&self, i: usize) -> *const c_char {
        match self.spans[i] {
            // SAFETY: the span lies inside the text block, alive as long as the
            // `Records` that owns both.
            Some((start, _)) => unsafe { self.text.add(start) }.cast(),
            None => std::ptr::null(),
        }
    }

    /// Length in bytes of string `i` (without the NUL), 0 when absent.
    fn len(&self, i: usize) -> usize {
        self.spans[i].map_or(0, |(_, len)| len)
    }

    /// String `i` as bytes, `None` when absent.
    fn bytes(&self, i: usize) -> Option<&[u8]> {
        let (start, len) = self.spans[i]?;
        // SAFETY: as `ptr`.
        Some(unsafe { std::slice::from_raw_parts(self.text.add(start), len) })
    }
}

impl std::fmt::Debug for cognito_sync_record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = |i| self.bytes(i).map(String::from_utf8_lossy);
        f.debug_struct("cognito_sync_record")
            .field("key", &text(RECORD_KEY))
            .field("value", &text(RECORD_VALUE))
            .field("last_modified_by", &text(RECORD_LAST_MODIFIED_BY))
            .field("sync_count", &self.sync_count)
            .field("last_modified_date", &self.last_modified_date)
            .field("device_last_modified_date", &self.device_last_modified_date)
            .finish()
    }
}

/// The records of one result, with all their strings in a single allocation: one exact-size
/// copy and one free per page instead of one per record (the core's strings have no room for
/// the NUL C needs). Like `CStrBuf`, keeps interior NULs (lengths are stored).
pub(crate) struct Records {
    items: Vec<cognito_sync_record>,
    /// Every string of `items`, each followed by a NUL. Owned (`Box::into_raw`), freed on
    /// drop; held raw so the records' pointers into it stay valid when `Records` moves.
    text: *mut [u8],
}

// SAFETY: `Records` owns its text block and never changes it after construction; the
// records only read it.
unsafe impl Send for Records {}
unsafe impl Sync for Records {}

impl Records {
    pub(crate) fn new(records: Vec<model::Record>) -> Self {
        fn size(text: &Option<String>) -> usize {
            text.as_ref().map_or(0, |s| s.len() + 1)
        }
        fn put(bytes: &mut Vec<u8>, text: Option<String>) -> Option<(usize, usize)> {
            let text = text?;
            let start = bytes.len();
            bytes.extend_from_slice(text.as_bytes());
            bytes.push(0);
            Some((start, text.len()))
        }
        let total: usize = records
            .iter()
            .map(|r| size(&r.key) + size(&r.value) + size(&r.last_modified_by))
            .sum();
        let mut bytes = Vec::with_capacity(total);
        let mut items: Vec<cognito_sync_record> = records
            .into_iter()
            .map(|r| cognito_sync_record {
                text: std::ptr::null(),
                spans: [
                    put(&mut bytes, r.key),
                    put(&mut bytes, r.value),
                    put(&mut bytes, r.last_modified_by),
                ],
                sync_count: r.sync_count,
                last_modified_date: r.last_modified_date.map(time::to_millis),
                device_last_modified_date: r.device_last_modified_date.map(time::to_millis),
            })
            .collect();
        let text = Box::into_raw(bytes.into_boxed_slice());
        let base = text.cast::<u8>().cast_const();
        for item in &mut items {
            item.text = base;
        }
        Self { items, text }
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// Record `index` as a borrowed pointer, NULL when out of range.
    pub(crate) fn element(&self, index: usize) -> *const cognito_sync_record {
        ffi::element(&self.items, index)
    }
}

impl Drop for Records {
    fn drop(&mut self) {
        // SAFETY: `text` came from Box::into_raw in `new` and is freed only here.
        drop(unsafe { Box::from_raw(self.text) });
    }
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.items).finish()
    }
}

/// The key. NULL when absent (or when `obj` is NULL). Valid as long as the result that holds
/// it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_record_key(obj: *const cognito_sync_record) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        ffi::opt_ref(obj).map_or(std::ptr::null(), |o| o.ptr(RECORD_KEY))
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
        ffi::opt_ref(obj).map_or(std::ptr::null(), |o| o.ptr(RECORD_VALUE))
    })
}

/// Length in bytes of the value (without the terminating NUL), 0 when absent. Use it when a
/// value may contain NUL bytes.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_record_value_len(obj: *const cognito_sync_record) -> usize {
    crate::ffi_guard_value!(0, { ffi::opt_ref(obj).map_or(0, |o| o.len(RECORD_VALUE)) })
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
        present(ffi::opt_ref(obj).and_then(|o| o.sync_count), value)
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
        present(ffi::opt_ref(obj).and_then(|o| o.last_modified_date), value)
    })
}

/// Who changed it last. NULL when absent (or when `obj` is NULL). Valid as long as the result
/// that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_record_last_modified_by(
    obj: *const cognito_sync_record,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        ffi::opt_ref(obj).map_or(std::ptr::null(), |o| o.ptr(RECORD_LAST_MODIFIED_BY))
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
        present(
            ffi::opt_ref(obj).and_then(|o| o.device_last_modified_date),
            value,
        )
    })
}

/// Metadata of a dataset. Opaque; borrowed from the result that holds it, valid until that
/// result is freed. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_dataset {
    identity_id: Option<CStrBuf>,
    dataset_name: Option<CStrBuf>,
    creation_date: Option<i64>,
    last_modified_date: Option<i64>,
    last_modified_by: Option<CStrBuf>,
    data_storage: Option<i64>,
    num_records: Option<i64>,
}

impl From<model::Dataset> for cognito_sync_dataset {
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
pub unsafe extern "C" fn cognito_sync_dataset_identity_id(
    obj: *const cognito_sync_dataset,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        ffi::opt_ref(obj).map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.identity_id))
    })
}

/// The dataset name. NULL when absent (or when `obj` is NULL). Valid as long as the result that
/// holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_dataset_name(
    obj: *const cognito_sync_dataset,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        ffi::opt_ref(obj).map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.dataset_name))
    })
}

/// When it was created, in milliseconds since the Unix epoch. Returns true and writes the value
/// to `*value` (when `value` is not NULL) if present; returns false and writes nothing if
/// absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_creation_date(
    obj: *const cognito_sync_dataset,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        present(ffi::opt_ref(obj).and_then(|o| o.creation_date), value)
    })
}

/// When it last changed, in milliseconds since the Unix epoch. Returns true and writes the
/// value to `*value` (when `value` is not NULL) if present; returns false and writes nothing if
/// absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_last_modified_date(
    obj: *const cognito_sync_dataset,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        present(ffi::opt_ref(obj).and_then(|o| o.last_modified_date), value)
    })
}

/// Who changed it last. NULL when absent (or when `obj` is NULL). Valid as long as the result
/// that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_last_modified_by(
    obj: *const cognito_sync_dataset,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        ffi::opt_ref(obj).map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.last_modified_by))
    })
}

/// Bytes stored (keys and values). Returns true and writes the value to `*value` (when `value`
/// is not NULL) if present; returns false and writes nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_data_storage(
    obj: *const cognito_sync_dataset,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        present(ffi::opt_ref(obj).and_then(|o| o.data_storage), value)
    })
}

/// Number of records. Returns true and writes the value to `*value` (when `value` is not NULL)
/// if present; returns false and writes nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_num_records(
    obj: *const cognito_sync_dataset,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        present(ffi::opt_ref(obj).and_then(|o| o.num_records), value)
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
        ffi::opt_ref(obj).map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.identity_id))
    })
}

/// Its identity pool. NULL when absent (or when `obj` is NULL). Valid as long as the result
/// that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_identity_usage_identity_pool_id(
    obj: *const cognito_sync_identity_usage,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        ffi::opt_ref(obj).map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.identity_pool_id))
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
        present(ffi::opt_ref(obj).and_then(|o| o.last_modified_date), value)
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
        present(ffi::opt_ref(obj).and_then(|o| o.dataset_count), value)
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
        present(ffi::opt_ref(obj).and_then(|o| o.data_storage), value)
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
        ffi::opt_ref(obj).map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.identity_pool_id))
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
        present(ffi::opt_ref(obj).and_then(|o| o.sync_sessions_count), value)
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
        present(ffi::opt_ref(obj).and_then(|o| o.data_storage), value)
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
        present(ffi::opt_ref(obj).and_then(|o| o.last_modified_date), value)
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
        ffi::opt_ref(obj).map_or(0, |o| o.application_arns.len())
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
        ffi::opt_ref(obj)
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
        ffi::opt_ref(obj).map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.role_arn))
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
        ffi::opt_ref(obj).map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.stream_name))
    })
}

/// IAM role Cognito assumes to write. NULL when absent (or when `obj` is NULL). Valid as long
/// as the result that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_cognito_streams_role_arn(
    obj: *const cognito_sync_cognito_streams,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        ffi::opt_ref(obj).map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.role_arn))
    })
}

/// "ENABLED" or "DISABLED" (or a newer value verbatim). NULL when absent (or when `obj` is
/// NULL). Valid as long as the result that holds it.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_cognito_streams_streaming_status(
    obj: *const cognito_sync_cognito_streams,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        ffi::opt_ref(obj).map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.streaming_status))
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
    fn records_share_one_text_block_and_keep_absent_empty_and_interior_nul() {
        let records = Records::new(vec![
            record(Some("key"), None, Some("")),
            record(Some("k2"), Some("a\0b"), None),
        ]);
        // Moving the owner keeps the pointers valid (the block is on the heap).
        let moved = [records];
        let records = &moved[0];
        assert_eq!(records.len(), 2);
        assert!(records.element(2).is_null(), "out of range");
        // SAFETY: in range; the records live as long as `moved`.
        let (first, second) = unsafe { (&*records.element(0), &*records.element(1)) };
        // SAFETY: present strings are NUL-terminated inside the block.
        unsafe {
            assert_eq!(CStr::from_ptr(first.ptr(RECORD_KEY)).to_bytes(), b"key");
            assert_eq!(
                CStr::from_ptr(first.ptr(RECORD_LAST_MODIFIED_BY)).to_bytes(),
                b""
            );
            assert_eq!(CStr::from_ptr(second.ptr(RECORD_KEY)).to_bytes(), b"k2");
            assert_eq!(*second.ptr(RECORD_VALUE).add(3), 0);
        }
        assert!(first.ptr(RECORD_VALUE).is_null());
        assert_eq!(first.len(RECORD_VALUE), 0);
        assert!(second.ptr(RECORD_LAST_MODIFIED_BY).is_null());
        assert_eq!(second.len(RECORD_VALUE), 3);
        assert_eq!(second.bytes(RECORD_VALUE), Some(&b"a\0b"[..]));
        assert_eq!(second.sync_count, Some(3));
        assert!(format!("{records:?}").contains("k2"));
    }

    #[test]
    fn no_records_no_text() {
        let records = Records::new(Vec::new());
        assert_eq!(records.len(), 0);
        assert!(records.element(0).is_null());
    }
}
