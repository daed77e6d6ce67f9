//! Cognito events (sync triggers): GetCognitoEvents, SetCognitoEvents.

use std::ffi::{c_char, c_void, CStr};

use cognito_sync_core::model;

use crate::call::{self, OpSpec};
use crate::client::cognito_sync_client;
use crate::cstr::CStrBuf;
use crate::error::{cognito_sync_error, FfiError, FfiResult};
use crate::ffi;
use crate::inputs::{self, *};
use crate::op::{cognito_sync_callback, cognito_sync_op};
use crate::shapes::*;
use crate::status::cognito_sync_status;

// ---- GetCognitoEvents ----

/// Request of GetCognitoEvents. Fill it (e.g. with a C99 designated initializer; unset members
/// are NULL = absent) and pass it to `cognito_sync_get_cognito_events` or
/// `cognito_sync_get_cognito_events_start`; it is only read during that call. Strings are NUL-
/// terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_get_cognito_events_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
}

/// Result of GetCognitoEvents. Ownership: written to `*out` by
/// `cognito_sync_get_cognito_events` or `cognito_sync_get_cognito_events_finish`, owned by the
/// caller, released with `cognito_sync_get_cognito_events_output_free`. Strings and shapes read
/// from it are borrowed and valid until then. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_get_cognito_events_output {
    events: Vec<(CStrBuf, CStrBuf)>,
}

impl From<model::GetCognitoEventsOutput> for cognito_sync_get_cognito_events_output {
    fn from(v: model::GetCognitoEventsOutput) -> Self {
        Self {
            events: sorted_pairs(v.events.unwrap_or_default()),
        }
    }
}

pub(crate) struct GetCognitoEvents;

impl OpSpec for GetCognitoEvents {
    const NAME: &'static CStr = c"get_cognito_events";
    type Request = cognito_sync_get_cognito_events_request;
    type Input = model::GetCognitoEventsInput;
    type Output = cognito_sync_get_cognito_events_output;

    unsafe fn read(
        request: &cognito_sync_get_cognito_events_request,
    ) -> FfiResult<model::GetCognitoEventsInput> {
        Ok(model::GetCognitoEventsInput {
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
        input: model::GetCognitoEventsInput,
    ) -> FfiResult<cognito_sync_get_cognito_events_output> {
        client
            .get_cognito_events(input)
            .await
            .map(Into::into)
            .map_err(FfiError::from)
    }
}

/// Reads the events (e.g. "SyncTrigger") configured on the pool and their Lambda functions
/// (developer credentials).
///
/// Blocking: returns when the call is complete. On success writes a new
/// `cognito_sync_get_cognito_events_output` to `*out` (free it with
/// `cognito_sync_get_cognito_events_output_free`) and returns `COGNITO_SYNC_STATUS_OK`. On
/// failure returns the error status, writes an error object to `*err_out` if `err_out` is not
/// NULL, and leaves `*out` untouched.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_get_cognito_events_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_cognito_events(
    client: *const cognito_sync_client,
    request: *const cognito_sync_get_cognito_events_request,
    out: *mut *mut cognito_sync_get_cognito_events_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking::<GetCognitoEvents>(client, request, out) }
    })
}

/// GetCognitoEvents, non-blocking: reads the request, starts the call and returns at once
/// without waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with `cognito_sync_get_cognito_events_finish`, and
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
pub unsafe extern "C" fn cognito_sync_get_cognito_events_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_get_cognito_events_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::start::<GetCognitoEvents>(client, request, callback, user_data, op_out) }
    })
}

/// Takes the result of an operation started by `cognito_sync_get_cognito_events_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (writing nothing, no error object) while it runs. Once
/// finished: on success writes a new `cognito_sync_get_cognito_events_output` to `*out` (free
/// it with `cognito_sync_get_cognito_events_output_free`) and returns `COGNITO_SYNC_STATUS_OK`;
/// on failure returns the operation's error status and writes its error object to `*err_out` if
/// `err_out` is not NULL. The result can be taken once; later calls return
/// `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_cognito_events_finish(
    op: *mut cognito_sync_op,
    out: *mut *mut cognito_sync_get_cognito_events_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish::<GetCognitoEvents>(op, out) }
    })
}

/// Number of items in `events` (0 when absent or when `obj` is NULL).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_cognito_events_output_event_count(
    obj: *const cognito_sync_get_cognito_events_output,
) -> usize {
    crate::ffi_guard_value!(0, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(0, |o| o.events.len())
    })
}

