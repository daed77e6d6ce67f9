//! Conflict resolution: what happens when a record changed both here and on the service.
//!
//! A **conflict** is a record with a local change not yet acknowledged by the service
//! while the service holds a newer version of it with a *different* value. Equal values
//! are never a conflict (this also heals a push whose reply was lost). Conflicts are
//! settled during [`synchronize`](crate::sync::Dataset::synchronize), one record at a
//! time, by the manager's [`ConflictPolicy`].

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use super::record::Record;

/// A record changed both locally and on the service, with different values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The identity the dataset belongs to.
    pub identity_id: String,
    /// The dataset.
    pub dataset: String,
    /// The record key.
    pub key: String,
    /// The local version (`value` `None`: removed locally).
    pub local: Record,
    /// The service's version (`value` `None`: removed on the service).
    pub remote: Record,
}

/// What a resolver decides for one [`Conflict`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Keep the local version; it is pushed over the service's version.
    KeepLocal,
    /// Take the service's version; the local change is dropped.
    KeepRemote,
    /// Store this value (e.g. a merge of both) and push it.
    Value(String),
    /// Remove the record everywhere.
    Remove,
    /// Stop this synchronize; it fails with [`ErrorKind::Cancelled`](crate::sync::ErrorKind)
    /// and nothing of this attempt is applied.
    Abort,
}

/// Decides conflicts. Called on the thread running the synchronize, once per
/// conflicting record; it must not block for long and must not call back into the
/// same dataset's `synchronize` (it may read or write the store).
///
/// Implemented for closures `Fn(&Conflict) -> Resolution`. A C callback with a
/// `void *user_data`, or a Python callable, maps onto this trait one to one.
pub trait ConflictResolver: Send + Sync {
    /// Decides one conflict.
    fn resolve(&self, conflict: &Conflict) -> Resolution;
}

impl<F> ConflictResolver for F
where
    F: Fn(&Conflict) -> Resolution + Send + Sync,
{
    fn resolve(&self, conflict: &Conflict) -> Resolution {
        self(conflict)
    }
}

/// How conflicts are settled.
#[derive(Clone, Default)]
pub enum ConflictPolicy {
    /// The service's version wins.
    RemoteWins,
    /// The local version wins.
    LocalWins,
    /// The version with the later device-modified time wins (the time of the device
    /// that made the change, sent as `DeviceLastModifiedDate`; the service's own time
    /// when a writer sent none). On a tie the service's version wins. The default.
    #[default]
    LastWriterWins,
    /// A resolver of the host's.
    Custom(Arc<dyn ConflictResolver>),
}

impl ConflictPolicy {
    /// A policy calling `resolver`.
    pub fn custom(resolver: impl ConflictResolver + 'static) -> Self {
        ConflictPolicy::Custom(Arc::new(resolver))
    }

    /// Decides `conflict` under this policy.
    pub fn resolve(&self, conflict: &Conflict) -> Resolution {
        match self {
            ConflictPolicy::RemoteWins => Resolution::KeepRemote,
            ConflictPolicy::LocalWins => Resolution::KeepLocal,
            ConflictPolicy::LastWriterWins => last_writer_wins(conflict),
            ConflictPolicy::Custom(r) => r.resolve(conflict),
        }
    }
}

impl fmt::Debug for ConflictPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConflictPolicy::RemoteWins => f.write_str("RemoteWins"),
            ConflictPolicy::LocalWins => f.write_str("LocalWins"),
            ConflictPolicy::LastWriterWins => f.write_str("LastWriterWins"),
            ConflictPolicy::Custom(_) => f.write_str("Custom(..)"),
        }
    }
}

/// The time a version was written by its device, falling back to the service's time.
pub(crate) fn writer_time(r: &Record) -> Option<SystemTime> {
    r.device_last_modified.or(r.last_modified)
}

fn last_writer_wins(c: &Conflict) -> Resolution {
    match (writer_time(&c.local), writer_time(&c.remote)) {
        (Some(l), Some(r)) if l > r => Resolution::KeepLocal,
        (Some(_), None) => Resolution::KeepLocal,
        _ => Resolution::KeepRemote,
    }
}

