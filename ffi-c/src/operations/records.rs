//! Records: ListRecords, UpdateRecords.

use std::ffi::{c_char, c_void, CStr};

use cognito_sync_core::model;

use crate::call::{self, OpSpec};
use crate::client::cognito_sync_client;
use crate::cstr::{self, CStrBuf};
use crate::error::{cognito_sync_error, FfiError, FfiResult};
use crate::ffi;
use crate::inputs::{self, *};
use crate::op::{cognito_sync_callback, cognito_sync_op};
use crate::shapes::*;
use crate::status::cognito_sync_status;

// ---- ListRecords ----

/// Request of ListRecords. Fill it (e.g. with a C99 designated initializer; unset members are
/// NULL = absent) and pass it to `cognito_sync_list_records` or
/// `cognito_sync_list_records_start`; it is only read during that call. Strings are NUL-
/// terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_list_records_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
    /// Required. The identity, `REGION:GUID`.
    pub identity_id: *const c_char,
    /// Required. The dataset name (1-128 of `[a-zA-Z0-9_.:-]`).
    pub dataset_name: *const c_char,
    /// Optional (NULL = absent). Return only records changed after this dataset sync count;
    /// NULL (or 0) for all.
    pub last_sync_count: *const i64,
    /// Optional (NULL = absent). Token of the page to fetch, from the previous page's
    /// `next_token`; NULL for the first page.
    pub next_token: *const c_char,
    /// Optional (NULL = absent). Maximum number of items in the page; NULL for the service
    /// default.
    pub max_results: *const i32,
    /// Optional (NULL = absent). A session token from an earlier ListRecords to continue that
    /// session; NULL for a new one.
    pub sync_session_token: *const c_char,
}

/// Result of ListRecords. Ownership: written to `*out` by `cognito_sync_list_records` or
/// `cognito_sync_list_records_finish`, owned by the caller, released with
/// `cognito_sync_list_records_output_free`. Strings and shapes read from it are borrowed and
/// valid until then. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_list_records_output {
    records: Records,
    next_token: Option<CStrBuf>,
    count: Option<i32>,
    dataset_sync_count: Option<i64>,
    last_modified_by: Option<CStrBuf>,
    merged_dataset_names: Vec<CStrBuf>,
    dataset_exists: Option<bool>,
    dataset_deleted_after_requested_sync_count: Option<bool>,
    sync_session_token: Option<CStrBuf>,
}

impl From<model::ListRecordsOutput> for cognito_sync_list_records_output {
    fn from(v: model::ListRecordsOutput) -> Self {
        Self {
            records: Records::new(v.records.unwrap_or_default()),
            next_token: cstr::opt(v.next_token),
            count: v.count,
            dataset_sync_count: v.dataset_sync_count,
            last_modified_by: cstr::opt(v.last_modified_by),
            merged_dataset_names: v
                .merged_dataset_names
                .unwrap_or_default()
                .into_iter()
                .map(CStrBuf::from)
                .collect(),
            dataset_exists: v.dataset_exists,
            dataset_deleted_after_requested_sync_count: v
                .dataset_deleted_after_requested_sync_count,
            sync_session_token: cstr::opt(v.sync_session_token),
        }
    }
}

pub(crate) struct ListRecords;

impl OpSpec for ListRecords {
    const NAME: &'static CStr = c"list_records";
    type Request = cognito_sync_list_records_request;
    type Input = model::ListRecordsInput;
    type Output = cognito_sync_list_records_output;

    unsafe fn read(
        request: &cognito_sync_list_records_request,
    ) -> FfiResult<model::ListRecordsInput> {
        Ok(model::ListRecordsInput {
            // SAFETY: `request.identity_pool_id` is NULL or a NUL-terminated string, per the
            // header.
            identity_pool_id: unsafe {
                ffi::try_str(request.identity_pool_id, "identity_pool_id")
            }?
            .to_owned(),
            // SAFETY: `request.identity_id` is NULL or a NUL-terminated string, per the header.
            identity_id: unsafe { ffi::try_str(request.identity_id, "identity_id") }?.to_owned(),
            // SAFETY: `request.dataset_name` is NULL or a NUL-terminated string, per the header.
            dataset_name: unsafe { ffi::try_str(request.dataset_name, "dataset_name") }?.to_owned(),
            // SAFETY: `request.last_sync_count` is NULL or points to a readable value, per the
            // header.
            last_sync_count: unsafe { ffi::opt_value(request.last_sync_count, "last_sync_count") }?,
            // SAFETY: `request.next_token` is NULL or a NUL-terminated string, per the header.
            next_token: unsafe { ffi::opt_str(request.next_token, "next_token") }?
                .map(str::to_owned),
            // SAFETY: `request.max_results` is NULL or points to a readable value, per the header.
            max_results: unsafe { ffi::opt_value(request.max_results, "max_results") }?,
            // SAFETY: `request.sync_session_token` is NULL or a NUL-terminated string, per the
            // header.
            sync_session_token: unsafe {
                ffi::opt_str(request.sync_session_token, "sync_session_token")
            }?
            .map(str::to_owned),
        })
    }

