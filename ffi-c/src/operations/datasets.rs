//! Datasets: DeleteDataset, DescribeDataset, ListDatasets.

use std::ffi::{c_char, c_void, CStr};

use cognito_sync_core::model;

use crate::call::{self, OpSpec};
use crate::client::cognito_sync_client;
use crate::cstr::{self, CStrBuf};
use crate::error::{cognito_sync_error, FfiError, FfiResult};
use crate::ffi;
use crate::op::{cognito_sync_callback, cognito_sync_op};
use crate::shapes::*;
use crate::status::cognito_sync_status;

// ---- DeleteDataset ----

/// Request of DeleteDataset. Fill it (e.g. with a C99 designated initializer; unset members are
/// NULL = absent) and pass it to `cognito_sync_delete_dataset` or
/// `cognito_sync_delete_dataset_start`; it is only read during that call. Strings are NUL-
/// terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_delete_dataset_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
    /// Required. The identity, `REGION:GUID`.
    pub identity_id: *const c_char,
    /// Required. The dataset name (1-128 of `[a-zA-Z0-9_.:-]`).
    pub dataset_name: *const c_char,
}

/// Result of DeleteDataset. Ownership: written to `*out` by `cognito_sync_delete_dataset` or
/// `cognito_sync_delete_dataset_finish`, owned by the caller, released with
/// `cognito_sync_delete_dataset_output_free`. Strings and shapes read from it are borrowed and
/// valid until then. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_delete_dataset_output {
    dataset: Option<cognito_sync_dataset_metadata>,
}

impl From<model::DeleteDatasetOutput> for cognito_sync_delete_dataset_output {
    fn from(v: model::DeleteDatasetOutput) -> Self {
        Self {
            dataset: v.dataset.map(Into::into),
        }
    }
}

pub(crate) struct DeleteDataset;

impl OpSpec for DeleteDataset {
    const NAME: &'static CStr = c"delete_dataset";
    type Request = cognito_sync_delete_dataset_request;
    type Input = model::DeleteDatasetInput;
    type Output = cognito_sync_delete_dataset_output;

    unsafe fn read(
        request: &cognito_sync_delete_dataset_request,
    ) -> FfiResult<model::DeleteDatasetInput> {
        Ok(model::DeleteDatasetInput {
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
        })
    }

    async fn call(
        client: cognito_sync_core::Client,
        input: model::DeleteDatasetInput,
    ) -> FfiResult<cognito_sync_delete_dataset_output> {
        client
            .delete_dataset(input)
            .await
            .map(Into::into)
            .map_err(FfiError::from)
    }
}

/// Deletes a dataset and its records; later ListRecords see it as deleted.
///
/// Blocking: returns when the call is complete. On success writes a new
/// `cognito_sync_delete_dataset_output` to `*out` (free it with
/// `cognito_sync_delete_dataset_output_free`) and returns `COGNITO_SYNC_STATUS_OK`. On failure
/// returns the error status, writes an error object to `*err_out` if `err_out` is not NULL, and
/// leaves `*out` untouched.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_delete_dataset_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_delete_dataset(
    client: *const cognito_sync_client,
    request: *const cognito_sync_delete_dataset_request,
    out: *mut *mut cognito_sync_delete_dataset_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking::<DeleteDataset>(client, request, out) }
    })
}

/// DeleteDataset, non-blocking: reads the request, starts the call and returns at once without
/// waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with `cognito_sync_delete_dataset_finish`, and
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
pub unsafe extern "C" fn cognito_sync_delete_dataset_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_delete_dataset_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::start::<DeleteDataset>(client, request, callback, user_data, op_out) }
    })
}

