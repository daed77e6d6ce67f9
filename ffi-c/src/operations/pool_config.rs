//! Identity pool configuration: GetIdentityPoolConfiguration, SetIdentityPoolConfiguration.

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

// ---- GetIdentityPoolConfiguration ----

/// Request of GetIdentityPoolConfiguration. Fill it (e.g. with a C99 designated initializer;
/// unset members are NULL = absent) and pass it to
/// `cognito_sync_get_identity_pool_configuration` or
/// `cognito_sync_get_identity_pool_configuration_start`; it is only read during that call.
/// Strings are NUL-terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_get_identity_pool_configuration_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
}

/// Result of GetIdentityPoolConfiguration. Ownership: written to `*out` by
/// `cognito_sync_get_identity_pool_configuration` or
/// `cognito_sync_get_identity_pool_configuration_finish`, owned by the caller, released with
/// `cognito_sync_get_identity_pool_configuration_output_free`. Strings and shapes read from it
/// are borrowed and valid until then. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_get_identity_pool_configuration_output {
    identity_pool_id: Option<CStrBuf>,
    push_sync: Option<cognito_sync_push_sync>,
    cognito_streams: Option<cognito_sync_cognito_streams>,
}

impl From<model::GetIdentityPoolConfigurationOutput>
    for cognito_sync_get_identity_pool_configuration_output
{
    fn from(v: model::GetIdentityPoolConfigurationOutput) -> Self {
        Self {
            identity_pool_id: cstr::opt(v.identity_pool_id),
            push_sync: v.push_sync.map(Into::into),
            cognito_streams: v.cognito_streams.map(Into::into),
        }
    }
}

pub(crate) struct GetIdentityPoolConfiguration;

impl OpSpec for GetIdentityPoolConfiguration {
    const NAME: &'static CStr = c"get_identity_pool_configuration";
    type Request = cognito_sync_get_identity_pool_configuration_request;
    type Input = model::GetIdentityPoolConfigurationInput;
    type Output = cognito_sync_get_identity_pool_configuration_output;

    unsafe fn read(
        request: &cognito_sync_get_identity_pool_configuration_request,
    ) -> FfiResult<model::GetIdentityPoolConfigurationInput> {
        Ok(model::GetIdentityPoolConfigurationInput {
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
        input: model::GetIdentityPoolConfigurationInput,
    ) -> FfiResult<cognito_sync_get_identity_pool_configuration_output> {
        client
            .get_identity_pool_configuration(input)
            .await
            .map(Into::into)
            .map_err(FfiError::from)
    }
}

/// Reads the pool's push sync and Cognito streams configuration (developer credentials).
///
/// Blocking: returns when the call is complete. On success writes a new
/// `cognito_sync_get_identity_pool_configuration_output` to `*out` (free it with
/// `cognito_sync_get_identity_pool_configuration_output_free`) and returns
/// `COGNITO_SYNC_STATUS_OK`. On failure returns the error status, writes an error object to
/// `*err_out` if `err_out` is not NULL, and leaves `*out` untouched.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_get_identity_pool_configuration_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_identity_pool_configuration(
    client: *const cognito_sync_client,
    request: *const cognito_sync_get_identity_pool_configuration_request,
    out: *mut *mut cognito_sync_get_identity_pool_configuration_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking::<GetIdentityPoolConfiguration>(client, request, out) }
    })
}

/// GetIdentityPoolConfiguration, non-blocking: reads the request, starts the call and returns
/// at once without waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with
/// `cognito_sync_get_identity_pool_configuration_finish`, and free it with
/// `cognito_sync_op_free` (freeing it earlier cancels the call). If `callback` is not NULL it
/// is called once when the call completes, on a library worker thread, with `user_data` (see
/// `cognito_sync_callback`). If the request cannot be read (NULL argument, invalid UTF-8,
/// unknown enum value) returns the status, writes an error object to `*err_out` if `err_out` is
/// not NULL, leaves `*op_out` untouched and never calls `callback`. Every later failure,
/// client-side validation (`COGNITO_SYNC_STATUS_VALIDATION`) included, is the outcome of the
/// operation, reported by poll/wait/finish and the callback.
///
/// Thread-safe; may be called from inside a library callback.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_identity_pool_configuration_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_get_identity_pool_configuration_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe {
            call::start::<GetIdentityPoolConfiguration>(
                client, request, callback, user_data, op_out,
            )
        }
    })
}

/// Takes the result of an operation started by
/// `cognito_sync_get_identity_pool_configuration_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (writing nothing, no error object) while it runs. Once
/// finished: on success writes a new `cognito_sync_get_identity_pool_configuration_output` to
/// `*out` (free it with `cognito_sync_get_identity_pool_configuration_output_free`) and returns
/// `COGNITO_SYNC_STATUS_OK`; on failure returns the operation's error status and writes its
/// error object to `*err_out` if `err_out` is not NULL. The result can be taken once; later
/// calls return `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_identity_pool_configuration_finish(
    op: *mut cognito_sync_op,
    out: *mut *mut cognito_sync_get_identity_pool_configuration_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish::<GetIdentityPoolConfiguration>(op, out) }
    })
}

