//! The shared files, `~/.aws/config` and `~/.aws/credentials` (or the files named by
//! `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`): where they are, which profile is
//! active (`AWS_PROFILE` or `default`), and their INI dialect. Read by the configuration
//! (the profile's region) and by the credential providers (the profile's keys).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::env::env;

/// Sections of one file: section name to its lower-cased keys and values.
type Sections = HashMap<String, HashMap<String, String>>;

/// The active profile: `explicit` if given, else `AWS_PROFILE`, else `default`.
pub(crate) fn profile_name(explicit: Option<&str>) -> String {
    explicit
        .map(str::to_owned)
        .or_else(|| env("AWS_PROFILE"))
        .unwrap_or_else(|| "default".to_owned())
}

/// The `region` of the active profile in the config file, if any.
pub(crate) fn region_from_config() -> Option<String> {
    let name = profile_name(None);
    let cfg = read(&default_config_path()?)?;
    config_section(&cfg, &name)?
        .get("region")
        .filter(|r| !r.is_empty())
        .cloned()
}

/// The properties of profile `name` from both files, the credentials file winning for
/// the same key (as in the AWS CLI). Empty when neither file has the profile.
pub(crate) fn profile_properties(
    name: &str,
    credentials_file: Option<&Path>,
    config_file: Option<&Path>,
) -> HashMap<String, String> {
    let mut props: HashMap<String, String> = HashMap::new();
    // The config file first, so the credentials file wins for the same key.
    if let Some(cfg) = config_file.and_then(read) {
        if let Some(section) = config_section(&cfg, name) {
            props.extend(section.clone());
        }
    }
    if let Some(creds) = credentials_file.and_then(read) {
        if let Some(section) = creds.get(name) {
            props.extend(section.clone());
        }
    }
    props
}

/// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
pub(crate) fn default_credentials_path() -> Option<PathBuf> {
    env("AWS_SHARED_CREDENTIALS_FILE")
        .map(expand_home)
        .or_else(|| home().map(|h| h.join(".aws").join("credentials")))
}

/// `AWS_CONFIG_FILE`, else `~/.aws/config`.
pub(crate) fn default_config_path() -> Option<PathBuf> {
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

fn read(path: &Path) -> Option<Sections> {
    std::fs::read_to_string(path).ok().map(|s| parse_ini(&s))
}

/// Parses the AWS shared-file dialect of INI: `[section]`, `key = value`, comments
/// starting with `#` or `;`, indented continuation lines (ignored: sub-properties).
fn parse_ini(text: &str) -> Sections {
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
}
