//! Nested inputs: `RecordPatch`, and reading patches, push sync and streams
//! configurations from typed objects or plain dicts (snake_case keys or the wire's
//! PascalCase ones, as boto3 users pass them). Errors name the argument and the key.

use std::collections::HashMap;

use cognito_sync::model;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyAny, PyDict, PyString};

use crate::fields::Field;
use crate::models::{CognitoStreams, PushSync};

/// One change of ``update_records``: ``replace`` a record's value or ``remove`` it.
///
/// ``sync_count`` is the last sync count seen for the key (0 for a new key). Plain dicts
/// with the same keys (``{"op": "replace", "key": "k", "value": "v", "sync_count": 0}`` or
/// boto3's ``{"Op": ..., "Key": ..., "Value": ..., "SyncCount": ...}``) are accepted
/// wherever a ``RecordPatch`` is.
#[pyclass(frozen, eq, module = "cognito_sync", name = "RecordPatch")]
#[derive(Clone, PartialEq)]
pub struct RecordPatch(pub model::RecordPatch);

#[pymethods]
impl RecordPatch {
    #[new]
    #[pyo3(signature = (*, op, key, sync_count, value=None, device_last_modified_date=None))]
    fn new(
        op: String,
        key: String,
        sync_count: i64,
        value: Option<String>,
        device_last_modified_date: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let device_last_modified_date = device_last_modified_date
            .map(|d| crate::time::from_py(d, "device_last_modified_date"))
            .transpose()?;
        Ok(RecordPatch(model::RecordPatch {
            op: model::Operation::from(op),
            key,
            value,
            sync_count,
            device_last_modified_date,
        }))
    }

    /// A patch setting ``key`` to ``value``; ``sync_count`` is the last one seen for the key.
    #[staticmethod]
    #[pyo3(signature = (key, value, sync_count=0))]
    fn replace(key: String, value: String, sync_count: i64) -> Self {
        RecordPatch(model::RecordPatch::replace(key, value, sync_count))
    }

    /// A patch deleting ``key``; ``sync_count`` is the last one seen for the key.
    #[staticmethod]
    fn remove(key: String, sync_count: i64) -> Self {
        RecordPatch(model::RecordPatch::remove(key, sync_count))
    }

    /// ``"replace"`` or ``"remove"``.
    #[getter]
    fn op<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.op.attr(py)
    }

    /// The record's key.
    #[getter]
    fn key<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.key.attr(py)
    }

    /// The new value, ``None`` for ``remove``.
    #[getter]
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.value.attr(py)
    }

    /// The last sync count seen for the key.
    #[getter]
    fn sync_count<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.sync_count.attr(py)
    }

    /// The device's clock when the change was made.
    #[getter]
    fn device_last_modified_date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.device_last_modified_date.attr(py)
    }

    /// The patch as boto3's request dict (``Op``, ``Key``, ``Value``, ``SyncCount``...).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("Op", self.0.op.as_str())?;
        d.set_item("Key", &self.0.key)?;
        if let Some(v) = &self.0.value {
            d.set_item("Value", v)?;
        }
        d.set_item("SyncCount", self.0.sync_count)?;
        if let Some(t) = self.0.device_last_modified_date {
            d.set_item("DeviceLastModifiedDate", crate::time::to_datetime(py, t)?)?;
        }
        Ok(d)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        crate::fields::repr_of(
            "RecordPatch",
            &[
                ("op", self.op(py)?),
                ("key", self.key(py)?),
                ("value", self.value(py)?),
                ("sync_count", self.sync_count(py)?),
                (
                    "device_last_modified_date",
                    self.device_last_modified_date(py)?,
                ),
            ],
        )
    }
}

/// Reads the keys of a dict argument, accepting a snake_case name or its wire name for
/// each member, rejecting unknown keys.
struct DictReader<'a, 'py> {
    dict: &'a Bound<'py, PyDict>,
    what: String,
    seen: usize,
}

impl<'a, 'py> DictReader<'a, 'py> {
    fn new(dict: &'a Bound<'py, PyDict>, what: String) -> Self {
        DictReader {
            dict,
            what,
            seen: 0,
        }
    }