/// The identity pool. NULL when absent (or when `obj` is NULL). Valid until
/// `cognito_sync_get_identity_pool_configuration_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_identity_pool_configuration_output_identity_pool_id(
    obj: *const cognito_sync_get_identity_pool_configuration_output,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.identity_pool_id))
    })
}

/// Push sync configuration, NULL if none. NULL when absent (or when `obj` is NULL). Borrowed:
/// Valid until `cognito_sync_get_identity_pool_configuration_output_free` is called on the
/// owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_identity_pool_configuration_output_push_sync(
    obj: *const cognito_sync_get_identity_pool_configuration_output,
) -> *const cognito_sync_push_sync {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .and_then(|o| o.push_sync.as_ref())
            .map_or(std::ptr::null(), |s| s as *const cognito_sync_push_sync)
    })
}

/// Cognito streams configuration, NULL if none. NULL when absent (or when `obj` is NULL).
/// Borrowed: Valid until `cognito_sync_get_identity_pool_configuration_output_free` is called
/// on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_identity_pool_configuration_output_cognito_streams(
    obj: *const cognito_sync_get_identity_pool_configuration_output,
) -> *const cognito_sync_cognito_streams {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .and_then(|o| o.cognito_streams.as_ref())
            .map_or(std::ptr::null(), |s| {
                s as *const cognito_sync_cognito_streams
            })
    })
}

/// Frees a `cognito_sync_get_identity_pool_configuration_output`. Freeing NULL does nothing.
/// Every pointer read from it becomes invalid.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_get_identity_pool_configuration_output_free(
    out: *mut cognito_sync_get_identity_pool_configuration_output,
) {
    crate::ffi_guard_value!((), {
        // SAFETY: `out` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(out) }
    })
}

// ---- SetIdentityPoolConfiguration ----

/// Request of SetIdentityPoolConfiguration. Fill it (e.g. with a C99 designated initializer;
/// unset members are NULL = absent) and pass it to
/// `cognito_sync_set_identity_pool_configuration` or
/// `cognito_sync_set_identity_pool_configuration_start`; it is only read during that call.
/// Strings are NUL-terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_set_identity_pool_configuration_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
    /// Optional (NULL = absent). New push sync configuration; NULL leaves it unchanged.
    pub push_sync: *const cognito_sync_push_sync_input,
    /// Optional (NULL = absent). New Cognito streams configuration; NULL leaves it unchanged.
    pub cognito_streams: *const cognito_sync_cognito_streams_input,
}

/// Result of SetIdentityPoolConfiguration. Ownership: written to `*out` by
/// `cognito_sync_set_identity_pool_configuration` or
/// `cognito_sync_set_identity_pool_configuration_finish`, owned by the caller, released with
/// `cognito_sync_set_identity_pool_configuration_output_free`. Strings and shapes read from it
/// are borrowed and valid until then. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_set_identity_pool_configuration_output {
    identity_pool_id: Option<CStrBuf>,
    push_sync: Option<cognito_sync_push_sync>,
    cognito_streams: Option<cognito_sync_cognito_streams>,
}

impl From<model::SetIdentityPoolConfigurationOutput>
    for cognito_sync_set_identity_pool_configuration_output
{
    fn from(v: model::SetIdentityPoolConfigurationOutput) -> Self {
        Self {
            identity_pool_id: cstr::opt(v.identity_pool_id),
            push_sync: v.push_sync.map(Into::into),
            cognito_streams: v.cognito_streams.map(Into::into),
        }
    }
}

pub(crate) struct SetIdentityPoolConfiguration;

impl OpSpec for SetIdentityPoolConfiguration {
    const NAME: &'static CStr = c"set_identity_pool_configuration";
    type Request = cognito_sync_set_identity_pool_configuration_request;
    type Input = model::SetIdentityPoolConfigurationInput;
    type Output = cognito_sync_set_identity_pool_configuration_output;

    unsafe fn read(
        request: &cognito_sync_set_identity_pool_configuration_request,
    ) -> FfiResult<model::SetIdentityPoolConfigurationInput> {
        Ok(model::SetIdentityPoolConfigurationInput {
            // SAFETY: `request.identity_pool_id` is NULL or a NUL-terminated string, per the
            // header.
            identity_pool_id: unsafe {
                ffi::try_str(request.identity_pool_id, "identity_pool_id")
            }?
            .to_owned(),
            // SAFETY: each pointer argument is NULL or valid as the header requires.
            push_sync: unsafe { inputs::push_sync(request.push_sync) }?,
            // SAFETY: each pointer argument is NULL or valid as the header requires.
            cognito_streams: unsafe { inputs::cognito_streams(request.cognito_streams) }?,
        })
    }

