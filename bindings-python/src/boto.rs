//! The native half of the boto3-compatible clients (`cognito_sync.client(...)`): methods
//! taking boto3's PascalCase keyword arguments and returning boto3's dict, with its
//! `ResponseMetadata`, so that a call runs no Python code of ours when it succeeds.
//! The methods themselves are declared with the other clients' (`client.rs`); the
//! exceptions and everything else that is not per call live in `cognito_sync/_boto.py`.

use std::sync::Arc;

use cognito_sync::metadata::ResponseMetadata;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyAny, PyDict, PyString};

use crate::client::{AsyncClient, Client};
use crate::config::Shared;

/// Settings a boto3-compatible client needs beyond the native client's.
pub struct BotoSettings {
    /// Total attempts per call (for `MaxAttemptsReached`).
    pub max_attempts: u32,
    /// botocore's `standard`/`adaptive` modes mark every response of the last allowed
    /// attempt; `legacy` only a retryable failure there.
    pub standard_mode: bool,
}

/// The blocking boto3-compatible client (subclassed by `cognito_sync._boto.Client`).
#[pyclass(frozen, subclass, module = "cognito_sync", name = "_BotoClient")]
pub struct BotoClient {
    pub shared: Arc<Shared>,
    pub settings: BotoSettings,
}

/// The asyncio boto3-compatible client (subclassed by `cognito_sync.aio.AioClient`).
#[pyclass(frozen, subclass, module = "cognito_sync", name = "_AsyncBotoClient")]
pub struct AsyncBotoClient {
    pub shared: Arc<Shared>,
    pub settings: BotoSettings,
}

/// The shared state of a native `Client` or `AsyncClient`.
fn shared_of(client: &Bound<'_, PyAny>) -> PyResult<Arc<Shared>> {
    if let Ok(c) = client.cast::<Client>() {
        return Ok(c.get().shared());
    }
    if let Ok(c) = client.cast::<AsyncClient>() {
        return Ok(c.get().shared());
    }
    Err(pyo3::exceptions::PyTypeError::new_err(
        "expected a cognito_sync.Client or AsyncClient",
    ))
}

impl BotoSettings {
    /// The settings of a new client (its constructor's arguments).
    pub fn new(max_attempts: u32, standard_mode: bool) -> Self {
        BotoSettings {
            max_attempts,
            standard_mode,
        }
    }
}

/// The shared state of the native client a boto3-compatible one wraps.
pub fn wrap(client: &Bound<'_, PyAny>) -> PyResult<Arc<Shared>> {
    shared_of(client)
}

/// `identity_pool_id` -> `IdentityPoolId`: the model's member names (every snake_case
/// argument of the native clients is one, split at its underscores).
pub fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    for part in snake.split('_') {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// The interned PascalCase names of an operation's arguments, in declaration order.
pub fn names<'a>(
    py: Python<'_>,
    cell: &'a PyOnceLock<Vec<Py<PyString>>>,
    snake: &[&str],
) -> &'a [Py<PyString>] {
    cell.get_or_init(py, || {
        snake
            .iter()
            .map(|n| PyString::intern(py, &camel(n)).unbind())
            .collect()
    })
}

/// Reads an operation's keyword arguments by their PascalCase names. Any problem (a
/// wrong type, an unknown or missing name) only marks the call as failed: the Python
/// side then writes botocore's report from the model (`_boto._param_error`).
pub struct Args<'a, 'py> {
    dict: Option<&'a Bound<'py, PyDict>>,
    names: &'a [Py<PyString>],
    next: usize,
    found: usize,
    /// The first extraction error, as a hint for the report.
    pub problem: Option<PyErr>,
}

impl<'a, 'py> Args<'a, 'py> {
    pub fn new(dict: Option<&'a Bound<'py, PyDict>>, names: &'a [Py<PyString>]) -> Self {
        Args {
            dict,
            names,
            next: 0,
            found: 0,
            problem: None,
        }
    }

    /// The next argument, `None` when absent or not of its type.
    pub fn next<T>(&mut self) -> Option<T>
    where
        T: for<'b> FromPyObject<'b, 'py>,
        for<'b> <T as FromPyObject<'b, 'py>>::Error: Into<PyErr>,
    {
        let name = self.names.get(self.next)?;
        self.next += 1;
        let dict = self.dict?;
        let value = match dict.get_item(name.bind(dict.py())) {
            Ok(Some(v)) => v,
            Ok(None) => return None,
            Err(e) => {
                self.problem.get_or_insert(e);
                return None;
            }
        };
        self.found += 1;
        let extracted = match value.extract::<T>() {
            Ok(v) => Some(v),
            Err(e) => {
                self.problem.get_or_insert(e.into());
                None
            }
        };
        extracted
    }

