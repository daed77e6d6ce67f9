//! The shared files: `~/.aws/credentials` and `~/.aws/config` (or the files named by
//! `AWS_SHARED_CREDENTIALS_FILE` and `AWS_CONFIG_FILE`), profile from `AWS_PROFILE` or
//! `default`. Static keys (with an optional session token) are supported; profiles that
//! need another service (role assumption, SSO, `credential_process`) are reported as such.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Credentials, ProvideCredentials, ProvideCredentialsFuture};
use crate::config::env;
use crate::error::Error;

/// Reads a profile of the shared credentials and config files each time it is asked.
#[derive(Debug, Clone, Default)]
pub struct ProfileProvider {
    profile: Option<String>,
    credentials_file: Option<PathBuf>,
    config_file: Option<PathBuf>,
}

type Sections = HashMap<String, HashMap<String, String>>;

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

    fn profile_name(&self) -> String {
        self.profile
            .clone()
            .or_else(|| env("AWS_PROFILE"))
            .unwrap_or_else(|| "default".to_owned())
    }

    fn credentials_path(&self) -> Option<PathBuf> {
        self.credentials_file.clone().or_else(|| {
            env("AWS_SHARED_CREDENTIALS_FILE")
                .map(expand_home)
                .or_else(|| home().map(|h| h.join(".aws").join("credentials")))
        })
    }

    fn config_path(&self) -> Option<PathBuf> {
        self.config_file.clone().or_else(default_config_path)
    }

    /// The credentials of the profile now.
    pub fn load(&self) -> Result<Credentials, Error> {
        let name = self.profile_name();
        let mut props: HashMap<String, String> = HashMap::new();
        // The config file first, so the credentials file wins for the same key.
        if let Some(cfg) = self.config_path().and_then(|p| read(&p)) {
            if let Some(section) = config_section(&cfg, &name) {
                props.extend(section.clone());
            }
        }
        if let Some(creds) = self.credentials_path().and_then(|p| read(&p)) {
            if let Some(section) = creds.get(&name) {
                props.extend(section.clone());
            }
        }
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

/// The `region` of the active profile in the config file, if any.
pub(crate) fn region_from_config() -> Option<String> {
    let name = env("AWS_PROFILE").unwrap_or_else(|| "default".to_owned());
    let cfg = read(&default_config_path()?)?;
    config_section(&cfg, &name)?
        .get("region")
        .filter(|r| !r.is_empty())
        .cloned()
}

fn default_config_path() -> Option<PathBuf> {
    env("AWS_CONFIG_FILE")
        .map(expand_home)
        .or_else(|| home().map(|h| h.join(".aws").join("config")))
}

/// In the config file, profiles are `[profile NAME]`, except `[default]`.
fn config_section<'a>(cfg: &'a Sections, name: &str) -> Option<&'a HashMap<String, String>> {
    cfg.get(&format!("profile {name}")).or_else(|| {
        if name == "default" {
            cfg.get("default")
        } else {
            None
        }
    })
}

fn home() -> Option<PathBuf> {
    env("HOME")
        .or_else(|| env("USERPROFILE"))
        .map(PathBuf::from)
}

fn expand_home(p: String) -> PathBuf {
    match (p.strip_prefix("~/"), home()) {
        (Some(rest), Some(h)) => h.join(rest),
        _ => PathBuf::from(p),
    }
}

fn read(path: &std::path::Path) -> Option<Sections> {
    std::fs::read_to_string(path).ok().map(|s| parse_ini(&s))
}

/// Parses the AWS shared-file dialect of INI: `[section]`, `key = value`, comments
/// starting with `#` or `;`, indented continuation lines (ignored: sub-properties).
pub(crate) fn parse_ini(text: &str) -> Sections {
    let mut sections = Sections::new();
    let mut current: Option<String> = None;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[') {
            let name = header.split(']').next().unwrap_or("").trim();
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            sections.entry(name.clone()).or_default();
            current = Some(name);
            continue;
        }
        if raw.starts_with([' ', '\t']) {
            continue;
        }
        if let (Some(section), Some((k, v))) = (&current, line.split_once('=')) {
            let v = v
                .split(" #")
                .next()
                .unwrap_or(v)
                .split(" ;")
                .next()
                .unwrap_or(v);
            sections
                .entry(section.clone())
                .or_default()
                .insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn parses_sections_comments_and_continuations() {
        let s = parse_ini(
            "# top\n[default]\naws_access_key_id = AK1\naws_secret_access_key=SK1 ; note\n\n\
             [profile  dev]\nregion = eu-west-1\ns3 =\n  max_concurrent_requests = 10\n",
        );
        assert_eq!(s["default"]["aws_access_key_id"], "AK1");
        assert_eq!(s["default"]["aws_secret_access_key"], "SK1");
        assert_eq!(s["profile dev"]["region"], "eu-west-1");
        assert!(!s["profile dev"].contains_key("max_concurrent_requests"));
    }

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
