//! Switching the store's active identity (e.g. a guest signing in): the mode
//! argument and what the switch did (`IdentitySwitchReport`).

use cognito_sync::sync as core;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyAny, PyString};

/// What :meth:`SyncManager.switch_identity` did.
#[pyclass(frozen, eq, module = "cognito_sync", name = "IdentitySwitchReport")]
#[derive(Clone, PartialEq)]
pub(super) struct IdentitySwitchReport(pub(super) core::IdentitySwitchReport);

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

pub(super) fn switch_mode(mode: &Bound<'_, PyAny>) -> PyResult<core::IdentitySwitch> {
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
