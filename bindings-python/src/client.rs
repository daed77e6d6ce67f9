//! `Client` (blocking, GIL released while waiting) and `AsyncClient` (asyncio), with one
//! method per operation named like boto3's, taking the model's members as snake_case
//! keyword arguments. Both are thin: they build the core's input struct, run the core's
//! async method on the shared runtime, and wrap its output.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::Arc;

use cognito_sync::model;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyAny, PyDict, PyString};

use cognito_sync::embedding::{CognitoIdentitySettings, CredentialSource, Settings};

use crate::config::{seconds, Shared};
use crate::errors::{self, to_pyerr};
use crate::inputs::{CognitoStreamsArg, EventsArg, PushSyncArg, RecordPatches};
use crate::models;
use crate::runtime;

/// Converts an argument as Python gave it into the core's field type.
trait IntoCore<T> {
    fn into_core(self) -> T;
}

impl<T> IntoCore<T> for T {
    fn into_core(self) -> T {
        self
    }
}

impl IntoCore<model::Platform> for String {
    fn into_core(self) -> model::Platform {
        model::Platform::from(self)
    }
}

impl IntoCore<Option<Vec<model::RecordPatch>>> for Option<RecordPatches> {
    fn into_core(self) -> Option<Vec<model::RecordPatch>> {
        self.map(|p| p.0)
    }
}

impl IntoCore<HashMap<String, String>> for EventsArg {
    fn into_core(self) -> HashMap<String, String> {
        self.0
    }
}

impl IntoCore<Option<model::PushSync>> for Option<PushSyncArg> {
    fn into_core(self) -> Option<model::PushSync> {
        self.map(|p| p.0)
    }
}

impl IntoCore<Option<model::CognitoStreams>> for Option<CognitoStreamsArg> {
    fn into_core(self) -> Option<model::CognitoStreams> {
        self.map(|p| p.0)
    }
}

/// The constructor's keyword arguments (a client's settings, as Python gives them).
struct Kwargs {
    region: Option<String>,
    endpoint_url: Option<String>,
    aws_access_key_id: Option<String>,
    aws_secret_access_key: Option<String>,
    aws_session_token: Option<String>,
    profile: Option<String>,
    cognito_identity_pool_id: Option<String>,
    cognito_identity_id: Option<String>,
    logins: Option<HashMap<String, String>>,
    cognito_identity_endpoint_url: Option<String>,
    max_attempts: Option<i64>,
    connect_timeout: Option<f64>,
    call_timeout: Option<f64>,
    app_name: Option<String>,
}

/// Fills the core's settings from the constructor's keyword arguments, refusing
/// combinations that contradict each other (one source of credentials at most).
fn settings(py: Python<'_>, k: Kwargs) -> PyResult<Settings> {
    let py_err = |m: &str| errors::validation_error(py, m.to_owned());
    let static_keys = match (k.aws_access_key_id, k.aws_secret_access_key) {
        (Some(ak), Some(sk)) => Some(cognito_sync::Credentials::new(ak, sk, k.aws_session_token)),
        (None, None) if k.aws_session_token.is_none() => None,
        _ => {
            return Err(py_err(
                "aws_access_key_id and aws_secret_access_key must be given together \
                 (aws_session_token only with them)",
            ))
        }
    };
    let cognito = match k.cognito_identity_pool_id {
        Some(identity_pool_id) => {
            if static_keys.is_some() {
                return Err(py_err(
                    "give either static keys (aws_access_key_id...) or \
                     cognito_identity_pool_id, not both",
                ));
            }
            Some(CognitoIdentitySettings {
                identity_pool_id,
                identity_id: k.cognito_identity_id,
                logins: k.logins.unwrap_or_default(),
                endpoint_url: k.cognito_identity_endpoint_url,
            })
        }
        None if k.cognito_identity_id.is_some()
            || k.logins.is_some()
            || k.cognito_identity_endpoint_url.is_some() =>
        {
            return Err(py_err(
                "cognito_identity_id, logins and cognito_identity_endpoint_url need \
                 cognito_identity_pool_id",
            ))
        }
        None => None,
    };
    let credentials = match (k.profile, static_keys, cognito) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            return Err(py_err(
                "give either profile or static keys (aws_access_key_id...) or \
                 cognito_identity_pool_id, not several",
            ))
        }
        (Some(name), None, None) if name.is_empty() => {
            return Err(py_err("profile: must be a profile name, not empty"))
        }
        (Some(name), None, None) => CredentialSource::Profile(name),
        (None, Some(keys), _) => CredentialSource::Static(keys),
        (None, None, Some(cognito)) => CredentialSource::CognitoIdentity(cognito),
        (None, None, None) => CredentialSource::DefaultChain,
    };
    let max_attempts = match k.max_attempts {
        None => None,
        Some(n) if (1..=100).contains(&n) => Some(n as u32),
        Some(n) => {
            return Err(py_err(&format!(
                "max_attempts: must be between 1 and 100, not {n}"
            )))
        }
    };
    Ok(Settings {
        region: k.region,
        endpoint_url: k.endpoint_url,
        credentials,
        max_attempts,
        connect_timeout: seconds("connect_timeout", k.connect_timeout)?,
        call_timeout: seconds("call_timeout", k.call_timeout)?,
        app_name: k.app_name,
        // Process-wide: `cognito_sync.set_worker_threads`.
        worker_threads: None,
    })
}