    async fn call(
        client: cognito_sync_core::Client,
        input: model::SetIdentityPoolConfigurationInput,
    ) -> FfiResult<cognito_sync_set_identity_pool_configuration_output> {
        client
            .set_identity_pool_configuration(input)
            .await
            .map(Into::into)
            .map_err(FfiError::from)
    }
}

/// Sets the pool's push sync and/or Cognito streams configuration (developer credentials).
///
/// Blocking: returns when the call is complete. On success writes a new
/// `cognito_sync_set_identity_pool_configuration_output` to `*out` (free it with
/// `cognito_sync_set_identity_pool_configuration_output_free`) and returns
/// `COGNITO_SYNC_STATUS_OK`. On failure returns the error status, writes an error object to
/// `*err_out` if `err_out` is not NULL, and leaves `*out` untouched.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_set_identity_pool_configuration_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_set_identity_pool_configuration(
    client: *const cognito_sync_client,
    request: *const cognito_sync_set_identity_pool_configuration_request,
    out: *mut *mut cognito_sync_set_identity_pool_configuration_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking::<SetIdentityPoolConfiguration>(client, request, out) }
    })
}

/// SetIdentityPoolConfiguration, non-blocking: reads the request, starts the call and returns
/// at once without waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with
/// `cognito_sync_set_identity_pool_configuration_finish`, and free it with
/// `cognito_sync_op_free` (freeing it earlier cancels the call). If `callback` is not NULL it
/// is called once when the call completes, on a library worker thread, with `user_data` (see
/// `cognito_sync_callback`). If the request cannot be read (NULL argument, invalid UTF-8,
/// unknown enum value) returns the status, writes an error object to `*err_out` if `err_out` is
/// not NULL, leaves `*op_out` untouched and never calls `callback`. Every later failure,
/// client-side validation (`COGNITO_SYNC_STATUS_VALIDATION`) included, is the outcome of the
/// operation, reported by poll/wait/finish and the callback.
///
/// Thread-safe; may be called from inside a library callback.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_set_identity_pool_configuration_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_set_identity_pool_configuration_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe {
            call::start::<SetIdentityPoolConfiguration>(
                client, request, callback, user_data, op_out,
            )
        }
    })
}

/// Takes the result of an operation started by
/// `cognito_sync_set_identity_pool_configuration_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (writing nothing, no error object) while it runs. Once
/// finished: on success writes a new `cognito_sync_set_identity_pool_configuration_output` to
/// `*out` (free it with `cognito_sync_set_identity_pool_configuration_output_free`) and returns
/// `COGNITO_SYNC_STATUS_OK`; on failure returns the operation's error status and writes its
/// error object to `*err_out` if `err_out` is not NULL. The result can be taken once; later
/// calls return `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_set_identity_pool_configuration_finish(
    op: *mut cognito_sync_op,
    out: *mut *mut cognito_sync_set_identity_pool_configuration_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish::<SetIdentityPoolConfiguration>(op, out) }
    })
}

/// The identity pool. NULL when absent (or when `obj` is NULL). Valid until
/// `cognito_sync_set_identity_pool_configuration_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_set_identity_pool_configuration_output_identity_pool_id(
    obj: *const cognito_sync_set_identity_pool_configuration_output,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.identity_pool_id))
    })
}

/// Push sync configuration now in force, NULL if none. NULL when absent (or when `obj` is
/// NULL). Borrowed: Valid until `cognito_sync_set_identity_pool_configuration_output_free` is
/// called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_set_identity_pool_configuration_output_push_sync(
    obj: *const cognito_sync_set_identity_pool_configuration_output,
) -> *const cognito_sync_push_sync {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .and_then(|o| o.push_sync.as_ref())
            .map_or(std::ptr::null(), |s| s as *const cognito_sync_push_sync)
    })
}

/// Cognito streams configuration now in force, NULL if none. NULL when absent (or when `obj` is
/// NULL). Borrowed: Valid until `cognito_sync_set_identity_pool_configuration_output_free` is
/// called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_set_identity_pool_configuration_output_cognito_streams(
    obj: *const cognito_sync_set_identity_pool_configuration_output,
) -> *const cognito_sync_cognito_streams {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .and_then(|o| o.cognito_streams.as_ref())
            .map_or(std::ptr::null(), |s| {
                s as *const cognito_sync_cognito_streams
            })
    })
}

/// Frees a `cognito_sync_set_identity_pool_configuration_output`. Freeing NULL does nothing.
/// Every pointer read from it becomes invalid.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_set_identity_pool_configuration_output_free(
    out: *mut cognito_sync_set_identity_pool_configuration_output,
) {
    crate::ffi_guard_value!((), {
        // SAFETY: `out` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(out) }
    })
}
