//! Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`.

use super::{Credentials, ProvideCredentials, ProvideCredentialsFuture};
use crate::env::env;
use crate::error::Error;

/// Reads the standard environment variables each time it is asked.
#[derive(Debug, Clone, Default)]
pub struct EnvironmentProvider {
    _private: (),
}

impl EnvironmentProvider {
    /// A provider reading the environment.
    pub fn new() -> Self {
        EnvironmentProvider { _private: () }
    }

    /// The credentials in the environment now.
    pub fn load(&self) -> Result<Credentials, Error> {
        let access_key = env("AWS_ACCESS_KEY_ID");
        let secret = env("AWS_SECRET_ACCESS_KEY").or_else(|| env("AWS_SECRET_KEY"));
        match (access_key, secret) {
            (Some(ak), Some(sk)) => Ok(Credentials::new(ak, sk, env("AWS_SESSION_TOKEN"))),
            (Some(_), None) => Err(Error::credentials(
                "environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
            )),
            (None, Some(_)) => Err(Error::credentials(
                "environment: AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
            )),
            (None, None) => Err(Error::credentials(
                "environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
            )),
        }
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        let r = self.load();
        Box::pin(async move { r })
    }
}
