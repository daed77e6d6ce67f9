//! Nested inputs: `RecordPatch`, and reading patches, push sync and streams
//! configurations from typed objects or plain dicts (snake_case keys or the wire's
//! PascalCase ones, as boto3 users pass them). Errors name the argument and the key.

use std::collections::HashMap;

use cognito_sync::model;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyAny, PyBool, PyDict, PyString};

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

/// Where a dict input came from, for error messages (formatted only on error).
#[derive(Clone, Copy)]
enum What {
    Arg(&'static str),
    Item(&'static str, usize),
}

impl std::fmt::Display for What {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            What::Arg(name) => f.write_str(name),
            What::Item(name, i) => write!(f, "{name}[{i}]"),
        }
    }
}

/// The members a dict input may hold, each by its snake_case name or its wire name, with
/// those names interned once: the keys of dict literals in Python code are interned
/// too, so a key is usually matched by pointer, without hashing or comparing text.
struct Members<const N: usize> {
    names: [(&'static str, &'static str); N],
    interned: PyOnceLock<Vec<Py<PyString>>>,
}

impl<const N: usize> Members<N> {
    const fn new(names: [(&'static str, &'static str); N]) -> Self {
        Members {
            names,
            interned: PyOnceLock::new(),
        }
    }

    /// The interned names, `[snake0, wire0, snake1, wire1, ...]`.
    fn interned(&self, py: Python<'_>) -> &[Py<PyString>] {
        self.interned.get_or_init(py, || {
            self.names
                .iter()
                .flat_map(|(snake, wire)| [*snake, *wire])
                .map(|n| PyString::intern(py, n).unbind())
                .collect()
        })
    }

    /// The index of the member `key` names, if any.
    fn find(&self, py: Python<'_>, key: &Bound<'_, PyAny>) -> Option<usize> {
        let ptr = key.as_ptr();
        if let Some(i) = self.interned(py).iter().position(|n| n.as_ptr() == ptr) {
            return Some(i / 2);
        }
        // Not interned (built at run time, e.g. by json.loads): compare the text.
        let text = key.cast::<PyString>().ok()?.to_str().ok()?;
        self.names
            .iter()
            .position(|(snake, wire)| *snake == text || *wire == text)
    }

    /// Reads `dict` in one pass: the value of each member (by either name), rejecting
    /// unknown keys and a member given under both names when that member is read.
    fn read<'py>(&self, dict: &Bound<'py, PyDict>, what: What) -> PyResult<Fields<'_, 'py, N>> {
        let py = dict.py();
        let mut fields = Fields {
            names: &self.names,
            what,
            values: std::array::from_fn(|_| None),
            both: [false; N],
            unknown: None,
        };
        for (key, value) in dict.iter() {
            match self.find(py, &key) {
                Some(i) => {
                    if fields.values[i].is_some() {
                        fields.both[i] = true;
                    }
                    fields.values[i] = Some(value);
                }
                None => {
                    if fields.unknown.is_none() {
                        fields.unknown = Some(key);
                    }
                }
            }
        }
        Ok(fields)
    }
}

