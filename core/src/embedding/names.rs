//! The name of every setting of [`Settings`], so that each layer's tests can check it
//! offers all of them (bindings-python/tests/test_settings_parity.py checks the C ABI and
//! the Python package).
//!
//! The list is built from an exhaustive destructuring of [`Settings`] and
//! [`CognitoIdentitySettings`] and an exhaustive match over [`CredentialSource`]: a new
//! field or variant does not compile until it is named here.

use super::settings::{CognitoIdentitySettings, CredentialSource, Settings};

/// `[prefix + field, ...]` from an exhaustive destructuring of a default `$ty` (no `..`).
macro_rules! field_names {
    ($prefix:literal, $ty:ident { $($field:ident),* $(,)? }) => {{
        let $ty { $($field: _),* } = $ty::default();
        [$(concat!($prefix, stringify!($field))),*]
    }};
}

/// `[name, ...]` of every credential source: one exhaustive match gives each variant's
/// names, applied to one value of each variant listed next to its pattern.
macro_rules! credential_names {
    ($($pattern:pat => $sample:expr => $names:expr),* $(,)?) => {{
        let names_of = |source: &CredentialSource| -> Vec<&'static str> {
            match source {
                $($pattern => $names,)*
            }
        };
        let samples: Vec<CredentialSource> = vec![$($sample),*];
        samples.iter().flat_map(names_of).collect::<Vec<_>>()
    }};
}

impl Settings {
    /// The name of every setting: the fields of [`Settings`], with `credentials` replaced
    /// by one `credentials.<source>` per [`CredentialSource`] (Cognito Identity's as
    /// `credentials.cognito_identity.<field>`).
    pub fn setting_names() -> Vec<&'static str> {
        let cognito = field_names!(
            "credentials.cognito_identity.",
            CognitoIdentitySettings {
                identity_pool_id,
                identity_id,
                logins,
                endpoint_url,
            }
        );
        let credentials = credential_names! {
            CredentialSource::DefaultChain => CredentialSource::DefaultChain
                => vec!["credentials.default_chain"],
            CredentialSource::Profile(_) => CredentialSource::Profile(String::new())
                => vec!["credentials.profile"],
            CredentialSource::Static(_) => CredentialSource::Static(
                crate::credentials::Credentials::new("", "", None))
                => vec!["credentials.static"],
            CredentialSource::CognitoIdentity(_) => CredentialSource::CognitoIdentity(
                CognitoIdentitySettings::default())
                => cognito.to_vec(),
        };
        let mut names = Vec::new();
        for field in field_names!(
            "",
            Settings {
                region,
                endpoint_url,
                credentials,
                max_attempts,
                connect_timeout,
                call_timeout,
                app_name,
                worker_threads,
            }
        ) {
            if field == "credentials" {
                names.extend(credentials.iter().copied());
            } else {
                names.push(field);
            }
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_is_named_once() {
        let names = Settings::setting_names();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        assert_eq!(names.len(), 14, "{names:?}");
        for name in [
            "region",
            "credentials.default_chain",
            "credentials.profile",
            "credentials.static",
            "credentials.cognito_identity.endpoint_url",
            "app_name",
            "worker_threads",
        ] {
            assert!(names.contains(&name), "{name} in {names:?}");
        }
    }
}
