//! Client configuration and the thread-safe client handle.

use std::collections::HashMap;
use std::ffi::{c_char, c_void, CStr};
use std::future::Future;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use cognito_sync_core::embedding::{Built, CognitoIdentitySettings, CredentialSource, Settings};
use tokio::sync::watch;

use crate::cstr::CStrBuf;
use crate::dispatch::DispatchQueue;
use crate::error::{cognito_sync_error, FfiError, FfiResult};
use crate::ffi;
use crate::gate::Gate;
use crate::op::{self, cognito_sync_callback, cognito_sync_op, Launch};
use crate::runtime;
use crate::status::cognito_sync_status;

/// A client configuration being assembled (a builder).
///
/// Ownership: created by `cognito_sync_config_new`, owned by the caller,
/// released with `cognito_sync_config_free`. It is not consumed by
/// `cognito_sync_client_new`: one configuration can create several clients.
/// Not thread-safe: use it from one thread at a time. It holds secrets (static
/// keys, login tokens) until freed; they never appear in any message.
pub struct cognito_sync_config {
    /// The core's settings (region, endpoint, credentials, retries, timeouts).
    settings: Settings,
    host_dispatch: bool,
}

impl Default for cognito_sync_config {
    fn default() -> Self {
        cognito_sync_config {
            settings: Settings {
                // Always the standard retry policy, 3 attempts unless set: the C library
                // does not read AWS_MAX_ATTEMPTS.
                max_attempts: Some(cognito_sync_core::RetryConfig::standard().max_attempts()),
                ..Settings::default()
            },
            host_dispatch: false,
        }
    }
}

/// A Cognito Sync client: every operation goes through one.
///
/// Ownership: created by `cognito_sync_client_new`, owned by the caller,
/// released with `cognito_sync_client_free`. Thread-safe: any number of
/// threads may use one client at the same time (it holds one connection
/// pool); sharing one client is cheaper than creating many.
pub struct cognito_sync_client {
    core: cognito_sync_core::Client,
    /// The same client for blocking calls: each runs on its caller's thread
    /// (per-thread runtime and connections), no hand-off to a worker thread.
    blocking: cognito_sync_core::blocking::Client,
    identity: Option<cognito_sync_core::credentials::CognitoIdentityProvider>,
    /// Set to true (or dropped) when the client is freed: cancels its work.
    cancel: watch::Sender<bool>,
    /// Closed when the client is freed: no completion callback runs after.
    gate: Arc<Gate>,
    /// Host-dispatch mode: finished operations whose callbacks wait for
    /// `cognito_sync_client_dispatch`.
    dispatch: Option<Arc<DispatchQueue>>,
}

/// A future resolving when the client is freed; cheap to clone.
#[derive(Clone)]
pub(crate) struct Cancelled(watch::Receiver<bool>);

impl Cancelled {
    /// Resolves when `receiver` sees `true` (or its sender is dropped).
    pub(crate) fn new(receiver: watch::Receiver<bool>) -> Self {
        Self(receiver)
    }

    /// Runs `future` unless the client is freed first (then `CANCELLED`).
    ///
    /// The work is polled first and the freed flag only when the work is pending: a call
    /// that completes costs no second look at the flag (no `select!`, no coop budget).
    pub(crate) async fn guard<T>(
        mut self,
        future: impl Future<Output = FfiResult<T>>,
    ) -> FfiResult<T> {
        if *self.0.borrow() {
            return Err(FfiError::cancelled());
        }
        let mut future = std::pin::pin!(future);
        let mut freed = std::pin::pin!(self.0.wait_for(|freed| *freed));
        std::future::poll_fn(|cx| {
            if let Poll::Ready(result) = future.as_mut().poll(cx) {
                return Poll::Ready(result);
            }
            // Ok: the flag became true; Err: the sender is gone (client freed).
            match freed.as_mut().poll(cx) {
                Poll::Ready(_) => Poll::Ready(Err(FfiError::cancelled())),
                Poll::Pending => Poll::Pending,
            }
        })
        .await
    }
}

