//! Conflict resolution: the `Conflict` and `Resolution` classes, and a policy name
//! or a Python callable as the manager's conflict policy.

use std::sync::{Arc, Mutex};

use cognito_sync::sync as core;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyAny, PyString};

use super::report::SyncRecord;

/// A record changed both here and on the service, with different values; passed to
/// the ``conflict_resolver`` of a :class:`SyncManager`.
#[pyclass(frozen, module = "cognito_sync", name = "Conflict")]
pub(super) struct Conflict(core::Conflict);

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
pub(super) struct Resolution(core::Resolution);

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

pub(super) fn policy_from(
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
