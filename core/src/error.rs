//! The one error type of the crate.
//!
//! Every failure is an [`Error`]: a service error of the model (one [`ErrorKind`] per
//! error shape), an unknown service code (kept verbatim in [`ErrorKind::Service`]), a
//! client-side validation failure, a credentials, transport or timeout failure, or a
//! blocking call made from inside an async runtime. Messages never contain secrets.

use std::borrow::Cow;
use std::fmt;

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// `InvalidParameterException` (400): a parameter the service rejected.
    InvalidParameter,
    /// `NotAuthorizedException` (403): the caller may not touch the resource.
    NotAuthorized,
    /// `ResourceNotFoundException` (404).
    ResourceNotFound,
    /// `ResourceConflictException` (409): a patch's sync count is stale.
    ResourceConflict,
    /// `LimitExceededException` (400): too many datasets, records or bytes.
    LimitExceeded,
    /// `TooManyRequestsException` (429): throttled; retried automatically.
    TooManyRequests,
    /// `InternalErrorException` (500); retried automatically.
    InternalError,
    /// `InvalidConfigurationException` (400): push sync is not configured.
    InvalidConfiguration,
    /// `InvalidLambdaFunctionOutputException` (400): the sync trigger failed.
    InvalidLambdaFunctionOutput,
    /// `LambdaThrottledException` (429); retried automatically.
    LambdaThrottled,
    /// `DuplicateRequestException` (400): a bulk publish is already running.
    DuplicateRequest,
    /// `AlreadyStreamedException` (400): bulk publish already done in the last 24 h.
    AlreadyStreamed,
    /// `ConcurrentModificationException` (400).
    ConcurrentModification,
    /// A parameter broke a rule of the model; nothing was sent.
    Validation,
    /// No credentials could be obtained (or the configuration is invalid).
    Credentials,
    /// The request could not be sent or its response not read (connection, TLS, body).
    Transport,
    /// The call took longer than its timeout.
    Timeout,
    /// A blocking call was made from inside an async runtime, or the runtime failed.
    Runtime,
    /// A service error code outside the model, kept verbatim (e.g. `AccessDeniedException`,
    /// or the HTTP status as a string when the response carried no code).
    Service(String),
}

impl ErrorKind {
    /// The kind of a service error code (already stripped of namespace and suffix).
    pub fn from_code(code: &str) -> ErrorKind {
        match code {
            "InvalidParameterException" => ErrorKind::InvalidParameter,
            "NotAuthorizedException" => ErrorKind::NotAuthorized,
            "ResourceNotFoundException" => ErrorKind::ResourceNotFound,
            "ResourceConflictException" => ErrorKind::ResourceConflict,
            "LimitExceededException" => ErrorKind::LimitExceeded,
            "TooManyRequestsException" => ErrorKind::TooManyRequests,
            "InternalErrorException" => ErrorKind::InternalError,
            "InvalidConfigurationException" => ErrorKind::InvalidConfiguration,
            "InvalidLambdaFunctionOutputException" => ErrorKind::InvalidLambdaFunctionOutput,
            "LambdaThrottledException" => ErrorKind::LambdaThrottled,
            "DuplicateRequestException" => ErrorKind::DuplicateRequest,
            "AlreadyStreamedException" => ErrorKind::AlreadyStreamed,
            "ConcurrentModificationException" => ErrorKind::ConcurrentModification,
            other => ErrorKind::Service(other.to_owned()),
        }
    }

