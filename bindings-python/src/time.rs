//! Timestamps: `SystemTime` <-> timezone-aware `datetime.datetime` (UTC).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyAny, PyFloat, PyInt};

struct DateTimeApi {
    datetime_type: Py<PyAny>,
    fromtimestamp: Py<PyAny>,
    utc: Py<PyAny>,
}

static API: PyOnceLock<DateTimeApi> = PyOnceLock::new();

fn api(py: Python<'_>) -> PyResult<&DateTimeApi> {
    API.get_or_try_init(py, || {
        let m = py.import("datetime")?;
        let datetime_type = m.getattr("datetime")?;
        Ok(DateTimeApi {
            fromtimestamp: datetime_type.getattr("fromtimestamp")?.unbind(),
            datetime_type: datetime_type.unbind(),
            utc: m.getattr("timezone")?.getattr("utc")?.unbind(),
        })
    })
}

/// Epoch seconds of `t` as a float (negative before 1970).
pub fn epoch_seconds(t: SystemTime) -> f64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs_f64(),
        Err(e) => -e.duration().as_secs_f64(),
    }
}

/// `t` as an aware `datetime` in UTC, to the microsecond (what boto3 gives for the same
/// epoch number, in another time zone but equal).
pub fn to_datetime<'py>(py: Python<'py>, t: SystemTime) -> PyResult<Bound<'py, PyAny>> {
    let api = api(py)?;
    api.fromtimestamp
        .bind(py)
        .call1((epoch_seconds(t), api.utc.bind(py)))
}

/// Reads a timestamp argument: an aware `datetime` (a naive one is taken as UTC, as boto3
/// does), or epoch seconds as an `int` or `float`.
pub fn from_py(value: &Bound<'_, PyAny>, what: &str) -> PyResult<SystemTime> {
    let py = value.py();
    let secs: f64 = if value.is_instance_of::<PyInt>() || value.is_instance_of::<PyFloat>() {
        value.extract()?
    } else if value.is_instance(api(py)?.datetime_type.bind(py))? {
        let aware = if value.getattr("tzinfo")?.is_none() {
            let kwargs = pyo3::types::PyDict::new(py);
            kwargs.set_item("tzinfo", api(py)?.utc.bind(py))?;
            value.call_method("replace", (), Some(&kwargs))?
        } else {
            value.clone()
        };
        aware.call_method0("timestamp")?.extract()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected a datetime or epoch seconds (int or float), not {}",
            value.get_type().name()?
        )));
    };
    if !secs.is_finite() || secs.abs() > 1e13 {
        return Err(PyTypeError::new_err(format!(
            "{what}: timestamp {secs} is out of range"
        )));
    }
    let magnitude = Duration::from_micros((secs.abs() * 1e6).round() as u64);
    Ok(if secs >= 0.0 {
        UNIX_EPOCH + magnitude
    } else {
        UNIX_EPOCH - magnitude
    })
}
