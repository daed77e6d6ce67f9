//! Push sync devices: RegisterDevice, SubscribeToDataset, UnsubscribeFromDataset.

use std::ffi::{c_char, c_void, CStr};

use cognito_sync_core::model;

use crate::call::{self, OpSpec};
use crate::client::cognito_sync_client;
use crate::cstr::{self, CStrBuf};
use crate::error::{cognito_sync_error, FfiError, FfiResult};
use crate::ffi;
use crate::op::{cognito_sync_callback, cognito_sync_op};
use crate::status::cognito_sync_status;

// ---- RegisterDevice ----

/// Request of RegisterDevice. Fill it (e.g. with a C99 designated initializer; unset members
/// are NULL = absent) and pass it to `cognito_sync_register_device` or
/// `cognito_sync_register_device_start`; it is only read during that call. Strings are NUL-
/// terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_register_device_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
    /// Required. The identity, `REGION:GUID`.
    pub identity_id: *const c_char,
    /// Required. The push platform: "APNS", "APNS_SANDBOX", "GCM" or "ADM".
    pub platform: *const c_char,
    /// Required. The device's push token.
    pub token: *const c_char,
}

/// Result of RegisterDevice. Ownership: written to `*out` by `cognito_sync_register_device` or
/// `cognito_sync_register_device_finish`, owned by the caller, released with
/// `cognito_sync_register_device_output_free`. Strings and shapes read from it are borrowed and
/// valid until then. Immutable: may be read from any thread.
#[derive(Debug)]
pub struct cognito_sync_register_device_output {
    device_id: Option<CStrBuf>,
}

impl From<model::RegisterDeviceOutput> for cognito_sync_register_device_output {
    fn from(v: model::RegisterDeviceOutput) -> Self {
        Self {
            device_id: cstr::opt(v.device_id),
        }
    }
}

pub(crate) struct RegisterDevice;

impl OpSpec for RegisterDevice {
    const NAME: &'static CStr = c"register_device";
    type Request = cognito_sync_register_device_request;
    type Input = model::RegisterDeviceInput;
    type Output = cognito_sync_register_device_output;

    unsafe fn read(
        request: &cognito_sync_register_device_request,
    ) -> FfiResult<model::RegisterDeviceInput> {
        Ok(model::RegisterDeviceInput {
            // SAFETY: `request.identity_pool_id` is NULL or a NUL-terminated string, per the
            // header.
            identity_pool_id: unsafe {
                ffi::try_str(request.identity_pool_id, "identity_pool_id")
            }?
            .to_owned(),
            // SAFETY: `request.identity_id` is NULL or a NUL-terminated string, per the header.
            identity_id: unsafe { ffi::try_str(request.identity_id, "identity_id") }?.to_owned(),
            // SAFETY: `request.platform` is NULL or a NUL-terminated string, per the header.
            platform: model::Platform::from(unsafe { ffi::try_str(request.platform, "platform") }?),
            // SAFETY: `request.token` is NULL or a NUL-terminated string, per the header.
            token: unsafe { ffi::try_str(request.token, "token") }?.to_owned(),
        })
    }

    async fn call(
        client: cognito_sync_core::Client,
        input: model::RegisterDeviceInput,
    ) -> FfiResult<cognito_sync_register_device_output> {
        client
            .register_device(input)
            .await
            .map(Into::into)
            .map_err(FfiError::from)
    }
}

/// Registers a device for push sync and returns its device id (Cognito credentials).
///
/// Blocking: returns when the call is complete. On success writes a new
/// `cognito_sync_register_device_output` to `*out` (free it with
/// `cognito_sync_register_device_output_free`) and returns `COGNITO_SYNC_STATUS_OK`. On failure
/// returns the error status, writes an error object to `*err_out` if `err_out` is not NULL, and
/// leaves `*out` untouched.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_register_device_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_register_device(
    client: *const cognito_sync_client,
    request: *const cognito_sync_register_device_request,
    out: *mut *mut cognito_sync_register_device_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking::<RegisterDevice>(client, request, out) }
    })
}

/// RegisterDevice, non-blocking: reads the request, starts the call and returns at once without
/// waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with `cognito_sync_register_device_finish`, and
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
pub unsafe extern "C" fn cognito_sync_register_device_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_register_device_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::start::<RegisterDevice>(client, request, callback, user_data, op_out) }
    })
}

