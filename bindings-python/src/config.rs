//! Client configuration from keyword arguments, and the core client built from it
//! (rebuilt lazily in a forked child: the parent's connection pool is useless there).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use cognito_sync::credentials::CognitoIdentityProvider;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::runtime;

/// Cognito Identity as the source of credentials.
#[derive(Clone)]
pub struct CognitoSettings {
    pub identity_pool_id: String,
    pub identity_id: Option<String>,
    pub logins: HashMap<String, String>,
}

/// Everything needed to (re)build a core client. No secret appears in `describe()`.
#[derive(Clone, Default)]
pub struct Settings {
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub credentials: Option<cognito_sync::Credentials>,
    pub cognito: Option<CognitoSettings>,
    pub max_attempts: Option<u32>,
    pub connect_timeout: Option<Duration>,
    pub call_timeout: Option<Duration>,
}

/// Seconds (int or float) to a `Duration`, rejecting negative and non-finite values.
pub fn seconds(name: &str, value: Option<f64>) -> PyResult<Option<Duration>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_finite() && v > 0.0 && v < 1e9 => Ok(Some(Duration::from_secs_f64(v))),
        Some(v) => Err(PyValueError::new_err(format!(
            "{name}: must be a positive number of seconds, not {v}"
        ))),
    }
}

impl Settings {
    fn retry(&self) -> Option<cognito_sync::RetryConfig> {
        self.max_attempts
            .map(|n| cognito_sync::RetryConfig::standard().with_max_attempts(n))
    }

    /// Builds the core client (and the Cognito Identity provider, if configured).
    pub fn build(&self) -> Result<Built, cognito_sync::Error> {
        self.build_with_identity(None)
    }

    /// Like `build`, reusing an identity id a previous provider already resolved (after a
    /// fork: the child must stay the same Cognito identity, not get a new one).
    pub fn build_with_identity(
        &self,
        known_identity: Option<String>,
    ) -> Result<Built, cognito_sync::Error> {
        let mut b = cognito_sync::Client::builder();
        if let Some(r) = &self.region {
            b = b.region(r.clone());
        }
        if let Some(u) = &self.endpoint_url {
            b = b.endpoint_url(u.clone());
        }
        if let Some(r) = self.retry() {
            b = b.retry_config(r);
        }
        if let Some(t) = self.connect_timeout {
            b = b.connect_timeout(t);
        }
        if let Some(t) = self.call_timeout {
            b = b.call_timeout(t);
        }
        let mut cognito = None;
        if let Some(c) = &self.credentials {
            b = b.credentials(c.clone());
        } else if let Some(c) = &self.cognito {
            let mut p = CognitoIdentityProvider::builder()
                .identity_pool_id(c.identity_pool_id.clone())
                .logins(c.logins.clone());
            if let Some(id) = c.identity_id.clone().or(known_identity) {
                p = p.identity_id(id);
            }
            if let Some(r) = &self.region {
                p = p.region(r.clone());
            }
            if let Some(u) = &self.endpoint_url {
                p = p.endpoint_url(u.clone());
            }
            if let Some(r) = self.retry() {
                p = p.retry_config(r);
            }
            if let Some(t) = self.connect_timeout {
                p = p.connect_timeout(t);
            }
            if let Some(t) = self.call_timeout {
                p = p.call_timeout(t);
            }
            let provider = p.build()?;
            b = b.credentials_provider(Arc::new(provider.clone()));
            cognito = Some(provider);
        }
        Ok(Built {
            generation: runtime::generation(),
            client: b.build()?,
            cognito,
        })
    }
}

/// The identity id a provider has already resolved, without any network call: its
/// `identity_id()` future is ready at once when the id is cached; otherwise it is
/// dropped after one poll (within a runtime context, so nothing it starts can panic).
fn cached_identity_id(provider: &CognitoIdentityProvider) -> Option<String> {
    let rt = runtime::runtime().ok()?;
    let _context = rt.enter();
    let fut = provider.identity_id();
    let mut fut = std::pin::pin!(fut);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match std::future::Future::poll(fut.as_mut(), &mut cx) {
        std::task::Poll::Ready(Ok(id)) => Some(id),
        _ => None,
    }
}

/// A core client and the fork generation it belongs to.
pub struct Built {
    pub generation: u64,
    pub client: cognito_sync::Client,
    pub cognito: Option<CognitoIdentityProvider>,
}

/// The shared state of a Python client: its settings and its current core client.
pub struct Shared {
    pub settings: Settings,
    built: RwLock<Built>,
}

impl Shared {
    pub fn new(settings: Settings) -> Result<Arc<Shared>, cognito_sync::Error> {
        let built = settings.build()?;
        Ok(Arc::new(Shared {
            settings,
            built: RwLock::new(built),
        }))
    }

    /// The core client of the current process, rebuilt after a fork.
    pub fn client(
        &self,
    ) -> Result<(cognito_sync::Client, Option<CognitoIdentityProvider>), cognito_sync::Error> {
        let generation = runtime::generation();
        {
            let b = self.built.read().unwrap_or_else(|p| p.into_inner());
            if b.generation == generation {
                return Ok((b.client.clone(), b.cognito.clone()));
            }
        }
        let known_identity = {
            let b = self.built.read().unwrap_or_else(|p| p.into_inner());
            b.cognito.as_ref().and_then(cached_identity_id)
        };
        let fresh = self.settings.build_with_identity(known_identity)?;
        let out = (fresh.client.clone(), fresh.cognito.clone());
        let mut w = self.built.write().unwrap_or_else(|p| p.into_inner());
        if w.generation != generation {
            let old = std::mem::replace(&mut *w, fresh);
            // Its connections belong to the parent's runtime: never touch them again.
            std::mem::forget(old);
        }
        Ok(out)
    }

    /// `region=..., endpoint=...` for `repr()`: no secret.
    pub fn describe(&self) -> String {
        let b = self.built.read().unwrap_or_else(|p| p.into_inner());
        let creds = if self.settings.credentials.is_some() {
            "static keys"
        } else if self.settings.cognito.is_some() {
            "cognito identity"
        } else {
            "default chain"
        };
        format!(
            "region={:?}, endpoint_url={:?}, credentials={creds}",
            b.client.region(),
            b.client.endpoint()
        )
    }
}