/// Takes the result of an operation started by `cognito_sync_delete_dataset_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (writing nothing, no error object) while it runs. Once
/// finished: on success writes a new `cognito_sync_delete_dataset_output` to `*out` (free it
/// with `cognito_sync_delete_dataset_output_free`) and returns `COGNITO_SYNC_STATUS_OK`; on
/// failure returns the operation's error status and writes its error object to `*err_out` if
/// `err_out` is not NULL. The result can be taken once; later calls return
/// `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_delete_dataset_finish(
    op: *mut cognito_sync_op,
    out: *mut *mut cognito_sync_delete_dataset_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish::<DeleteDataset>(op, out) }
    })
}

/// The dataset as it was before deletion. NULL when absent (or when `obj` is NULL). Borrowed:
/// Valid until `cognito_sync_delete_dataset_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_delete_dataset_output_dataset(
    obj: *const cognito_sync_delete_dataset_output,
) -> *const cognito_sync_dataset_metadata {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .and_then(|o| o.dataset.as_ref())
            .map_or(std::ptr::null(), |s| {
                s as *const cognito_sync_dataset_metadata
            })
    })
}

/// Frees a `cognito_sync_delete_dataset_output`. Freeing NULL does nothing. Every pointer read
/// from it becomes invalid.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_delete_dataset_output_free(
    out: *mut cognito_sync_delete_dataset_output,
) {
    crate::ffi_guard_value!((), {
        // SAFETY: `out` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(out) }
    })
}

// ---- DescribeDataset ----

/// Request of DescribeDataset. Fill it (e.g. with a C99 designated initializer; unset members
/// are NULL = absent) and pass it to `cognito_sync_describe_dataset` or
/// `cognito_sync_describe_dataset_start`; it is only read during that call. Strings are NUL-
/// terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_describe_dataset_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
    /// Required. The identity, `REGION:GUID`.
    pub identity_id: *const c_char,
    /// Required. The dataset name (1-128 of `[a-zA-Z0-9_.:-]`).
    pub dataset_name: *const c_char,
}

/// Result of DescribeDataset. Ownership: written to `*out` by `cognito_sync_describe_dataset`
/// or `cognito_sync_describe_dataset_finish`, owned by the caller, released with
/// `cognito_sync_describe_dataset_output_free`. Strings and shapes read from it are borrowed
/// and valid until then. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_describe_dataset_output {
    dataset: Option<cognito_sync_dataset_metadata>,
}

impl From<model::DescribeDatasetOutput> for cognito_sync_describe_dataset_output {
    fn from(v: model::DescribeDatasetOutput) -> Self {
        Self {
            dataset: v.dataset.map(Into::into),
        }
    }
}

pub(crate) struct DescribeDataset;

impl OpSpec for DescribeDataset {
    const NAME: &'static CStr = c"describe_dataset";
    type Request = cognito_sync_describe_dataset_request;
    type Input = model::DescribeDatasetInput;
    type Output = cognito_sync_describe_dataset_output;

    unsafe fn read(
        request: &cognito_sync_describe_dataset_request,
    ) -> FfiResult<model::DescribeDatasetInput> {
        Ok(model::DescribeDatasetInput {
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
        })
    }

    async fn call(
        client: cognito_sync_core::Client,
        input: model::DescribeDatasetInput,
    ) -> FfiResult<cognito_sync_describe_dataset_output> {
        client
            .describe_dataset(input)
            .await
            .map(Into::into)
            .map_err(FfiError::from)
    }
}

/// Reads a dataset's metadata (creation and change dates, size, record count).
///
/// Blocking: returns when the call is complete. On success writes a new
/// `cognito_sync_describe_dataset_output` to `*out` (free it with
/// `cognito_sync_describe_dataset_output_free`) and returns `COGNITO_SYNC_STATUS_OK`. On
/// failure returns the error status, writes an error object to `*err_out` if `err_out` is not
/// NULL, and leaves `*out` untouched.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_describe_dataset_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_describe_dataset(
    client: *const cognito_sync_client,
    request: *const cognito_sync_describe_dataset_request,
    out: *mut *mut cognito_sync_describe_dataset_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking::<DescribeDataset>(client, request, out) }
    })
}