/// Takes the result of an operation started by `cognito_sync_register_device_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (writing nothing, no error object) while it runs. Once
/// finished: on success writes a new `cognito_sync_register_device_output` to `*out` (free it
/// with `cognito_sync_register_device_output_free`) and returns `COGNITO_SYNC_STATUS_OK`; on
/// failure returns the operation's error status and writes its error object to `*err_out` if
/// `err_out` is not NULL. The result can be taken once; later calls return
/// `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_register_device_finish(
    op: *mut cognito_sync_op,
    out: *mut *mut cognito_sync_register_device_output,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish::<RegisterDevice>(op, out) }
    })
}

/// The device id the service assigned. NULL when absent (or when `obj` is NULL). Valid until
/// `cognito_sync_register_device_output_free` is called on the owner.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_register_device_output_device_id(
    obj: *const cognito_sync_register_device_output,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `obj` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(obj) }.map_or(std::ptr::null(), |o| cstr::opt_ptr(&o.device_id))
    })
}

/// Frees a `cognito_sync_register_device_output`. Freeing NULL does nothing. Every pointer read
/// from it becomes invalid.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_register_device_output_free(
    out: *mut cognito_sync_register_device_output,
) {
    crate::ffi_guard_value!((), {
        // SAFETY: `out` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(out) }
    })
}

// ---- SubscribeToDataset ----

/// Request of SubscribeToDataset. Fill it (e.g. with a C99 designated initializer; unset
/// members are NULL = absent) and pass it to `cognito_sync_subscribe_to_dataset` or
/// `cognito_sync_subscribe_to_dataset_start`; it is only read during that call. Strings are
/// NUL-terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_subscribe_to_dataset_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
    /// Required. The identity, `REGION:GUID`.
    pub identity_id: *const c_char,
    /// Required. The dataset name (1-128 of `[a-zA-Z0-9_.:-]`).
    pub dataset_name: *const c_char,
    /// Required. The device id from RegisterDevice.
    pub device_id: *const c_char,
}

pub(crate) struct SubscribeToDataset;

impl OpSpec for SubscribeToDataset {
    const NAME: &'static CStr = c"subscribe_to_dataset";
    type Request = cognito_sync_subscribe_to_dataset_request;
    type Input = model::SubscribeToDatasetInput;
    type Output = ();

    unsafe fn read(
        request: &cognito_sync_subscribe_to_dataset_request,
    ) -> FfiResult<model::SubscribeToDatasetInput> {
        Ok(model::SubscribeToDatasetInput {
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
            device_id: unsafe { ffi::try_str(request.device_id, "device_id") }?.to_owned(),
        })
    }

    async fn call(
        client: cognito_sync_core::Client,
        input: model::SubscribeToDatasetInput,
    ) -> FfiResult<()> {
        client
            .subscribe_to_dataset(input)
            .await
            .map(|_| ())
            .map_err(FfiError::from)
    }
}

/// Subscribes a registered device to changes of a dataset (Cognito credentials).
///
/// Blocking: returns when the call is complete. Returns `COGNITO_SYNC_STATUS_OK` on success. On
/// failure returns the error status and writes an error object to `*err_out` if `err_out` is
/// not NULL.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_subscribe_to_dataset_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_subscribe_to_dataset(
    client: *const cognito_sync_client,
    request: *const cognito_sync_subscribe_to_dataset_request,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking_unit::<SubscribeToDataset>(client, request) }
    })
}

/// SubscribeToDataset, non-blocking: reads the request, starts the call and returns at once
/// without waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with `cognito_sync_subscribe_to_dataset_finish`,
/// and free it with `cognito_sync_op_free` (freeing it earlier cancels the call). If `callback`
/// is not NULL it is called once when the call completes, on a library worker thread, with
/// `user_data` (see `cognito_sync_callback`). If the request cannot be read (NULL argument,
/// invalid UTF-8, unknown enum value) returns the status, writes an error object to `*err_out`
/// if `err_out` is not NULL, leaves `*op_out` untouched and never calls `callback`. Every later
/// failure, client-side validation (`COGNITO_SYNC_STATUS_VALIDATION`) included, is the outcome
/// of the operation, reported by poll/wait/finish and the callback.
///
/// Thread-safe; may be called from inside a library callback.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_subscribe_to_dataset_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_subscribe_to_dataset_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::start::<SubscribeToDataset>(client, request, callback, user_data, op_out) }
    })
}

