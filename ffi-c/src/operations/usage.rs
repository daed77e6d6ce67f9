//! Usage: DescribeIdentityPoolUsage, DescribeIdentityUsage, ListIdentityPoolUsage.

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

// ---- DescribeIdentityPoolUsage ----

/// Request of DescribeIdentityPoolUsage. Fill it (e.g. with a C99 designated initializer; unset
/// members are NULL = absent) and pass it to `cognito_sync_describe_identity_pool_usage` or
/// `cognito_sync_describe_identity_pool_usage_start`; it is only read during that call. Strings
/// are NUL-terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_describe_identity_pool_usage_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
}

/// Result of DescribeIdentityPoolUsage. Ownership: written to `*out` by
/// `cognito_sync_describe_identity_pool_usage` or
/// `cognito_sync_describe_identity_pool_usage_finish`, owned by the caller, released with
/// `cognito_sync_describe_identity_pool_usage_output_free`. Strings and shapes read from it are
/// borrowed and valid until then. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_describe_identity_pool_usage_output {
    identity_pool_usage: Option<cognito_sync_identity_pool_usage>,
}

impl From<model::DescribeIdentityPoolUsageOutput>
    for cognito_sync_describe_identity_pool_usage_output
{
    fn from(v: model::DescribeIdentityPoolUsageOutput) -> Self {
        Self {
            identity_pool_usage: v.identity_pool_usage.map(Into::into),
        }
    }
}

pub(crate) struct DescribeIdentityPoolUsage;

impl OpSpec for DescribeIdentityPoolUsage {
    const NAME: &'static CStr = c"describe_identity_pool_usage";
    type Request = cognito_sync_describe_identity_pool_usage_request;
    type Input = model::DescribeIdentityPoolUsageInput;
    type Output = cognito_sync_describe_identity_pool_usage_output;

    unsafe fn read(
        request: &cognito_sync_describe_identity_pool_usage_request,
    ) -> FfiResult<model::DescribeIdentityPoolUsageInput> {
        Ok(model::DescribeIdentityPoolUsageInput {
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
        input: model::DescribeIdentityPoolUsageInput,
    ) -> FfiResult<cognito_sync_describe_identity_pool_usage_output> {
        client
            .describe_identity_pool_usage(input)
            .await
            .map(Into::into)
            .map_err(FfiError::from)
    }
}

/// Reads the usage of an identity pool (developer credentials).
///
/// Blocking: returns when the call is complete. On success writes a new
/// `cognito_sync_describe_identity_pool_usage_output` to `*out` (free it with
/// `cognito_sync_describe_identity_pool_usage_output_free`) and returns
/// `COGNITO_SYNC_STATUS_OK`. On failure returns the error status, writes an error object to
/// `*err_out` if `err_out` is not NULL, and leaves `*out` untouched.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_describe_identity_pool_usage_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_describe_identity_pool_usage(
    client: *const cognito_sync_client,
    request: *const cognito_sync_describe_identity_pool_usage_request,
    out: *mut *mut cognito_sync_describe_identity_pool_usage_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking::<DescribeIdentityPoolUsage>(client, request, out) }
    })
}

/// DescribeIdentityPoolUsage, non-blocking: reads the request, starts the call and returns at
/// once without waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with
/// `cognito_sync_describe_identity_pool_usage_finish`, and free it with `cognito_sync_op_free`
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
pub unsafe extern "C" fn cognito_sync_describe_identity_pool_usage_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_describe_identity_pool_usage_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe {
            call::start::<DescribeIdentityPoolUsage>(client, request, callback, user_data, op_out)
        }
    })
}

/// Takes the result of an operation started by
/// `cognito_sync_describe_identity_pool_usage_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (writing nothing, no error object) while it runs. Once
/// finished: on success writes a new `cognito_sync_describe_identity_pool_usage_output` to
/// `*out` (free it with `cognito_sync_describe_identity_pool_usage_output_free`) and returns
/// `COGNITO_SYNC_STATUS_OK`; on failure returns the operation's error status and writes its
/// error object to `*err_out` if `err_out` is not NULL. The result can be taken once; later
/// calls return `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_describe_identity_pool_usage_finish(
    op: *mut cognito_sync_op,
    out: *mut *mut cognito_sync_describe_identity_pool_usage_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish::<DescribeIdentityPoolUsage>(op, out) }
    })
}

