//! The service calls a synchronize makes, over the crate's async [`Client`](crate::Client),
//! and the mapping of their errors to the sync manager's.

use std::sync::Arc;

use super::error::{Error, ErrorKind};
use super::identity::{BoxFuture, IdentitySource};
use super::record::RemoteRecord;
use super::store::RemoteDatasetRow;
use super::time::{from_ms, to_ms};
use crate::model::{
    DeleteDatasetInput, ListDatasetsInput, ListRecordsInput, Operation, Record, RecordPatch,
    UpdateRecordsInput,
};
use crate::ErrorKind as CoreKind;

/// A service failure as a synchronize needs to tell them apart.
#[derive(Debug)]
pub(crate) enum RemoteError {
    /// A stale sync count: 409 ResourceConflictException, or the 400
    /// InvalidParameterException "Current SyncCount for: K is: N not: M" form.
    Conflict {
        /// (key, the service's sync count) when the message names them.
        hint: Option<(String, i64)>,
        error: Error,
    },
    /// "No such SyncCount": the local last sync count is ahead of the service.
    NoSuchSyncCount(Error),
    /// Anything else: the synchronize fails with it.
    Other(Error),
}

impl RemoteError {
    pub(crate) fn into_error(self) -> Error {
        match self {
            RemoteError::Conflict { error, .. } => error,
            RemoteError::NoSuchSyncCount(e) | RemoteError::Other(e) => e,
        }
    }
}

/// Converts a client error, keeping the service's code, status and request id.
pub(crate) fn map_error(e: crate::Error) -> Error {
    let core = e.kind();
    let kind = match &core {
        CoreKind::Transport | CoreKind::Timeout => ErrorKind::Network,
        // Credentials that could not be fetched because the network is down (e.g.
        // Cognito Identity unreachable) are a network failure, not a refusal.
        CoreKind::Credentials if e.http_status().is_none() && e.is_retryable() => {
            ErrorKind::Network
        }
        CoreKind::NotAuthorized | CoreKind::Credentials => ErrorKind::NotAuthorized,
        CoreKind::Service(code)
            if matches!(
                code.as_str(),
                "AccessDeniedException"
                    | "UnrecognizedClientException"
                    | "InvalidSignatureException"
                    | "ExpiredTokenException"
                    | "IncompleteSignature"
                    | "MissingAuthenticationToken"
            ) =>
        {
            ErrorKind::NotAuthorized
        }
        CoreKind::LimitExceeded => ErrorKind::LimitExceeded,
        CoreKind::Validation => ErrorKind::InvalidArgument,
        CoreKind::Runtime => ErrorKind::Runtime,
        _ if e.http_status() == Some(403) => ErrorKind::NotAuthorized,
        _ => ErrorKind::Service,
    };
    let message = e.message().to_owned();
    let code = e.code().map(str::to_owned);
    let status = e.http_status();
    let request_id = e.request_id().map(str::to_owned);
    Error::service(kind, message, code, status, request_id, Some(Arc::new(e)))
}

/// Parses "Current SyncCount for: KEY is: N not: M".
pub(crate) fn parse_conflict_hint(message: &str) -> Option<(String, i64)> {
    let rest = message.split_once("Current SyncCount for: ")?.1;
    let (head, _given) = rest.rsplit_once(" not: ")?;
    let (key, server) = head.rsplit_once(" is: ")?;
    Some((key.to_owned(), server.trim().parse().ok()?))
}

fn classify(e: crate::Error) -> RemoteError {
    let kind = e.kind();
    let message = e.message().to_owned();
    let conflict_400 =
        kind == CoreKind::InvalidParameter && message.contains("Current SyncCount for");
    if kind == CoreKind::ResourceConflict || conflict_400 {
        return RemoteError::Conflict {
            hint: parse_conflict_hint(&message),
            error: map_error(e),
        };
    }
    if kind == CoreKind::InvalidParameter && message.contains("No such SyncCount") {
        return RemoteError::NoSuchSyncCount(map_error(e));
    }
    RemoteError::Other(map_error(e))
}

fn remote_record(r: &Record) -> Option<RemoteRecord> {
    Some(RemoteRecord {
        key: r.key.clone()?,
        value: r.value.clone(),
        sync_count: r.sync_count.unwrap_or(0),
        server_ms: r.last_modified_date.map(to_ms),
        modified_by: r.last_modified_by.clone(),
        device_ms: r.device_last_modified_date.map(to_ms),
    })
}

