//! Status codes: what every fallible function returns.
//!
//! The numbers are part of the ABI: they never change and a retired value is
//! never reused (leave it here as a comment). Errors are grouped in ranges by
//! category so a caller can test a range as well as a single value.

use std::ffi::{c_char, CStr};

/// The outcome of a call. `COGNITO_SYNC_STATUS_OK` (0) is success; every
/// other value names one kind of failure, except `COGNITO_SYNC_STATUS_PENDING`
/// which a non-blocking operation reports while it is still running.
///
/// Ranges: 1 = still running; 100-199 arguments and usage; 200-299 client-side
/// failures (validation, credentials, network); 300-399 errors returned by the
/// service, one per error in the service model; 400-499 the sync manager;
/// 900-999 internal errors. Functions return the value as a plain
/// `cognito_sync_status` (a `uint32_t`), so an unknown future value is still
/// representable; `cognito_sync_status_str` names any value.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types)]
pub enum cognito_sync_status {
    /// Success.
    Ok = 0,
    /// The non-blocking operation has not finished yet (not an error).
    Pending = 1,

    /// A required pointer argument was NULL (or misaligned).
    NullArgument = 100,
    /// A string argument was not valid UTF-8.
    InvalidUtf8 = 101,
    /// An argument was out of range or otherwise unusable (e.g. an unknown
    /// enum value, an index past the end).
    InvalidArgument = 102,
    /// A blocking call was made from a library callback or from a thread of
    /// an async runtime, where blocking would deadlock; nothing was done.
    ReentrantCall = 103,
    /// The result of this operation was already taken by a `_finish` call.
    AlreadyUsed = 104,
    /// A `_finish` function was given the handle of a different operation.
    WrongOperation = 105,
    /// The operation was cancelled because its client was freed.
    Cancelled = 106,

    /// The request failed client-side validation (length, pattern, enum) and
    /// was not sent; the error message names the field and the rule.
    Validation = 200,
    /// Credentials could not be obtained (missing, expired, Cognito Identity
    /// refused them).
    Credentials = 201,
    /// The network failed: connection refused or reset, DNS, TLS, a malformed
    /// HTTP response.
    Transport = 202,
    /// The connect timeout or the whole-call timeout expired.
    Timeout = 203,
    /// The library's async runtime could not be used (e.g. it failed to
    /// start, or a Rust blocking call ran inside a runtime).
    Runtime = 204,
    // 205 is free (never used in a release).
    /// Service: InvalidParameterException (HTTP 400).
    InvalidParameter = 300,
    /// Service: NotAuthorizedException (HTTP 403).
    NotAuthorized = 301,
    /// Service: ResourceNotFoundException (HTTP 404).
    ResourceNotFound = 302,
    /// Service: ResourceConflictException (HTTP 409): a record patch carried a
    /// stale sync count.
    ResourceConflict = 303,
    /// Service: LimitExceededException (HTTP 400).
    LimitExceeded = 304,
    /// Service: TooManyRequestsException (HTTP 429).
    TooManyRequests = 305,
    /// Service: InternalErrorException (HTTP 500).
    InternalError = 306,
    /// Service: InvalidConfigurationException (HTTP 400).
    InvalidConfiguration = 307,
    /// Service: InvalidLambdaFunctionOutputException (HTTP 400).
    InvalidLambdaFunctionOutput = 308,
    /// Service: LambdaThrottledException (HTTP 429).
    LambdaThrottled = 309,
    /// Service: DuplicateRequestException (HTTP 400).
    DuplicateRequest = 310,
    /// Service: AlreadyStreamedException (HTTP 400).
    AlreadyStreamed = 311,
    /// Service: ConcurrentModificationException (HTTP 400).
    ConcurrentModification = 312,
    /// The service returned an error code that is not in the model; the
    /// error object's code holds it verbatim.
    ServiceError = 399,