fn shared(py: Python<'_>, settings: Settings) -> PyResult<Arc<Shared>> {
    Shared::new(settings).map_err(|e| to_pyerr(py, &e))
}

fn no_cognito(py: Python<'_>) -> PyErr {
    to_pyerr(
        py,
        &cognito_sync::Error::credentials(
            "identity_id() needs a client created with cognito_identity_pool_id=...",
        ),
    )
}

/// Blocking client of Amazon Cognito Sync: one method per operation, named like boto3's
/// ``cognito-sync`` client, taking the model's members as snake_case keyword arguments
/// and returning typed results (``to_dict()`` gives boto3's dict).
///
/// Configuration (all keyword-only, all optional):
///
/// * ``region`` (or boto3's name, ``region_name``): else ``AWS_REGION`` /
///   ``AWS_DEFAULT_REGION`` / the shared config file.
/// * ``endpoint_url``: e.g. ``"http://127.0.0.1:4566"`` for cognito-sync-local; else
///   ``AWS_ENDPOINT_URL_COGNITO_SYNC`` / ``AWS_ENDPOINT_URL``; else AWS.
/// * ``aws_access_key_id``, ``aws_secret_access_key``, ``aws_session_token``: static
///   credentials. Without them (and without a profile or Cognito Identity), the default
///   chain: environment variables, then the shared credentials/config files
///   (``AWS_PROFILE``).
/// * ``profile``: the credentials of one named profile of the shared credentials/config
///   files (``AWS_SHARED_CREDENTIALS_FILE``, ``AWS_CONFIG_FILE``).
/// * ``cognito_identity_pool_id``, ``logins``, ``cognito_identity_id``: get temporary
///   credentials from Cognito Identity (GetId + GetCredentialsForIdentity), for an
///   unauthenticated identity or one logged in with ``logins`` ({provider: token});
///   ``cognito_identity_endpoint_url``: where Cognito Identity is (default: the
///   ``endpoint_url`` when given, else AWS). One source of credentials at most.
/// * ``max_attempts``: total attempts per call (standard retry mode; default 3).
/// * ``connect_timeout``, ``call_timeout``: seconds.
/// * ``app_name``: appended to the ``User-Agent`` (``app/NAME``).
///
/// The runtime's worker-thread count is process-wide: ``cognito_sync.set_worker_threads``.
///
/// The client is thread-safe; calls release the GIL while waiting, Ctrl-C interrupts
/// them, and a client created before ``os.fork()`` keeps working in the child.
#[pyclass(frozen, subclass, module = "cognito_sync", name = "Client")]
pub struct Client {
    shared: Arc<Shared>,
}

/// asyncio client of Amazon Cognito Sync: the same methods as :class:`Client`, as
/// coroutines. Calls run on the library's own I/O threads; awaiting them never blocks
/// the event loop, and cancelling the awaiting task cancels the request.
#[pyclass(frozen, subclass, module = "cognito_sync", name = "AsyncClient")]
pub struct AsyncClient {
    shared: Arc<Shared>,
}

/// A keyword argument whose type errors name it: `identity_pool_id: expected str, not
/// int` (pyo3's own message only names it in a note). `M` is a marker type per argument.
pub struct Named<T, M>(T, PhantomData<M>);

/// The Python name of an argument, carried by its marker type.
pub trait ArgName {
    const NAME: &'static str;
}