    async fn call(
        client: cognito_sync_core::Client,
        input: model::ListRecordsInput,
    ) -> FfiResult<cognito_sync_list_records_output> {
        client
            .list_records(input)
            .await
            .map(Into::into)
            .map_err(FfiError::from)
    }
}

/// Lists one page of the records of a dataset changed after a sync count, with the session
/// token that UpdateRecords needs. A dataset that does not exist is not an error
/// (`dataset_exists` is false).
///
/// Blocking: returns when the call is complete. On success writes a new
/// `cognito_sync_list_records_output` to `*out` (free it with
/// `cognito_sync_list_records_output_free`) and returns `COGNITO_SYNC_STATUS_OK`. On failure
/// returns the error status, writes an error object to `*err_out` if `err_out` is not NULL, and
/// leaves `*out` untouched.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_list_records_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records(
    client: *const cognito_sync_client,
    request: *const cognito_sync_list_records_request,
    out: *mut *mut cognito_sync_list_records_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking::<ListRecords>(client, request, out) }
    })
}

/// ListRecords, non-blocking: reads the request, starts the call and returns at once without
/// waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with `cognito_sync_list_records_finish`, and free
/// it with `cognito_sync_op_free` (freeing it earlier cancels the call). If `callback` is not
/// NULL it is called once when the call completes, on a library worker thread, with `user_data`
/// (see `cognito_sync_callback`). If the request cannot be read (NULL argument, invalid UTF-8,
/// unknown enum value) returns the status, writes an error object to `*err_out` if `err_out` is
/// not NULL, leaves `*op_out` untouched and never calls `callback`. Every later failure,
/// client-side validation (`COGNITO_SYNC_STATUS_VALIDATION`) included, is the outcome of the
/// operation, reported by poll/wait/finish and the callback.
///
/// Thread-safe; may be called from inside a library callback.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_list_records_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::start::<ListRecords>(client, request, callback, user_data, op_out) }
    })
}

/// Takes the result of an operation started by `cognito_sync_list_records_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (writing nothing, no error object) while it runs. Once
/// finished: on success writes a new `cognito_sync_list_records_output` to `*out` (free it with
/// `cognito_sync_list_records_output_free`) and returns `COGNITO_SYNC_STATUS_OK`; on failure
/// returns the operation's error status and writes its error object to `*err_out` if `err_out`
/// is not NULL. The result can be taken once; later calls return
/// `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records_finish(
    op: *mut cognito_sync_op,
    out: *mut *mut cognito_sync_list_records_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish::<ListRecords>(op, out) }
    })
}

/// Number of items in `records` (0 when absent or when `obj` is NULL).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records_output_record_count(
    obj: *const cognito_sync_list_records_output,
) -> usize {
    crate::ffi_guard_value!(0, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(0, |o| o.records.len())
    })
}

/// The records of this page; a record without value is a deletion. Item `index` (0-based); NULL
/// when out of range or `obj` is NULL. Borrowed: Valid until
/// `cognito_sync_list_records_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records_output_record(
    obj: *const cognito_sync_list_records_output,
    index: usize,
) -> *const cognito_sync_record {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| o.records.element(index))
    })
}

/// Token of the next page; NULL on the last page. NULL when absent (or when `obj` is NULL).
/// Valid until `cognito_sync_list_records_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records_output_next_token(
    obj: *const cognito_sync_list_records_output,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.next_token))
    })
}

/// Number of records in this page. Returns true and writes the value to `*value` (when `value`
/// is not NULL) if present; returns false and writes nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records_output_count(
    obj: *const cognito_sync_list_records_output,
    value: *mut i32,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.count);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// The dataset's current sync count. Returns true and writes the value to `*value` (when
/// `value` is not NULL) if present; returns false and writes nothing if absent or `obj` is
/// NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records_output_dataset_sync_count(
    obj: *const cognito_sync_list_records_output,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.dataset_sync_count);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// Who changed the dataset last. NULL when absent (or when `obj` is NULL). Valid until
/// `cognito_sync_list_records_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records_output_last_modified_by(
    obj: *const cognito_sync_list_records_output,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.last_modified_by))
    })
}