/// DescribeDataset, non-blocking: reads the request, starts the call and returns at once
/// without waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with `cognito_sync_describe_dataset_finish`, and
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
pub unsafe extern "C" fn cognito_sync_describe_dataset_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_describe_dataset_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::start::<DescribeDataset>(client, request, callback, user_data, op_out) }
    })
}

/// Takes the result of an operation started by `cognito_sync_describe_dataset_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (writing nothing, no error object) while it runs. Once
/// finished: on success writes a new `cognito_sync_describe_dataset_output` to `*out` (free it
/// with `cognito_sync_describe_dataset_output_free`) and returns `COGNITO_SYNC_STATUS_OK`; on
/// failure returns the operation's error status and writes its error object to `*err_out` if
/// `err_out` is not NULL. The result can be taken once; later calls return
/// `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_describe_dataset_finish(
    op: *mut cognito_sync_op,
    out: *mut *mut cognito_sync_describe_dataset_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish::<DescribeDataset>(op, out) }
    })
}

/// The dataset. NULL when absent (or when `obj` is NULL). Borrowed: Valid until
/// `cognito_sync_describe_dataset_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_describe_dataset_output_dataset(
    obj: *const cognito_sync_describe_dataset_output,
) -> *const cognito_sync_dataset_metadata {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .and_then(|o| o.dataset.as_ref())
            .map_or(std::ptr::null(), |s| {
                s as *const cognito_sync_dataset_metadata
            })
    })
}

/// Frees a `cognito_sync_describe_dataset_output`. Freeing NULL does nothing. Every pointer
/// read from it becomes invalid.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_describe_dataset_output_free(
    out: *mut cognito_sync_describe_dataset_output,
) {
    crate::ffi_guard_value!((), {
        // SAFETY: `out` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(out) }
    })
}

// ---- ListDatasets ----

/// Request of ListDatasets. Fill it (e.g. with a C99 designated initializer; unset members are
/// NULL = absent) and pass it to `cognito_sync_list_datasets` or
/// `cognito_sync_list_datasets_start`; it is only read during that call. Strings are NUL-
/// terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_list_datasets_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
    /// Required. The identity, `REGION:GUID`.
    pub identity_id: *const c_char,
    /// Optional (NULL = absent). Token of the page to fetch, from the previous page's
    /// `next_token`; NULL for the first page.
    pub next_token: *const c_char,
    /// Optional (NULL = absent). Maximum number of items in the page; NULL for the service
    /// default.
    pub max_results: *const i32,
}

/// Result of ListDatasets. Ownership: written to `*out` by `cognito_sync_list_datasets` or
/// `cognito_sync_list_datasets_finish`, owned by the caller, released with
/// `cognito_sync_list_datasets_output_free`. Strings and shapes read from it are borrowed and
/// valid until then. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_list_datasets_output {
    datasets: Vec<cognito_sync_dataset_metadata>,
    count: Option<i32>,
    next_token: Option<CStrBuf>,
}

impl From<model::ListDatasetsOutput> for cognito_sync_list_datasets_output {
    fn from(v: model::ListDatasetsOutput) -> Self {
        Self {
            datasets: v
                .datasets
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            count: v.count,
            next_token: cstr::opt(v.next_token),
        }
    }
}

pub(crate) struct ListDatasets;

impl OpSpec for ListDatasets {
    const NAME: &'static CStr = c"list_datasets";
    type Request = cognito_sync_list_datasets_request;
    type Input = model::ListDatasetsInput;
    type Output = cognito_sync_list_datasets_output;

