//! Sync manager errors as Python exceptions (the classes live in `cognito_sync._errors`).

use cognito_sync::sync as core;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyAny;

static MAKE_SYNC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Builds the Python exception of a sync error (`_errors._make_sync` picks the class).
pub(super) fn sync_err(py: Python<'_>, e: &core::Error) -> PyErr {
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

pub(super) fn check<T>(py: Python<'_>, r: core::Result<T>) -> PyResult<T> {
    r.map_err(|e| sync_err(py, &e))
}