impl cognito_sync_client {
    pub(crate) fn core(&self) -> &cognito_sync_core::Client {
        &self.core
    }

    /// What a non-blocking operation needs from its client.
    pub(crate) fn launch(&self) -> Launch {
        Launch {
            client_gate: Arc::clone(&self.gate),
            cancelled: Cancelled(self.cancel.subscribe()),
            dispatch: self.dispatch_queue(),
        }
    }

    /// The host-dispatch queue, for the sync managers built with this client too.
    pub(crate) fn dispatch_queue(&self) -> Option<std::sync::Weak<DispatchQueue>> {
        self.dispatch.as_ref().map(Arc::downgrade)
    }

    /// Runs `future` to completion on the calling thread, cancelled if the
    /// client is freed meanwhile.
    pub(crate) fn block_on<T: Send + 'static>(
        &self,
        future: impl Future<Output = FfiResult<T>> + Send + 'static,
    ) -> FfiResult<T> {
        let mut erased = op::erase(future);
        let value = self.run_erased(|_| erased.as_mut())?;
        value.downcast::<T>().map(|v| *v).map_err(|_| {
            FfiError::new(
                cognito_sync_status::Internal,
                "blocking call result has an unexpected type",
            )
        })
    }

    /// Runs `call` with the calling thread's own core client (same settings
    /// and credentials, the thread's connections) to completion on the
    /// calling thread, cancelled if the client is freed meanwhile. Refused
    /// (re-entrant-call status) inside a library callback or an async runtime.
    /// The future is type-erased (`call` returns it pinned where its caller
    /// keeps it): every blocking operation shares one instance of the
    /// runtime's `block_on` and of the cancellation guard.
    pub(crate) fn run_erased<'f, F>(&self, call: F) -> op::ErasedResult
    where
        F: FnOnce(cognito_sync_core::Client) -> op::ErasedRef<'f>,
    {
        if runtime::blocking_forbidden() {
            return Err(FfiError::reentrant());
        }
        let cancelled = Cancelled(self.cancel.subscribe());
        self.blocking
            .run(move |core| cancelled.guard(call(core)))
            .map_err(FfiError::from)?
    }

    /// The Cognito Identity provider, when the client uses one.
    pub(crate) fn identity_provider(
        &self,
    ) -> Option<&cognito_sync_core::credentials::CognitoIdentityProvider> {
        self.identity.as_ref()
    }

    fn identity(&self) -> FfiResult<cognito_sync_core::credentials::CognitoIdentityProvider> {
        self.identity.clone().ok_or_else(|| {
            FfiError::invalid_argument(
                "this client does not use Cognito Identity credentials \
                 (see cognito_sync_config_set_cognito_identity)",
            )
        })
    }
}

fn build_client(config: &cognito_sync_config) -> FfiResult<cognito_sync_client> {
    let Built {
        client: core,
        identity,
        ..
    } = config.settings.build().map_err(FfiError::from)?;
    let (cancel, _) = watch::channel(false);
    Ok(cognito_sync_client {
        blocking: cognito_sync_core::blocking::Client::new(core.clone()),
        core,
        identity,
        cancel,
        gate: Arc::new(Gate::default()),
        dispatch: config.host_dispatch.then(Arc::default),
    })
}

/// A new, empty configuration: region and endpoint from the environment
/// (`AWS_REGION`/`AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL_COGNITO_SYNC`/`AWS_ENDPOINT_URL`),
/// credentials from the default chain (environment, then shared files),
/// 3 attempts per call, default timeouts. NULL only if memory ran out.
/// Free it with `cognito_sync_config_free`.
#[no_mangle]
pub extern "C" fn cognito_sync_config_new() -> *mut cognito_sync_config {
    crate::ffi_guard_value!(std::ptr::null_mut(), {
        ffi::into_raw(cognito_sync_config::default())
    })
}

/// Frees a configuration (clients created from it are not affected).
/// Freeing NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_free(config: *mut cognito_sync_config) {
    crate::ffi_guard_value!((), {
        // SAFETY: `config` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(config) }
    })
}