    fn get(&mut self, snake: &str, wire: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        let a = self.dict.get_item(snake)?;
        let b = self.dict.get_item(wire)?;
        match (a, b) {
            (Some(_), Some(_)) => Err(PyTypeError::new_err(format!(
                "{}: both '{snake}' and '{wire}' given",
                self.what
            ))),
            (Some(v), None) | (None, Some(v)) => {
                self.seen += 1;
                Ok(if v.is_none() { None } else { Some(v) })
            }
            (None, None) => Ok(None),
        }
    }

    fn required(&mut self, snake: &str, wire: &str) -> PyResult<Bound<'py, PyAny>> {
        self.get(snake, wire)?.ok_or_else(|| {
            PyTypeError::new_err(format!("{}: missing required key '{snake}'", self.what))
        })
    }

    fn extract<T: for<'b> FromPyObject<'b, 'py>>(
        &self,
        value: &Bound<'py, PyAny>,
        key: &str,
        type_name: &str,
    ) -> PyResult<T> {
        value.extract::<T>().map_err(|_| {
            let got = value
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_else(|_| "?".into());
            PyTypeError::new_err(format!(
                "{}: '{key}' must be {type_name}, not {got}",
                self.what
            ))
        })
    }

    fn str_opt(&mut self, snake: &str, wire: &str) -> PyResult<Option<String>> {
        match self.get(snake, wire)? {
            Some(v) => Ok(Some(self.extract_str(&v, snake)?)),
            None => Ok(None),
        }
    }

    fn extract_str(&self, value: &Bound<'py, PyAny>, key: &str) -> PyResult<String> {
        if !value.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(format!(
                "{}: '{key}' must be a str, not {}",
                self.what,
                type_name(value)
            )));
        }
        self.extract::<String>(value, key, "a str")
    }

    /// Fails on keys that were not read: a typo must not be silently dropped.
    fn finish(&self, allowed: &[&str]) -> PyResult<()> {
        if self.seen == self.dict.len() {
            return Ok(());
        }
        for key in self.dict.keys() {
            let name = key.str()?.to_string();
            if !allowed.contains(&name.as_str()) {
                return Err(PyTypeError::new_err(format!(
                    "{}: unknown key '{name}' (expected one of: {})",
                    self.what,
                    allowed.join(", ")
                )));
            }
        }
        Ok(())
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

fn record_patch_from(value: &Bound<'_, PyAny>, what: String) -> PyResult<model::RecordPatch> {
    if let Ok(p) = value.cast::<RecordPatch>() {
        return Ok(p.get().0.clone());
    }
    let Ok(dict) = value.cast::<PyDict>() else {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected a RecordPatch or a dict, not {}",
            type_name(value)
        )));
    };
    let mut r = DictReader::new(dict, what);
    let op = r.required("op", "Op")?;
    let op = r.extract_str(&op, "op")?;
    let key = r.required("key", "Key")?;
    let key = r.extract_str(&key, "key")?;
    let value = r.str_opt("value", "Value")?;
    let sync_count = r.required("sync_count", "SyncCount")?;
    if sync_count.is_instance_of::<pyo3::types::PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{}: 'sync_count' must be an int, not bool",
            r.what
        )));
    }
    let sync_count: i64 = r.extract(&sync_count, "sync_count", "an int")?;
    let device_last_modified_date = r
        .get("device_last_modified_date", "DeviceLastModifiedDate")?
        .map(|d| crate::time::from_py(&d, &format!("{}: 'device_last_modified_date'", r.what)))
        .transpose()?;
    r.finish(&[
        "op",
        "Op",
        "key",
        "Key",
        "value",
        "Value",
        "sync_count",
        "SyncCount",
        "device_last_modified_date",
        "DeviceLastModifiedDate",
    ])?;
    Ok(model::RecordPatch {
        op: model::Operation::from(op),
        key,
        value,
        sync_count,
        device_last_modified_date,
    })
}

/// The ``record_patches`` argument: a sequence (list, tuple, any iterable but a str or
/// dict) of `RecordPatch` objects or dicts.
pub struct RecordPatches(pub Vec<model::RecordPatch>);

