//! What the manager hands back: what one synchronize did (`SyncReport`), a local
//! dataset's sync state (`DatasetInfo`) and one stored record (`SyncRecord`).

use std::time::SystemTime;

use cognito_sync::sync as core;
use pyo3::prelude::*;
use pyo3::types::PyAny;

fn opt_time(py: Python<'_>, t: Option<SystemTime>) -> PyResult<Py<PyAny>> {
    match t {
        Some(t) => Ok(crate::time::to_datetime(py, t)?.unbind()),
        None => Ok(py.None()),
    }
}

// ---------------------------------------------------------------- value classes

/// One record of a local dataset, as stored on this device.
#[pyclass(frozen, eq, module = "cognito_sync", name = "SyncRecord")]
#[derive(Clone, PartialEq)]
pub(super) struct SyncRecord(pub(super) core::Record);

#[pymethods]
impl SyncRecord {
    /// The key.
    #[getter]
    fn key(&self) -> &str {
        &self.0.key
    }
    /// The value; ``None`` for a removed record.
    #[getter]
    fn value(&self) -> Option<&str> {
        self.0.value.as_deref()
    }
    /// The service's sync count this version is based on (0: never synced).
    #[getter]
    fn sync_count(&self) -> i64 {
        self.0.sync_count
    }
    /// Whether the record holds a change the service has not acknowledged yet.
    #[getter]
    fn modified_locally(&self) -> bool {
        self.0.modified_locally
    }
    /// The device clock at the last change.
    #[getter]
    fn device_last_modified(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        opt_time(py, self.0.device_last_modified)
    }
    /// When the service last changed the record (``None`` until synced).
    #[getter]
    fn last_modified(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        opt_time(py, self.0.last_modified)
    }
    /// Who last changed the record, according to the service.
    #[getter]
    fn last_modified_by(&self) -> Option<&str> {
        self.0.last_modified_by.as_deref()
    }
    fn __repr__(&self) -> String {
        format!(
            "SyncRecord(key={:?}, value={:?}, sync_count={}, modified_locally={})",
            self.0.key,
            self.0.value,
            self.0.sync_count,
            if self.0.modified_locally {
                "True"
            } else {
                "False"
            }
        )
    }
}

/// What a successful synchronize did.
#[pyclass(frozen, eq, module = "cognito_sync", name = "SyncReport")]
#[derive(Clone, PartialEq)]
pub(super) struct SyncReport(pub(super) core::SyncReport);

#[pymethods]
impl SyncReport {
    /// The identity the run was pinned to.
    #[getter]
    fn identity_id(&self) -> &str {
        &self.0.identity_id
    }
    /// The dataset.
    #[getter]
    fn dataset(&self) -> &str {
        &self.0.dataset
    }
    /// Identifies the run (also in its events).
    #[getter]
    fn sync_id(&self) -> u64 {
        self.0.sync_id
    }
    /// Keys whose local value changed because of the service.
    #[getter]
    fn changed_keys(&self) -> Vec<String> {
        self.0.changed_keys.clone()
    }
    /// Local changes the service acknowledged.
    #[getter]
    fn pushed(&self) -> usize {
        self.0.pushed
    }
    /// Conflicts settled by the conflict policy.
    #[getter]
    fn conflicts(&self) -> usize {
        self.0.conflicts
    }
    /// Attempts made (more than 1 after conflicting writes by others).
    #[getter]
    fn attempts(&self) -> u32 {
        self.0.attempts
    }
    /// Calls made to the service.
    #[getter]
    fn requests(&self) -> u32 {
        self.0.requests
    }
    /// The dataset's sync count at the end.
    #[getter]
    fn last_sync_count(&self) -> i64 {
        self.0.last_sync_count
    }
    /// Datasets the service reports as merged into this one.
    #[getter]
    fn merged_datasets(&self) -> Vec<String> {
        self.0.merged_datasets.clone()
    }
    /// The dataset no longer exists locally.
    #[getter]
    fn deleted(&self) -> bool {
        self.0.deleted
    }
    /// The service reported the dataset deleted by someone else.
    #[getter]
    fn deleted_remotely(&self) -> bool {
        self.0.deleted_remotely
    }
    /// This call returned the result of a concurrent synchronize of the same dataset.
    #[getter]
    fn coalesced(&self) -> bool {
        self.0.coalesced
    }
    fn __repr__(&self) -> String {
        format!(
            "SyncReport(dataset={:?}, changed_keys={:?}, pushed={}, conflicts={}, \
             attempts={}, requests={}, last_sync_count={})",
            self.0.dataset,
            self.0.changed_keys,
            self.0.pushed,
            self.0.conflicts,
            self.0.attempts,
            self.0.requests,
            self.0.last_sync_count
        )
    }
}

/// A local dataset and its sync state.
#[pyclass(frozen, eq, module = "cognito_sync", name = "DatasetInfo")]
#[derive(Clone, PartialEq)]
pub(super) struct DatasetInfo(pub(super) core::DatasetInfo);

#[pymethods]
impl DatasetInfo {
    /// The dataset name.
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// The identity owning it.
    #[getter]
    fn identity_id(&self) -> &str {
        &self.0.identity_id
    }
    /// When it last synchronized successfully.
    #[getter]
    fn last_sync(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        opt_time(py, self.0.last_sync)
    }
    /// The dataset sync count up to which remote changes are merged.
    #[getter]
    fn last_sync_count(&self) -> i64 {
        self.0.last_sync_count
    }
    /// Number of records with a value.
    #[getter]
    fn record_count(&self) -> u64 {
        self.0.record_count
    }
    /// Size in bytes as the service counts it.
    #[getter]
    fn size_bytes(&self) -> u64 {
        self.0.size_bytes
    }
    /// Records with local changes not yet acknowledged by the service.
    #[getter]
    fn unsynced_records(&self) -> u64 {
        self.0.unsynced_records
    }
    /// Deleted locally, the deletion waiting for a synchronize.
    #[getter]
    fn pending_delete(&self) -> bool {
        self.0.pending_delete
    }
    fn __repr__(&self) -> String {
        format!(
            "DatasetInfo(name={:?}, record_count={}, unsynced_records={}, last_sync_count={})",
            self.0.name, self.0.record_count, self.0.unsynced_records, self.0.last_sync_count
        )
    }
}