/// The pool's usage. NULL when absent (or when `obj` is NULL). Borrowed: Valid until
/// `cognito_sync_describe_identity_pool_usage_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_describe_identity_pool_usage_output_identity_pool_usage(
    obj: *const cognito_sync_describe_identity_pool_usage_output,
) -> *const cognito_sync_identity_pool_usage {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .and_then(|o| o.identity_pool_usage.as_ref())
            .map_or(std::ptr::null(), |s| {
                s as *const cognito_sync_identity_pool_usage
            })
    })
}

/// Frees a `cognito_sync_describe_identity_pool_usage_output`. Freeing NULL does nothing. Every
/// pointer read from it becomes invalid.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_describe_identity_pool_usage_output_free(
    out: *mut cognito_sync_describe_identity_pool_usage_output,
) {
    crate::ffi_guard_value!((), {
        // SAFETY: `out` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(out) }
    })
}

// ---- DescribeIdentityUsage ----

/// Request of DescribeIdentityUsage. Fill it (e.g. with a C99 designated initializer; unset
/// members are NULL = absent) and pass it to `cognito_sync_describe_identity_usage` or
/// `cognito_sync_describe_identity_usage_start`; it is only read during that call. Strings are
/// NUL-terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_describe_identity_usage_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
    /// Required. The identity, `REGION:GUID`.
    pub identity_id: *const c_char,
}

/// Result of DescribeIdentityUsage. Ownership: written to `*out` by
/// `cognito_sync_describe_identity_usage` or `cognito_sync_describe_identity_usage_finish`,
/// owned by the caller, released with `cognito_sync_describe_identity_usage_output_free`.
/// Strings and shapes read from it are borrowed and valid until then. Immutable: may be read
/// from any thread.
#[derive(Debug)]
pub struct cognito_sync_describe_identity_usage_output {
    identity_usage: Option<cognito_sync_identity_usage>,
}

impl From<model::DescribeIdentityUsageOutput> for cognito_sync_describe_identity_usage_output {
    fn from(v: model::DescribeIdentityUsageOutput) -> Self {
        Self {
            identity_usage: v.identity_usage.map(Into::into),
        }
    }
}

pub(crate) struct DescribeIdentityUsage;

impl OpSpec for DescribeIdentityUsage {
    const NAME: &'static CStr = c"describe_identity_usage";
    type Request = cognito_sync_describe_identity_usage_request;
    type Input = model::DescribeIdentityUsageInput;
    type Output = cognito_sync_describe_identity_usage_output;

    unsafe fn read(
        request: &cognito_sync_describe_identity_usage_request,
    ) -> FfiResult<model::DescribeIdentityUsageInput> {
        Ok(model::DescribeIdentityUsageInput {
            // SAFETY: `request.identity_pool_id` is NULL or a NUL-terminated string, per the
            // header.
            identity_pool_id: unsafe {
                ffi::try_str(request.identity_pool_id, "identity_pool_id")
            }?
            .to_owned(),
            // SAFETY: `request.identity_id` is NULL or a NUL-terminated string, per the header.
            identity_id: unsafe { ffi::try_str(request.identity_id, "identity_id") }?.to_owned(),
        })
    }

    async fn call(
        client: cognito_sync_core::Client,
        input: model::DescribeIdentityUsageInput,
    ) -> FfiResult<cognito_sync_describe_identity_usage_output> {
        client
            .describe_identity_usage(input)
            .await
            .map(Into::into)
            .map_err(FfiError::from)
    }
}

/// Reads the usage of one identity.
///
/// Blocking: returns when the call is complete. On success writes a new
/// `cognito_sync_describe_identity_usage_output` to `*out` (free it with
/// `cognito_sync_describe_identity_usage_output_free`) and returns `COGNITO_SYNC_STATUS_OK`. On
/// failure returns the error status, writes an error object to `*err_out` if `err_out` is not
/// NULL, and leaves `*out` untouched.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_describe_identity_usage_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_describe_identity_usage(
    client: *const cognito_sync_client,
    request: *const cognito_sync_describe_identity_usage_request,
    out: *mut *mut cognito_sync_describe_identity_usage_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking::<DescribeIdentityUsage>(client, request, out) }
    })
}

