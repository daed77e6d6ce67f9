//! The offline-first sync manager for Python: `SyncManager`, a mapping-like
//! `SyncDataset`, blocking and asyncio `synchronize`, a Python callable as conflict
//! resolver, and event polling. Everything delegates to `cognito_sync::sync`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use cognito_sync::sync as core;
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyAny, PyDict, PyList, PyString, PyTuple};
use pyo3::IntoPyObjectExt;

use crate::client::{AsyncClient, Client};
use crate::runtime;

// ---------------------------------------------------------------- errors

static MAKE_SYNC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Builds the Python exception of a sync error (`_errors._make_sync` picks the class).
fn sync_err(py: Python<'_>, e: &core::Error) -> PyErr {
    let built = MAKE_SYNC
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(
                py.import("cognito_sync._errors")?
                    .getattr("_make_sync")?
                    .unbind(),
            )
        })
        .and_then(|make| {
            make.bind(py).call1((
                e.kind().as_str(),
                e.message(),
                e.code(),
                e.request_id(),
                e.http_status(),
                e.is_retryable(),
            ))
        });
    match built {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    }
}

fn check<T>(py: Python<'_>, r: core::Result<T>) -> PyResult<T> {
    r.map_err(|e| sync_err(py, &e))
}

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
pub struct SyncRecord(core::Record);

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

/// A record changed both here and on the service, with different values; passed to
/// the ``conflict_resolver`` of a :class:`SyncManager`.
#[pyclass(frozen, module = "cognito_sync", name = "Conflict")]
pub struct Conflict(core::Conflict);

#[pymethods]
impl Conflict {
    /// The identity the dataset belongs to.
    #[getter]
    fn identity_id(&self) -> &str {
        &self.0.identity_id
    }
    /// The dataset name.
    #[getter]
    fn dataset(&self) -> &str {
        &self.0.dataset
    }
    /// The record key.
    #[getter]
    fn key(&self) -> &str {
        &self.0.key
    }
    /// The local version (``value`` ``None``: removed locally).
    #[getter]
    fn local(&self) -> SyncRecord {
        SyncRecord(self.0.local.clone())
    }
    /// The service's version (``value`` ``None``: removed on the service).
    #[getter]
    fn remote(&self) -> SyncRecord {
        SyncRecord(self.0.remote.clone())
    }
    fn __repr__(&self) -> String {
        format!(
            "Conflict(dataset={:?}, key={:?}, local={:?}, remote={:?})",
            self.0.dataset, self.0.key, self.0.local.value, self.0.remote.value
        )
    }
}

/// What a conflict resolver decides: ``Resolution.keep_local()``,
/// ``Resolution.keep_remote()``, ``Resolution.value("merged")``, ``Resolution.remove()``
/// or ``Resolution.abort()``. A resolver may also return a plain ``str`` (the value to
/// store, like ``Resolution.value``).
#[pyclass(frozen, eq, module = "cognito_sync", name = "Resolution")]
#[derive(Clone, PartialEq)]
pub struct Resolution(core::Resolution);

#[pymethods]
impl Resolution {
    /// Keep the local version; it is pushed over the service's.
    #[staticmethod]
    fn keep_local() -> Self {
        Resolution(core::Resolution::KeepLocal)
    }
    /// Take the service's version; the local change is dropped.
    #[staticmethod]
    fn keep_remote() -> Self {
        Resolution(core::Resolution::KeepRemote)
    }
    /// Store this value (e.g. a merge of both) and push it.
    #[staticmethod]
    fn value(value: String) -> Self {
        Resolution(core::Resolution::Value(value))
    }
    /// Remove the record everywhere.
    #[staticmethod]
    fn remove() -> Self {
        Resolution(core::Resolution::Remove)
    }
    /// Stop this synchronize: it fails and nothing of it is applied.
    #[staticmethod]
    fn abort() -> Self {
        Resolution(core::Resolution::Abort)
    }
    fn __repr__(&self) -> String {
        match &self.0 {
            core::Resolution::KeepLocal => "Resolution.keep_local()".into(),
            core::Resolution::KeepRemote => "Resolution.keep_remote()".into(),
            core::Resolution::Value(v) => format!("Resolution.value({v:?})"),
            core::Resolution::Remove => "Resolution.remove()".into(),
            core::Resolution::Abort => "Resolution.abort()".into(),
        }
    }
}

