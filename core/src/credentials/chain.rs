//! The default chain: the environment, then the shared credentials and config files.

use super::{
    Credentials, EnvironmentProvider, ProfileProvider, ProvideCredentials, ProvideCredentialsFuture,
};
use crate::error::Error;

/// Tries [`EnvironmentProvider`], then [`ProfileProvider`] (profile from `AWS_PROFILE`,
/// else `default`); the first that has credentials wins.
#[derive(Debug, Clone, Default)]
pub struct DefaultChain {
    environment: EnvironmentProvider,
    profile: ProfileProvider,
}

impl DefaultChain {
    /// The default chain.
    pub fn new() -> Self {
        DefaultChain::default()
    }

    /// The credentials of the first provider that has some.
    pub fn load(&self) -> Result<Credentials, Error> {
        let env_err = match self.environment.load() {
            Ok(c) => return Ok(c),
            Err(e) => e,
        };
        let profile_err = match self.profile.load() {
            Ok(c) => return Ok(c),
            Err(e) => e,
        };
        Err(Error::credentials(format!(
            "no credentials found by the default chain ({}; {})",
            env_err.message(),
            profile_err.message()
        )))
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        let r = self.load();
        Box::pin(async move { r })
    }
}
