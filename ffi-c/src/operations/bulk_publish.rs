//! Bulk publish to Cognito streams: BulkPublish, GetBulkPublishDetails.

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
use crate::time;

// ---- BulkPublish ----

/// Request of BulkPublish. Fill it (e.g. with a C99 designated initializer; unset members are
/// NULL = absent) and pass it to `cognito_sync_bulk_publish` or
/// `cognito_sync_bulk_publish_start`; it is only read during that call. Strings are NUL-
/// terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_bulk_publish_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
}

/// Result of BulkPublish. Ownership: written to `*out` by `cognito_sync_bulk_publish` or
/// `cognito_sync_bulk_publish_finish`, owned by the caller, released with
/// `cognito_sync_bulk_publish_output_free`. Strings and shapes read from it are borrowed and
/// valid until then. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_bulk_publish_output {
    identity_pool_id: Option<CStrBuf>,
}

impl From<model::BulkPublishOutput> for cognito_sync_bulk_publish_output {
    fn from(v: model::BulkPublishOutput) -> Self {
        Self {
            identity_pool_id: cstr::opt(v.identity_pool_id),
        }
    }
}

pub(crate) struct BulkPublish;

impl OpSpec for BulkPublish {
    const NAME: &'static CStr = c"bulk_publish";
    type Request = cognito_sync_bulk_publish_request;
    type Input = model::BulkPublishInput;
    type Output = cognito_sync_bulk_publish_output;

    unsafe fn read(
        request: &cognito_sync_bulk_publish_request,
    ) -> FfiResult<model::BulkPublishInput> {
        Ok(model::BulkPublishInput {
            // SAFETY: `request.identity_pool_id` is NULL or a NUL-terminated string, per the
            // header.
            identity_pool_id: unsafe {
                ffi::try_str(request.identity_pool_id, "identity_pool_id")
            }?
            .to_owned(),
        })
    }

    async fn call(
        client: cognito_sync_core::Client,
        input: model::BulkPublishInput,
    ) -> FfiResult<cognito_sync_bulk_publish_output> {
        client
            .bulk_publish(input)
            .await
            .map(Into::into)
            .map_err(FfiError::from)
    }
}

/// Starts a bulk publish of all existing datasets of the pool to its Cognito stream (developer
/// credentials).
///
/// Blocking: returns when the call is complete. On success writes a new
/// `cognito_sync_bulk_publish_output` to `*out` (free it with
/// `cognito_sync_bulk_publish_output_free`) and returns `COGNITO_SYNC_STATUS_OK`. On failure
/// returns the error status, writes an error object to `*err_out` if `err_out` is not NULL, and
/// leaves `*out` untouched.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_bulk_publish_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_bulk_publish(
    client: *const cognito_sync_client,
    request: *const cognito_sync_bulk_publish_request,
    out: *mut *mut cognito_sync_bulk_publish_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking::<BulkPublish>(client, request, out) }
    })
}

/// BulkPublish, non-blocking: reads the request, starts the call and returns at once without
/// waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with `cognito_sync_bulk_publish_finish`, and free
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
pub unsafe extern "C" fn cognito_sync_bulk_publish_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_bulk_publish_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::start::<BulkPublish>(client, request, callback, user_data, op_out) }
    })
}

/// Takes the result of an operation started by `cognito_sync_bulk_publish_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (writing nothing, no error object) while it runs. Once
/// finished: on success writes a new `cognito_sync_bulk_publish_output` to `*out` (free it with
/// `cognito_sync_bulk_publish_output_free`) and returns `COGNITO_SYNC_STATUS_OK`; on failure
/// returns the operation's error status and writes its error object to `*err_out` if `err_out`
/// is not NULL. The result can be taken once; later calls return
/// `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_bulk_publish_finish(
    op: *mut cognito_sync_op,
    out: *mut *mut cognito_sync_bulk_publish_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish::<BulkPublish>(op, out) }
    })
}

