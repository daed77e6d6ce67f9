//! The one mapping from the core's `Error` to Python exceptions.
//!
//! The exception classes are plain Python (`cognito_sync/_errors.py`: they pickle and
//! type-check like any other); this module builds them through `_errors._make`, which
//! picks the class from the error kind's stable name.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyAny;

static MAKE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `cognito_sync._errors._make`, imported on first use (the package is fully imported by
/// then: the native module is only reached through it).
fn make_fn(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    MAKE.get_or_try_init(py, || {
        Ok(py
            .import("cognito_sync._errors")?
            .getattr("_make")?
            .unbind())
    })
    .map(|f| f.bind(py))
}

/// Builds the Python exception of a core error.
pub fn to_pyerr(py: Python<'_>, err: &cognito_sync::Error) -> PyErr {
    let kind = err.kind_ref();
    let built = make_fn(py).and_then(|make| {
        make.call1((
            kind.name(),
            err.message(),
            err.code(),
            err.request_id(),
            err.http_status(),
            err.is_retryable(),
        ))
    });
    match built {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// Converts a core result, raising the matching Python exception.
pub fn check<T>(py: Python<'_>, r: Result<T, cognito_sync::Error>) -> PyResult<T> {
    r.map_err(|e| to_pyerr(py, &e))
}

/// A `ClientRuntimeError` (also a `RuntimeError`) with `message`.
pub fn runtime_error(message: &str) -> PyErr {
    Python::attach(|py| {
        let err = cognito_sync::Error::runtime(message.to_owned());
        let e = to_pyerr(py, &err);
        if e.is_instance_of::<PyRuntimeError>(py) {
            e
        } else {
            PyRuntimeError::new_err(message.to_owned())
        }
    })
}

/// A `ValidationError` (also a `ValueError`) with `message`.
pub fn validation_error(py: Python<'_>, message: String) -> PyErr {
    to_pyerr(py, &cognito_sync::Error::validation(message))
}