/// Number of items in `merged_dataset_names` (0 when absent or when `obj` is NULL).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records_output_merged_dataset_name_count(
    obj: *const cognito_sync_list_records_output,
) -> usize {
    crate::ffi_guard_value!(0, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(0, |o| o.merged_dataset_names.len())
    })
}

/// Datasets merged into this one (identity merges), named `NAME.IDENTITY`. Item `index`
/// (0-based); NULL when out of range or `obj` is NULL. Valid until
/// `cognito_sync_list_records_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records_output_merged_dataset_name(
    obj: *const cognito_sync_list_records_output,
    index: usize,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .and_then(|o| o.merged_dataset_names.get(index))
            .map_or(std::ptr::null(), CStrBuf::as_ptr)
    })
}

/// Whether the dataset exists. Returns true and writes the value to `*value` (when `value` is
/// not NULL) if present; returns false and writes nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records_output_dataset_exists(
    obj: *const cognito_sync_list_records_output,
    value: *mut bool,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.dataset_exists);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// Whether the dataset was deleted after the requested sync count. Returns true and writes the
/// value to `*value` (when `value` is not NULL) if present; returns false and writes nothing if
/// absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records_output_dataset_deleted_after_requested_sync_count(
    obj: *const cognito_sync_list_records_output,
    value: *mut bool,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found =
            unsafe { ffi::opt_ref(obj) }.and_then(|o| o.dataset_deleted_after_requested_sync_count);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// The session token to pass to UpdateRecords. NULL when absent (or when `obj` is NULL). Valid
/// until `cognito_sync_list_records_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records_output_sync_session_token(
    obj: *const cognito_sync_list_records_output,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.sync_session_token))
    })
}

/// Frees a `cognito_sync_list_records_output`. Freeing NULL does nothing. Every pointer read
/// from it becomes invalid.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_records_output_free(
    out: *mut cognito_sync_list_records_output,
) {
    crate::ffi_guard_value!((), {
        // SAFETY: `out` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(out) }
    })
}

// ---- UpdateRecords ----

/// Request of UpdateRecords. Fill it (e.g. with a C99 designated initializer; unset members are
/// NULL = absent) and pass it to `cognito_sync_update_records` or
/// `cognito_sync_update_records_start`; it is only read during that call. Strings are NUL-
/// terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_update_records_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
    /// Required. The identity, `REGION:GUID`.
    pub identity_id: *const c_char,
    /// Required. The dataset name (1-128 of `[a-zA-Z0-9_.:-]`).
    pub dataset_name: *const c_char,
    /// Optional (NULL = absent). The device id from RegisterDevice, or NULL.
    pub device_id: *const c_char,
    /// Array of `record_patch_count` items (NULL allowed when the count is 0); NULL = absent.
    /// The changes to apply.
    pub record_patches: *const cognito_sync_record_patch,
    /// Number of items in `record_patches`.
    pub record_patch_count: usize,
    /// Required. The session token from the ListRecords of this sync.
    pub sync_session_token: *const c_char,
    /// Optional (NULL = absent). Base64 client context (`x-amz-Client-Context`), or NULL.
    pub client_context: *const c_char,
}

/// Result of UpdateRecords. Ownership: written to `*out` by `cognito_sync_update_records` or
/// `cognito_sync_update_records_finish`, owned by the caller, released with
/// `cognito_sync_update_records_output_free`. Strings and shapes read from it are borrowed and
/// valid until then. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_update_records_output {
    records: Records,
}

impl From<model::UpdateRecordsOutput> for cognito_sync_update_records_output {
    fn from(v: model::UpdateRecordsOutput) -> Self {
        Self {
            records: Records::new(v.records.unwrap_or_default()),
        }
    }
}

pub(crate) struct UpdateRecords;

impl OpSpec for UpdateRecords {
    const NAME: &'static CStr = c"update_records";
    type Request = cognito_sync_update_records_request;
    type Input = model::UpdateRecordsInput;
    type Output = cognito_sync_update_records_output;

