//! Records and the operations that read and write them: ListRecords, UpdateRecords.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::spare_byte;
use super::timestamp::option_epoch_seconds;
use super::wire_enum;

wire_enum! {
    /// What a [`RecordPatch`] does to its record.
    Operation {
        /// Set the record's value.
        Replace => "replace",
        /// Delete the record (it stays as a tombstone without a value).
        Remove => "remove",
    }
}

// The enum comes from a macro shared with enums that have no natural default.
#[allow(clippy::derivable_impls)]
impl Default for Operation {
    fn default() -> Self {
        Operation::Replace
    }
}

/// A record of a dataset as the service returns it. A record without a value is a
/// deletion tombstone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Record {
    /// The key of the record.
    #[serde(
        default,
        deserialize_with = "spare_byte::option_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub key: Option<String>,
    /// The value; `None` for a deleted record.
    #[serde(
        default,
        deserialize_with = "spare_byte::option_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<String>,
    /// The server's version of this record: the dataset sync count of its last change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_count: Option<i64>,
    /// When the server last changed the record.
    #[serde(
        default,
        with = "option_epoch_seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_date: Option<SystemTime>,
    /// Who last changed the record.
    #[serde(
        default,
        deserialize_with = "spare_byte::option_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_by: Option<String>,
    /// The device's own clock at its last change, as the device sent it.
    #[serde(
        default,
        with = "option_epoch_seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub device_last_modified_date: Option<SystemTime>,
}

/// One change of an [`UpdateRecordsInput`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RecordPatch {
    /// `replace` or `remove`.
    pub op: Operation,
    /// The key of the record (1 to 1024 characters).
    pub key: String,
    /// The new value (at most 1,048,575 characters); absent for `remove`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The last sync count the client saw for this key, 0 for a new key.
    pub sync_count: i64,
    /// The device's clock when the change was made.
    #[serde(
        default,
        with = "option_epoch_seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub device_last_modified_date: Option<SystemTime>,
}

impl RecordPatch {
    /// A `replace` patch setting `key` to `value`, based on `sync_count`.
    pub fn replace(key: impl Into<String>, value: impl Into<String>, sync_count: i64) -> Self {
        RecordPatch {
            op: Operation::Replace,
            key: key.into(),
            value: Some(value.into()),
            sync_count,
            device_last_modified_date: None,
        }
    }

    /// A `remove` patch deleting `key`, based on `sync_count`.
    pub fn remove(key: impl Into<String>, sync_count: i64) -> Self {
        RecordPatch {
            op: Operation::Remove,
            key: key.into(),
            value: None,
            sync_count,
            device_last_modified_date: None,
        }
    }

    /// Sets the device's clock of the change.
    pub fn with_device_last_modified_date(mut self, at: SystemTime) -> Self {
        self.device_last_modified_date = Some(at);
        self
    }
}

/// Input of ListRecords: the records of a dataset changed after a sync count.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListRecordsInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
    /// The identity, `REGION:GUID`.
    pub identity_id: String,
    /// The dataset name (1 to 128 of `[a-zA-Z0-9_.:-]`).
    pub dataset_name: String,
    /// Return records whose sync count is above this one (query `lastSyncCount`).
    pub last_sync_count: Option<i64>,
    /// Token of the next page (query `nextToken`).
    pub next_token: Option<String>,
    /// Page size (query `maxResults`).
    pub max_results: Option<i32>,
    /// A session token from an earlier call (query `syncSessionToken`).
    pub sync_session_token: Option<String>,
}

/// Output of ListRecords.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListRecordsOutput {
    /// The records changed after the requested sync count (tombstones have no value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<Vec<Record>>,
    /// Token of the next page, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// The number of records in this page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
    /// The dataset's current sync count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset_sync_count: Option<i64>,
    /// Who last changed the dataset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_by: Option<String>,
    /// Datasets merged into this one (`name.identityId`), to be reconciled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_dataset_names: Option<Vec<String>>,
    /// Whether the dataset exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset_exists: Option<bool>,
    /// Whether the dataset was deleted after the requested sync count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset_deleted_after_requested_sync_count: Option<bool>,
    /// The token to pass to UpdateRecords.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_session_token: Option<String>,
}

impl ListRecordsOutput {
    /// The records of this page (empty when the service sent none).
    pub fn records(&self) -> &[Record] {
        self.records.as_deref().unwrap_or_default()
    }

    /// The merged dataset names (empty when the service sent none).
    pub fn merged_dataset_names(&self) -> &[String] {
        self.merged_dataset_names.as_deref().unwrap_or_default()
    }
}

/// Input of UpdateRecords: apply patches to a dataset, creating it if needed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UpdateRecordsInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
    /// The identity, `REGION:GUID`.
    pub identity_id: String,
    /// The dataset name.
    pub dataset_name: String,
    /// The device id returned by RegisterDevice, if any.
    pub device_id: Option<String>,
    /// The changes.
    pub record_patches: Option<Vec<RecordPatch>>,
    /// The token from the ListRecords call this update is based on.
    pub sync_session_token: String,
    /// Base64 JSON client context (header `x-amz-Client-Context`).
    pub client_context: Option<String>,
}

/// Output of UpdateRecords.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateRecordsOutput {
    /// The records as written, with their new sync counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<Vec<Record>>,
}

impl UpdateRecordsOutput {
    /// The records written (empty when the service sent none).
    pub fn records(&self) -> &[Record] {
        self.records.as_deref().unwrap_or_default()
    }
}
