//! The owned error object and its accessors.

use std::ffi::c_char;

use crate::cstr::{self, CStrBuf};
use crate::status::cognito_sync_status;

/// Details of a failed call: status, message, AWS error code, HTTP status,
/// request id and whether a retry may succeed.
///
/// Ownership: received through an optional `cognito_sync_error **err_out`
/// parameter, owned by the caller, released with `cognito_sync_error_free`.
/// Strings returned by its accessors live until it is freed. An error object
/// is immutable: it may be read from any thread.
pub struct cognito_sync_error {
    status: cognito_sync_status,
    message: CStrBuf,
    code: Option<CStrBuf>,
    request_id: Option<CStrBuf>,
    http_status: u16,
    retryable: bool,
}

#[cfg(test)]
impl cognito_sync_error {
    pub(crate) fn status(&self) -> cognito_sync_status {
        self.status
    }

    pub(crate) fn message(&self) -> &str {
        self.message.as_str()
    }
}

impl std::fmt::Debug for cognito_sync_error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("cognito_sync_error")
            .field("status", &self.status)
            .field("message", &self.message)
            .field("code", &self.code)
            .field("request_id", &self.request_id)
            .field("http_status", &self.http_status)
            .finish()
    }
}

/// The error every internal function returns; boxed so `Result`s stay small.
#[derive(Debug)]
pub struct FfiError(Box<cognito_sync_error>);

/// Shorthand for results inside the crate.
pub(crate) type FfiResult<T> = Result<T, FfiError>;

impl FfiError {
    /// A client-side error with a status and a message.
    pub(crate) fn new(status: cognito_sync_status, message: impl Into<String>) -> Self {
        Self(Box::new(cognito_sync_error {
            status,
            message: CStrBuf::from(message.into()),
            code: None,
            request_id: None,
            http_status: 0,
            retryable: false,
        }))
    }

    /// An error with every field given (service errors, tests).
    pub(crate) fn full(
        status: cognito_sync_status,
        message: String,
        code: Option<String>,
        request_id: Option<String>,
        http_status: u16,
        retryable: bool,
    ) -> Self {
        Self(Box::new(cognito_sync_error {
            status,
            message: CStrBuf::from(message),
            code: cstr::opt(code),
            request_id: cstr::opt(request_id),
            http_status,
            retryable,
        }))
    }

    pub(crate) fn null_argument(name: impl std::fmt::Display) -> Self {
        Self::new(
            cognito_sync_status::NullArgument,
            format!("argument `{name}` is NULL or misaligned"),
        )
    }

    pub(crate) fn invalid_argument(message: impl Into<String>) -> Self {
        Self::new(cognito_sync_status::InvalidArgument, message)
    }

    pub(crate) fn reentrant() -> Self {
        Self::new(
            cognito_sync_status::ReentrantCall,
            "blocking call refused: it was made from a library callback or an async runtime \
             thread, where waiting would deadlock; use the non-blocking form",
        )
    }

    pub(crate) fn cancelled() -> Self {
        Self::new(
            cognito_sync_status::Cancelled,
            "operation cancelled: its client was freed",
        )
    }

    pub(crate) fn status(&self) -> cognito_sync_status {
        self.0.status
    }

    /// The error object, borrowed (for errors held inside another object).
    pub(crate) fn as_ptr(&self) -> *const cognito_sync_error {
        &*self.0
    }

    pub(crate) fn into_raw(self) -> *mut cognito_sync_error {
        Box::into_raw(self.0)
    }
}

/// Status of the error (never `COGNITO_SYNC_STATUS_OK`).
/// Returns `COGNITO_SYNC_STATUS_NULL_ARGUMENT` when `err` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_error_status(
    err: *const cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard_value!(cognito_sync_status::Panic, {
        // SAFETY: `err` is NULL or a live object from this library, per the header.
        match unsafe { crate::ffi::opt_ref(err) } {
            Some(e) => e.status,
            None => cognito_sync_status::NullArgument,
        }
    })
}

