//! Errors as the service sends them on the wire: an AWS error code, an HTTP status and a message.

use std::borrow::Cow;

/// One error response: `x-amzn-ErrorType: <code>` and `{"__type":"<code>","message":"..."}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub(crate) code: Cow<'static, str>,
    pub(crate) status: u16,
    pub(crate) message: String,
}

/// The HTTP status the Cognito Sync model gives each error code (`error.httpStatusCode`), plus
/// the authentication errors AWS front ends send. Unknown codes are client errors (400).
pub(crate) fn sync_status_for(code: &str) -> u16 {
    match code {
        "NotAuthorizedException"
        | "UnrecognizedClientException"
        | "InvalidSignatureException"
        | "IncompleteSignatureException"
        | "MissingAuthenticationTokenException"
        | "ExpiredTokenException"
        | "AccessDeniedException" => 403,
        "ResourceNotFoundException" | "UnknownOperationException" => 404,
        "ResourceConflictException" => 409,
        "RequestEntityTooLargeException" => 413,
        "TooManyRequestsException" | "LambdaThrottledException" | "ThrottlingException" => 429,
        "InternalErrorException" | "InternalFailure" => 500,
        "ServiceUnavailableException" | "ServiceUnavailable" => 503,
        _ => 400,
    }
}

impl ApiError {
    /// An error with an explicit status.
    pub(crate) fn new(
        code: impl Into<Cow<'static, str>>,
        status: u16,
        message: impl Into<String>,
    ) -> Self {
        ApiError {
            code: code.into(),
            status,
            message: message.into(),
        }
    }

    /// An error whose status comes from the Cognito Sync model.
    pub(crate) fn sync(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        let code = code.into();
        let status = sync_status_for(&code);
        ApiError {
            code,
            status,
            message: message.into(),
        }
    }

    pub(crate) fn invalid_parameter(message: impl Into<String>) -> Self {
        Self::sync("InvalidParameterException", message)
    }

    pub(crate) fn not_authorized(message: impl Into<String>) -> Self {
        Self::sync("NotAuthorizedException", message)
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::sync("ResourceNotFoundException", message)
    }

    pub(crate) fn conflict(message: impl Into<String>) -> Self {
        Self::sync("ResourceConflictException", message)
    }

    pub(crate) fn limit_exceeded(message: impl Into<String>) -> Self {
        Self::sync("LimitExceededException", message)
    }

    pub(crate) fn invalid_configuration(message: impl Into<String>) -> Self {
        Self::sync("InvalidConfigurationException", message)
    }

    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Self::sync("InternalErrorException", message)
    }

    /// The request has no route: AWS answers unknown operations this way.
    pub(crate) fn unknown_operation() -> Self {
        Self::sync("UnknownOperationException", "Unknown operation")
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        // The store is ours, so any SQLite failure is a service fault, never the caller's.
        tracing::error!(error = %e, "store failure");
        ApiError::internal("Internal service error")
    }
}