/// Everything one pull (all pages of ListRecords) returned.
#[derive(Debug, Default)]
pub(crate) struct Pulled {
    pub records: Vec<RemoteRecord>,
    pub dataset_sync_count: i64,
    pub session_token: Option<String>,
    pub exists: bool,
    pub deleted_after: bool,
    pub merged: Vec<String>,
}

/// One local change to push.
#[derive(Debug, Clone)]
pub(crate) struct Patch {
    pub key: String,
    pub value: Option<String>,
    pub sync_count: i64,
    pub device_ms: Option<i64>,
}

/// The service, as a synchronize uses it.
#[derive(Clone)]
pub(crate) struct Remote {
    pub client: crate::Client,
    pub identity_pool_id: String,
    pub device_id: Option<String>,
    pub page_size: i32,
}

/// Guards against a service that keeps returning a next token.
const MAX_PAGES: usize = 100_000;

impl Remote {
    pub(crate) async fn pull(
        &self,
        identity_id: &str,
        dataset: &str,
        last_sync_count: i64,
        requests: &mut u32,
    ) -> Result<Pulled, RemoteError> {
        let mut pulled = Pulled::default();
        let mut next_token: Option<String> = None;
        for _ in 0..MAX_PAGES {
            *requests += 1;
            let out = self
                .client
                .list_records(ListRecordsInput {
                    identity_pool_id: self.identity_pool_id.clone(),
                    identity_id: identity_id.to_owned(),
                    dataset_name: dataset.to_owned(),
                    last_sync_count: Some(last_sync_count),
                    next_token: next_token.take(),
                    max_results: Some(self.page_size),
                    sync_session_token: None,
                })
                .await
                .map_err(classify)?;
            pulled
                .records
                .extend(out.records().iter().filter_map(remote_record));
            // The last page's view of the dataset is the freshest.
            pulled.dataset_sync_count = out.dataset_sync_count.unwrap_or(0);
            if out.sync_session_token.is_some() {
                pulled.session_token = out.sync_session_token.clone();
            }
            pulled.exists = out.dataset_exists.unwrap_or(true);
            pulled.deleted_after = out
                .dataset_deleted_after_requested_sync_count
                .unwrap_or(false);
            pulled.merged = out.merged_dataset_names().to_vec();
            match out.next_token {
                Some(t) if !t.is_empty() => next_token = Some(t),
                _ => return Ok(pulled),
            }
        }
        Err(RemoteError::Other(Error::new(
            ErrorKind::Service,
            "ListRecords kept returning a next token",
        )))
    }

    pub(crate) async fn push(
        &self,
        identity_id: &str,
        dataset: &str,
        session_token: &str,
        patches: &[Patch],
        requests: &mut u32,
    ) -> Result<Vec<RemoteRecord>, RemoteError> {
        let record_patches = patches
            .iter()
            .map(|p| RecordPatch {
                op: if p.value.is_some() {
                    Operation::Replace
                } else {
                    Operation::Remove
                },
                key: p.key.clone(),
                value: p.value.clone(),
                sync_count: p.sync_count,
                device_last_modified_date: p.device_ms.map(from_ms),
            })
            .collect();
        *requests += 1;
        let out = self
            .client
            .update_records(UpdateRecordsInput {
                identity_pool_id: self.identity_pool_id.clone(),
                identity_id: identity_id.to_owned(),
                dataset_name: dataset.to_owned(),
                device_id: self.device_id.clone(),
                record_patches: Some(record_patches),
                sync_session_token: session_token.to_owned(),
                client_context: None,
            })
            .await
            .map_err(classify)?;
        Ok(out.records().iter().filter_map(remote_record).collect())
    }

    /// Deletes the dataset on the service; a dataset already gone is success.
    pub(crate) async fn delete_dataset(
        &self,
        identity_id: &str,
        dataset: &str,
        requests: &mut u32,
    ) -> Result<(), RemoteError> {
        *requests += 1;
        match self
            .client
            .delete_dataset(DeleteDatasetInput {
                identity_pool_id: self.identity_pool_id.clone(),
                identity_id: identity_id.to_owned(),
                dataset_name: dataset.to_owned(),
            })
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == CoreKind::ResourceNotFound => Ok(()),
            Err(e) => Err(classify(e)),
        }
    }

    pub(crate) async fn list_datasets(
        &self,
        identity_id: &str,
    ) -> Result<Vec<RemoteDatasetRow>, Error> {
        let mut all = Vec::new();
        let mut next_token: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let out = self
                .client
                .list_datasets(ListDatasetsInput {
                    identity_pool_id: self.identity_pool_id.clone(),
                    identity_id: identity_id.to_owned(),
                    next_token: next_token.take(),
                    max_results: Some(64),
                })
                .await
                .map_err(map_error)?;
            for d in out.datasets.unwrap_or_default() {
                let Some(name) = d.dataset_name else { continue };
                all.push(RemoteDatasetRow {
                    name,
                    data_storage: d.data_storage,
                    num_records: d.num_records,
                    created_ms: d.creation_date.map(to_ms),
                    modified_ms: d.last_modified_date.map(to_ms),
                    modified_by: d.last_modified_by,
                });
            }
            match out.next_token {
                Some(t) if !t.is_empty() => next_token = Some(t),
                _ => return Ok(all),
            }
        }
        Err(Error::new(
            ErrorKind::Service,
            "ListDatasets kept returning a next token",
        ))
    }
}

