//! Environment variables as the AWS SDKs read them, for the configuration and the
//! credential providers alike.

/// Reads an environment variable, treating empty as unset.
pub(crate) fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Reads a boolean environment variable (`true`/`false`, any case).
pub(crate) fn env_bool(name: &str) -> Option<bool> {
    env(name).and_then(|v| match v.trim().to_ascii_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    })
}