/// Sets the AWS region, e.g. "us-east-1".
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_set_region(
    config: *mut cognito_sync_config,
    region: *const c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let config = unsafe { ffi::try_mut(config, "config") }?;
        // SAFETY: `region` is NULL or a NUL-terminated string, per the header.
        config.settings.region = Some(unsafe { ffi::try_str(region, "region") }?.to_owned());
        Ok(())
    })
}

/// Sets the endpoint URL, e.g. "http://127.0.0.1:4566" for the local emulator
/// (default: the AWS endpoint of the region). Cognito Identity calls use it
/// too unless `cognito_sync_config_set_cognito_identity_endpoint_url` is set.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_set_endpoint_url(
    config: *mut cognito_sync_config,
    endpoint_url: *const c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let config = unsafe { ffi::try_mut(config, "config") }?;
        // SAFETY: `endpoint_url` is NULL or a NUL-terminated string, per the header.
        config.settings.endpoint_url =
            Some(unsafe { ffi::try_str(endpoint_url, "endpoint_url") }?.to_owned());
        Ok(())
    })
}

/// Uses fixed credentials: an access key id, its secret and an optional
/// session token (NULL when none). The strings are copied.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_set_static_credentials(
    config: *mut cognito_sync_config,
    access_key_id: *const c_char,
    secret_access_key: *const c_char,
    session_token: *const c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let config = unsafe { ffi::try_mut(config, "config") }?;
        config.settings.credentials =
            CredentialSource::Static(cognito_sync_core::Credentials::new(
                // SAFETY: `access_key_id` is NULL or a NUL-terminated string, per the header.
                unsafe { ffi::try_str(access_key_id, "access_key_id") }?,
                // SAFETY: `secret_access_key` is NULL or a NUL-terminated string, per the header.
                unsafe { ffi::try_str(secret_access_key, "secret_access_key") }?,
                // SAFETY: `session_token` is NULL or a NUL-terminated string, per the header.
                unsafe { ffi::opt_str(session_token, "session_token") }?.map(str::to_owned),
            ));
        Ok(())
    })
}

/// Uses the default credential chain (the default): `AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, then the shared files
/// (`~/.aws/credentials`, `~/.aws/config`, `AWS_PROFILE`).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_use_default_credentials(
    config: *mut cognito_sync_config,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let config = unsafe { ffi::try_mut(config, "config") }?;
        config.settings.credentials = CredentialSource::DefaultChain;
        Ok(())
    })
}

/// Uses one named profile of the shared credentials/config files.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_use_profile(
    config: *mut cognito_sync_config,
    profile: *const c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let config = unsafe { ffi::try_mut(config, "config") }?;
        config.settings.credentials =
            // SAFETY: `profile` is NULL or a NUL-terminated string, per the header.
            CredentialSource::Profile(unsafe { ffi::try_str(profile, "profile") }?.to_owned());
        Ok(())
    })
}

/// Uses Cognito Identity credentials for the identity pool `identity_pool_id`
/// ("REGION:GUID"): the client gets an identity (GetId) and temporary
/// credentials for it (GetCredentialsForIdentity) when first needed, caches
/// them and refreshes them before they expire. Unauthenticated unless logins
/// are added with `cognito_sync_config_add_cognito_login`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_set_cognito_identity(
    config: *mut cognito_sync_config,
    identity_pool_id: *const c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let config = unsafe { ffi::try_mut(config, "config") }?;
        config.settings.credentials = CredentialSource::CognitoIdentity(CognitoIdentitySettings {
            // SAFETY: `identity_pool_id` is NULL or a NUL-terminated string, per the header.
            identity_pool_id: unsafe { ffi::try_str(identity_pool_id, "identity_pool_id") }?
                .to_owned(),
            identity_id: None,
            logins: HashMap::new(),
            endpoint_url: None,
        });
        Ok(())
    })
}