/// Human-readable message (UTF-8, never NULL for a non-NULL `err`; NULL when
/// `err` is NULL). Valid until `err` is freed. It never contains secrets.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_error_message(
    err: *const cognito_sync_error,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `err` is NULL or a live object from this library, per the header.
        unsafe { crate::ffi::opt_ref(err) }.map_or(std::ptr::null(), |e| e.message.as_ptr())
    })
}

/// The AWS error code as sent by the service (e.g. "ResourceConflictException"),
/// or NULL for client-side errors. Valid until `err` is freed.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_error_code(err: *const cognito_sync_error) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `err` is NULL or a live object from this library, per the header.
        unsafe { crate::ffi::opt_ref(err) }.map_or(std::ptr::null(), |e| cstr::opt_ptr(&e.code))
    })
}

/// The request id the service assigned (`x-amzn-RequestId`), or NULL when
/// there was no response. Valid until `err` is freed.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_error_request_id(
    err: *const cognito_sync_error,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `err` is NULL or a live object from this library, per the header.
        unsafe { crate::ffi::opt_ref(err) }
            .map_or(std::ptr::null(), |e| cstr::opt_ptr(&e.request_id))
    })
}

/// The HTTP status of the failed response, or 0 when there was none.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_error_http_status(err: *const cognito_sync_error) -> u16 {
    crate::ffi_guard_value!(0, {
        // SAFETY: `err` is NULL or a live object from this library, per the header.
        unsafe { crate::ffi::opt_ref(err) }.map_or(0, |e| e.http_status)
    })
}

/// True when retrying the same call later may succeed (throttling, 5xx,
/// network failures). The client already retried up to its max attempts.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_error_is_retryable(err: *const cognito_sync_error) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `err` is NULL or a live object from this library, per the header.
        unsafe { crate::ffi::opt_ref(err) }.is_some_and(|e| e.retryable)
    })
}

/// Frees an error object. Freeing NULL does nothing. Must be called exactly
/// once per error object received.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_error_free(err: *mut cognito_sync_error) {
    crate::ffi_guard_value!((), {
        // SAFETY: `err` is NULL or from this library, and freed only once, per the header.
        unsafe { crate::ffi::free_box(err) };
    })
}

/// The status of each kind of core error: the one mapping point.
pub(crate) fn status_of(kind: &cognito_sync_core::ErrorKind) -> cognito_sync_status {
    use cognito_sync_core::ErrorKind as K;
    use cognito_sync_status as S;
    match kind {
        K::InvalidParameter => S::InvalidParameter,
        K::NotAuthorized => S::NotAuthorized,
        K::ResourceNotFound => S::ResourceNotFound,
        K::ResourceConflict => S::ResourceConflict,
        K::LimitExceeded => S::LimitExceeded,
        K::TooManyRequests => S::TooManyRequests,
        K::InternalError => S::InternalError,
        K::InvalidConfiguration => S::InvalidConfiguration,
        K::InvalidLambdaFunctionOutput => S::InvalidLambdaFunctionOutput,
        K::LambdaThrottled => S::LambdaThrottled,
        K::DuplicateRequest => S::DuplicateRequest,
        K::AlreadyStreamed => S::AlreadyStreamed,
        K::ConcurrentModification => S::ConcurrentModification,
        K::Validation => S::Validation,
        K::Credentials => S::Credentials,
        K::Transport => S::Transport,
        K::Timeout => S::Timeout,
        K::Runtime => S::Runtime,
        K::Service(_) => S::ServiceError,
    }
}

impl From<cognito_sync_core::Error> for FfiError {
    fn from(error: cognito_sync_core::Error) -> Self {
        FfiError::full(
            status_of(error.kind_ref()),
            error.message().to_owned(),
            error.code().map(str::to_owned),
            error.request_id().map(str::to_owned),
            error.http_status().unwrap_or(0),
            error.is_retryable(),
        )
    }
}
