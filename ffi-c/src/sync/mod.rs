//! The offline-first sync manager from C: a local store of datasets that
//! works with no network, `synchronize` (blocking and non-blocking) with a
//! conflict policy or a C resolver callback, and an event queue the host
//! drains on the thread it chooses (e.g. once per frame).

pub mod conflict;
pub mod dataset;
pub mod event;
pub mod handlers;
pub mod identity;
pub mod lists;
pub mod manager;
pub mod report;
pub mod whole;

use cognito_sync_core::sync::{Error, ErrorKind};

use crate::error::{status_of, FfiError};
use crate::status::cognito_sync_status;

/// The status of each kind of sync manager error.
fn status_of_sync(error: &Error) -> cognito_sync_status {
    use cognito_sync_status as S;
    match error.kind() {
        ErrorKind::InvalidArgument => S::Validation,
        ErrorKind::LimitExceeded => S::LocalLimitExceeded,
        ErrorKind::Storage => S::Storage,
        ErrorKind::Network => S::Transport,
        ErrorKind::NotAuthorized => S::NotAuthorized,
        ErrorKind::ConflictRetriesExhausted => S::ConflictRetriesExhausted,
        ErrorKind::Service => match error.code() {
            Some(code) => status_of(&cognito_sync_core::ErrorKind::from_code(code)),
            None => S::ServiceError,
        },
        ErrorKind::Cancelled => S::SyncAborted,
        ErrorKind::IdentityChanged => S::IdentityChanged,
        ErrorKind::IdentityCollision => S::IdentityCollision,
        ErrorKind::Identity => S::Credentials,
        ErrorKind::Runtime => S::ReentrantCall,
        // A kind added to the core after this mapping was written.
        _ => S::Internal,
    }
}

impl From<Error> for FfiError {
    fn from(error: Error) -> Self {
        FfiError::full(
            status_of_sync(&error),
            error.message().to_owned(),
            error.code().map(str::to_owned),
            error.request_id().map(str::to_owned),
            error.http_status().unwrap_or(0),
            error.is_retryable(),
        )
    }
}
