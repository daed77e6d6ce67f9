//! The `SyncManager` class: one local store, its identity, its conflict policy, and
//! the operations on the whole store (every dataset, events, identity switch). The C
//! layer puts the last two in `identity.rs` and `whole.rs`; here they stay methods of
//! this class (pyo3 takes one `#[pymethods]` block per class), their helpers elsewhere.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use cognito_sync::sync as core;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyAny, PyDict};

use crate::client::{AsyncClient, Client};
use crate::runtime;

use super::conflict::policy_from;
use super::dataset::SyncDataset;
use super::error::{check, sync_err};
use super::event::{event_to_py, SyncEvent};
use super::handlers::{callable_arg, deleted_handler, merged_handler};
use super::identity::{switch_mode, IdentitySwitchReport};
use super::report::{DatasetInfo, SyncReport};

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

pub(super) struct ManagerInner {
    manager: core::SyncManager,
    resolver_failure: Arc<Mutex<Option<PyErr>>>,
}

impl ManagerInner {
    /// The error of a synchronize, or the resolver's own exception if it aborted it.
    pub(super) fn sync_error(&self, py: Python<'_>, e: &core::Error) -> PyErr {
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
pub(super) struct SyncManager {
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