/// The identity pool that was published. NULL when absent (or when `obj` is NULL). Valid until
/// `cognito_sync_bulk_publish_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_bulk_publish_output_identity_pool_id(
    obj: *const cognito_sync_bulk_publish_output,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.identity_pool_id))
    })
}

/// Frees a `cognito_sync_bulk_publish_output`. Freeing NULL does nothing. Every pointer read
/// from it becomes invalid.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_bulk_publish_output_free(
    out: *mut cognito_sync_bulk_publish_output,
) {
    crate::ffi_guard_value!((), {
        // SAFETY: `out` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(out) }
    })
}

// ---- GetBulkPublishDetails ----

/// Request of GetBulkPublishDetails. Fill it (e.g. with a C99 designated initializer; unset
/// members are NULL = absent) and pass it to `cognito_sync_get_bulk_publish_details` or
/// `cognito_sync_get_bulk_publish_details_start`; it is only read during that call. Strings are
/// NUL-terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_get_bulk_publish_details_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
}

/// Result of GetBulkPublishDetails. Ownership: written to `*out` by
/// `cognito_sync_get_bulk_publish_details` or `cognito_sync_get_bulk_publish_details_finish`,
/// owned by the caller, released with `cognito_sync_get_bulk_publish_details_output_free`.
/// Strings and shapes read from it are borrowed and valid until then. Immutable: may be read
/// from any thread.
#[derive(Debug)]
pub struct cognito_sync_get_bulk_publish_details_output {
    identity_pool_id: Option<CStrBuf>,
    bulk_publish_start_time: Option<i64>,
    bulk_publish_complete_time: Option<i64>,
    bulk_publish_status: Option<CStrBuf>,
    failure_message: Option<CStrBuf>,
}

impl From<model::GetBulkPublishDetailsOutput> for cognito_sync_get_bulk_publish_details_output {
    fn from(v: model::GetBulkPublishDetailsOutput) -> Self {
        Self {
            identity_pool_id: cstr::opt(v.identity_pool_id),
            bulk_publish_start_time: v.bulk_publish_start_time.map(time::to_millis),
            bulk_publish_complete_time: v.bulk_publish_complete_time.map(time::to_millis),
            bulk_publish_status: v.bulk_publish_status.map(|e| CStrBuf::from(e.as_str())),
            failure_message: cstr::opt(v.failure_message),
        }
    }
}

pub(crate) struct GetBulkPublishDetails;

impl OpSpec for GetBulkPublishDetails {
    const NAME: &'static CStr = c"get_bulk_publish_details";
    type Request = cognito_sync_get_bulk_publish_details_request;
    type Input = model::GetBulkPublishDetailsInput;
    type Output = cognito_sync_get_bulk_publish_details_output;

    unsafe fn read(
        request: &cognito_sync_get_bulk_publish_details_request,
    ) -> FfiResult<model::GetBulkPublishDetailsInput> {
        Ok(model::GetBulkPublishDetailsInput {
            // SAFETY: `request.identity_pool_id` is NULL or a NUL-terminated string, per the
            // header.
            identity_pool_id: unsafe {
                ffi::try_str(request.identity_pool_id, "identity_pool_id")
            }?
            .to_owned(),
        })
    }

    async fn call(
        client: cognito_sync_core::Client,
        input: model::GetBulkPublishDetailsInput,
    ) -> FfiResult<cognito_sync_get_bulk_publish_details_output> {
        client
            .get_bulk_publish_details(input)
            .await
            .map(Into::into)
            .map_err(FfiError::from)
    }
}

/// Reports the status of the last bulk publish of the pool (developer credentials).
///
/// Blocking: returns when the call is complete. On success writes a new
/// `cognito_sync_get_bulk_publish_details_output` to `*out` (free it with
/// `cognito_sync_get_bulk_publish_details_output_free`) and returns `COGNITO_SYNC_STATUS_OK`.
/// On failure returns the error status, writes an error object to `*err_out` if `err_out` is
/// not NULL, and leaves `*out` untouched.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_get_bulk_publish_details_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_bulk_publish_details(
    client: *const cognito_sync_client,
    request: *const cognito_sync_get_bulk_publish_details_request,
    out: *mut *mut cognito_sync_get_bulk_publish_details_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking::<GetBulkPublishDetails>(client, request, out) }
    })
}