/// The members read from a dict input; the accessors check their types. Errors name
/// the argument and the key, in the order the members are read.
struct Fields<'a, 'py, const N: usize> {
    names: &'a [(&'static str, &'static str); N],
    what: What,
    values: [Option<Bound<'py, PyAny>>; N],
    both: [bool; N],
    unknown: Option<Bound<'py, PyAny>>,
}

impl<'py, const N: usize> Fields<'_, 'py, N> {
    /// Member `i`, `None` when absent or given as `None`.
    fn get(&mut self, i: usize) -> PyResult<Option<Bound<'py, PyAny>>> {
        let (snake, wire) = self.names[i];
        if self.both[i] {
            return Err(PyTypeError::new_err(format!(
                "{}: both '{snake}' and '{wire}' given",
                self.what
            )));
        }
        Ok(self.values[i].take().filter(|v| !v.is_none()))
    }

    fn required(&mut self, i: usize) -> PyResult<Bound<'py, PyAny>> {
        self.get(i)?.ok_or_else(|| {
            PyTypeError::new_err(format!(
                "{}: missing required key '{}'",
                self.what, self.names[i].0
            ))
        })
    }

    fn wrong_type(&self, i: usize, expected: &str, value: &Bound<'py, PyAny>) -> PyErr {
        PyTypeError::new_err(format!(
            "{}: '{}' must be {expected}, not {}",
            self.what,
            self.names[i].0,
            type_name(value)
        ))
    }

    /// The text of member `i`'s value, borrowed from the Python string.
    fn as_str<'v>(&self, i: usize, value: &'v Bound<'py, PyAny>) -> PyResult<&'v str> {
        match value.cast::<PyString>() {
            Ok(s) => s.to_str(),
            Err(_) => Err(self.wrong_type(i, "a str", value)),
        }
    }

    fn to_string(&self, i: usize, value: &Bound<'py, PyAny>) -> PyResult<String> {
        self.as_str(i, value).map(str::to_owned)
    }

    fn str_required(&mut self, i: usize) -> PyResult<String> {
        let v = self.required(i)?;
        self.to_string(i, &v)
    }

    fn str_opt(&mut self, i: usize) -> PyResult<Option<String>> {
        match self.get(i)? {
            Some(v) => self.to_string(i, &v).map(Some),
            None => Ok(None),
        }
    }

    /// Fails on a key that is no member: a typo must not be silently dropped.
    fn finish(&self) -> PyResult<()> {
        let Some(key) = &self.unknown else {
            return Ok(());
        };
        let allowed: Vec<&str> = self.names.iter().flat_map(|(s, w)| [*s, *w]).collect();
        Err(PyTypeError::new_err(format!(
            "{}: unknown key '{}' (expected one of: {})",
            self.what,
            key.str()?,
            allowed.join(", ")
        )))
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

static PATCH_MEMBERS: Members<5> = Members::new([
    ("op", "Op"),
    ("key", "Key"),
    ("value", "Value"),
    ("sync_count", "SyncCount"),
    ("device_last_modified_date", "DeviceLastModifiedDate"),
]);

fn record_patch_from(value: &Bound<'_, PyAny>, what: What) -> PyResult<model::RecordPatch> {
    let Ok(dict) = value.cast::<PyDict>() else {
        if let Ok(p) = value.cast::<RecordPatch>() {
            return Ok(p.get().0.clone());
        }
        return Err(PyTypeError::new_err(format!(
            "{what}: expected a RecordPatch or a dict, not {}",
            type_name(value)
        )));
    };
    let mut r = PATCH_MEMBERS.read(dict, what)?;
    let op = r.required(0)?;
    let op = model::Operation::from(r.as_str(0, &op)?);
    let key = r.str_required(1)?;
    let value = r.str_opt(2)?;
    let sync_count = r.required(3)?;
    // bool is an int subclass: `True` is a mistake, not sync count 1.
    if sync_count.is_instance_of::<PyBool>() {
        return Err(r.wrong_type(3, "an int", &sync_count));
    }
    let sync_count: i64 = sync_count
        .extract()
        .map_err(|_| r.wrong_type(3, "an int", &sync_count))?;
    let device_last_modified_date = r
        .get(4)?
        .map(|d| crate::time::from_py(&d, &format!("{what}: 'device_last_modified_date'")))
        .transpose()?;
    r.finish()?;
    Ok(model::RecordPatch {
        op,
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
        let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
        for (i, item) in iter.enumerate() {
            out.push(record_patch_from(&item?, What::Item("record_patches", i))?);
        }
        Ok(RecordPatches(out))
    }
}

static PUSH_SYNC_MEMBERS: Members<2> = Members::new([
    ("application_arns", "ApplicationArns"),
    ("role_arn", "RoleArn"),
]);

static COGNITO_STREAMS_MEMBERS: Members<3> = Members::new([
    ("stream_name", "StreamName"),
    ("role_arn", "RoleArn"),
    ("streaming_status", "StreamingStatus"),
]);

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
        let mut r = PUSH_SYNC_MEMBERS.read(dict, What::Arg("push_sync"))?;
        let application_arns = match r.get(0)? {
            Some(v) if v.is_instance_of::<PyString>() => {
                return Err(r.wrong_type(0, "a list of str", &v))
            }
            Some(v) => Some(
                v.extract::<Vec<String>>()
                    .map_err(|_| r.wrong_type(0, "a list of str", &v))?,
            ),
            None => None,
        };
        let role_arn = r.str_opt(1)?;
        r.finish()?;
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
        let mut r = COGNITO_STREAMS_MEMBERS.read(dict, What::Arg("cognito_streams"))?;
        let stream_name = r.str_opt(0)?;
        let role_arn = r.str_opt(1)?;
        let streaming_status = r.str_opt(2)?;
        r.finish()?;
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