fn cognito_source(config: &mut cognito_sync_config) -> FfiResult<&mut CognitoIdentitySettings> {
    match &mut config.settings.credentials {
        CredentialSource::CognitoIdentity(settings) => Ok(settings),
        _ => Err(FfiError::invalid_argument(
            "call cognito_sync_config_set_cognito_identity first",
        )),
    }
}

/// Adds a login to the Cognito Identity credentials (authenticated identity):
/// `provider` is e.g. "graph.facebook.com", "accounts.google.com" or a
/// developer provider name; `token` its token. Call after
/// `cognito_sync_config_set_cognito_identity` (else
/// `COGNITO_SYNC_STATUS_INVALID_ARGUMENT`). Tokens are never logged.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_add_cognito_login(
    config: *mut cognito_sync_config,
    provider: *const c_char,
    token: *const c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let config = unsafe { ffi::try_mut(config, "config") }?;
        // SAFETY: `provider` is NULL or a NUL-terminated string, per the header.
        let provider = unsafe { ffi::try_str(provider, "provider") }?.to_owned();
        // SAFETY: `token` is NULL or a NUL-terminated string, per the header.
        let token = unsafe { ffi::try_str(token, "token") }?.to_owned();
        cognito_source(config)?.logins.insert(provider, token);
        Ok(())
    })
}

/// Reuses an identity id obtained earlier (e.g. saved from
/// `cognito_sync_client_identity_id` on a previous run) instead of asking
/// Cognito Identity for one. Call after `cognito_sync_config_set_cognito_identity`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_set_cognito_identity_id(
    config: *mut cognito_sync_config,
    identity_id: *const c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let config = unsafe { ffi::try_mut(config, "config") }?;
        // SAFETY: `identity_id` is NULL or a NUL-terminated string, per the header.
        let id = unsafe { ffi::try_str(identity_id, "identity_id") }?.to_owned();
        cognito_source(config)?.identity_id = Some(id);
        Ok(())
    })
}

/// Sends the Cognito Identity calls to this endpoint instead of the client's
/// endpoint URL. Call after `cognito_sync_config_set_cognito_identity`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_set_cognito_identity_endpoint_url(
    config: *mut cognito_sync_config,
    endpoint_url: *const c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let config = unsafe { ffi::try_mut(config, "config") }?;
        // SAFETY: `endpoint_url` is NULL or a NUL-terminated string, per the header.
        let url = unsafe { ffi::try_str(endpoint_url, "endpoint_url") }?.to_owned();
        cognito_source(config)?.endpoint_url = Some(url);
        Ok(())
    })
}

/// Appends an application name to the `User-Agent` of every request
/// (`app/NAME`), e.g. your game's name and version. It must be printable
/// ASCII: otherwise `cognito_sync_client_new` fails with
/// `COGNITO_SYNC_STATUS_VALIDATION`. The string is copied.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_set_app_name(
    config: *mut cognito_sync_config,
    app_name: *const c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let config = unsafe { ffi::try_mut(config, "config") }?;
        // SAFETY: `app_name` is NULL or a NUL-terminated string, per the header.
        config.settings.app_name = Some(unsafe { ffi::try_str(app_name, "app_name") }?.to_owned());
        Ok(())
    })
}

/// Sets how many times a call is attempted in all (default 3; 1 disables
/// retries). Retries follow the AWS "standard" mode: throttling, 5xx and
/// connection errors, exponential backoff with jitter. 0 is
/// `COGNITO_SYNC_STATUS_INVALID_ARGUMENT`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_set_max_attempts(
    config: *mut cognito_sync_config,
    max_attempts: u32,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let config = unsafe { ffi::try_mut(config, "config") }?;
        if max_attempts == 0 {
            return Err(FfiError::invalid_argument(
                "max_attempts must be at least 1",
            ));
        }
        config.settings.max_attempts = Some(max_attempts);
        Ok(())
    })
}