/// GetBulkPublishDetails, non-blocking: reads the request, starts the call and returns at once
/// without waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with
/// `cognito_sync_get_bulk_publish_details_finish`, and free it with `cognito_sync_op_free`
/// (freeing it earlier cancels the call). If `callback` is not NULL it is called once when the
/// call completes, on a library worker thread, with `user_data` (see `cognito_sync_callback`).
/// If the request cannot be read (NULL argument, invalid UTF-8, unknown enum value) returns the
/// status, writes an error object to `*err_out` if `err_out` is not NULL, leaves `*op_out`
/// untouched and never calls `callback`. Every later failure, client-side validation
/// (`COGNITO_SYNC_STATUS_VALIDATION`) included, is the outcome of the operation, reported by
/// poll/wait/finish and the callback.
///
/// Thread-safe; may be called from inside a library callback.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_bulk_publish_details_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_get_bulk_publish_details_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe {
            call::start::<GetBulkPublishDetails>(client, request, callback, user_data, op_out)
        }
    })
}

/// Takes the result of an operation started by `cognito_sync_get_bulk_publish_details_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (writing nothing, no error object) while it runs. Once
/// finished: on success writes a new `cognito_sync_get_bulk_publish_details_output` to `*out`
/// (free it with `cognito_sync_get_bulk_publish_details_output_free`) and returns
/// `COGNITO_SYNC_STATUS_OK`; on failure returns the operation's error status and writes its
/// error object to `*err_out` if `err_out` is not NULL. The result can be taken once; later
/// calls return `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_bulk_publish_details_finish(
    op: *mut cognito_sync_op,
    out: *mut *mut cognito_sync_get_bulk_publish_details_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish::<GetBulkPublishDetails>(op, out) }
    })
}

/// The identity pool. NULL when absent (or when `obj` is NULL). Valid until
/// `cognito_sync_get_bulk_publish_details_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_bulk_publish_details_output_identity_pool_id(
    obj: *const cognito_sync_get_bulk_publish_details_output,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.identity_pool_id))
    })
}

/// When the last bulk publish started, in milliseconds since the Unix epoch. Returns true and
/// writes the value to `*value` (when `value` is not NULL) if present; returns false and writes
/// nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_bulk_publish_details_output_bulk_publish_start_time(
    obj: *const cognito_sync_get_bulk_publish_details_output,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.bulk_publish_start_time);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// When the last bulk publish completed, in milliseconds since the Unix epoch. Returns true and
/// writes the value to `*value` (when `value` is not NULL) if present; returns false and writes
/// nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_bulk_publish_details_output_bulk_publish_complete_time(
    obj: *const cognito_sync_get_bulk_publish_details_output,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.bulk_publish_complete_time);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// The status: "NOT_STARTED", "IN_PROGRESS", "FAILED", "SUCCEEDED" (or a newer value verbatim).
/// NULL when absent (or when `obj` is NULL). Valid until
/// `cognito_sync_get_bulk_publish_details_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_bulk_publish_details_output_bulk_publish_status(
    obj: *const cognito_sync_get_bulk_publish_details_output,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.bulk_publish_status))
    })
}

/// Why the last bulk publish failed, if it did. NULL when absent (or when `obj` is NULL). Valid
/// until `cognito_sync_get_bulk_publish_details_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_bulk_publish_details_output_failure_message(
    obj: *const cognito_sync_get_bulk_publish_details_output,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.failure_message))
    })
}

/// Frees a `cognito_sync_get_bulk_publish_details_output`. Freeing NULL does nothing. Every
/// pointer read from it becomes invalid.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_bulk_publish_details_output_free(
    out: *mut cognito_sync_get_bulk_publish_details_output,
) {
    crate::ffi_guard_value!((), {
        // SAFETY: `out` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(out) }
    })
}
