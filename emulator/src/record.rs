//! A stored record and its wire (`Record`) form.

use serde::Serialize;

use crate::time::wire_seconds;

/// One row of `records`; `value: None` is a deletion tombstone.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StoredRecord {
    pub(crate) key: String,
    pub(crate) value: Option<String>,
    pub(crate) sync_count: i64,
    pub(crate) modified_ms: i64,
    pub(crate) modified_by: Option<String>,
    pub(crate) device_modified_ms: Option<i64>,
}

/// The wire `Record` shape (explicit nulls, as the real service writes them).
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct WireRecord<'a> {
    key: &'a str,
    value: Option<&'a str>,
    sync_count: i64,
    last_modified_date: f64,
    last_modified_by: Option<&'a str>,
    device_last_modified_date: Option<f64>,
}

impl StoredRecord {
    /// Bytes this record adds to DataStorage: UTF-8 key plus value; tombstones count nothing.
    pub(crate) fn storage(&self) -> i64 {
        match &self.value {
            Some(v) => (self.key.len() + v.len()) as i64,
            None => 0,
        }
    }

    /// The wire form.
    pub(crate) fn wire(&self) -> WireRecord<'_> {
        WireRecord {
            key: &self.key,
            value: self.value.as_deref(),
            sync_count: self.sync_count,
            last_modified_date: wire_seconds(self.modified_ms),
            last_modified_by: self.modified_by.as_deref(),
            device_last_modified_date: self.device_modified_ms.map(wire_seconds),
        }
    }

    pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredRecord> {
        Ok(StoredRecord {
            key: r.get(0)?,
            value: r.get(1)?,
            sync_count: r.get(2)?,
            modified_ms: r.get(3)?,
            modified_by: r.get(4)?,
            device_modified_ms: r.get(5)?,
        })
    }
}

/// Column list matching [`StoredRecord::from_row`].
pub(crate) const RECORD_COLUMNS: &str =
    "key, value, sync_count, modified_ms, modified_by, device_modified_ms";