/// Sets the connect timeout in milliseconds (0 is
/// `COGNITO_SYNC_STATUS_INVALID_ARGUMENT`).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_set_connect_timeout_ms(
    config: *mut cognito_sync_config,
    timeout_ms: u64,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let config = unsafe { ffi::try_mut(config, "config") }?;
        if timeout_ms == 0 {
            return Err(FfiError::invalid_argument(
                "connect timeout must be positive",
            ));
        }
        config.settings.connect_timeout = Some(Duration::from_millis(timeout_ms));
        Ok(())
    })
}

/// Sets the timeout of each whole call, retries included, in milliseconds
/// (0 is `COGNITO_SYNC_STATUS_INVALID_ARGUMENT`). An expired call fails with
/// `COGNITO_SYNC_STATUS_TIMEOUT`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_set_call_timeout_ms(
    config: *mut cognito_sync_config,
    timeout_ms: u64,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let config = unsafe { ffi::try_mut(config, "config") }?;
        if timeout_ms == 0 {
            return Err(FfiError::invalid_argument("call timeout must be positive"));
        }
        config.settings.call_timeout = Some(Duration::from_millis(timeout_ms));
        Ok(())
    })
}

/// Host dispatch: when `enabled` is nonzero, completion callbacks of the
/// non-blocking operations of clients built from this configuration never run
/// on a library thread; they wait until the host calls
/// `cognito_sync_client_dispatch` and run there, on the calling thread (e.g.
/// once per frame on a game's main thread). Polling and waiting on the
/// operation handles work as usual. Default: off (callbacks run on a worker
/// thread as soon as the operation finishes). Sync managers built with such a
/// client queue the completion callbacks of their non-blocking calls
/// (`cognito_sync_*_start`: synchronize, full resync, synchronize all, refresh)
/// for the same pump, and none runs once the client is freed; a manager's
/// conflict resolver and deleted/merged handlers still run on a worker thread,
/// during the sync that needs them (its events are polled, on any thread).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_config_set_host_dispatch(
    config: *mut cognito_sync_config,
    enabled: bool,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let config = unsafe { ffi::try_mut(config, "config") }?;
        config.host_dispatch = enabled;
        Ok(())
    })
}

/// Runs up to `max` waiting completion callbacks of `client` (built with
/// `cognito_sync_config_set_host_dispatch`) on the calling thread, oldest
/// first, and writes how many ran to `*ran_out` (may be NULL). Callbacks of
/// operations freed meanwhile are skipped (not counted). A client without
/// host dispatch is `COGNITO_SYNC_STATUS_INVALID_ARGUMENT`; a call from inside
/// a library callback is `COGNITO_SYNC_STATUS_REENTRANT_CALL`. Any thread may
/// pump, but the callbacks run on whichever thread does.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_client_dispatch(
    client: *const cognito_sync_client,
    max: usize,
    ran_out: *mut usize,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `client` is NULL or a live object from this library, per the header.
        let client = unsafe { ffi::try_ref(client, "client") }?;
        let Some(queue) = &client.dispatch else {
            return Err(FfiError::invalid_argument(
                "this client was not built with cognito_sync_config_set_host_dispatch",
            ));
        };
        if runtime::in_callback() {
            return Err(FfiError::reentrant());
        }
        let mut ran = 0;
        while ran < max {
            let Some((op, status)) = queue.pop() else {
                break;
            };
            if op.run_callback(status) {
                ran += 1;
            }
        }
        // SAFETY: `ran_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(ran_out, ran) };
        Ok(())
    })
}

/// Creates a client from a configuration (which stays owned by the caller).
/// No network traffic happens here. On success writes the client to
/// `*client_out`; free it with `cognito_sync_client_free`. Fails with
/// `COGNITO_SYNC_STATUS_VALIDATION` for an unusable configuration (no region,
/// bad endpoint URL or pool id). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_client_new(
    config: *const cognito_sync_config,
    client_out: *mut *mut cognito_sync_client,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `config` is NULL or a live object from this library, per the header.
        let config = unsafe { ffi::try_ref(config, "config") }?;
        ffi::check_out(client_out, "client_out")?;
        // The HTTP client registers with a runtime: build it inside ours.
        let rt = runtime::runtime()?;
        let _enter = rt.enter();
        let client = build_client(config)?;
        // SAFETY: `client_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(client_out, ffi::into_raw(client)) };
        Ok(())
    })
}

