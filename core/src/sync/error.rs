//! The one error type of the sync manager.
//!
//! Every failure of the sync manager is an [`Error`] with a [`ErrorKind`] saying what
//! went wrong in terms a host can act on (fix the input, retry later, ask the user,
//! switch identity). Service failures keep the service's error code, HTTP status and
//! request id. The type is cheap to clone (an `Arc` inside) so one outcome can be handed
//! to several waiters and to the event queue.

use std::fmt;
use std::sync::Arc;

/// What kind of failure an [`Error`] is. Stable: the C and Python layers map each
/// variant to a status code / exception class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An argument is invalid: dataset name, key or value breaks the service's rules.
    InvalidArgument,
    /// A limit would be exceeded: dataset size, record count, datasets per identity.
    LimitExceeded,
    /// The local database failed (I/O error, full disk, corrupt file, or a file written
    /// by a newer version of this library).
    Storage,
    /// The network could not be reached or timed out; nothing was lost, retry later.
    Network,
    /// The service refused the credentials or the identity (NotAuthorized, expired
    /// credentials, wrong identity for these credentials).
    NotAuthorized,
    /// The service kept reporting conflicting writes after every allowed attempt.
    ConflictRetriesExhausted,
    /// The service returned another error; see [`Error::code`].
    Service,
    /// A conflict resolver asked to abort the synchronization.
    Cancelled,
    /// The identity resolved for this sync, or the identity a dataset handle was opened
    /// under, is not the store's active identity. Call
    /// [`SyncManager::switch_identity`](crate::sync::SyncManager::switch_identity)
    /// (or reopen the dataset) to proceed; no data was read or written.
    IdentityChanged,
    /// An identity switch would have merged datasets that exist under both identities;
    /// nothing was changed.
    IdentityCollision,
    /// The identity id could not be obtained (e.g. offline on first start, or the
    /// identity provider failed).
    Identity,
    /// A blocking call was made from inside an async runtime thread.
    Runtime,
}

impl ErrorKind {
    /// A short stable name of the kind, e.g. `"LimitExceeded"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidArgument => "InvalidArgument",
            ErrorKind::LimitExceeded => "LimitExceeded",
            ErrorKind::Storage => "Storage",
            ErrorKind::Network => "Network",
            ErrorKind::NotAuthorized => "NotAuthorized",
            ErrorKind::ConflictRetriesExhausted => "ConflictRetriesExhausted",
            ErrorKind::Service => "Service",
            ErrorKind::Cancelled => "Cancelled",
            ErrorKind::IdentityChanged => "IdentityChanged",
            ErrorKind::IdentityCollision => "IdentityCollision",
            ErrorKind::Identity => "Identity",
            ErrorKind::Runtime => "Runtime",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error of the sync manager. Its `Display` never contains credentials.
#[derive(Clone)]
pub struct Error {
    inner: Arc<Inner>,
}

struct Inner {
    kind: ErrorKind,
    message: String,
    code: Option<String>,
    http_status: Option<u16>,
    request_id: Option<String>,
    datasets: Vec<String>,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    /// A new error of `kind` with a message.
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            inner: Arc::new(Inner {
                kind,
                message: message.into(),
                code: None,
                http_status: None,
                request_id: None,
                datasets: Vec::new(),
                source: None,
            }),
        }
    }

    /// An error carrying the details of a service (or transport) failure.
    pub(crate) fn service(
        kind: ErrorKind,
        message: impl Into<String>,
        code: Option<String>,
        http_status: Option<u16>,
        request_id: Option<String>,
        source: Option<Arc<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Error {
            inner: Arc::new(Inner {
                kind,
                message: message.into(),
                code,
                http_status,
                request_id,
                datasets: Vec::new(),
                source,
            }),
        }
    }

    /// An [`ErrorKind::IdentityCollision`] naming the datasets in the way.
    pub(crate) fn collision(datasets: Vec<String>) -> Self {
        let message = format!(
            "the target identity already has local datasets with these names: {}",
            datasets.join(", ")
        );
        Error {
            inner: Arc::new(Inner {
                kind: ErrorKind::IdentityCollision,
                message,
                code: None,
                http_status: None,
                request_id: None,
                datasets,
                source: None,
            }),
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    pub(crate) fn limit(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::LimitExceeded, message)
    }

    pub(crate) fn storage(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Storage, message)
    }

    /// Returns a copy of this error with `context: ` prepended to the message.
    pub(crate) fn context(&self, context: &str) -> Self {
        Error {
            inner: Arc::new(Inner {
                kind: self.inner.kind,
                message: format!("{context}: {}", self.inner.message),
                code: self.inner.code.clone(),
                http_status: self.inner.http_status,
                request_id: self.inner.request_id.clone(),
                datasets: self.inner.datasets.clone(),
                source: self.inner.source.clone(),
            }),
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// A human-readable description.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The AWS error code (e.g. `ResourceConflictException`) when the service sent one.
    pub fn code(&self) -> Option<&str> {
        self.inner.code.as_deref()
    }

    /// The HTTP status of the failed service call, if there was a response.
    pub fn http_status(&self) -> Option<u16> {
        self.inner.http_status
    }

    /// The service's request id of the failed call, if there was a response.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// For [`ErrorKind::IdentityCollision`]: the datasets that exist under both identities.
    pub fn datasets(&self) -> &[String] {
        &self.inner.datasets
    }

    /// Whether retrying the same call later may succeed without any other change.
    pub fn is_retryable(&self) -> bool {
        match self.inner.kind {
            ErrorKind::Network | ErrorKind::ConflictRetriesExhausted => true,
            ErrorKind::Service => matches!(self.inner.http_status, Some(429) | Some(500..=599)),
            ErrorKind::Storage => self.inner.message.contains("locked"),
            _ => false,
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.inner.kind)
            .field("message", &self.inner.message);
        if let Some(code) = &self.inner.code {
            d.field("code", code);
        }
        if let Some(status) = self.inner.http_status {
            d.field("http_status", &status);
        }
        if let Some(id) = &self.inner.request_id {
            d.field("request_id", id);
        }
        if !self.inner.datasets.is_empty() {
            d.field("datasets", &self.inner.datasets);
        }
        d.finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.inner.kind, self.inner.message)?;
        if let Some(code) = &self.inner.code {
            write!(f, " ({code})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.inner.source {
            Some(s) => Some(s.as_ref() as &(dyn std::error::Error + 'static)),
            None => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        // SQLite messages name tables and constraints, never values: safe to show.
        let message = format!("local store: {e}");
        Error {
            inner: Arc::new(Inner {
                kind: ErrorKind::Storage,
                message,
                code: None,
                http_status: None,
                request_id: None,
                datasets: Vec::new(),
                source: Some(Arc::new(e)),
            }),
        }
    }
}

/// The result type of the sync manager.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_kind_and_code() {
        let e = Error::service(
            ErrorKind::Service,
            "boom",
            Some("InternalErrorException".into()),
            Some(500),
            Some("req-1".into()),
            None,
        );
        assert_eq!(e.to_string(), "Service: boom (InternalErrorException)");
        assert!(e.is_retryable());
        assert_eq!(e.request_id(), Some("req-1"));
        let c = Error::collision(vec!["a".into(), "b".into()]);
        assert_eq!(c.kind(), ErrorKind::IdentityCollision);
        assert_eq!(c.datasets(), ["a", "b"]);
        assert!(!Error::invalid("x").is_retryable());
    }
}