    /// Sync manager: the local store failed (I/O error, full disk, corrupt file,
    /// or a file written by a newer version of the library).
    Storage = 400,
    /// Sync manager: a local limit would be exceeded (dataset size, record
    /// count, datasets per identity).
    LocalLimitExceeded = 401,
    /// Sync manager: the service kept reporting conflicting writes after every
    /// allowed attempt; nothing is lost, synchronize again later.
    ConflictRetriesExhausted = 402,
    /// Sync manager: the conflict resolver asked to abort the synchronize.
    SyncAborted = 403,
    /// Sync manager: the identity is not the store's active identity; switch
    /// identity (or reopen the dataset) to proceed.
    IdentityChanged = 404,
    /// Sync manager: an identity switch would have merged datasets existing
    /// under both identities; nothing was changed.
    IdentityCollision = 405,

    /// A bug in this library was caught (a Rust panic); the call had no
    /// effect that can be relied upon, the process is safe to continue.
    Panic = 900,
    /// An unexpected internal error.
    Internal = 901,
}

impl cognito_sync_status {
    /// Every status, for the total conversion and for tests.
    pub(crate) const ALL: [cognito_sync_status; 36] = [
        Self::Ok,
        Self::Pending,
        Self::NullArgument,
        Self::InvalidUtf8,
        Self::InvalidArgument,
        Self::ReentrantCall,
        Self::AlreadyUsed,
        Self::WrongOperation,
        Self::Cancelled,
        Self::Validation,
        Self::Credentials,
        Self::Transport,
        Self::Timeout,
        Self::Runtime,
        Self::InvalidParameter,
        Self::NotAuthorized,
        Self::ResourceNotFound,
        Self::ResourceConflict,
        Self::LimitExceeded,
        Self::TooManyRequests,
        Self::InternalError,
        Self::InvalidConfiguration,
        Self::InvalidLambdaFunctionOutput,
        Self::LambdaThrottled,
        Self::DuplicateRequest,
        Self::AlreadyStreamed,
        Self::ConcurrentModification,
        Self::ServiceError,
        Self::Storage,
        Self::LocalLimitExceeded,
        Self::ConflictRetriesExhausted,
        Self::SyncAborted,
        Self::IdentityChanged,
        Self::IdentityCollision,
        Self::Panic,
        Self::Internal,
    ];

    /// Total conversion from the raw number: unknown values give `None`.
    pub(crate) fn from_raw(raw: u32) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| *s as u32 == raw)
    }

    /// Static, NUL-terminated text describing the status.
    pub(crate) fn text(self) -> &'static CStr {
        match self {
            Self::Ok => c"ok",
            Self::Pending => c"operation still running",
            Self::NullArgument => c"a required pointer argument was NULL or misaligned",
            Self::InvalidUtf8 => c"a string argument was not valid UTF-8",
            Self::InvalidArgument => c"an argument was out of range or unusable",
            Self::ReentrantCall => {
                c"blocking call from a library callback or runtime thread refused"
            }
            Self::AlreadyUsed => c"the operation's result was already taken",
            Self::WrongOperation => c"the handle belongs to a different operation",
            Self::Cancelled => c"the operation was cancelled because its client was freed",
            Self::Validation => c"the request failed client-side validation and was not sent",
            Self::Credentials => c"credentials could not be obtained",
            Self::Transport => c"network or HTTP transport failure",
            Self::Timeout => c"the connect or call timeout expired",
            Self::Runtime => c"the async runtime could not be used",
            Self::InvalidParameter => c"service: InvalidParameterException",
            Self::NotAuthorized => c"service: NotAuthorizedException",
            Self::ResourceNotFound => c"service: ResourceNotFoundException",
            Self::ResourceConflict => c"service: ResourceConflictException",
            Self::LimitExceeded => c"service: LimitExceededException",
            Self::TooManyRequests => c"service: TooManyRequestsException",
            Self::InternalError => c"service: InternalErrorException",
            Self::InvalidConfiguration => c"service: InvalidConfigurationException",
            Self::InvalidLambdaFunctionOutput => c"service: InvalidLambdaFunctionOutputException",
            Self::LambdaThrottled => c"service: LambdaThrottledException",
            Self::DuplicateRequest => c"service: DuplicateRequestException",
            Self::AlreadyStreamed => c"service: AlreadyStreamedException",
            Self::ConcurrentModification => c"service: ConcurrentModificationException",
            Self::ServiceError => c"service: error code not in the model",
            Self::Storage => c"sync manager: local store failure",
            Self::LocalLimitExceeded => c"sync manager: local limit exceeded",
            Self::ConflictRetriesExhausted => {
                c"sync manager: conflicting writes kept happening after every attempt"
            }
            Self::SyncAborted => c"sync manager: the conflict resolver aborted the synchronize",
            Self::IdentityChanged => c"sync manager: not the store's active identity",
            Self::IdentityCollision => {
                c"sync manager: the identity switch would merge datasets of both identities"
            }
            Self::Panic => c"internal error: a panic was caught at the C boundary",
            Self::Internal => c"internal error",
        }
    }
}

