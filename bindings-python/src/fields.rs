//! How each Rust field type of the model becomes a Python attribute and a wire value.
//!
//! `attr` is what the snake_case attribute returns (lists and maps that the service
//! omitted read as empty; other absent members as `None`). `wire` is the value of
//! `to_dict()`, shaped like botocore's parsed response: absent members are left out
//! (`None`), timestamps are aware `datetime`s, nested shapes are dicts with wire keys.

use std::collections::HashMap;
use std::time::SystemTime;

use cognito_sync::model::{BulkPublishStatus, Operation, Platform, StreamingStatus};
use pyo3::prelude::*;
use pyo3::types::{PyAny, PyDict, PyList};
use pyo3::IntoPyObjectExt;

/// A field of a model shape, seen from Python.
pub trait Field {
    /// The attribute value.
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    /// The `to_dict()` value, `None` when the member is absent.
    fn wire<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>>;
}

macro_rules! scalar_field {
    ($($t:ty),*) => {$(
        impl Field for $t {
            fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.into_bound_py_any(py)
            }
            fn wire<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
                self.attr(py).map(Some)
            }
        }
    )*};
}
scalar_field!(String, i64, i32, bool);

macro_rules! enum_field {
    ($($t:ty),*) => {$(
        impl Field for $t {
            fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.as_str().into_bound_py_any(py)
            }
            fn wire<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
                self.attr(py).map(Some)
            }
        }
    )*};
}
enum_field!(Operation, Platform, StreamingStatus, BulkPublishStatus);

impl Field for SystemTime {
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::time::to_datetime(py, *self)
    }
    fn wire<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.attr(py).map(Some)
    }
}

impl Field for Vec<String> {
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyList::new(py, self)?.into_any())
    }
    fn wire<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.attr(py).map(Some)
    }
}

impl Field for HashMap<String, String> {
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        // Sorted, so that reprs and dicts are stable across runs.
        let mut items: Vec<_> = self.iter().collect();
        items.sort();
        for (k, v) in items {
            d.set_item(k, v)?;
        }
        Ok(d.into_any())
    }
    fn wire<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.attr(py).map(Some)
    }
}

/// Optional scalars read as `None`; optional lists and maps read as empty.
pub trait EmptyDefault {
    /// The attribute value of an absent member.
    fn absent(py: Python<'_>) -> PyResult<Bound<'_, PyAny>>;
}

macro_rules! none_default {
    ($($t:ty),*) => {$(
        impl EmptyDefault for $t {
            fn absent(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
                Ok(py.None().into_bound(py))
            }
        }
    )*};
}
none_default!(
    String,
    i64,
    i32,
    bool,
    SystemTime,
    Operation,
    Platform,
    StreamingStatus,
    BulkPublishStatus
);

impl EmptyDefault for Vec<String> {
    fn absent(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(PyList::empty(py).into_any())
    }
}

impl EmptyDefault for HashMap<String, String> {
    fn absent(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(PyDict::new(py).into_any())
    }
}

impl<T: Field + EmptyDefault> Field for Option<T> {
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.attr(py),
            None => T::absent(py),
        }
    }
    fn wire<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self {
            Some(v) => v.wire(py),
            None => Ok(None),
        }
    }
}

/// `repr()` of a shape: `Name(field=value, ...)` over its attributes.
pub fn repr_of(name: &str, fields: &[(&str, Bound<'_, PyAny>)]) -> PyResult<String> {
    let mut out = String::with_capacity(64);
    out.push_str(name);
    out.push('(');
    for (i, (field, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(field);
        out.push('=');
        out.push_str(&value.repr()?.to_cow()?);
    }
    out.push(')');
    Ok(out)
}