/// Takes the outcome of an operation started by `cognito_sync_subscribe_to_dataset_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (no error object) while it runs; then
/// `COGNITO_SYNC_STATUS_OK`, or the operation's error status with its error object written to
/// `*err_out` if `err_out` is not NULL. The outcome can be taken once; later calls return
/// `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_subscribe_to_dataset_finish(
    op: *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish_unit::<SubscribeToDataset>(op) }
    })
}

// ---- UnsubscribeFromDataset ----

/// Request of UnsubscribeFromDataset. Fill it (e.g. with a C99 designated initializer; unset
/// members are NULL = absent) and pass it to `cognito_sync_unsubscribe_from_dataset` or
/// `cognito_sync_unsubscribe_from_dataset_start`; it is only read during that call. Strings are
/// NUL-terminated UTF-8.
#[repr(C)]
pub struct cognito_sync_unsubscribe_from_dataset_request {
    /// Required. The identity pool, `REGION:GUID`.
    pub identity_pool_id: *const c_char,
    /// Required. The identity, `REGION:GUID`.
    pub identity_id: *const c_char,
    /// Required. The dataset name (1-128 of `[a-zA-Z0-9_.:-]`).
    pub dataset_name: *const c_char,
    /// Required. The device id from RegisterDevice.
    pub device_id: *const c_char,
}

pub(crate) struct UnsubscribeFromDataset;

impl OpSpec for UnsubscribeFromDataset {
    const NAME: &'static CStr = c"unsubscribe_from_dataset";
    type Request = cognito_sync_unsubscribe_from_dataset_request;
    type Input = model::UnsubscribeFromDatasetInput;
    type Output = ();

    unsafe fn read(
        request: &cognito_sync_unsubscribe_from_dataset_request,
    ) -> FfiResult<model::UnsubscribeFromDatasetInput> {
        Ok(model::UnsubscribeFromDatasetInput {
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
            device_id: unsafe { ffi::try_str(request.device_id, "device_id") }?.to_owned(),
        })
    }

    async fn call(
        client: cognito_sync_core::Client,
        input: model::UnsubscribeFromDatasetInput,
    ) -> FfiResult<()> {
        client
            .unsubscribe_from_dataset(input)
            .await
            .map(|_| ())
            .map_err(FfiError::from)
    }
}

/// Unsubscribes a device from changes of a dataset (Cognito credentials).
///
/// Blocking: returns when the call is complete. Returns `COGNITO_SYNC_STATUS_OK` on success. On
/// failure returns the error status and writes an error object to `*err_out` if `err_out` is
/// not NULL.
///
/// Thread-safe: any number of threads may call it with the same client. Called from a library
/// callback or an async runtime thread it returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` and does
/// nothing; use `cognito_sync_unsubscribe_from_dataset_start` there.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_unsubscribe_from_dataset(
    client: *const cognito_sync_client,
    request: *const cognito_sync_unsubscribe_from_dataset_request,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::blocking_unit::<UnsubscribeFromDataset>(client, request) }
    })
}

/// UnsubscribeFromDataset, non-blocking: reads the request, starts the call and returns at once
/// without waiting for the network.
///
/// On success writes a new operation handle to `*op_out` and returns `COGNITO_SYNC_STATUS_OK`;
/// then poll it (`cognito_sync_op_poll`, e.g. once per frame) or wait for it
/// (`cognito_sync_op_wait`), take the result with
/// `cognito_sync_unsubscribe_from_dataset_finish`, and free it with `cognito_sync_op_free`
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
pub unsafe extern "C" fn cognito_sync_unsubscribe_from_dataset_start(
    client: *const cognito_sync_client,
    request: *const cognito_sync_unsubscribe_from_dataset_request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe {
            call::start::<UnsubscribeFromDataset>(client, request, callback, user_data, op_out)
        }
    })
}

/// Takes the outcome of an operation started by `cognito_sync_unsubscribe_from_dataset_start`.
///
/// Returns `COGNITO_SYNC_STATUS_PENDING` (no error object) while it runs; then
/// `COGNITO_SYNC_STATUS_OK`, or the operation's error status with its error object written to
/// `*err_out` if `err_out` is not NULL. The outcome can be taken once; later calls return
/// `COGNITO_SYNC_STATUS_ALREADY_USED`. A handle of another operation gives
/// `COGNITO_SYNC_STATUS_WRONG_OPERATION`. `op` stays owned by the caller: free it with
/// `cognito_sync_op_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_unsubscribe_from_dataset_finish(
    op: *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { call::finish_unit::<UnsubscribeFromDataset>(op) }
    })
}
