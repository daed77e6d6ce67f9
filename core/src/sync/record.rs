//! The records and dataset descriptions the sync manager hands out.

use std::time::SystemTime;

use super::time::from_ms;

/// One record of a local dataset, as stored on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The key.
    pub key: String,
    /// The value; `None` when the record is removed (a tombstone kept so the removal
    /// reaches the service and other devices). An empty string is a value, not a removal.
    pub value: Option<String>,
    /// The service's sync count of the version this record is based on (0: never synced).
    pub sync_count: i64,
    /// Whether this record holds a local change the service has not acknowledged yet.
    pub modified_locally: bool,
    /// The device clock at the last change (local or remote device).
    pub device_last_modified: Option<SystemTime>,
    /// When the service last changed the record (`None` until synced).
    pub last_modified: Option<SystemTime>,
    /// Who last changed the record according to the service.
    pub last_modified_by: Option<String>,
}

impl Record {
    /// Whether the record is removed (has no value).
    pub fn is_removed(&self) -> bool {
        self.value.is_none()
    }
}

/// What the service reported about a dataset the last time the dataset list was
/// refreshed ([`SyncManager::refresh_datasets`](crate::sync::SyncManager::refresh_datasets)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteDatasetInfo {
    /// Bytes the service counts for the dataset (`DataStorage`).
    pub data_storage: Option<i64>,
    /// Number of records (`NumRecords`).
    pub num_records: Option<i64>,
    /// When the dataset was created on the service.
    pub creation_date: Option<SystemTime>,
    /// When the dataset last changed on the service.
    pub last_modified: Option<SystemTime>,
    /// Who last changed it.
    pub last_modified_by: Option<String>,
    /// When this information was fetched.
    pub refreshed: SystemTime,
}

/// A local dataset and its sync state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetInfo {
    /// The dataset name.
    pub name: String,
    /// The identity that owns it.
    pub identity_id: String,
    /// When it was created in this store.
    pub created: SystemTime,
    /// When it last changed in this store (local write or applied remote change).
    pub last_modified: SystemTime,
    /// When it last synchronized successfully.
    pub last_sync: Option<SystemTime>,
    /// The dataset sync count up to which remote changes are merged (0: never synced).
    pub last_sync_count: i64,
    /// Number of records with a value.
    pub record_count: u64,
    /// Size in bytes as the service counts it (keys plus values, UTF-8).
    pub size_bytes: u64,
    /// Number of records with local changes not yet acknowledged by the service.
    pub unsynced_records: u64,
    /// Whether the dataset was deleted locally and the deletion is waiting for a sync.
    pub pending_delete: bool,
    /// What the service last reported, if the list was refreshed.
    pub remote: Option<RemoteDatasetInfo>,
}

impl DatasetInfo {
    /// Whether the dataset has anything to push (changed records or a pending deletion).
    pub fn has_unsynced_changes(&self) -> bool {
        self.unsynced_records > 0 || self.pending_delete
    }
}

/// A stored record row, as the store and the merge logic see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub key: String,
    pub value: Option<String>,
    pub sync_count: i64,
    /// Local changes since the last acknowledged state: 0 clean, grows on each write.
    pub dirty: i64,
    pub device_ms: Option<i64>,
    pub server_ms: Option<i64>,
    pub modified_by: Option<String>,
}

impl Row {
    pub fn to_record(&self) -> Record {
        Record {
            key: self.key.clone(),
            value: self.value.clone(),
            sync_count: self.sync_count,
            modified_locally: self.dirty != 0,
            device_last_modified: self.device_ms.map(from_ms),
            last_modified: self.server_ms.map(from_ms),
            last_modified_by: self.modified_by.clone(),
        }
    }
}

/// A record as the service returned it (ListRecords or UpdateRecords), in store units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RemoteRecord {
    pub key: String,
    pub value: Option<String>,
    pub sync_count: i64,
    pub server_ms: Option<i64>,
    pub modified_by: Option<String>,
    pub device_ms: Option<i64>,
}

impl RemoteRecord {
    pub fn to_record(&self) -> Record {
        Record {
            key: self.key.clone(),
            value: self.value.clone(),
            sync_count: self.sync_count,
            modified_locally: false,
            device_last_modified: self.device_ms.map(from_ms),
            last_modified: self.server_ms.map(from_ms),
            last_modified_by: self.modified_by.clone(),
        }
    }
}