/// Static text for any status value (including values this version does not
/// know, which give "unknown status").
///
/// Ownership: the returned string is static; never free it. Thread-safe.
#[no_mangle]
pub extern "C" fn cognito_sync_status_str(status: u32) -> *const c_char {
    crate::ffi_guard_value!(c"unknown status".as_ptr(), {
        cognito_sync_status::from_raw(status)
            .map_or(c"unknown status", cognito_sync_status::text)
            .as_ptr()
    })
}

#[cfg(test)]
mod tests {
    use super::cognito_sync_status as S;

    #[test]
    fn numbers_are_stable() {
        // The ABI: these numbers never change.
        let expected: &[(S, u32)] = &[
            (S::Ok, 0),
            (S::Pending, 1),
            (S::NullArgument, 100),
            (S::InvalidUtf8, 101),
            (S::InvalidArgument, 102),
            (S::ReentrantCall, 103),
            (S::AlreadyUsed, 104),
            (S::WrongOperation, 105),
            (S::Cancelled, 106),
            (S::Validation, 200),
            (S::Credentials, 201),
            (S::Transport, 202),
            (S::Timeout, 203),
            (S::Runtime, 204),
            (S::InvalidParameter, 300),
            (S::NotAuthorized, 301),
            (S::ResourceNotFound, 302),
            (S::ResourceConflict, 303),
            (S::LimitExceeded, 304),
            (S::TooManyRequests, 305),
            (S::InternalError, 306),
            (S::InvalidConfiguration, 307),
            (S::InvalidLambdaFunctionOutput, 308),
            (S::LambdaThrottled, 309),
            (S::DuplicateRequest, 310),
            (S::AlreadyStreamed, 311),
            (S::ConcurrentModification, 312),
            (S::ServiceError, 399),
            (S::Storage, 400),
            (S::LocalLimitExceeded, 401),
            (S::ConflictRetriesExhausted, 402),
            (S::SyncAborted, 403),
            (S::IdentityChanged, 404),
            (S::IdentityCollision, 405),
            (S::Panic, 900),
            (S::Internal, 901),
        ];
        for (status, number) in expected {
            assert_eq!(*status as u32, *number, "{status:?}");
            assert_eq!(S::from_raw(*number), Some(*status));
        }
        assert_eq!(S::from_raw(2), None);
        assert_eq!(S::from_raw(205), None);
        assert_eq!(S::from_raw(u32::MAX), None);
    }

    #[test]
    fn every_status_has_a_distinct_text() {
        let mut seen = std::collections::HashSet::new();
        for status in S::ALL {
            let text = status.text().to_str().unwrap();
            assert!(!text.is_empty());
            assert!(seen.insert(text), "duplicate text {text}");
        }
    }
}
