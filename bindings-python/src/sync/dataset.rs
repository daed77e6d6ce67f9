//! The `SyncDataset` class: a local dataset as a mutable mapping that works offline,
//! and synchronizes.

use std::sync::Arc;

use cognito_sync::sync as core;
use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyAny, PyDict, PyList, PyTuple};
use pyo3::IntoPyObjectExt;

use crate::runtime;

use super::error::check;
use super::manager::ManagerInner;
use super::report::{DatasetInfo, SyncRecord, SyncReport};

/// A local dataset: a mutable mapping of ``str`` keys to ``str`` values that works
/// offline (``ds["level"] = "3"``, ``ds["level"]``, ``del ds["level"]``, ``"level" in
/// ds``, ``len(ds)``, iteration, ``get``, ``items``, ``update``...). Every write is a
/// local SQLite transaction; ``synchronize()`` exchanges changes with the service.
#[pyclass(frozen, module = "cognito_sync", name = "SyncDataset")]
pub(super) struct SyncDataset {
    pub(super) dataset: core::Dataset,
    pub(super) inner: Arc<ManagerInner>,
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