/// Frees a client. Operations still in flight on it are cancelled: their
/// handles report `COGNITO_SYNC_STATUS_CANCELLED` (free them as usual) and
/// blocking calls already waiting on other threads return it. After this
/// returns, no completion callback of this client starts, and none is still
/// running, except when this is itself called from inside a library callback
/// (then a callback of this client already running on another thread may
/// still be finishing). Do not call it while another thread may be entering
/// a call with this client. Freeing NULL does nothing. Free once.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_client_free(client: *mut cognito_sync_client) {
    crate::ffi_guard_value!((), {
        // SAFETY: `client` is NULL or from this library, and freed only once, per the header.
        if let Some(client) = unsafe { ffi::take_box(client) } {
            // Close the gate first: operations woken by the cancellation
            // must find it closed and skip their callbacks.
            client.gate.close();
            client.cancel.send_replace(true);
            drop(client);
        }
    })
}

/// The Cognito identity id of a client configured with
/// `cognito_sync_config_set_cognito_identity`, obtained from Cognito Identity
/// on first use (GetId) and cached. Blocking. On success writes a new string
/// to `*identity_id_out`: free it with `cognito_sync_string_free`. A client
/// with other credentials gives `COGNITO_SYNC_STATUS_INVALID_ARGUMENT`;
/// Cognito Identity failures give `COGNITO_SYNC_STATUS_CREDENTIALS`.
/// Thread-safe; `COGNITO_SYNC_STATUS_REENTRANT_CALL` from a library callback.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_client_identity_id(
    client: *const cognito_sync_client,
    identity_id_out: *mut *mut c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `client` is NULL or a live object from this library, per the header.
        let client = unsafe { ffi::try_ref(client, "client") }?;
        ffi::check_out(identity_id_out, "identity_id_out")?;
        if runtime::blocking_forbidden() {
            return Err(FfiError::reentrant());
        }
        let provider = client.identity()?;
        let id =
            client.block_on(async move { provider.identity_id().await.map_err(FfiError::from) })?;
        // SAFETY: `identity_id_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(identity_id_out, crate::strings::into_c_string(id)) };
        Ok(())
    })
}

/// Non-blocking form of `cognito_sync_client_identity_id`: starts getting the
/// identity id and writes an operation handle to `*op_out` (see
/// `cognito_sync_list_records_start` for the rules of handles and callbacks);
/// take the id with `cognito_sync_client_identity_id_finish`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_client_identity_id_start(
    client: *const cognito_sync_client,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `client` is NULL or a live object from this library, per the header.
        let client = unsafe { ffi::try_ref(client, "client") }?;
        ffi::check_out(op_out, "op_out")?;
        let provider = client.identity()?;
        let future = async move {
            provider
                .identity_id()
                .await
                .map(CStrBuf::from)
                .map_err(FfiError::from)
        };
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe {
            op::start_into(
                IDENTITY_ID,
                client.launch(),
                future,
                callback,
                user_data,
                op_out,
            )
        }
    })
}

const IDENTITY_ID: &CStr = c"client_identity_id";

/// Takes the result of `cognito_sync_client_identity_id_start`: as the other
/// `_finish` functions (`COGNITO_SYNC_STATUS_PENDING` while running). On
/// success writes a new string to `*identity_id_out`: free it with
/// `cognito_sync_string_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_client_identity_id_finish(
    op: *mut cognito_sync_op,
    identity_id_out: *mut *mut c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        ffi::check_out(identity_id_out, "identity_id_out")?;
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        let id = *unsafe { op::finish::<CStrBuf>(op, IDENTITY_ID) }?;
        // SAFETY: `identity_id_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe {
            ffi::write_out(
                identity_id_out,
                crate::strings::into_c_string(id.as_str().to_owned()),
            )
        };
        Ok(())
    })
}
