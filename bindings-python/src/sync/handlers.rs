//! The "dataset deleted remotely" and "datasets merged" handlers as Python callables.

use std::sync::Arc;

use cognito_sync::sync as core;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyAny, PyString};

/// Reports an exception raised by a handler that has no caller to raise it to.
fn report_unraisable(py: Python<'_>, e: PyErr, what: &str) {
    let ctx = PyString::new(py, what);
    e.write_unraisable(py, Some(ctx.as_any()));
}

/// A Python callable `(identity_id, dataset) -> action` as the core's dataset-deleted
/// handler. Runs on the runtime thread doing the synchronize, through the shutdown gate.
/// An exception or an unknown return value is reported (`sys.unraisablehook`) and the
/// default action, `"keep_unsynced"`, applies: no unsynced local write is lost.
pub(super) fn deleted_handler(callable: Py<PyAny>) -> core::DatasetDeletedHandler {
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
pub(super) fn merged_handler(callable: Py<PyAny>) -> core::DatasetsMergedHandler {
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

pub(super) fn callable_arg(
    name: &str,
    handler: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<Py<PyAny>>> {
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
