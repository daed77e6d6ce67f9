//! The client's credentials cache: the signing identity of the last credentials, kept
//! until shortly before they expire. One refresh is in flight at a time; concurrent
//! callers wait for it rather than calling the provider themselves.

use std::sync::{Arc, PoisonError, RwLock};
use std::time::SystemTime;

use aws_smithy_runtime_api::client::identity::Identity;

use super::{refresh_at, ProvideCredentials};
use crate::error::Error;

#[derive(Clone)]
struct Cached {
    identity: Identity,
    refresh_at: Option<SystemTime>,
    expiry: Option<SystemTime>,
}

pub(crate) struct CredentialsCache {
    provider: Arc<dyn ProvideCredentials>,
    current: RwLock<Option<Cached>>,
    refresh: tokio::sync::Mutex<()>,
}

impl CredentialsCache {
    pub(crate) fn new(provider: Arc<dyn ProvideCredentials>) -> Self {
        CredentialsCache {
            provider,
            current: RwLock::new(None),
            refresh: tokio::sync::Mutex::new(()),
        }
    }

    pub(crate) fn provider(&self) -> &Arc<dyn ProvideCredentials> {
        &self.provider
    }

    fn fresh(&self, now: SystemTime) -> Option<Identity> {
        let guard = self.current.read().unwrap_or_else(PoisonError::into_inner);
        let c = guard.as_ref()?;
        match c.refresh_at {
            Some(at) if now >= at => None,
            _ => Some(c.identity.clone()),
        }
    }

    /// The identity to sign with at `now`.
    pub(crate) async fn identity(&self, now: SystemTime) -> Result<Identity, Error> {
        if let Some(id) = self.fresh(now) {
            return Ok(id);
        }
        let _single_flight = self.refresh.lock().await;
        let now = SystemTime::now();
        if let Some(id) = self.fresh(now) {
            return Ok(id);
        }
        match self.provider.provide_credentials().await {
            Ok(creds) => {
                let cached = Cached {
                    identity: creds.to_identity(),
                    refresh_at: refresh_at(now, creds.expiry),
                    expiry: creds.expiry,
                };
                let id = cached.identity.clone();
                *self.current.write().unwrap_or_else(PoisonError::into_inner) = Some(cached);
                Ok(id)
            }
            Err(e) => {
                // A failed early refresh keeps using credentials that still work.
                let guard = self.current.read().unwrap_or_else(PoisonError::into_inner);
                match guard.as_ref() {
                    Some(c) if c.expiry.is_some_and(|exp| now < exp) => Ok(c.identity.clone()),
                    _ => Err(e),
                }
            }
        }
    }

    /// Forgets the cached credentials (e.g. after the service rejected them).
    pub(crate) fn invalidate(&self) {
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = None;
    }
}