/// The configured events. The event type (e.g. "SyncTrigger") of entry `index` (0-based,
/// entries sorted by type); NULL when out of range or `obj` is NULL. Valid until
/// `cognito_sync_get_cognito_events_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_cognito_events_output_event_type(
    obj: *const cognito_sync_get_cognito_events_output,
    index: usize,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .and_then(|o| o.events.get(index))
            .map_or(std::ptr::null(), |(k, _)| k.as_ptr())
    })
}

/// The Lambda function ARN of entry `index`; NULL when out of range or `obj` is NULL. Valid
/// until `cognito_sync_get_cognito_events_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_cognito_events_output_event_lambda_function_arn(
    obj: *const cognito_sync_get_cognito_events_output,
    index: usize,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .and_then(|o| o.events.get(index))
            .map_or(std::ptr::null(), |(_, v)| v.as_ptr())
    })
}

/// Frees a `cognito_sync_get_cognito_events_output`. Freeing NULL does nothing. Every pointer
/// read from it becomes invalid.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_cognito_events_output_free(
    out: *mut cognito_sync_get_cognito_events_output,
) {
    crate::ffi_guard_value!((), {
        // SAFETY: `out` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(out) }
    })
}

// ---- SetCognitoEvents ----

/// Request of SetCognitoEvents. Fill it (e.g. with a C99 designated initializer; unset members
/// are NULL = absent) and pass it to `cognito_sync_set_cognito_events` or
/// `cognito_sync_set_cognito_events_start`; it is only read during that call. Strings are NUL-
/// terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_set_cognito_events_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
    /// Array of `event_count` items (NULL allowed when the count is 0). The events to set.
    pub events: *const cognito_sync_cognito_event,
    /// Number of items in `events`.
    pub event_count: usize,
}

pub(crate) struct SetCognitoEvents;

impl OpSpec for SetCognitoEvents {
    const NAME: &'static CStr = c"set_cognito_events";
    type Request = cognito_sync_set_cognito_events_request;
    type Input = model::SetCognitoEventsInput;
    type Output = ();

    unsafe fn read(
        request: &cognito_sync_set_cognito_events_request,
    ) -> FfiResult<model::SetCognitoEventsInput> {
        Ok(model::SetCognitoEventsInput {
            // SAFETY: `request.identity_pool_id` is NULL or a NUL-terminated string, per the
            // header.
            identity_pool_id: unsafe {
                ffi::try_str(request.identity_pool_id, "identity_pool_id")
            }?
            .to_owned(),
            // SAFETY: each pointer argument is NULL or valid as the header requires.
            events: unsafe { inputs::events(request.events, request.event_count) }?,
        })
    }

    async fn call(
        client: cognito_sync_core::Client,
        input: model::SetCognitoEventsInput,
    ) -> FfiResult<()> {
        client
            .set_cognito_events(input)
            .await
            .map(|_| ())
            .map_err(FfiError::from)
    }
}

/// Sets the Lambda function called on each event of the pool (developer credentials); an empty
/// ARN removes an event.
///
/// Blocking: returns when the call is complete. Returns `COGNITO_SYNC_STATUS_OK` on success. On
/// failure returns the error status and writes an error object to `*err_out` if `err_out` is
/// not NULL.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_set_cognito_events_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_set_cognito_events(
    client: *const cognito_sync_client,
    request: *const cognito_sync_set_cognito_events_request,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking_unit::<SetCognitoEvents>(client, request) }
    })
}

/// SetCognitoEvents, non-blocking: reads the request, starts the call and returns at once
/// without waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with `cognito_sync_set_cognito_events_finish`, and
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
pub unsafe extern "C" fn cognito_sync_set_cognito_events_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_set_cognito_events_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::start::<SetCognitoEvents>(client, request, callback, user_data, op_out) }
    })
}

/// Takes the outcome of an operation started by `cognito_sync_set_cognito_events_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (no error object) while it runs; then
/// `COGNITO_SYNC_STATUS_OK`, or the operation's error status with its error object written to
/// `*err_out` if `err_out` is not NULL. The outcome can be taken once; later calls return
/// `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_set_cognito_events_finish(
    op: *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish_unit::<SetCognitoEvents>(op) }
    })
}