    /// The AWS error code of a modeled service error kind (`ResourceConflictException`...),
    /// the verbatim code of [`ErrorKind::Service`], `None` for client-side kinds.
    pub fn code(&self) -> Option<&str> {
        Some(match self {
            ErrorKind::InvalidParameter => "InvalidParameterException",
            ErrorKind::NotAuthorized => "NotAuthorizedException",
            ErrorKind::ResourceNotFound => "ResourceNotFoundException",
            ErrorKind::ResourceConflict => "ResourceConflictException",
            ErrorKind::LimitExceeded => "LimitExceededException",
            ErrorKind::TooManyRequests => "TooManyRequestsException",
            ErrorKind::InternalError => "InternalErrorException",
            ErrorKind::InvalidConfiguration => "InvalidConfigurationException",
            ErrorKind::InvalidLambdaFunctionOutput => "InvalidLambdaFunctionOutputException",
            ErrorKind::LambdaThrottled => "LambdaThrottledException",
            ErrorKind::DuplicateRequest => "DuplicateRequestException",
            ErrorKind::AlreadyStreamed => "AlreadyStreamedException",
            ErrorKind::ConcurrentModification => "ConcurrentModificationException",
            ErrorKind::Service(code) => code,
            ErrorKind::Validation
            | ErrorKind::Credentials
            | ErrorKind::Transport
            | ErrorKind::Timeout
            | ErrorKind::Runtime => return None,
        })
    }

    /// A short stable name of the kind, e.g. `"ResourceConflict"`, `"Validation"`,
    /// `"Service"`: handy for bindings that map kinds to their own types.
    pub fn name(&self) -> &'static str {
        match self {
            ErrorKind::InvalidParameter => "InvalidParameter",
            ErrorKind::NotAuthorized => "NotAuthorized",
            ErrorKind::ResourceNotFound => "ResourceNotFound",
            ErrorKind::ResourceConflict => "ResourceConflict",
            ErrorKind::LimitExceeded => "LimitExceeded",
            ErrorKind::TooManyRequests => "TooManyRequests",
            ErrorKind::InternalError => "InternalError",
            ErrorKind::InvalidConfiguration => "InvalidConfiguration",
            ErrorKind::InvalidLambdaFunctionOutput => "InvalidLambdaFunctionOutput",
            ErrorKind::LambdaThrottled => "LambdaThrottled",
            ErrorKind::DuplicateRequest => "DuplicateRequest",
            ErrorKind::AlreadyStreamed => "AlreadyStreamed",
            ErrorKind::ConcurrentModification => "ConcurrentModification",
            ErrorKind::Validation => "Validation",
            ErrorKind::Credentials => "Credentials",
            ErrorKind::Transport => "Transport",
            ErrorKind::Timeout => "Timeout",
            ErrorKind::Runtime => "Runtime",
            ErrorKind::Service(_) => "Service",
        }
    }
}

/// Throttling codes of the AWS SDKs' standard retry mode, less `LimitExceededException`:
/// in Cognito Sync it means a dataset limit, which no retry can fix.
fn is_throttling_code(code: &str) -> bool {
    matches!(
        code,
        "Throttling"
            | "ThrottlingException"
            | "ThrottledException"
            | "RequestThrottledException"
            | "TooManyRequestsException"
            | "LambdaThrottledException"
            | "ProvisionedThroughputExceededException"
            | "TransactionInProgressException"
            | "RequestLimitExceeded"
            | "BandwidthLimitExceeded"
            | "RequestThrottled"
            | "SlowDown"
            | "PriorRequestNotComplete"
            | "EC2ThrottledException"
    )
}

/// Transient codes of the AWS SDKs' standard retry mode.
fn is_transient_code(code: &str) -> bool {
    matches!(
        code,
        "RequestTimeout" | "RequestTimeoutException" | "InternalErrorException" | "InternalError"
    )
}