    unsafe fn read(
        request: &cognito_sync_list_datasets_request,
    ) -> FfiResult<model::ListDatasetsInput> {
        Ok(model::ListDatasetsInput {
            // SAFETY: `request.identity_pool_id` is NULL or a NUL-terminated string, per the
            // header.
            identity_pool_id: unsafe {
                ffi::try_str(request.identity_pool_id, "identity_pool_id")
            }?
            .to_owned(),
            // SAFETY: `request.identity_id` is NULL or a NUL-terminated string, per the header.
            identity_id: unsafe { ffi::try_str(request.identity_id, "identity_id") }?.to_owned(),
            // SAFETY: `request.next_token` is NULL or a NUL-terminated string, per the header.
            next_token: unsafe { ffi::opt_str(request.next_token, "next_token") }?
                .map(str::to_owned),
            // SAFETY: `request.max_results` is NULL or points to a readable value, per the header.
            max_results: unsafe { ffi::opt_value(request.max_results, "max_results") }?,
        })
    }

    async fn call(
        client: cognito_sync_core::Client,
        input: model::ListDatasetsInput,
    ) -> FfiResult<cognito_sync_list_datasets_output> {
        client
            .list_datasets(input)
            .await
            .map(Into::into)
            .map_err(FfiError::from)
    }
}

/// Lists one page of the datasets of an identity.
///
/// Blocking: returns when the call is complete. On success writes a new
/// `cognito_sync_list_datasets_output` to `*out` (free it with
/// `cognito_sync_list_datasets_output_free`) and returns `COGNITO_SYNC_STATUS_OK`. On failure
/// returns the error status, writes an error object to `*err_out` if `err_out` is not NULL, and
/// leaves `*out` untouched.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_list_datasets_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_datasets(
    client: *const cognito_sync_client,
    request: *const cognito_sync_list_datasets_request,
    out: *mut *mut cognito_sync_list_datasets_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking::<ListDatasets>(client, request, out) }
    })
}

/// ListDatasets, non-blocking: reads the request, starts the call and returns at once without
/// waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with `cognito_sync_list_datasets_finish`, and free
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
pub unsafe extern "C" fn cognito_sync_list_datasets_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_list_datasets_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::start::<ListDatasets>(client, request, callback, user_data, op_out) }
    })
}

/// Takes the result of an operation started by `cognito_sync_list_datasets_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (writing nothing, no error object) while it runs. Once
/// finished: on success writes a new `cognito_sync_list_datasets_output` to `*out` (free it
/// with `cognito_sync_list_datasets_output_free`) and returns `COGNITO_SYNC_STATUS_OK`; on
/// failure returns the operation's error status and writes its error object to `*err_out` if
/// `err_out` is not NULL. The result can be taken once; later calls return
/// `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_datasets_finish(
    op: *mut cognito_sync_op,
    out: *mut *mut cognito_sync_list_datasets_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish::<ListDatasets>(op, out) }
    })
}

/// Number of items in `datasets` (0 when absent or when `obj` is NULL).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_datasets_output_dataset_count(
    obj: *const cognito_sync_list_datasets_output,
) -> usize {
    crate::ffi_guard_value!(0, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(0, |o| o.datasets.len())
    })
}

/// The datasets of this page. Item `index` (0-based); NULL when out of range or `obj` is NULL.
/// Borrowed: Valid until `cognito_sync_list_datasets_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_datasets_output_dataset(
    obj: *const cognito_sync_list_datasets_output,
    index: usize,
) -> *const cognito_sync_dataset_metadata {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| ffi::element(&o.datasets, index))
    })
}

/// Number of datasets in this page. Returns true and writes the value to `*value` (when `value`
/// is not NULL) if present; returns false and writes nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_datasets_output_count(
    obj: *const cognito_sync_list_datasets_output,
    value: *mut i32,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.count);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// Token of the next page; NULL on the last page. NULL when absent (or when `obj` is NULL).
/// Valid until `cognito_sync_list_datasets_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_datasets_output_next_token(
    obj: *const cognito_sync_list_datasets_output,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.next_token))
    })
}

/// Frees a `cognito_sync_list_datasets_output`. Freeing NULL does nothing. Every pointer read
/// from it becomes invalid.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_datasets_output_free(
    out: *mut cognito_sync_list_datasets_output,
) {
    crate::ffi_guard_value!((), {
        // SAFETY: `out` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(out) }
    })
}