/// What to do with the local copy of a dataset that someone else deleted on the service
/// (`DatasetExists` false after this device had synced it, or
/// `DatasetDeletedAfterRequestedSyncCount`). One meaning, whatever the language: the
/// returned action is what happens, there is no boolean to misread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DatasetDeletedAction {
    /// Delete the local copy too, unsynced changes included. The synchronize succeeds
    /// and reports the dataset deleted.
    DeleteLocal,
    /// Drop what was synced, keep the local changes not yet pushed and push them: the
    /// dataset is re-created on the service with just those. The default: the deletion
    /// wins over old data, no local write the service never saw is lost.
    #[default]
    KeepUnsynced,
    /// Re-create the dataset on the service from the whole local copy.
    RestoreFromLocal,
}

/// Decides what to do with a dataset deleted on the service (see
/// [`DatasetDeletedAction`]). Receives the identity id and the dataset name.
pub type DatasetDeletedHandler = Arc<dyn Fn(&str, &str) -> DatasetDeletedAction + Send + Sync>;

/// Told, during a synchronize, that the service reports datasets merged into this one
/// after two identities were merged (`MergedDatasetNames`, named
/// `<dataset>.<merged identity id>`). Receives the identity id, the dataset name and the
/// merged names. Purely informational: the synchronize goes on either way. The merged
/// datasets are ordinary datasets of this identity: open and synchronize them to read
/// them, copy what you want into this one, then delete them, which makes the service
/// stop reporting them. Also delivered as [`Event::DatasetsMerged`](crate::sync::Event).
pub type DatasetsMergedHandler = Arc<dyn Fn(&str, &str, &[String]) + Send + Sync>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn rec(value: Option<&str>, device_s: Option<u64>, server_s: Option<u64>) -> Record {
        Record {
            key: "k".into(),
            value: value.map(str::to_owned),
            sync_count: 1,
            modified_locally: false,
            device_last_modified: device_s.map(|s| UNIX_EPOCH + Duration::from_secs(s)),
            last_modified: server_s.map(|s| UNIX_EPOCH + Duration::from_secs(s)),
            last_modified_by: None,
        }
    }

    fn conflict(local: Record, remote: Record) -> Conflict {
        Conflict {
            identity_id: "us-east-1:1".into(),
            dataset: "d".into(),
            key: "k".into(),
            local,
            remote,
        }
    }

    #[test]
    fn last_writer_wins_on_device_time() {
        let p = ConflictPolicy::LastWriterWins;
        let c = conflict(
            rec(Some("a"), Some(20), None),
            rec(Some("b"), Some(10), Some(30)),
        );
        assert_eq!(p.resolve(&c), Resolution::KeepLocal);
        let c = conflict(
            rec(Some("a"), Some(5), None),
            rec(Some("b"), Some(10), Some(1)),
        );
        assert_eq!(p.resolve(&c), Resolution::KeepRemote);
        // Remote without a device time: its service time counts.
        let c = conflict(rec(None, Some(5), None), rec(Some("b"), None, Some(4)));
        assert_eq!(p.resolve(&c), Resolution::KeepLocal);
        // Tie: remote.
        let c = conflict(rec(Some("a"), Some(5), None), rec(Some("b"), Some(5), None));
        assert_eq!(p.resolve(&c), Resolution::KeepRemote);
    }

    #[test]
    fn fixed_and_custom_policies() {
        let c = conflict(rec(Some("a"), None, None), rec(Some("b"), None, None));
        assert_eq!(
            ConflictPolicy::RemoteWins.resolve(&c),
            Resolution::KeepRemote
        );
        assert_eq!(ConflictPolicy::LocalWins.resolve(&c), Resolution::KeepLocal);
        let merge = ConflictPolicy::custom(|c: &Conflict| {
            Resolution::Value(format!(
                "{}+{}",
                c.local.value.as_deref().unwrap_or(""),
                c.remote.value.as_deref().unwrap_or("")
            ))
        });
        assert_eq!(merge.resolve(&c), Resolution::Value("a+b".into()));
    }
}