/// What a successful synchronize did.
#[pyclass(frozen, eq, module = "cognito_sync", name = "SyncReport")]
#[derive(Clone, PartialEq)]
pub struct SyncReport(core::SyncReport);

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
pub struct DatasetInfo(core::DatasetInfo);

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

/// A notification of the sync manager, from ``poll_event``/``wait_event``. ``kind`` is
/// one of ``"changed"``, ``"sync_started"``, ``"sync_progress"``, ``"datasets_merged"``,
/// ``"dataset_deleted"``, ``"sync_succeeded"``, ``"sync_failed"``, ``"identity_changed"``,
/// ``"events_dropped"``; the attributes that do not apply to a kind are ``None``.
#[pyclass(frozen, get_all, module = "cognito_sync", name = "SyncEvent")]
pub struct SyncEvent {
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

fn event_to_py(py: Python<'_>, e: core::Event) -> PyResult<SyncEvent> {
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

// ---------------------------------------------------------------- resolver

/// A Python callable as conflict resolver. It runs on the thread doing the synchronize,
/// with the GIL taken for the call. If it raises (or returns something else than a
/// `Resolution` or `str`), the synchronize is aborted and the exception is re-raised by
/// the `synchronize` call that ran it.
struct PyResolver {
    callable: Py<PyAny>,
    failure: Arc<Mutex<Option<PyErr>>>,
}

impl core::ConflictResolver for PyResolver {
    fn resolve(&self, conflict: &core::Conflict) -> core::Resolution {
        // On a runtime thread (async synchronize): nothing runs once Python is exiting.
        let Some(outcome) = crate::shutdown::with_python(|py| -> PyResult<core::Resolution> {
            let arg = Py::new(py, Conflict(conflict.clone()))?;
            let out = self.callable.bind(py).call1((arg,))?;
            if let Ok(r) = out.cast::<Resolution>() {
                return Ok(r.get().0.clone());
            }
            if let Ok(s) = out.cast::<PyString>() {
                return Ok(core::Resolution::Value(s.to_cow()?.into_owned()));
            }
            Err(PyTypeError::new_err(format!(
                "conflict_resolver must return a Resolution or a str, not {}",
                out.get_type().name()?
            )))
        }) else {
            return core::Resolution::Abort;
        };
        match outcome {
            Ok(r) => r,
            Err(e) => {
                if let Ok(mut slot) = self.failure.lock() {
                    *slot = Some(e);
                }
                core::Resolution::Abort
            }
        }
    }
}

fn policy_from(
    resolver: Option<&Bound<'_, PyAny>>,
    failure: &Arc<Mutex<Option<PyErr>>>,
) -> PyResult<core::ConflictPolicy> {
    let Some(r) = resolver else {
        return Ok(core::ConflictPolicy::LastWriterWins);
    };
    if let Ok(s) = r.cast::<PyString>() {
        return match s.to_cow()?.as_ref() {
            "last_writer_wins" => Ok(core::ConflictPolicy::LastWriterWins),
            "local_wins" => Ok(core::ConflictPolicy::LocalWins),
            "remote_wins" => Ok(core::ConflictPolicy::RemoteWins),
            other => Err(PyValueError::new_err(format!(
                "conflict_resolver: unknown policy {other:?} (expected 'last_writer_wins', \
                 'local_wins', 'remote_wins' or a callable)"
            ))),
        };
    }
    if !r.is_callable() {
        return Err(PyTypeError::new_err(format!(
            "conflict_resolver: expected a callable or a policy name, not {}",
            r.get_type().name()?
        )));
    }
    Ok(core::ConflictPolicy::custom(PyResolver {
        callable: r.clone().unbind(),
        failure: Arc::clone(failure),
    }))
}

// ---------------------------------------------------------------- identity switch

/// What :meth:`SyncManager.switch_identity` did.
#[pyclass(frozen, eq, module = "cognito_sync", name = "IdentitySwitchReport")]
#[derive(Clone, PartialEq)]
pub struct IdentitySwitchReport(core::IdentitySwitchReport);

#[pymethods]
impl IdentitySwitchReport {
    /// The previous active identity (``None`` if there was none).
    // Named like `SyncEvent.from_identity` in Python; a getter, not a conversion.
    #[allow(clippy::wrong_self_convention)]
    #[getter]
    fn from_identity(&self) -> Option<&str> {
        self.0.from.as_deref()
    }
    /// The new active identity.
    #[getter]
    fn to_identity(&self) -> &str {
        &self.0.to
    }
    /// Datasets moved to the new identity.
    #[getter]
    fn moved(&self) -> Vec<String> {
        self.0.moved.clone()
    }
    /// Datasets left under the previous identity because the new one has the same name.
    #[getter]
    fn left_behind(&self) -> Vec<String> {
        self.0.left_behind.clone()
    }
    fn __repr__(&self) -> String {
        format!(
            "IdentitySwitchReport(from_identity={:?}, to_identity={:?}, moved={:?}, left_behind={:?})",
            self.0.from, self.0.to, self.0.moved, self.0.left_behind
        )
    }
}

fn switch_mode(mode: &Bound<'_, PyAny>) -> PyResult<core::IdentitySwitch> {
    let Ok(s) = mode.cast::<PyString>() else {
        return Err(PyTypeError::new_err(format!(
            "mode: expected a str, not {}",
            mode.get_type().name()?
        )));
    };
    match s.to_cow()?.as_ref() {
        "keep_separate" => Ok(core::IdentitySwitch::KeepSeparate),
        "move_data" => Ok(core::IdentitySwitch::MoveData),
        "discard_previous" => Ok(core::IdentitySwitch::DiscardPrevious),
        other => Err(PyValueError::new_err(format!(
            "mode: unknown mode {other:?} (expected 'keep_separate', 'move_data' or \
             'discard_previous')"
        ))),
    }
}

// ---------------------------------------------------------------- dataset handlers

/// Reports an exception raised by a handler that has no caller to raise it to.
fn report_unraisable(py: Python<'_>, e: PyErr, what: &str) {
    let ctx = PyString::new(py, what);
    e.write_unraisable(py, Some(ctx.as_any()));
}

/// A Python callable `(identity_id, dataset) -> action` as the core's dataset-deleted
/// handler. Runs on the runtime thread doing the synchronize, through the shutdown gate.
/// An exception or an unknown return value is reported (`sys.unraisablehook`) and the
/// default action, `"keep_unsynced"`, applies: no unsynced local write is lost.
fn deleted_handler(callable: Py<PyAny>) -> core::DatasetDeletedHandler {
    Arc::new(move |identity_id: &str, dataset: &str| {
        crate::shutdown::with_python(|py| {
            let out = callable
                .bind(py)
                .call1((identity_id, dataset))
                .and_then(|out| {
                    let action = out
                        .cast::<PyString>()
                        .ok()
                        .map(|s| s.to_cow().map(|c| c.into_owned()));
                    match action.transpose()?.as_deref() {
                        Some("delete_local") => Ok(core::DatasetDeletedAction::DeleteLocal),
                        Some("keep_unsynced") => Ok(core::DatasetDeletedAction::KeepUnsynced),
                        Some("restore_from_local") => {
                            Ok(core::DatasetDeletedAction::RestoreFromLocal)
                        }
                        _ => Err(PyValueError::new_err(format!(
                            "dataset deleted handler must return 'delete_local', \
                             'keep_unsynced' or 'restore_from_local', not {}",
                            out.repr()?
                        ))),
                    }
                });
            out.unwrap_or_else(|e| {
                report_unraisable(py, e, "cognito_sync dataset deleted handler");
                core::DatasetDeletedAction::KeepUnsynced
            })
        })
        .unwrap_or_default()
    })
}

/// A Python callable `(identity_id, dataset, merged_names) -> None` as the core's
/// datasets-merged handler (informational; an exception is reported, nothing else).
fn merged_handler(callable: Py<PyAny>) -> core::DatasetsMergedHandler {
    Arc::new(move |identity_id: &str, dataset: &str, merged: &[String]| {
        let _ = crate::shutdown::with_python(|py| {
            if let Err(e) = callable
                .bind(py)
                .call1((identity_id, dataset, merged.to_vec()))
            {
                report_unraisable(py, e, "cognito_sync datasets merged handler");
            }
        });
    })
}

fn callable_arg(name: &str, handler: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Py<PyAny>>> {
    match handler {
        None => Ok(None),
        Some(h) if h.is_none() => Ok(None),
        Some(h) if h.is_callable() => Ok(Some(h.clone().unbind())),
        Some(h) => Err(PyTypeError::new_err(format!(
            "{name}: expected a callable or None, not {}",
            h.get_type().name()?
        ))),
    }
}

/// The outcome of `synchronize_all` as a dict of dataset name to report or exception.
fn all_to_py<'py>(
    py: Python<'py>,
    inner: &ManagerInner,
    out: Vec<(String, core::Result<core::SyncReport>)>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (name, r) in out {
        match r {
            Ok(rep) => d.set_item(name, Py::new(py, SyncReport(rep))?)?,
            Err(e) => d.set_item(name, inner.sync_error(py, &e).into_value(py))?,
        }
    }
    Ok(d)
}

// ---------------------------------------------------------------- manager

struct ManagerInner {
    manager: core::SyncManager,
    resolver_failure: Arc<Mutex<Option<PyErr>>>,
}

impl ManagerInner {
    /// The error of a synchronize, or the resolver's own exception if it aborted it.
    fn sync_error(&self, py: Python<'_>, e: &core::Error) -> PyErr {
        if e.kind() == core::ErrorKind::Cancelled {
            if let Ok(mut slot) = self.resolver_failure.lock() {
                if let Some(err) = slot.take() {
                    return err;
                }
            }
        }
        sync_err(py, e)
    }
}

/// Offline-first sync manager: local datasets (SQLite, in memory or in a file) that work
/// without network, synchronized with Cognito Sync on demand, with conflict resolution.
///
/// ``SyncManager(client, identity_pool_id=..., identity_id=None, path=None,
/// conflict_resolver=None, device_id=None, dataset_deleted_handler=None,
/// datasets_merged_handler=None)``: ``client`` is a :class:`Client` or
/// :class:`AsyncClient`; ``identity_id`` defaults to the client's Cognito identity
/// (``cognito_identity_pool_id=``), resolved at each synchronize; ``path`` keeps the
/// store in a file (else in memory); ``conflict_resolver`` is ``"last_writer_wins"``
/// (default), ``"local_wins"``, ``"remote_wins"`` or a callable taking a
/// :class:`Conflict` and returning a :class:`Resolution` (or the ``str`` value to keep);
/// the two handlers are those of ``set_dataset_deleted_handler`` and
/// ``set_datasets_merged_handler``, set before any synchronize can run.
///
/// Create it in the process that uses it (not before ``os.fork()``).
#[pyclass(frozen, module = "cognito_sync", name = "SyncManager")]
pub struct SyncManager {
    inner: Arc<ManagerInner>,
}

#[pymethods]
impl SyncManager {
    #[new]
    #[pyo3(signature = (
        client,
        *,
        identity_pool_id,
        identity_id=None,
        path=None,
        conflict_resolver=None,
        device_id=None,
        dataset_deleted_handler=None,
        datasets_merged_handler=None,
    ))]
    // The manager's options are keyword arguments, however many there are.
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        client: &Bound<'_, PyAny>,
        identity_pool_id: String,
        identity_id: Option<String>,
        path: Option<std::path::PathBuf>,
        conflict_resolver: Option<&Bound<'_, PyAny>>,
        device_id: Option<String>,
        dataset_deleted_handler: Option<&Bound<'_, PyAny>>,
        datasets_merged_handler: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        // Checked before anything is built: a wrong handler fails fast.
        let deleted = callable_arg("dataset_deleted_handler", dataset_deleted_handler)?;
        let merged = callable_arg("datasets_merged_handler", datasets_merged_handler)?;
        let shared = if let Ok(c) = client.cast::<Client>() {
            c.get().shared()
        } else if let Ok(c) = client.cast::<AsyncClient>() {
            c.get().shared()
        } else {
            return Err(PyTypeError::new_err(format!(
                "client: expected a cognito_sync.Client or AsyncClient, not {}",
                client.get_type().name()?
            )));
        };
        let (core_client, cognito) = shared
            .client()
            .map_err(|e| crate::errors::to_pyerr(py, &e))?;
        let failure = Arc::new(Mutex::new(None));
        let policy = policy_from(conflict_resolver, &failure)?;
        let mut b = core::SyncManager::builder()
            .client(core_client)
            .identity_pool_id(identity_pool_id)
            .conflict_policy(policy)
            .runtime(runtime::runtime()?.handle().clone());
        b = match (identity_id, cognito) {
            (Some(id), _) => b.identity_id(id),
            (None, Some(provider)) => b.identity_source(Arc::new(provider)),
            (None, None) => {
                return Err(PyValueError::new_err(
                    "identity_id is required unless the client was created with \
                     cognito_identity_pool_id=...",
                ))
            }
        };
        if let Some(p) = path {
            b = b.store_path(p);
        }
        if let Some(d) = device_id {
            b = b.device_id(d);
        }
        let manager = py.detach(|| b.build());
        let manager = check(py, manager)?;
        if let Some(h) = deleted {
            manager.set_dataset_deleted_handler(Some(deleted_handler(h)));
        }
        if let Some(h) = merged {
            manager.set_datasets_merged_handler(Some(merged_handler(h)));
        }
        Ok(SyncManager {
            inner: Arc::new(ManagerInner {
                manager,
                resolver_failure: failure,
            }),
        })
    }

    /// The active identity id (``"unresolved"`` until the first synchronize resolved one).
    #[getter]
    fn identity_id(&self) -> String {
        self.inner.manager.identity_id()
    }

    /// Opens (or creates, locally) a dataset of the active identity.
    fn open_dataset(&self, py: Python<'_>, name: &str) -> PyResult<SyncDataset> {
        let ds = py.detach(|| self.inner.manager.open_dataset(name));
        Ok(SyncDataset {
            dataset: check(py, ds)?,
            inner: Arc::clone(&self.inner),
        })
    }

    /// The local datasets of the active identity.
    fn list_datasets(&self, py: Python<'_>) -> PyResult<Vec<DatasetInfo>> {
        let list = py.detach(|| self.inner.manager.list_datasets());
        Ok(check(py, list)?.into_iter().map(DatasetInfo).collect())
    }

    /// Whether any dataset has local changes the service has not acknowledged.
    fn has_unsynced_changes(&self, py: Python<'_>) -> PyResult<bool> {
        let r = py.detach(|| self.inner.manager.has_unsynced_changes());
        check(py, r)
    }

    /// Synchronizes the dataset ``name`` (blocking; the GIL is released and Ctrl-C
    /// interrupts the wait).
    fn synchronize(&self, py: Python<'_>, name: String) -> PyResult<SyncReport> {
        let manager = self.inner.manager.clone();
        let out = runtime::block_on(py, async move { manager.synchronize(&name).await })?;
        out.map(SyncReport)
            .map_err(|e| self.inner.sync_error(py, &e))
    }

    /// Synchronizes the dataset ``name``, as a coroutine.
    async fn synchronize_async(&self, name: String) -> PyResult<SyncReport> {
        let manager = self.inner.manager.clone();
        let inner = Arc::clone(&self.inner);
        let out = runtime::spawn_and_wait(async move { manager.synchronize(&name).await }).await?;
        Python::attach(|py| out.map(SyncReport).map_err(|e| inner.sync_error(py, &e)))
    }

    /// The next event, or ``None`` if there is none (never blocks).
    fn poll_event(&self, py: Python<'_>) -> PyResult<Option<SyncEvent>> {
        self.inner
            .manager
            .poll_event()
            .map(|e| event_to_py(py, e))
            .transpose()
    }

    /// The next event, waiting up to ``timeout`` seconds (GIL released); ``None`` if none came.
    fn wait_event(&self, py: Python<'_>, timeout: f64) -> PyResult<Option<SyncEvent>> {
        let t =
            crate::config::seconds("timeout", Some(timeout.max(1e-6)))?.unwrap_or(Duration::ZERO);
        let manager = self.inner.manager.clone();
        let e = py.detach(move || manager.wait_event(t));
        e.map(|e| event_to_py(py, e)).transpose()
    }

    /// Every queued event, oldest first.
    fn drain_events(&self, py: Python<'_>) -> PyResult<Vec<SyncEvent>> {
        self.inner
            .manager
            .drain_events()
            .into_iter()
            .map(|e| event_to_py(py, e))
            .collect()
    }

    /// Makes ``identity_id`` the active identity (a local, transactional operation).
    /// ``mode`` says what happens to the previous identity's local data:
    /// ``"keep_separate"`` (default, also for ``None``: it stays under the previous identity, the new one
    /// sees only its own data), ``"move_data"`` (every dataset moves to the new identity
    /// as local changes to push; ``SyncIdentityError`` and nothing changed if the new
    /// identity already has a dataset of the same name) or ``"discard_previous"`` (the
    /// previous identity's local data is deleted, unsynced changes included). Dataset
    /// handles of the previous identity stop working.
    #[pyo3(signature = (identity_id, mode=None))]
    fn switch_identity(
        &self,
        py: Python<'_>,
        identity_id: &Bound<'_, PyAny>,
        mode: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<IdentitySwitchReport> {
        let Ok(id) = identity_id.extract::<String>() else {
            return Err(PyTypeError::new_err(format!(
                "identity_id: expected a str, not {}",
                identity_id.get_type().name()?
            )));
        };
        let mode = match mode {
            Some(m) if !m.is_none() => switch_mode(m)?,
            _ => core::IdentitySwitch::KeepSeparate,
        };
        let r = py.detach(|| self.inner.manager.switch_identity(&id, mode));
        Ok(IdentitySwitchReport(check(py, r)?))
    }

    /// Synchronizes every dataset of the active identity: the local ones and those the
    /// service has that this device has not seen yet (blocking; the GIL is released).
    /// Returns a ``dict`` of dataset name to its :class:`SyncReport`, or to the
    /// exception its synchronize failed with (one failure does not stop the others).
    /// Raises only if the dataset list could not be fetched.
    fn synchronize_all<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let manager = self.inner.manager.clone();
        let out = runtime::block_on(py, async move { manager.synchronize_all().await })?;
        let out = out.map_err(|e| self.inner.sync_error(py, &e))?;
        all_to_py(py, &self.inner, out)
    }

    /// ``synchronize_all()`` as a coroutine.
    async fn synchronize_all_async(&self) -> PyResult<Py<PyDict>> {
        let manager = self.inner.manager.clone();
        let inner = Arc::clone(&self.inner);
        let out = runtime::spawn_and_wait(async move { manager.synchronize_all().await }).await?;
        Python::attach(|py| {
            let out = out.map_err(|e| inner.sync_error(py, &e))?;
            Ok(all_to_py(py, &inner, out)?.unbind())
        })
    }

    /// Fetches the service's list of datasets of the active identity into the local
    /// store (figures, remote deletions) without synchronizing records, and returns the
    /// local datasets (blocking; the GIL is released).
    fn refresh_datasets(&self, py: Python<'_>) -> PyResult<Vec<DatasetInfo>> {
        let manager = self.inner.manager.clone();
        let out = runtime::block_on(py, async move { manager.refresh_datasets().await })?;
        Ok(check(py, out)?.into_iter().map(DatasetInfo).collect())
    }

    /// ``refresh_datasets()`` as a coroutine.
    async fn refresh_datasets_async(&self) -> PyResult<Vec<DatasetInfo>> {
        let manager = self.inner.manager.clone();
        let out = runtime::spawn_and_wait(async move { manager.refresh_datasets().await }).await?;
        Python::attach(|py| Ok(check(py, out)?.into_iter().map(DatasetInfo).collect()))
    }

    /// Sets (or with ``None`` removes) the handler told that a dataset this device had
    /// synchronized was deleted on the service (by another device). It is called as
    /// ``handler(identity_id, dataset)`` during the synchronize, on a library thread
    /// holding the GIL, and returns what to do: ``"delete_local"`` (delete the local
    /// copy, unsynced changes included), ``"keep_unsynced"`` (drop what was synced,
    /// keep and push the unsynced changes: the default, also without a handler) or
    /// ``"restore_from_local"`` (re-create the dataset on the service from the whole
    /// local copy). An exception or another return value is reported through
    /// ``sys.unraisablehook`` and ``"keep_unsynced"`` applies.
    #[pyo3(signature = (handler))]
    fn set_dataset_deleted_handler(&self, handler: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let h = callable_arg("handler", handler)?.map(deleted_handler);
        self.inner.manager.set_dataset_deleted_handler(h);
        Ok(())
    }

    /// Sets (or with ``None`` removes) the handler told that the service reports
    /// datasets merged into a dataset (after two identities were merged; the merged
    /// datasets are named ``<dataset>.<merged identity id>``). It is called as
    /// ``handler(identity_id, dataset, merged_names)`` during the synchronize, on a
    /// library thread holding the GIL. Informational: the synchronize goes on either
    /// way; open the merged datasets to read them, delete them to stop the reports.
    /// An exception is reported through ``sys.unraisablehook``.
    #[pyo3(signature = (handler))]
    fn set_datasets_merged_handler(&self, handler: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let h = callable_arg("handler", handler)?.map(merged_handler);
        self.inner.manager.set_datasets_merged_handler(h);
        Ok(())
    }

    fn __repr__(&self) -> String {
        format!(
            "SyncManager(identity_id={:?})",
            self.inner.manager.identity_id()
        )
    }
}