/// The Cognito Identity provider is an identity source: its cached `GetId` result.
impl IdentitySource for crate::credentials::CognitoIdentityProvider {
    fn identity_id(&self) -> BoxFuture<'_, super::error::Result<String>> {
        Box::pin(async move {
            crate::credentials::CognitoIdentityProvider::identity_id(self)
                .await
                .map_err(|e| {
                    let e = map_error(e).context("resolving the identity id");
                    match e.kind() {
                        ErrorKind::Network | ErrorKind::NotAuthorized => e,
                        _ => Error::new(ErrorKind::Identity, e.message().to_owned()),
                    }
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// aws-sdk-net#430: the service sent a stale sync count as a 400
    /// InvalidParameterException ("Current SyncCount for: ..."), so the 409 conflict
    /// handling never ran. Both forms are a conflict here.
    #[test]
    fn bug_net430_conflict_reported_as_400_invalid_parameter() {
        let e = crate::Error::service(
            "InvalidParameterException",
            "Current SyncCount for: history2 is: 5285 not: 5282",
            400,
            Some("req".into()),
        );
        match classify(e) {
            RemoteError::Conflict { hint, error } => {
                assert_eq!(hint, Some(("history2".into(), 5285)));
                assert_eq!(error.http_status(), Some(400));
            }
            other => panic!("not a conflict: {other:?}"),
        }
        let e = crate::Error::service(
            "ResourceConflictException",
            "Current SyncCount for: k is: 1 not: 0",
            409,
            None,
        );
        assert!(matches!(classify(e), RemoteError::Conflict { .. }));
        let e = crate::Error::service(
            "InvalidParameterException",
            "No such SyncCount: 9 exists for this Dataset",
            400,
            None,
        );
        assert!(matches!(classify(e), RemoteError::NoSuchSyncCount(_)));
        let e = crate::Error::service("InvalidParameterException", "bad dataset", 400, None);
        match classify(e) {
            RemoteError::Other(e) => assert_eq!(e.kind(), ErrorKind::Service),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_map_to_actionable_kinds() {
        let kind = |e: crate::Error| map_error(e).kind();
        assert_eq!(kind(crate::Error::transport("refused")), ErrorKind::Network);
        assert_eq!(kind(crate::Error::timeout("slow")), ErrorKind::Network);
        assert_eq!(
            kind(crate::Error::service(
                "NotAuthorizedException",
                "no",
                403,
                None
            )),
            ErrorKind::NotAuthorized
        );
        assert_eq!(
            kind(crate::Error::service(
                "UnrecognizedClientException",
                "no",
                403,
                None
            )),
            ErrorKind::NotAuthorized
        );
        assert_eq!(
            kind(crate::Error::service(
                "LimitExceededException",
                "big",
                400,
                None
            )),
            ErrorKind::LimitExceeded
        );
        let e = map_error(crate::Error::service(
            "InternalErrorException",
            "boom",
            500,
            Some("r1".into()),
        ));
        assert_eq!(
            (e.kind(), e.code(), e.request_id(), e.is_retryable()),
            (
                ErrorKind::Service,
                Some("InternalErrorException"),
                Some("r1"),
                true
            )
        );
    }

    #[test]
    fn conflict_message_hint() {
        assert_eq!(
            parse_conflict_hint("Current SyncCount for: history2 is: 5285 not: 5282"),
            Some(("history2".into(), 5285))
        );
        assert_eq!(
            parse_conflict_hint("Current SyncCount for: a is: b is: 2 not: 1"),
            Some(("a is: b".into(), 2))
        );
        assert_eq!(parse_conflict_hint("Current SyncCount for: k"), None);
        assert_eq!(parse_conflict_hint("something else"), None);
    }
}