    /// Whether every argument was read without a problem and none was unknown.
    pub fn ok(&self) -> bool {
        self.problem.is_none() && self.dict.map_or(0, |d| d.len()) == self.found
    }
}

static PY_ERROR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static PY_PARAM_ERROR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn boto_fn<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyAny>>,
    name: &str,
) -> PyResult<&'py Bound<'py, PyAny>> {
    cell.get_or_try_init(py, || {
        Ok(py.import("cognito_sync._boto")?.getattr(name)?.unbind())
    })
    .map(|f| f.bind(py))
}

/// botocore's `ParamValidationError` for the arguments of `op`, explained by
/// `_boto._param_error` from the model (`hint`: what the native side found first).
pub fn param_error(
    py: Python<'_>,
    op: &str,
    kwargs: Option<&Bound<'_, PyDict>>,
    hint: Option<String>,
) -> PyErr {
    let built = boto_fn(py, &PY_PARAM_ERROR, "_param_error").and_then(|f| {
        let kwargs = match kwargs {
            Some(d) => d.clone(),
            None => PyDict::new(py),
        };
        f.call1((op, kwargs, hint))
    });
    match built {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// Whether `ResponseMetadata` gets `MaxAttemptsReached`, as botocore's retry handlers
/// decide it.
fn max_attempts_reached(
    settings: &BotoSettings,
    meta: &ResponseMetadata,
    failed_retryable: bool,
) -> bool {
    meta.attempts >= settings.max_attempts && (settings.standard_mode || failed_retryable)
}

/// botocore's `ResponseMetadata` of a response.
pub fn metadata_dict<'py>(
    py: Python<'py>,
    settings: &BotoSettings,
    meta: &ResponseMetadata,
    failed_retryable: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    if let Some(id) = meta.request_id() {
        d.set_item(intern!(py, "RequestId"), id)?;
    }
    d.set_item(intern!(py, "HTTPStatusCode"), meta.status)?;
    let headers = PyDict::new(py);
    let mut last: Option<&str> = None;
    for (name, value) in meta.headers.iter() {
        // Header names are lowercase already; values as http.client decodes them.
        let value: String = value.as_bytes().iter().map(|&b| b as char).collect();
        let name = name.as_str();
        if last == Some(name) {
            // A repeated header: urllib3 joins the values.
            if let Some(prev) = headers.get_item(name)? {
                let joined = format!("{}, {value}", prev.extract::<String>()?);
                headers.set_item(name, joined)?;
                continue;
            }
        }
        headers.set_item(name, value)?;
        last = Some(name);
    }
    d.set_item(intern!(py, "HTTPHeaders"), headers)?;
    d.set_item(
        intern!(py, "RetryAttempts"),
        meta.attempts.saturating_sub(1),
    )?;
    if max_attempts_reached(settings, meta, failed_retryable) {
        d.set_item(intern!(py, "MaxAttemptsReached"), true)?;
    }
    Ok(d)
}

/// The result dict of a successful call: the output's wire dict and its metadata.
pub fn success<'py>(
    py: Python<'py>,
    settings: &BotoSettings,
    out: Bound<'py, PyDict>,
    meta: &ResponseMetadata,
) -> PyResult<Bound<'py, PyAny>> {
    out.set_item(
        intern!(py, "ResponseMetadata"),
        metadata_dict(py, settings, meta, false)?,
    )?;
    Ok(out.into_any())
}

/// The exception of a failed call: botocore's `ClientError` (the class of its code) for
/// a service error, `ParamValidationError` for a validation error, else the library's
/// own class (`_boto._error` decides).
pub fn failure(
    py: Python<'_>,
    op: &str,
    settings: &BotoSettings,
    err: &cognito_sync::Error,
    meta: &ResponseMetadata,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyErr {
    if matches!(err.kind_ref(), cognito_sync::ErrorKind::Validation) {
        return param_error(py, op, kwargs, Some(err.message().to_owned()));
    }
    let built = (|| -> PyResult<Bound<'_, PyAny>> {
        let metadata = if meta.status == 0 {
            None
        } else {
            Some(metadata_dict(py, settings, meta, err.is_retryable())?)
        };
        let native = crate::errors::to_pyerr(py, err).into_value(py);
        boto_fn(py, &PY_ERROR, "_error")?.call1((op, native, metadata))
    })();
    match built {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}
