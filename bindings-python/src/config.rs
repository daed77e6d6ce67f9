//! The core client a Python client holds, built from the core's
//! [`embedding::Settings`] (filled from the constructor's keyword arguments in
//! `client.rs`), and rebuilt lazily in a forked child: the parent's connection pool is
//! useless there.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use cognito_sync::credentials::CognitoIdentityProvider;
use cognito_sync::embedding::{self, Built, Settings};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

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

/// The shared state of a Python client: its settings and its current core client.
pub struct Shared {
    settings: Settings,
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

    /// The core client of the current process, rebuilt after a fork (the same Cognito
    /// identity: the child reuses the identity id the parent's provider resolved).
    pub fn client(
        &self,
    ) -> Result<(cognito_sync::Client, Option<CognitoIdentityProvider>), cognito_sync::Error> {
        let generation = embedding::generation();
        let known_identity = {
            let b = self.built.read().unwrap_or_else(|p| p.into_inner());
            if b.generation == generation {
                return Ok((b.client.clone(), b.identity.clone()));
            }
            b.identity
                .as_ref()
                .and_then(CognitoIdentityProvider::cached_identity_id)
        };
        let fresh = self.settings.build_with_identity(known_identity)?;
        let out = (fresh.client.clone(), fresh.identity.clone());
        let mut w = self.built.write().unwrap_or_else(|p| p.into_inner());
        if w.generation != generation {
            let old = std::mem::replace(&mut *w, fresh);
            // Its connections belong to the parent's runtime: never touch them again.
            std::mem::forget(old);
        }
        Ok(out)
    }

    /// `region=..., endpoint_url=..., credentials=...` for `repr()`: no secret.
    pub fn describe(&self) -> String {
        let b = self.built.read().unwrap_or_else(|p| p.into_inner());
        self.settings.describe(&b.client)
    }
}

/// The name of every setting of the core's `Settings` (`credentials.<source>` for each
/// source of credentials): what tests/test_settings_parity.py checks the Python package
/// and the C ABI offer.
#[pyfunction]
pub fn _setting_names() -> Vec<&'static str> {
    Settings::setting_names()
}
