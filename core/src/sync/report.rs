//! What a successful synchronize did.

/// The outcome of a successful synchronize of one dataset.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncReport {
    /// The identity the run was pinned to.
    pub identity_id: String,
    /// The dataset.
    pub dataset: String,
    /// Identifies the run (also in its events).
    pub sync_id: u64,
    /// Keys whose local value changed because of the service (remote changes applied,
    /// conflicts settled in the service's favour). Empty on a no-op sync.
    pub changed_keys: Vec<String>,
    /// Local changes the service acknowledged.
    pub pushed: usize,
    /// Conflicts settled by the conflict policy.
    pub conflicts: usize,
    /// Attempts made (more than 1 after conflicting writes by others).
    pub attempts: u32,
    /// Calls made to the service (ListRecords pages, UpdateRecords, DeleteDataset).
    pub requests: u32,
    /// The dataset's last sync count at the end.
    pub last_sync_count: i64,
    /// Datasets the service reports as merged into this one.
    pub merged_datasets: Vec<String>,
    /// The dataset no longer exists locally: a local deletion reached the service, or
    /// the service reported it deleted and the local copy was deleted too.
    pub deleted: bool,
    /// The service reported the dataset deleted by someone else.
    pub deleted_remotely: bool,
    /// This call returned the result of a synchronize that started after it was made,
    /// instead of running its own (concurrent calls on one dataset are coalesced).
    pub coalesced: bool,
}