impl<'a, 'py, T, M> FromPyObject<'a, 'py> for Named<T, M>
where
    T: FromPyObject<'a, 'py>,
    T::Error: Into<PyErr>,
    M: ArgName,
{
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match T::extract(obj) {
            Ok(v) => Ok(Named(v, PhantomData)),
            Err(e) => {
                let e: PyErr = e.into();
                let py = obj.py();
                if e.is_instance_of::<PyTypeError>(py) {
                    let msg = e.value(py).to_string();
                    // Our own extractors already start with the argument's name.
                    if msg.starts_with(M::NAME) {
                        Err(e)
                    } else {
                        Err(PyTypeError::new_err(format!(
                            "{}: expected {}, got {}",
                            M::NAME,
                            expected_type::<T>(),
                            obj.get_type()
                                .name()
                                .map(|n| n.to_string())
                                .unwrap_or_default()
                        )))
                    }
                } else {
                    Err(e)
                }
            }
        }
    }
}

/// The Python type name of an argument type, for error messages.
fn expected_type<T>() -> &'static str {
    let name = std::any::type_name::<T>();
    if name.ends_with("String") {
        "str"
    } else if name.ends_with("i64") || name.ends_with("i32") {
        "int"
    } else {
        "another type"
    }
}

impl Client {
    /// The shared state (for the sync manager).
    pub fn shared(&self) -> Arc<Shared> {
        Arc::clone(&self.shared)
    }
}

impl AsyncClient {
    /// The shared state (for the sync manager).
    pub fn shared(&self) -> Arc<Shared> {
        Arc::clone(&self.shared)
    }
}

/// A boto3-style call's PascalCase keyword arguments read into the core's input, for the
/// blocking and the asyncio boto3 clients alike; on a missing, unknown or mistyped
/// argument it returns botocore's ParamValidationError from the enclosing function.
macro_rules! boto_input {
    ($py:expr, $kwargs:expr, $op:expr, $input:ident,
     [$($req:ident: $rty:ty),*], [$($opt:ident: $oty:ty),*]) => {{
        static NAMES: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();
        let names = crate::boto::names($py, &NAMES, &[$(stringify!($req),)* $(stringify!($opt),)*]);
        let mut args = crate::boto::Args::new($kwargs, names);
        $( let $req: Option<$rty> = args.next(); )*
        $( let $opt: Option<$oty> = args.next(); )*
        #[allow(unreachable_patterns)]
        let ($($req,)*) = match ($($req,)*) {
            ($(Some($req),)*) if args.ok() => ($($req,)*),
            _ => {
                let hint = args.problem.map(|e| e.value($py).to_string());
                return Err(crate::boto::param_error($py, $op(), $kwargs, hint));
            }
        };
        model::$input {
            $($req: IntoCore::into_core($req),)*
            $($opt: IntoCore::into_core($opt),)*
        }
    }};
}

