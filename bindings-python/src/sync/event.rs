//! Sync manager notifications as `SyncEvent` objects, from `poll_event`,
//! `wait_event` and `drain_events`.

use cognito_sync::sync as core;
use pyo3::prelude::*;
use pyo3::types::PyAny;

use super::error::sync_err;
use super::report::SyncReport;

/// A notification of the sync manager, from ``poll_event``/``wait_event``. ``kind`` is
/// one of ``"changed"``, ``"sync_started"``, ``"sync_progress"``, ``"datasets_merged"``,
/// ``"dataset_deleted"``, ``"sync_succeeded"``, ``"sync_failed"``, ``"identity_changed"``,
/// ``"events_dropped"``; the attributes that do not apply to a kind are ``None``.
#[pyclass(frozen, get_all, module = "cognito_sync", name = "SyncEvent")]
pub(super) struct SyncEvent {
    /// What happened.
    kind: &'static str,
    /// Owner of the dataset.
    identity_id: Option<String>,
    /// The dataset.
    dataset: Option<String>,
    /// ``"local"`` or ``"remote"`` (``changed``, ``dataset_deleted``).
    source: Option<&'static str>,
    /// Keys whose value changed (``changed``).
    keys: Option<Vec<String>>,
    /// The synchronize run.
    sync_id: Option<u64>,
    /// ``"deleting_remote"``, ``"pulling"``, ``"pushing"`` or ``"retrying"`` (``sync_progress``).
    phase: Option<&'static str>,
    /// Merged dataset names (``datasets_merged``).
    merged: Option<Vec<String>>,
    /// The report (``sync_succeeded``).
    report: Option<Py<SyncReport>>,
    /// The exception (``sync_failed``).
    error: Option<Py<PyAny>>,
    /// Previous identity (``identity_changed``).
    from_identity: Option<String>,
    /// New identity (``identity_changed``).
    to_identity: Option<String>,
    /// How many events were dropped (``events_dropped``).
    count: Option<u64>,
}

#[pymethods]
impl SyncEvent {
    fn __repr__(&self) -> String {
        let mut s = format!("SyncEvent(kind={:?}", self.kind);
        if let Some(d) = &self.dataset {
            s.push_str(&format!(", dataset={d:?}"));
        }
        if let Some(k) = &self.keys {
            s.push_str(&format!(", keys={k:?}"));
        }
        if let Some(src) = self.source {
            s.push_str(&format!(", source={src:?}"));
        }
        if let Some(p) = self.phase {
            s.push_str(&format!(", phase={p:?}"));
        }
        if let Some(id) = self.sync_id {
            s.push_str(&format!(", sync_id={id}"));
        }
        s.push(')');
        s
    }
}

fn source_str(s: core::ChangeSource) -> &'static str {
    match s {
        core::ChangeSource::Local => "local",
        core::ChangeSource::Remote => "remote",
    }
}

pub(super) fn event_to_py(py: Python<'_>, e: core::Event) -> PyResult<SyncEvent> {
    let mut ev = SyncEvent {
        kind: "unknown",
        identity_id: None,
        dataset: None,
        source: None,
        keys: None,
        sync_id: None,
        phase: None,
        merged: None,
        report: None,
        error: None,
        from_identity: None,
        to_identity: None,
        count: None,
    };
    match e {
        core::Event::Changed {
            identity_id,
            dataset,
            source,
            keys,
        } => {
            ev.kind = "changed";
            ev.identity_id = Some(identity_id);
            ev.dataset = Some(dataset);
            ev.source = Some(source_str(source));
            ev.keys = Some(keys);
        }
        core::Event::SyncStarted {
            identity_id,
            dataset,
            sync_id,
        } => {
            ev.kind = "sync_started";
            ev.identity_id = Some(identity_id);
            ev.dataset = Some(dataset);
            ev.sync_id = Some(sync_id);
        }
        core::Event::SyncProgress {
            identity_id,
            dataset,
            sync_id,
            phase,
        } => {
            ev.kind = "sync_progress";
            ev.identity_id = Some(identity_id);
            ev.dataset = Some(dataset);
            ev.sync_id = Some(sync_id);
            ev.phase = Some(match phase {
                core::SyncPhase::DeletingRemote => "deleting_remote",
                core::SyncPhase::Pulling => "pulling",
                core::SyncPhase::Pushing => "pushing",
                core::SyncPhase::Retrying => "retrying",
            });
        }
        core::Event::DatasetsMerged {
            identity_id,
            dataset,
            merged,
        } => {
            ev.kind = "datasets_merged";
            ev.identity_id = Some(identity_id);
            ev.dataset = Some(dataset);
            ev.merged = Some(merged);
        }
        core::Event::DatasetDeleted {
            identity_id,
            dataset,
            source,
        } => {
            ev.kind = "dataset_deleted";
            ev.identity_id = Some(identity_id);
            ev.dataset = Some(dataset);
            ev.source = Some(source_str(source));
        }
        core::Event::SyncSucceeded {
            identity_id,
            dataset,
            sync_id,
            report,
        } => {
            ev.kind = "sync_succeeded";
            ev.identity_id = Some(identity_id);
            ev.dataset = Some(dataset);
            ev.sync_id = Some(sync_id);
            ev.report = Some(Py::new(py, SyncReport(report))?);
        }
        core::Event::SyncFailed {
            identity_id,
            dataset,
            sync_id,
            error,
        } => {
            ev.kind = "sync_failed";
            ev.identity_id = Some(identity_id);
            ev.dataset = Some(dataset);
            ev.sync_id = Some(sync_id);
            ev.error = Some(sync_err(py, &error).into_value(py).into_any());
        }
        core::Event::IdentityChanged { from, to, moved } => {
            ev.kind = "identity_changed";
            ev.from_identity = from;
            ev.to_identity = Some(to.clone());
            ev.identity_id = Some(to);
            ev.merged = Some(moved);
        }
        core::Event::EventsDropped { count } => {
            ev.kind = "events_dropped";
            ev.count = Some(count);
        }
        _ => {}
    }
    Ok(ev)
}