/// An error of any operation of this crate.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    code: Option<Cow<'static, str>>,
    message: Cow<'static, str>,
    request_id: Option<String>,
    http_status: Option<u16>,
    retryable: bool,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    fn new(kind: ErrorKind, message: impl Into<Cow<'static, str>>, retryable: bool) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                code: None,
                message: message.into(),
                request_id: None,
                http_status: None,
                retryable,
                source: None,
            }),
        }
    }

    /// A service error read from a response: `code` already stripped, `status` the HTTP
    /// status. Modeled codes get their kind; others are kept verbatim.
    pub fn service(
        code: &str,
        message: impl Into<Cow<'static, str>>,
        http_status: u16,
        request_id: Option<String>,
    ) -> Error {
        let kind = ErrorKind::from_code(code);
        // Standard mode: throttling and transient codes, and any 5xx or 429, are retried.
        let retryable = is_throttling_code(code)
            || is_transient_code(code)
            || http_status >= 500
            || http_status == 429;
        let mut e = Error::new(kind, message, retryable);
        e.inner.code = Some(Cow::Owned(code.to_owned()));
        e.inner.http_status = Some(http_status);
        e.inner.request_id = request_id;
        e
    }

    /// A client-side validation failure naming the field and the rule.
    pub fn validation(message: impl Into<Cow<'static, str>>) -> Error {
        Error::new(ErrorKind::Validation, message, false)
    }

    /// An invalid client configuration (region, endpoint...): a validation error, since
    /// nothing can be sent.
    pub(crate) fn config(message: impl Into<Cow<'static, str>>) -> Error {
        Error::new(ErrorKind::Validation, message, false)
    }

    /// A credentials failure.
    pub fn credentials(message: impl Into<Cow<'static, str>>) -> Error {
        Error::new(ErrorKind::Credentials, message, false)
    }

    /// A transport failure (retryable: the AWS SDKs retry connection errors).
    pub fn transport(message: impl Into<Cow<'static, str>>) -> Error {
        Error::new(ErrorKind::Transport, message, true)
    }

    /// A response that could not be understood (not retried: the call may have taken
    /// effect).
    pub(crate) fn invalid_response(message: impl Into<Cow<'static, str>>) -> Error {
        Error::new(ErrorKind::Transport, message, false)
    }

    /// A call that exceeded its timeout.
    pub fn timeout(message: impl Into<Cow<'static, str>>) -> Error {
        Error::new(ErrorKind::Timeout, message, false)
    }

    /// A runtime failure (e.g. a blocking call inside an async runtime).
    pub fn runtime(message: impl Into<Cow<'static, str>>) -> Error {
        Error::new(ErrorKind::Runtime, message, false)
    }

    /// Attaches the underlying error.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.inner.source = Some(Box::new(source));
        self
    }

    /// Attaches an underlying error that is already boxed.
    pub(crate) fn with_boxed_source(
        mut self,
        source: Box<dyn std::error::Error + Send + Sync>,
    ) -> Error {
        self.inner.source = Some(source);
        self
    }

    /// Turns a service or transport error of a credentials provider into a credentials
    /// error, keeping its code, status, request id and retryability, prefixing `context`.
    pub(crate) fn into_credentials(self, context: &str) -> Error {
        let mut inner = self.inner;
        if inner.kind != ErrorKind::Credentials {
            if inner.code.is_none() {
                inner.code = inner.kind.code().map(|c| Cow::Owned(c.to_owned()));
            }
            inner.kind = ErrorKind::Credentials;
        }
        inner.message = Cow::Owned(format!("{context}: {}", inner.message));
        Error { inner }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind.clone()
    }

    /// The kind, borrowed (no clone of [`ErrorKind::Service`]'s code).
    pub fn kind_ref(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// The AWS error code (`ResourceConflictException`...), when the service sent one
    /// or the kind is a modeled service error.
    pub fn code(&self) -> Option<&str> {
        match &self.inner.code {
            Some(c) => Some(c),
            None => self.inner.kind.code(),
        }
    }

    /// The human-readable message (the service's, or ours for client-side failures).
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The request id (`x-amzn-RequestId`) of the failing response, if any.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// The HTTP status of the failing response, if any.
    pub fn http_status(&self) -> Option<u16> {
        self.inner.http_status
    }

    /// Whether trying again later may succeed (throttling, 5xx, connection errors).
    pub fn is_retryable(&self) -> bool {
        self.inner.retryable
    }

    /// Whether this is a throttling error (429 or a throttling code).
    pub fn is_throttling(&self) -> bool {
        self.inner.http_status == Some(429) || self.code().is_some_and(is_throttling_code)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code() {
            Some(code) => write!(f, "{code}: {}", self.inner.message)?,
            None => write!(
                f,
                "{} error: {}",
                self.inner.kind.name(),
                self.inner.message
            )?,
        }
        if let Some(status) = self.inner.http_status {
            write!(f, " (HTTP {status}")?;
            if let Some(id) = &self.inner.request_id {
                write!(f, ", request id {id}")?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.inner.kind)
            .field("code", &self.code())
            .field("message", &self.inner.message)
            .field("request_id", &self.inner.request_id)
            .field("http_status", &self.inner.http_status)
            .field("retryable", &self.inner.retryable);
        if let Some(s) = &self.inner.source {
            d.field("source", s);
        }
        d.finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Reads a service error from a response, the way botocore does: the code from the
/// `x-amzn-ErrorType` header, else the body's `code`/`Code`, else its `__type`, else the
/// HTTP status; each stripped of any `:suffix` and `namespace#` prefix. The message from
/// `message` or `Message`. The request id from `x-amzn-RequestId` or `x-amz-request-id`.
pub(crate) fn parse_service_error(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Error {
    #[derive(serde::Deserialize, Default)]
    struct Body {
        #[serde(rename = "__type")]
        type_: Option<String>,
        code: Option<String>,
        #[serde(rename = "Code")]
        code_upper: Option<String>,
        message: Option<String>,
        #[serde(rename = "Message")]
        message_upper: Option<String>,
        #[serde(rename = "errorMessage")]
        error_message: Option<String>,
    }
    let parsed: Body = serde_json::from_slice(body).unwrap_or_default();
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    // A source whose code is empty once stripped (`x-amzn-ErrorType: :http://...`) gives
    // way to the next one, so an error always has a code.
    let status_text;
    let code = match [
        header("x-amzn-errortype"),
        parsed.code.as_deref(),
        parsed.code_upper.as_deref(),
        parsed.type_.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(sanitize_code)
    .find(|c| !c.is_empty())
    {
        Some(c) => c,
        None => {
            status_text = status.to_string();
            &status_text
        }
    };
    let message = parsed
        .message
        .or(parsed.message_upper)
        .or(parsed.error_message)
        .unwrap_or_else(|| {
            if body.is_empty() {
                format!("HTTP {status} with an empty body")
            } else {
                format!("HTTP {status}")
            }
        });
    // The header may be duplicated ("id, id"): keep the first.
    let request_id = header("x-amzn-requestid")
        .or_else(|| header("x-amz-request-id"))
        .map(|v| v.split(',').next().unwrap_or(v).trim().to_owned());
    Error::service(code, message, status, request_id)
}

/// `aws.protocols#...:http://internal...` and `ns#Code` both become `Code`.
fn sanitize_code(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    before_colon
        .rsplit('#')
        .next()
        .unwrap_or(before_colon)
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, HeaderValue};

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn a_code_empty_once_stripped_gives_way_to_the_next_source() {
        // Found by the response_parsers fuzz target: the header's empty code won.
        let e = parse_service_error(
            403,
            &headers(&[("x-amzn-ErrorType", ":InvalidSignatureException")]),
            br#"{"__type":"InvalidSignatureException","message":"Signature expired"}"#,
        );
        assert_eq!(e.code(), Some("InvalidSignatureException"));
        assert_eq!(e.message(), "Signature expired");
        let e = parse_service_error(
            503,
            &headers(&[("x-amzn-ErrorType", "ns#:x")]),
            br#"{"code":" : "}"#,
        );
        assert_eq!(e.code(), Some("503"));
    }

    #[test]
    fn code_from_header_wins_over_body() {
        let e = parse_service_error(
            409,
            &headers(&[
                (
                    "x-amzn-ErrorType",
                    "ResourceConflictException:http://internal.amazon.com/coral/",
                ),
                ("x-amzn-RequestId", "req-1"),
            ]),
            br#"{"__type":"Other","message":"Current SyncCount for: k is: 1 not: 0"}"#,
        );
        assert_eq!(e.kind(), ErrorKind::ResourceConflict);
        assert_eq!(e.code(), Some("ResourceConflictException"));
        assert_eq!(e.message(), "Current SyncCount for: k is: 1 not: 0");
        assert_eq!(e.request_id(), Some("req-1"));
        assert_eq!(e.http_status(), Some(409));
        assert!(!e.is_retryable());
    }

    #[test]
    fn code_from_body_type_with_namespace_and_capital_message() {
        let e = parse_service_error(
            404,
            &headers(&[("x-amz-request-id", "r2")]),
            br#"{"__type":"com.amazonaws.cognito.sync.model#ResourceNotFoundException","Message":"gone"}"#,
        );
        assert_eq!(e.kind(), ErrorKind::ResourceNotFound);
        assert_eq!(e.message(), "gone");
        assert_eq!(e.request_id(), Some("r2"));
    }

    #[test]
    fn body_code_member_and_duplicated_request_id() {
        let e = parse_service_error(
            400,
            &headers(&[("x-amzn-requestid", "abc, abc")]),
            br#"{"code":"InvalidParameterException","message":"bad"}"#,
        );
        assert_eq!(e.kind(), ErrorKind::InvalidParameter);
        assert_eq!(e.request_id(), Some("abc"));
    }

    #[test]
    fn every_modeled_code_maps_to_its_kind_and_back() {
        let codes = [
            ("InvalidParameterException", 400, false),
            ("NotAuthorizedException", 403, false),
            ("ResourceNotFoundException", 404, false),
            ("ResourceConflictException", 409, false),
            ("LimitExceededException", 400, false),
            ("TooManyRequestsException", 429, true),
            ("InternalErrorException", 500, true),
            ("InvalidConfigurationException", 400, false),
            ("InvalidLambdaFunctionOutputException", 400, false),
            ("LambdaThrottledException", 429, true),
            ("DuplicateRequestException", 400, false),
            ("AlreadyStreamedException", 400, false),
            ("ConcurrentModificationException", 400, false),
        ];
        for (code, status, retryable) in codes {
            let body = r#"{"message":"m"}"#;
            let e = parse_service_error(
                status,
                &headers(&[("x-amzn-ErrorType", code)]),
                body.as_bytes(),
            );
            assert!(!matches!(e.kind(), ErrorKind::Service(_)), "{code}");
            assert_eq!(e.kind().code(), Some(code));
            assert_eq!(e.is_retryable(), retryable, "{code}");
        }
    }

    #[test]
    fn unknown_codes_and_missing_codes_are_kept_verbatim() {
        let e = parse_service_error(
            403,
            &HeaderMap::new(),
            br#"{"__type":"AccessDeniedException","message":"no"}"#,
        );
        assert_eq!(e.kind(), ErrorKind::Service("AccessDeniedException".into()));
        assert_eq!(e.code(), Some("AccessDeniedException"));
        let e = parse_service_error(503, &HeaderMap::new(), b"<html>busy</html>");
        assert_eq!(e.kind(), ErrorKind::Service("503".into()));
        assert!(e.is_retryable());
        let e = parse_service_error(400, &HeaderMap::new(), b"");
        assert_eq!(e.code(), Some("400"));
        assert!(!e.is_retryable());
        assert!(e.message().contains("empty body"));
    }

    #[test]
    fn errors_cross_threads() {
        fn check<T: Send + Sync + 'static + std::error::Error>() {}
        check::<Error>();
    }

    #[test]
    fn display_names_code_status_and_request_id() {
        let e = Error::service(
            "ResourceConflictException",
            "stale",
            409,
            Some("id9".into()),
        );
        assert_eq!(
            e.to_string(),
            "ResourceConflictException: stale (HTTP 409, request id id9)"
        );
        let v = Error::validation("dataset_name: must match [a-zA-Z0-9_.:-]+");
        assert_eq!(
            v.to_string(),
            "Validation error: dataset_name: must match [a-zA-Z0-9_.:-]+"
        );
        assert_eq!(v.code(), None);
    }
}