/// DescribeIdentityUsage, non-blocking: reads the request, starts the call and returns at once
/// without waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with
/// `cognito_sync_describe_identity_usage_finish`, and free it with `cognito_sync_op_free`
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
pub unsafe extern "C" fn cognito_sync_describe_identity_usage_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_describe_identity_usage_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe {
            call::start::<DescribeIdentityUsage>(client, request, callback, user_data, op_out)
        }
    })
}

/// Takes the result of an operation started by `cognito_sync_describe_identity_usage_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (writing nothing, no error object) while it runs. Once
/// finished: on success writes a new `cognito_sync_describe_identity_usage_output` to `*out`
/// (free it with `cognito_sync_describe_identity_usage_output_free`) and returns
/// `COGNITO_SYNC_STATUS_OK`; on failure returns the operation's error status and writes its
/// error object to `*err_out` if `err_out` is not NULL. The result can be taken once; later
/// calls return `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_describe_identity_usage_finish(
    op: *mut cognito_sync_op,
    out: *mut *mut cognito_sync_describe_identity_usage_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish::<DescribeIdentityUsage>(op, out) }
    })
}

/// The identity's usage. NULL when absent (or when `obj` is NULL). Borrowed: Valid until
/// `cognito_sync_describe_identity_usage_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_describe_identity_usage_output_identity_usage(
    obj: *const cognito_sync_describe_identity_usage_output,
) -> *const cognito_sync_identity_usage {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }
            .and_then(|o| o.identity_usage.as_ref())
            .map_or(std::ptr::null(), |s| {
                s as *const cognito_sync_identity_usage
            })
    })
}

/// Frees a `cognito_sync_describe_identity_usage_output`. Freeing NULL does nothing. Every
/// pointer read from it becomes invalid.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_describe_identity_usage_output_free(
    out: *mut cognito_sync_describe_identity_usage_output,
) {
    crate::ffi_guard_value!((), {
        // SAFETY: `out` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(out) }
    })
}

// ---- ListIdentityPoolUsage ----

/// Request of ListIdentityPoolUsage. Fill it (e.g. with a C99 designated initializer; unset
/// members are NULL = absent) and pass it to `cognito_sync_list_identity_pool_usage` or
/// `cognito_sync_list_identity_pool_usage_start`; it is only read during that call. Strings are
/// NUL-terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_list_identity_pool_usage_request {
    /// Optional (NULL = absent). Token of the page to fetch, from the previous page's
    /// `next_token`; NULL for the first page.
    pub next_token: *const c_char,
    /// Optional (NULL = absent). Maximum number of items in the page; NULL for the service
    /// default.
    pub max_results: *const i32,
}

/// Result of ListIdentityPoolUsage. Ownership: written to `*out` by
/// `cognito_sync_list_identity_pool_usage` or `cognito_sync_list_identity_pool_usage_finish`,
/// owned by the caller, released with `cognito_sync_list_identity_pool_usage_output_free`.
/// Strings and shapes read from it are borrowed and valid until then. Immutable: may be read
/// from any thread.
#[derive(Debug)]
pub struct cognito_sync_list_identity_pool_usage_output {
    identity_pool_usages: Vec<cognito_sync_identity_pool_usage>,
    max_results: Option<i32>,
    count: Option<i32>,
    next_token: Option<CStrBuf>,
}

impl From<model::ListIdentityPoolUsageOutput> for cognito_sync_list_identity_pool_usage_output {
    fn from(v: model::ListIdentityPoolUsageOutput) -> Self {
        Self {
            identity_pool_usages: v
                .identity_pool_usages
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            max_results: v.max_results,
            count: v.count,
            next_token: cstr::opt(v.next_token),
        }
    }
}

pub(crate) struct ListIdentityPoolUsage;

impl OpSpec for ListIdentityPoolUsage {
    const NAME: &'static CStr = c"list_identity_pool_usage";
    type Request = cognito_sync_list_identity_pool_usage_request;
    type Input = model::ListIdentityPoolUsageInput;
    type Output = cognito_sync_list_identity_pool_usage_output;

    unsafe fn read(
        request: &cognito_sync_list_identity_pool_usage_request,
    ) -> FfiResult<model::ListIdentityPoolUsageInput> {
        Ok(model::ListIdentityPoolUsageInput {
            // SAFETY: `request.next_token` is NULL or a NUL-terminated string, per the header.
            next_token: unsafe { ffi::opt_str(request.next_token, "next_token") }?
                .map(str::to_owned),
            // SAFETY: `request.max_results` is NULL or points to a readable value, per the header.
            max_results: unsafe { ffi::opt_value(request.max_results, "max_results") }?,
        })
    }

