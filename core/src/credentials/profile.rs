//! Credentials from the shared files (`~/.aws/credentials` and `~/.aws/config`, read by
//! `shared_config`), profile from `AWS_PROFILE` or `default`. Static keys (with an optional
//! session token) are supported; profiles that need another service (role assumption, SSO,
//! `credential_process`) are reported as such.

use std::path::PathBuf;

use super::{Credentials, ProvideCredentials, ProvideCredentialsFuture};
use crate::error::Error;
use crate::shared_config;

/// Reads a profile of the shared credentials and config files each time it is asked.
#[derive(Debug, Clone, Default)]
pub struct ProfileProvider {
    profile: Option<String>,
    credentials_file: Option<PathBuf>,
    config_file: Option<PathBuf>,
}

impl ProfileProvider {
    /// The profile named by `AWS_PROFILE`, else `default`, from the standard files.
    pub fn new() -> Self {
        ProfileProvider::default()
    }

    /// Uses the profile `name` instead of `AWS_PROFILE`.
    pub fn with_profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// Reads the credentials file at `path` instead of the standard one.
    pub fn with_credentials_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.credentials_file = Some(path.into());
        self
    }

    /// Reads the config file at `path` instead of the standard one.
    pub fn with_config_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config_file = Some(path.into());
        self
    }

    fn credentials_path(&self) -> Option<PathBuf> {
        self.credentials_file
            .clone()
            .or_else(shared_config::default_credentials_path)
    }

    fn config_path(&self) -> Option<PathBuf> {
        self.config_file
            .clone()
            .or_else(shared_config::default_config_path)
    }

    /// The credentials of the profile now.
    pub fn load(&self) -> Result<Credentials, Error> {
        let name = shared_config::profile_name(self.profile.as_deref());
        let props = shared_config::profile_properties(
            &name,
            self.credentials_path().as_deref(),
            self.config_path().as_deref(),
        );
        if props.is_empty() {
            return Err(Error::credentials(format!(
                "profile: no profile {name:?} in the shared credentials or config file"
            )));
        }
        match (
            props.get("aws_access_key_id"),
            props.get("aws_secret_access_key"),
        ) {
            (Some(ak), Some(sk)) if !ak.is_empty() && !sk.is_empty() => Ok(Credentials::new(
                ak.clone(),
                sk.clone(),
                props
                    .get("aws_session_token")
                    .filter(|t| !t.is_empty())
                    .cloned(),
            )),
            _ => {
                let unsupported = [
                    "role_arn",
                    "sso_session",
                    "sso_start_url",
                    "credential_process",
                    "web_identity_token_file",
                ]
                .into_iter()
                .find(|k| props.contains_key(*k));
                Err(Error::credentials(match unsupported {
                    Some(k) => format!(
                        "profile: profile {name:?} uses `{k}`, which this library does not support; \
                         give it aws_access_key_id and aws_secret_access_key, or use another provider"
                    ),
                    None => format!(
                        "profile: profile {name:?} has no aws_access_key_id and aws_secret_access_key"
                    ),
                }))
            }
        }
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        let r = self.load();
        Box::pin(async move { r })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn loads_named_profiles_from_files_credentials_file_winning() {
        let dir = std::env::temp_dir().join(format!("cs-profile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let creds = dir.join("credentials");
        let cfg = dir.join("config");
        std::fs::write(
            &creds,
            "[dev]\naws_access_key_id=AKDEV\naws_secret_access_key=SKDEV\naws_session_token=TOK\n",
        )
        .unwrap();
        std::fs::write(
            &cfg,
            "[profile dev]\naws_access_key_id=IGNORED\nregion=eu-west-1\n[profile cfgonly]\naws_access_key_id=AKC\naws_secret_access_key=SKC\n[profile sso]\nsso_session=x\n",
        )
        .unwrap();
        let p = ProfileProvider::new()
            .with_credentials_file(&creds)
            .with_config_file(&cfg);
        let dev = p.clone().with_profile("dev").load().unwrap();
        assert_eq!(dev.access_key_id, "AKDEV");
        assert_eq!(dev.session_token.as_deref(), Some("TOK"));
        let c = p.clone().with_profile("cfgonly").load().unwrap();
        assert_eq!(c.access_key_id, "AKC");
        let e = p.clone().with_profile("sso").load().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Credentials);
        assert!(e.message().contains("sso_session"));
        let e = p.with_profile("missing").load().unwrap_err();
        assert!(e.message().contains("\"missing\""));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