impl<'a, 'py> FromPyObject<'a, 'py> for RecordPatches {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let obj = obj.to_owned();
        if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyDict>() {
            return Err(PyTypeError::new_err(format!(
                "record_patches: expected a list of RecordPatch or dict, not {}",
                type_name(&obj)
            )));
        }
        let iter = obj.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "record_patches: expected a list of RecordPatch or dict, not {}",
                type_name(&obj)
            ))
        })?;
        let mut out = Vec::new();
        for (i, item) in iter.enumerate() {
            out.push(record_patch_from(&item?, format!("record_patches[{i}]"))?);
        }
        Ok(RecordPatches(out))
    }
}

/// The ``push_sync`` argument: a `PushSync` or a dict.
pub struct PushSyncArg(pub model::PushSync);

impl<'a, 'py> FromPyObject<'a, 'py> for PushSyncArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let obj = obj.to_owned();
        if let Ok(p) = obj.cast::<PushSync>() {
            return Ok(PushSyncArg(p.get().0.clone()));
        }
        let Ok(dict) = obj.cast::<PyDict>() else {
            return Err(PyTypeError::new_err(format!(
                "push_sync: expected a PushSync or a dict, not {}",
                type_name(&obj)
            )));
        };
        let mut r = DictReader::new(dict, "push_sync".into());
        let application_arns = match r.get("application_arns", "ApplicationArns")? {
            Some(v) if v.is_instance_of::<PyString>() => {
                return Err(PyTypeError::new_err(
                    "push_sync: 'application_arns' must be a list of str, not str",
                ))
            }
            Some(v) => Some(r.extract::<Vec<String>>(&v, "application_arns", "a list of str")?),
            None => None,
        };
        let role_arn = r.str_opt("role_arn", "RoleArn")?;
        r.finish(&["application_arns", "ApplicationArns", "role_arn", "RoleArn"])?;
        Ok(PushSyncArg(model::PushSync {
            application_arns,
            role_arn,
        }))
    }
}

/// The ``cognito_streams`` argument: a `CognitoStreams` or a dict.
pub struct CognitoStreamsArg(pub model::CognitoStreams);

impl<'a, 'py> FromPyObject<'a, 'py> for CognitoStreamsArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let obj = obj.to_owned();
        if let Ok(s) = obj.cast::<CognitoStreams>() {
            return Ok(CognitoStreamsArg(s.get().0.clone()));
        }
        let Ok(dict) = obj.cast::<PyDict>() else {
            return Err(PyTypeError::new_err(format!(
                "cognito_streams: expected a CognitoStreams or a dict, not {}",
                type_name(&obj)
            )));
        };
        let mut r = DictReader::new(dict, "cognito_streams".into());
        let stream_name = r.str_opt("stream_name", "StreamName")?;
        let role_arn = r.str_opt("role_arn", "RoleArn")?;
        let streaming_status = r.str_opt("streaming_status", "StreamingStatus")?;
        r.finish(&[
            "stream_name",
            "StreamName",
            "role_arn",
            "RoleArn",
            "streaming_status",
            "StreamingStatus",
        ])?;
        Ok(CognitoStreamsArg(model::CognitoStreams {
            stream_name,
            role_arn,
            streaming_status: streaming_status.map(model::StreamingStatus::from),
        }))
    }
}

/// The ``events`` argument: a dict of str to str.
pub struct EventsArg(pub HashMap<String, String>);

impl<'a, 'py> FromPyObject<'a, 'py> for EventsArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let obj = obj.to_owned();
        let Ok(dict) = obj.cast::<PyDict>() else {
            return Err(PyTypeError::new_err(format!(
                "events: expected a dict of str to str, not {}",
                type_name(&obj)
            )));
        };
        let mut out = HashMap::with_capacity(dict.len());
        for (k, v) in dict.iter() {
            let (Ok(k), Ok(v)) = (k.extract::<String>(), v.extract::<String>()) else {
                return Err(PyTypeError::new_err(format!(
                    "events: expected a dict of str to str, found a {} key with a {} value",
                    type_name(&k),
                    type_name(&v)
                )));
            };
            out.insert(k, v);
        }
        Ok(EventsArg(out))
    }
}