    unsafe fn read(
        request: &cognito_sync_update_records_request,
    ) -> FfiResult<model::UpdateRecordsInput> {
        Ok(model::UpdateRecordsInput {
            // SAFETY: `request.identity_pool_id` is NULL or a NUL-terminated string, per the
            // header.
            identity_pool_id: unsafe {
                ffi::try_str(request.identity_pool_id, "identity_pool_id")
            }?
            .to_owned(),
            // SAFETY: `request.identity_id` is NULL or a NUL-terminated string, per the header.
            identity_id: unsafe { ffi::try_str(request.identity_id, "identity_id") }?.to_owned(),
            // SAFETY: `request.dataset_name` is NULL or a NUL-terminated string, per the header.
            dataset_name: unsafe { ffi::try_str(request.dataset_name, "dataset_name") }?.to_owned(),
            // SAFETY: `request.device_id` is NULL or a NUL-terminated string, per the header.
            device_id: unsafe { ffi::opt_str(request.device_id, "device_id") }?.map(str::to_owned),
            // SAFETY: each pointer argument is NULL or valid as the header requires.
            record_patches: unsafe {
                inputs::record_patches(request.record_patches, request.record_patch_count)
            }?,
            // SAFETY: `request.sync_session_token` is NULL or a NUL-terminated string, per the
            // header.
            sync_session_token: unsafe {
                ffi::try_str(request.sync_session_token, "sync_session_token")
            }?
            .to_owned(),
            // SAFETY: `request.client_context` is NULL or a NUL-terminated string, per the header.
            client_context: unsafe { ffi::opt_str(request.client_context, "client_context") }?
                .map(str::to_owned),
        })
    }

    async fn call(
        client: cognito_sync_core::Client,
        input: model::UpdateRecordsInput,
    ) -> FfiResult<cognito_sync_update_records_output> {
        client
            .update_records(input)
            .await
            .map(Into::into)
            .map_err(FfiError::from)
    }
}

/// Applies record patches to a dataset (creating it if needed). Fails with
/// `COGNITO_SYNC_STATUS_RESOURCE_CONFLICT` and applies nothing when a patch's sync count is
/// stale.
///
/// Blocking: returns when the call is complete. On success writes a new
/// `cognito_sync_update_records_output` to `*out` (free it with
/// `cognito_sync_update_records_output_free`) and returns `COGNITO_SYNC_STATUS_OK`. On failure
/// returns the error status, writes an error object to `*err_out` if `err_out` is not NULL, and
/// leaves `*out` untouched.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_update_records_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_update_records(
    client: *const cognito_sync_client,
    request: *const cognito_sync_update_records_request,
    out: *mut *mut cognito_sync_update_records_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking::<UpdateRecords>(client, request, out) }
    })
}

/// UpdateRecords, non-blocking: reads the request, starts the call and returns at once without
/// waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with `cognito_sync_update_records_finish`, and
/// free it with `cognito_sync_op_free` (freeing it earlier cancels the call). If `callback` is
/// not NULL it is called once when the call completes, on a library worker thread, with
/// `user_data` (see `cognito_sync_callback`). If the request cannot be read (NULL argument,
/// invalid UTF-8, unknown enum value) returns the status, writes an error object to `*err_out`
/// if `err_out` is not NULL, leaves `*op_out` untouched and never calls `callback`. Every later
/// failure, client-side validation (`COGNITO_SYNC_STATUS_VALIDATION`) included, is the outcome
/// of the operation, reported by poll/wait/finish and the callback.
///
/// Thread-safe; may be called from inside a library callback.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_update_records_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_update_records_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::start::<UpdateRecords>(client, request, callback, user_data, op_out) }
    })
}

/// Takes the result of an operation started by `cognito_sync_update_records_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (writing nothing, no error object) while it runs. Once
/// finished: on success writes a new `cognito_sync_update_records_output` to `*out` (free it
/// with `cognito_sync_update_records_output_free`) and returns `COGNITO_SYNC_STATUS_OK`; on
/// failure returns the operation's error status and writes its error object to `*err_out` if
/// `err_out` is not NULL. The result can be taken once; later calls return
/// `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_update_records_finish(
    op: *mut cognito_sync_op,
    out: *mut *mut cognito_sync_update_records_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish::<UpdateRecords>(op, out) }
    })
}

/// Number of items in `records` (0 when absent or when `obj` is NULL).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_update_records_output_record_count(
    obj: *const cognito_sync_update_records_output,
) -> usize {
    crate::ffi_guard_value!(0, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(0, |o| o.records.len())
    })
}

/// The records as written, with their new sync counts. Item `index` (0-based); NULL when out of
/// range or `obj` is NULL. Borrowed: Valid until `cognito_sync_update_records_output_free` is
/// called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_update_records_output_record(
    obj: *const cognito_sync_update_records_output,
    index: usize,
) -> *const cognito_sync_record {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| o.records.element(index))
    })
}

/// Frees a `cognito_sync_update_records_output`. Freeing NULL does nothing. Every pointer read
/// from it becomes invalid.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_update_records_output_free(
    out: *mut cognito_sync_update_records_output,
) {
    crate::ffi_guard_value!((), {
        // SAFETY: `out` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(out) }
    })
}