    async fn call(
        client: cognito_sync_core::Client,
        input: model::ListIdentityPoolUsageInput,
    ) -> FfiResult<cognito_sync_list_identity_pool_usage_output> {
        client
            .list_identity_pool_usage(input)
            .await
            .map(Into::into)
            .map_err(FfiError::from)
    }
}

/// Lists one page of the usage of every identity pool of the account (developer credentials).
///
/// Blocking: returns when the call is complete. On success writes a new
/// `cognito_sync_list_identity_pool_usage_output` to `*out` (free it with
/// `cognito_sync_list_identity_pool_usage_output_free`) and returns `COGNITO_SYNC_STATUS_OK`.
/// On failure returns the error status, writes an error object to `*err_out` if `err_out` is
/// not NULL, and leaves `*out` untouched.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_list_identity_pool_usage_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_identity_pool_usage(
    client: *const cognito_sync_client,
    request: *const cognito_sync_list_identity_pool_usage_request,
    out: *mut *mut cognito_sync_list_identity_pool_usage_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking::<ListIdentityPoolUsage>(client, request, out) }
    })
}

/// ListIdentityPoolUsage, non-blocking: reads the request, starts the call and returns at once
/// without waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with
/// `cognito_sync_list_identity_pool_usage_finish`, and free it with `cognito_sync_op_free`
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
pub unsafe extern "C" fn cognito_sync_list_identity_pool_usage_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_list_identity_pool_usage_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe {
            call::start::<ListIdentityPoolUsage>(client, request, callback, user_data, op_out)
        }
    })
}

/// Takes the result of an operation started by `cognito_sync_list_identity_pool_usage_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (writing nothing, no error object) while it runs. Once
/// finished: on success writes a new `cognito_sync_list_identity_pool_usage_output` to `*out`
/// (free it with `cognito_sync_list_identity_pool_usage_output_free`) and returns
/// `COGNITO_SYNC_STATUS_OK`; on failure returns the operation's error status and writes its
/// error object to `*err_out` if `err_out` is not NULL. The result can be taken once; later
/// calls return `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_identity_pool_usage_finish(
    op: *mut cognito_sync_op,
    out: *mut *mut cognito_sync_list_identity_pool_usage_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish::<ListIdentityPoolUsage>(op, out) }
    })
}

/// Number of items in `identity_pool_usages` (0 when absent or when `obj` is NULL).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_identity_pool_usage_output_identity_pool_usage_count(
    obj: *const cognito_sync_list_identity_pool_usage_output,
) -> usize {
    crate::ffi_guard_value!(0, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(0, |o| o.identity_pool_usages.len())
    })
}

/// The pools of this page. Item `index` (0-based); NULL when out of range or `obj` is NULL.
/// Borrowed: Valid until `cognito_sync_list_identity_pool_usage_output_free` is called on the
/// owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_identity_pool_usage_output_identity_pool_usage(
    obj: *const cognito_sync_list_identity_pool_usage_output,
    index: usize,
) -> *const cognito_sync_identity_pool_usage {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| {
            ffi::element(&o.identity_pool_usages, index)
        })
    })
}

/// The page size that was asked for. Returns true and writes the value to `*value` (when
/// `value` is not NULL) if present; returns false and writes nothing if absent or `obj` is
/// NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_identity_pool_usage_output_max_results(
    obj: *const cognito_sync_list_identity_pool_usage_output,
    value: *mut i32,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(obj) }.and_then(|o| o.max_results);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// Number of pools in this page. Returns true and writes the value to `*value` (when `value` is
/// not NULL) if present; returns false and writes nothing if absent or `obj` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_identity_pool_usage_output_count(
    obj: *const cognito_sync_list_identity_pool_usage_output,
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
/// Valid until `cognito_sync_list_identity_pool_usage_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_identity_pool_usage_output_next_token(
    obj: *const cognito_sync_list_identity_pool_usage_output,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.next_token))
    })
}

/// Frees a `cognito_sync_list_identity_pool_usage_output`. Freeing NULL does nothing. Every
/// pointer read from it becomes invalid.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_list_identity_pool_usage_output_free(
    out: *mut cognito_sync_list_identity_pool_usage_output,
) {
    crate::ffi_guard_value!((), {
        // SAFETY: `out` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(out) }
    })
}