// ---------------------------------------------------------------- dataset

/// A local dataset: a mutable mapping of ``str`` keys to ``str`` values that works
/// offline (``ds["level"] = "3"``, ``ds["level"]``, ``del ds["level"]``, ``"level" in
/// ds``, ``len(ds)``, iteration, ``get``, ``items``, ``update``...). Every write is a
/// local SQLite transaction; ``synchronize()`` exchanges changes with the service.
#[pyclass(frozen, module = "cognito_sync", name = "SyncDataset")]
pub struct SyncDataset {
    dataset: core::Dataset,
    inner: Arc<ManagerInner>,
}

impl SyncDataset {
    fn snapshot(&self, py: Python<'_>) -> PyResult<std::collections::BTreeMap<String, String>> {
        let r = py.detach(|| self.dataset.get_all());
        check(py, r)
    }
}

#[pymethods]
impl SyncDataset {
    /// The dataset name.
    #[getter]
    fn name(&self) -> &str {
        self.dataset.name()
    }

    fn __getitem__(&self, py: Python<'_>, key: &str) -> PyResult<String> {
        let r = py.detach(|| self.dataset.get(key));
        check(py, r)?.ok_or_else(|| PyKeyError::new_err(key.to_owned()))
    }

    fn __setitem__(&self, py: Python<'_>, key: &str, value: &str) -> PyResult<()> {
        let r = py.detach(|| self.dataset.put(key, value));
        check(py, r)
    }