/// Declares the 17 operations on both clients from one list: required keyword
/// arguments, then optional ones (default `None`).
macro_rules! operations {
    (
        both { $($both:tt)* }
        client { $($client_extra:tt)* }
        async_client { $($async_extra:tt)* }
        $(
            $(#[$doc:meta])*
            fn $name:ident($input:ident -> $output:ident)
                { $($req:ident: $rty:ty),* $(,)? }
                $( optional { $($opt:ident: $oty:ty),* $(,)? } )?
        )*
    ) => {
        /// Marker types naming each argument (see `Named`).
        #[allow(non_camel_case_types, dead_code)]
        mod arg {
            $(
                pub mod $name {
                    $( pub struct $req; )*
                    $($( pub struct $opt; )*)?
                    $( impl super::super::ArgName for $req { const NAME: &'static str = stringify!($req); } )*
                    $($( impl super::super::ArgName for $opt { const NAME: &'static str = stringify!($opt); } )*)?
                }
            )*
        }

        // The operations take the model's members as arguments, however many there are.
        #[allow(clippy::too_many_arguments)]
        #[pymethods]
        impl Client {
            $($both)*
            $($client_extra)*

            $(
                $(#[$doc])*
                #[pyo3(signature = (*, $($req,)* $($($opt = None,)*)?))]
                fn $name(
                    &self,
                    py: Python<'_>,
                    $($req: Named<$rty, arg::$name::$req>,)*
                    $($($opt: Option<Named<$oty, arg::$name::$opt>>,)*)?
                ) -> PyResult<models::$output> {
                    let input = model::$input {
                        $($req: IntoCore::into_core($req.0),)*
                        $($($opt: IntoCore::into_core($opt.map(|v| v.0)),)*)?
                    };
                    // The result is wrapped before the GIL is taken back.
                    let out = crate::local::block_on(py, &self.shared, |client| async move {
                        client.$name(input).await.map(|o| models::$output(o.into()))
                    })?;
                    errors::check(py, out)
                }
            )*
        }

        #[allow(clippy::too_many_arguments)]
        #[pymethods]
        impl AsyncClient {
            $($both)*
            $($async_extra)*

            $(
                $(#[$doc])*
                #[pyo3(signature = (*, $($req,)* $($($opt = None,)*)?))]
                async fn $name(
                    &self,
                    $($req: Named<$rty, arg::$name::$req>,)*
                    $($($opt: Option<Named<$oty, arg::$name::$opt>>,)*)?
                ) -> PyResult<models::$output> {
                    let input = model::$input {
                        $($req: IntoCore::into_core($req.0),)*
                        $($($opt: IntoCore::into_core($opt.map(|v| v.0)),)*)?
                    };
                    let (client, _) = Python::attach(|py| {
                        crate::logging::maybe_refresh(py);
                        self.shared.client().map_err(|e| to_pyerr(py, &e))
                    })?;
                    let out = runtime::spawn_and_wait(async move {
                        client.$name(input).await.map(|o| models::$output(o.into()))
                    })
                    .await?;
                    Python::attach(|py| errors::check(py, out))
                }
            )*
        }

        // The boto3-compatible clients: PascalCase keyword arguments, boto3's dicts.
        #[pymethods]
        impl crate::boto::BotoClient {
            #[new]
            #[pyo3(signature = (client, max_attempts, standard_mode))]
            fn new(client: &Bound<'_, PyAny>, max_attempts: u32, standard_mode: bool) -> PyResult<Self> {
                Ok(Self {
                    shared: crate::boto::wrap(client)?,
                    settings: crate::boto::BotoSettings::new(max_attempts, standard_mode),
                })
            }

            $(
                #[pyo3(signature = (**kwargs))]
                fn $name<'py>(
                    &self,
                    py: Python<'py>,
                    kwargs: Option<&Bound<'py, PyDict>>,
                ) -> PyResult<Bound<'py, PyAny>> {
                    let op = || stringify!($input).trim_end_matches("Input");
                    let input = boto_input!(py, kwargs, op, $input,
                        [$($req: $rty),*], [$($($opt: $oty),*)?]);
                    let out = crate::local::block_on(py, &self.shared, |client| async move {
                        let (out, meta) =
                            cognito_sync::metadata::capture(client.$name(input)).await;
                        Ok::<_, cognito_sync::Error>((out.map(|o| models::$output(o.into())), meta))
                    })?;
                    match out {
                        Ok((Ok(o), meta)) => crate::boto::success(py, &self.settings, o.wire_dict(py)?, &meta),
                        Ok((Err(e), meta)) => Err(crate::boto::failure(py, op(), &self.settings, &e, &meta, kwargs)),
                        Err(e) => Err(crate::boto::failure(py, op(), &self.settings, &e, &Default::default(), kwargs)),
                    }
                }
            )*
        }

        #[pymethods]
        impl crate::boto::AsyncBotoClient {
            #[new]
            #[pyo3(signature = (client, max_attempts, standard_mode))]
            fn new(client: &Bound<'_, PyAny>, max_attempts: u32, standard_mode: bool) -> PyResult<Self> {
                Ok(Self {
                    shared: crate::boto::wrap(client)?,
                    settings: crate::boto::BotoSettings::new(max_attempts, standard_mode),
                })
            }

            $(
                #[pyo3(signature = (**kwargs))]
                async fn $name(&self, kwargs: Option<Py<PyDict>>) -> PyResult<Py<PyAny>> {
                    let op = || stringify!($input).trim_end_matches("Input");
                    let (input, client) = Python::attach(|py| -> PyResult<_> {
                        let kwargs = kwargs.as_ref().map(|k| k.bind(py));
                        let input = boto_input!(py, kwargs, op, $input,
                            [$($req: $rty),*], [$($($opt: $oty),*)?]);
                        crate::logging::maybe_refresh(py);
                        let (client, _) = self.shared.client().map_err(|e| to_pyerr(py, &e))?;
                        Ok((input, client))
                    })?;
                    let (out, meta) = runtime::spawn_and_wait(async move {
                        let (out, meta) =
                            cognito_sync::metadata::capture(client.$name(input)).await;
                        (out.map(|o| models::$output(o.into())), meta)
                    })
                    .await?;
                    Python::attach(|py| {
                        let kwargs = kwargs.as_ref().map(|k| k.bind(py));
                        let r = match out {
                            Ok(o) => crate::boto::success(py, &self.settings, o.wire_dict(py)?, &meta),
                            Err(e) => Err(crate::boto::failure(py, op(), &self.settings, &e, &meta, kwargs)),
                        };
                        r.map(Bound::unbind)
                    })
                }
            )*
        }
    };
}

operations! {
    // The constructor and the getters, the same on both clients.
    both {
        #[new]
        #[pyo3(signature = (
            *,
            region=None,
            endpoint_url=None,
            aws_access_key_id=None,
            aws_secret_access_key=None,
            aws_session_token=None,
            profile=None,
            cognito_identity_pool_id=None,
            cognito_identity_id=None,
            logins=None,
            cognito_identity_endpoint_url=None,
            max_attempts=None,
            connect_timeout=None,
            call_timeout=None,
            app_name=None,
            region_name=None,
        ))]
        fn new(
            py: Python<'_>,
            region: Option<String>,
            endpoint_url: Option<String>,
            aws_access_key_id: Option<String>,
            aws_secret_access_key: Option<String>,
            aws_session_token: Option<String>,
            profile: Option<String>,
            cognito_identity_pool_id: Option<String>,
            cognito_identity_id: Option<String>,
            logins: Option<HashMap<String, String>>,
            cognito_identity_endpoint_url: Option<String>,
            max_attempts: Option<i64>,
            connect_timeout: Option<f64>,
            call_timeout: Option<f64>,
            app_name: Option<String>,
            region_name: Option<String>,
        ) -> PyResult<Self> {
            // `region_name` is boto3's name for `region`.
            let region = match (region, region_name) {
                (Some(a), Some(b)) if a != b => {
                    return Err(errors::validation_error(
                        py,
                        format!("region={a:?} and region_name={b:?} disagree: give one of them"),
                    ))
                }
                (a, b) => a.or(b),
            };
            let s = settings(py, Kwargs {
                region, endpoint_url, aws_access_key_id, aws_secret_access_key,
                aws_session_token, profile, cognito_identity_pool_id, cognito_identity_id,
                logins, cognito_identity_endpoint_url, max_attempts, connect_timeout,
                call_timeout, app_name,
            })?;
            crate::logging::refresh(py);
            Ok(Self { shared: shared(py, s)? })
        }

        /// The region requests are signed for.
        #[getter]
        fn region(&self, py: Python<'_>) -> PyResult<String> {
            let (c, _) = self.shared.client().map_err(|e| to_pyerr(py, &e))?;
            Ok(c.region().to_owned())
        }

        /// The endpoint requests go to.
        #[getter]
        fn endpoint_url(&self, py: Python<'_>) -> PyResult<String> {
            let (c, _) = self.shared.client().map_err(|e| to_pyerr(py, &e))?;
            Ok(c.endpoint().to_owned())
        }
    }
    client {
        /// The Cognito identity id of a client created with ``cognito_identity_pool_id``
        /// (calls Cognito Identity's GetId the first time, then cached).
        fn identity_id(&self, py: Python<'_>) -> PyResult<String> {
            let (_, cognito) = self.shared.client().map_err(|e| to_pyerr(py, &e))?;
            let provider = cognito.ok_or_else(|| no_cognito(py))?;
            let out = runtime::block_on(py, async move { provider.identity_id().await })?;
            errors::check(py, out)
        }

        fn __repr__(&self) -> String {
            format!("Client({})", self.shared.describe())
        }
    }
    async_client {
        /// The Cognito identity id of a client created with ``cognito_identity_pool_id``
        /// (calls Cognito Identity's GetId the first time, then cached).
        async fn identity_id(&self) -> PyResult<String> {
            let (_, cognito) = Python::attach(|py| {
                self.shared.client().map_err(|e| to_pyerr(py, &e))
            })?;
            let provider = Python::attach(|py| cognito.ok_or_else(|| no_cognito(py)))?;
            let out = runtime::spawn_and_wait(async move { provider.identity_id().await }).await?;
            Python::attach(|py| errors::check(py, out))
        }

        fn __repr__(&self) -> String {
            format!("AsyncClient({})", self.shared.describe())
        }
    }

    /// Start a bulk publish of every dataset of the identity pool to its Cognito
    /// Stream (developer credentials only).
    fn bulk_publish(BulkPublishInput -> BulkPublishOutput)
        { identity_pool_id: String }

    /// Delete a dataset and its records; returns its last metadata.
    fn delete_dataset(DeleteDatasetInput -> DeleteDatasetOutput)
        { identity_pool_id: String, identity_id: String, dataset_name: String }

    /// Metadata of a dataset (``ResourceNotFoundException`` if it does not exist).
    fn describe_dataset(DescribeDatasetInput -> DescribeDatasetOutput)
        { identity_pool_id: String, identity_id: String, dataset_name: String }

    /// Usage statistics of an identity pool (developer credentials only).
    fn describe_identity_pool_usage(
        DescribeIdentityPoolUsageInput -> DescribeIdentityPoolUsageOutput)
        { identity_pool_id: String }

    /// Usage statistics of an identity.
    fn describe_identity_usage(DescribeIdentityUsageInput -> DescribeIdentityUsageOutput)
        { identity_pool_id: String, identity_id: String }

    /// State of the identity pool's last bulk publish (developer credentials only).
    fn get_bulk_publish_details(GetBulkPublishDetailsInput -> GetBulkPublishDetailsOutput)
        { identity_pool_id: String }

    /// The identity pool's Cognito events (``{"SyncTrigger": lambda_arn}``).
    fn get_cognito_events(GetCognitoEventsInput -> GetCognitoEventsOutput)
        { identity_pool_id: String }

    /// Push sync and Cognito Streams configuration of an identity pool.
    fn get_identity_pool_configuration(
        GetIdentityPoolConfigurationInput -> GetIdentityPoolConfigurationOutput)
        { identity_pool_id: String }

    /// One page of an identity's datasets (see ``iter_datasets`` to follow pages).
    fn list_datasets(ListDatasetsInput -> ListDatasetsOutput)
        { identity_pool_id: String, identity_id: String }
        optional { next_token: String, max_results: i32 }

    /// One page of the account's identity pools' usage (developer credentials only).
    fn list_identity_pool_usage(ListIdentityPoolUsageInput -> ListIdentityPoolUsageOutput)
        {  }
        optional { next_token: String, max_results: i32 }

    /// One page of a dataset's records changed after ``last_sync_count`` (all records
    /// when omitted or 0), with the ``sync_session_token`` that ``update_records`` needs.
    fn list_records(ListRecordsInput -> ListRecordsOutput)
        { identity_pool_id: String, identity_id: String, dataset_name: String }
        optional { last_sync_count: i64, next_token: String, max_results: i32, sync_session_token: String }

    /// Register a device for push sync; ``platform`` is ``"APNS"``,
    /// ``"APNS_SANDBOX"``, ``"GCM"`` or ``"ADM"``.
    fn register_device(RegisterDeviceInput -> RegisterDeviceOutput)
        { identity_pool_id: String, identity_id: String, platform: String, token: String }

    /// Set the identity pool's Cognito events (``{"SyncTrigger": lambda_arn}``).
    fn set_cognito_events(SetCognitoEventsInput -> SetCognitoEventsOutput)
        { identity_pool_id: String, events: EventsArg }

    /// Set push sync and/or Cognito Streams of an identity pool; each accepts the typed
    /// object (``PushSync``, ``CognitoStreams``) or a dict (snake_case or wire keys).
    fn set_identity_pool_configuration(
        SetIdentityPoolConfigurationInput -> SetIdentityPoolConfigurationOutput)
        { identity_pool_id: String }
        optional { push_sync: PushSyncArg, cognito_streams: CognitoStreamsArg }

    /// Subscribe a registered device to a dataset's change notifications.
    fn subscribe_to_dataset(SubscribeToDatasetInput -> SubscribeToDatasetOutput)
        { identity_pool_id: String, identity_id: String, dataset_name: String, device_id: String }

    /// Unsubscribe a device from a dataset's change notifications.
    fn unsubscribe_from_dataset(UnsubscribeFromDatasetInput -> UnsubscribeFromDatasetOutput)
        { identity_pool_id: String, identity_id: String, dataset_name: String, device_id: String }

    /// Apply ``record_patches`` (``RecordPatch`` objects or dicts) to a dataset, creating
    /// it if needed. ``sync_session_token`` comes from ``list_records``. A patch with a
    /// stale ``sync_count`` fails with ``ResourceConflictException`` and nothing is applied.
    fn update_records(UpdateRecordsInput -> UpdateRecordsOutput)
        { identity_pool_id: String, identity_id: String, dataset_name: String, sync_session_token: String }
        optional { device_id: String, record_patches: RecordPatches, client_context: String }
}
