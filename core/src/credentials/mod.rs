//! Credentials and their providers.
//!
//! A provider is anything implementing [`ProvideCredentials`]. This module has static
//! keys ([`StaticProvider`]), the environment ([`EnvironmentProvider`]), the shared
//! files ([`ProfileProvider`]), Cognito Identity ([`CognitoIdentityProvider`]) and the
//! [`DefaultChain`] (environment, then shared files). The client caches what a provider
//! returns and asks again only shortly before expiry, one refresh at a time.
//!
//! Secret keys and session tokens never appear in `Debug` output or error messages.

pub(crate) mod cache;
mod chain;
mod cognito;
mod environment;
mod profile;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

use crate::error::Error;

pub use chain::DefaultChain;
pub use cognito::{CognitoIdentityProvider, CognitoIdentityProviderBuilder};
pub use environment::EnvironmentProvider;
pub use profile::ProfileProvider;

/// AWS credentials: an access key, its secret, an optional session token (temporary
/// credentials) and an optional expiry. `Debug` redacts the secret and the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The access key id (`AKIA...`, `ASIA...`).
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: String,
    /// The session token of temporary credentials.
    pub session_token: Option<String>,
    /// When temporary credentials stop working.
    pub expiry: Option<SystemTime>,
}

impl Credentials {
    /// Credentials from keys, without expiry.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry: None,
        }
    }

    /// Sets the expiry.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// The signing identity of the `aws-sigv4` crate.
    pub(crate) fn to_identity(&self) -> aws_smithy_runtime_api::client::identity::Identity {
        let creds = aws_credential_types::Credentials::new(
            self.access_key_id.clone(),
            self.secret_access_key.clone(),
            self.session_token.clone(),
            self.expiry,
            "cognito-sync",
        );
        creds.into()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// The future a [`ProvideCredentials`] returns.
pub type ProvideCredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, Error>> + Send + 'a>>;

/// A source of credentials. Implementations may cache; the client also caches what
/// they return and calls again only when the credentials are about to expire.
pub trait ProvideCredentials: Send + Sync {
    /// Returns current credentials, or an error of kind
    /// [`ErrorKind::Credentials`](crate::ErrorKind::Credentials).
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_>;
}

/// Fixed credentials.
#[derive(Clone, Debug)]
pub struct StaticProvider {
    credentials: Credentials,
}

impl StaticProvider {
    /// A provider always returning `credentials`.
    pub fn new(credentials: Credentials) -> Self {
        StaticProvider { credentials }
    }
}

impl ProvideCredentials for StaticProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        let c = self.credentials.clone();
        Box::pin(async move { Ok(c) })
    }
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        let c = self.clone();
        Box::pin(async move { Ok(c) })
    }
}

/// Longest margin before expiry at which credentials are refreshed.
const REFRESH_MARGIN: Duration = Duration::from_secs(300);

/// When credentials expiring at `expiry`, obtained at `now`, should be refreshed: five
/// minutes before expiry, or halfway through their life if that is shorter (so short
/// lived credentials are not refreshed on every call).
pub(crate) fn refresh_at(now: SystemTime, expiry: Option<SystemTime>) -> Option<SystemTime> {
    let expiry = expiry?;
    let lifetime = expiry.duration_since(now).unwrap_or_default();
    let margin = REFRESH_MARGIN.min(lifetime / 2);
    Some(expiry.checked_sub(margin).unwrap_or(expiry))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_secrets() {
        let c = Credentials::new("AKIDEXAMPLE", "SECRETSECRET", Some("TOKENTOKEN".into()));
        let d = format!("{c:?}");
        assert!(d.contains("AKIDEXAMPLE"));
        assert!(!d.contains("SECRETSECRET"));
        assert!(!d.contains("TOKENTOKEN"));
    }

    #[test]
    fn refresh_margin() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let hour = now + Duration::from_secs(3600);
        assert_eq!(refresh_at(now, Some(hour)), Some(hour - REFRESH_MARGIN));
        let short = now + Duration::from_secs(60);
        assert_eq!(
            refresh_at(now, Some(short)),
            Some(now + Duration::from_secs(30))
        );
        assert_eq!(refresh_at(now, None), None);
    }
}