    fn __delitem__(&self, py: Python<'_>, key: &str) -> PyResult<()> {
        let r = py.detach(|| match self.dataset.get(key) {
            Ok(Some(_)) => self.dataset.remove(key).map(|_| true),
            Ok(None) => Ok(false),
            Err(e) => Err(e),
        });
        if check(py, r)? {
            Ok(())
        } else {
            Err(PyKeyError::new_err(key.to_owned()))
        }
    }

    fn __contains__(&self, py: Python<'_>, key: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(key) = key.extract::<String>() else {
            return Ok(false);
        };
        let r = py.detach(|| self.dataset.get(&key));
        Ok(check(py, r)?.is_some())
    }

    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        let r = py.detach(|| self.dataset.count());
        Ok(check(py, r)? as usize)
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let keys: Vec<String> = self.snapshot(py)?.into_keys().collect();
        Ok(PyList::new(py, keys)?.try_iter()?.into_any())
    }

    /// The value of ``key``, or ``default`` if it has none.
    #[pyo3(signature = (key, default=None))]
    fn get(&self, py: Python<'_>, key: &str, default: Option<Py<PyAny>>) -> PyResult<Py<PyAny>> {
        let r = py.detach(|| self.dataset.get(key));
        match check(py, r)? {
            Some(v) => v.into_py_any(py),
            None => Ok(default.unwrap_or_else(|| py.None())),
        }
    }

    /// The keys with a value (a snapshot list).
    fn keys(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        Ok(self.snapshot(py)?.into_keys().collect())
    }

    /// The values (a snapshot list, in key order).
    fn values(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        Ok(self.snapshot(py)?.into_values().collect())
    }

    /// ``(key, value)`` pairs (a snapshot list, in key order).
    fn items(&self, py: Python<'_>) -> PyResult<Vec<(String, String)>> {
        Ok(self.snapshot(py)?.into_iter().collect())
    }

    /// Every key and value as a ``dict``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in self.snapshot(py)? {
            d.set_item(k, v)?;
        }
        Ok(d)
    }

    /// Writes several keys in one transaction (all or nothing); a ``None`` value removes
    /// the key.
    fn update(&self, py: Python<'_>, values: &Bound<'_, PyAny>) -> PyResult<()> {
        let items = if let Ok(d) = values.cast::<PyDict>() {
            d.items().into_any()
        } else if values.hasattr("items")? {
            values.call_method0("items")?
        } else {
            values.clone()
        };
        let mut entries: Vec<(String, Option<String>)> = Vec::new();
        for item in items.try_iter()? {
            let (k, v): (String, Option<String>) = item?.extract().map_err(|_| {
                PyTypeError::new_err("update: expected a mapping of str to str (or None)")
            })?;
            entries.push((k, v));
        }
        let r = py.detach(|| self.dataset.put_all(entries));
        check(py, r)
    }

    /// Removes ``key`` and returns its value; ``default`` if absent (``KeyError`` without one).
    #[pyo3(signature = (key, *default))]
    fn pop(&self, py: Python<'_>, key: &str, default: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
        let r = py.detach(|| match self.dataset.get(key) {
            Ok(Some(v)) => self.dataset.remove(key).map(|_| Some(v)),
            other => other,
        });
        match check(py, r)? {
            Some(v) => v.into_py_any(py),
            None if !default.is_empty() => Ok(default.get_item(0)?.unbind()),
            None => Err(PyKeyError::new_err(key.to_owned())),
        }
    }

    /// Removes and returns some ``(key, value)`` pair (``KeyError`` when empty).
    fn popitem(&self, py: Python<'_>) -> PyResult<(String, String)> {
        let r = py.detach(|| -> core::Result<Option<(String, String)>> {
            let Some((k, v)) = self.dataset.get_all()?.into_iter().next() else {
                return Ok(None);
            };
            self.dataset.remove(&k)?;
            Ok(Some((k, v)))
        });
        check(py, r)?.ok_or_else(|| PyKeyError::new_err("popitem(): dataset is empty"))
    }

    /// The value of ``key``, setting it to ``default`` first if absent.
    fn setdefault(&self, py: Python<'_>, key: &str, default: &str) -> PyResult<String> {
        let r = py.detach(|| match self.dataset.get(key) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => self.dataset.put(key, default).map(|_| default.to_owned()),
            Err(e) => Err(e),
        });
        check(py, r)
    }

    /// Removes every key (in one transaction).
    fn clear(&self, py: Python<'_>) -> PyResult<()> {
        let r = py.detach(|| -> core::Result<()> {
            let keys: Vec<(String, Option<String>)> = self
                .dataset
                .get_all()?
                .into_keys()
                .map(|k| (k, None))
                .collect();
            self.dataset.put_all(keys)
        });
        check(py, r)
    }

    /// Every stored record, removed ones included (their ``value`` is ``None``).
    fn records(&self, py: Python<'_>) -> PyResult<Vec<SyncRecord>> {
        let r = py.detach(|| self.dataset.records());
        Ok(check(py, r)?.into_iter().map(SyncRecord).collect())
    }

    /// Whether the dataset has local changes the service has not acknowledged.
    fn has_unsynced_changes(&self, py: Python<'_>) -> PyResult<bool> {
        let r = py.detach(|| self.dataset.has_unsynced_changes());
        check(py, r)
    }

    /// The dataset's description and sync state.
    fn info(&self, py: Python<'_>) -> PyResult<DatasetInfo> {
        let r = py.detach(|| self.dataset.info());
        Ok(DatasetInfo(check(py, r)?))
    }

    /// Deletes the dataset locally; the deletion reaches the service on the next
    /// synchronize.
    fn delete(&self, py: Python<'_>) -> PyResult<()> {
        let r = py.detach(|| self.dataset.delete());
        check(py, r)
    }

    /// Pulls the service's changes, settles conflicts, pushes local changes (blocking;
    /// the GIL is released and Ctrl-C interrupts the wait).
    fn synchronize(&self, py: Python<'_>) -> PyResult<SyncReport> {
        let ds = self.dataset.clone();
        let out = runtime::block_on(py, async move { ds.synchronize().await })?;
        out.map(SyncReport)
            .map_err(|e| self.inner.sync_error(py, &e))
    }

    /// ``synchronize()`` as a coroutine.
    async fn synchronize_async(&self) -> PyResult<SyncReport> {
        let ds = self.dataset.clone();
        let inner = Arc::clone(&self.inner);
        let out = runtime::spawn_and_wait(async move { ds.synchronize().await }).await?;
        Python::attach(|py| out.map(SyncReport).map_err(|e| inner.sync_error(py, &e)))
    }

    fn __repr__(&self) -> String {
        format!("SyncDataset(name={:?})", self.dataset.name())
    }
}

/// Adds the sync manager's classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<SyncManager>()?;
    m.add_class::<SyncDataset>()?;
    m.add_class::<SyncRecord>()?;
    m.add_class::<SyncReport>()?;
    m.add_class::<SyncEvent>()?;
    m.add_class::<Conflict>()?;
    m.add_class::<Resolution>()?;
    m.add_class::<DatasetInfo>()?;
    m.add_class::<IdentitySwitchReport>()?;
    Ok(())
}
