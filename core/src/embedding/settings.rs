//! Plain client settings, and the client (and Cognito Identity provider) built from them.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::client::Client;
use crate::config::RetryConfig;
use crate::credentials::{CognitoIdentityProvider, Credentials, ProfileProvider};
use crate::error::Error;

/// Where a client's credentials come from.
#[derive(Clone, Default)]
pub enum CredentialSource {
    /// The default chain: environment variables, then the shared credentials/config files.
    #[default]
    DefaultChain,
    /// One named profile of the shared files.
    Profile(String),
    /// Fixed keys (and session token).
    Static(Credentials),
    /// Cognito Identity: GetId, then GetCredentialsForIdentity.
    CognitoIdentity(CognitoIdentitySettings),
}

/// The settings of Cognito Identity credentials.
#[derive(Clone, Default)]
pub struct CognitoIdentitySettings {
    /// The identity pool (`REGION:GUID`).
    pub identity_pool_id: String,
    /// An identity id known from an earlier session (GetId is then skipped).
    pub identity_id: Option<String>,
    /// Provider name to token, for an authenticated identity (tokens are secrets).
    pub logins: HashMap<String, String>,
    /// The Cognito Identity endpoint; default: the Cognito Sync endpoint of the
    /// [`Settings`] when one is set (the emulator serves both services on one port).
    pub endpoint_url: Option<String>,
}

/// Every way a client of this project can be configured, as plain data: what the C ABI's
/// `cognito_sync_config`, the Python constructors and the command line fill in. `None`
/// means the core's default (which may read the environment). No secret appears in its
/// `Debug` output nor in [`Settings::describe`].
#[derive(Clone, Default)]
pub struct Settings {
    /// The region (default: `AWS_REGION`, `AWS_DEFAULT_REGION`, the shared config).
    pub region: Option<String>,
    /// The Cognito Sync endpoint (default: `AWS_ENDPOINT_URL_COGNITO_SYNC`,
    /// `AWS_ENDPOINT_URL`, else the region's).
    pub endpoint_url: Option<String>,
    /// Where credentials come from.
    pub credentials: CredentialSource,
    /// Attempts per call, first included. `Some(n)`: standard retries with `n` attempts,
    /// for the client and the Cognito Identity provider. `None`: each one's default (the
    /// client reads `AWS_MAX_ATTEMPTS`, else 3; the provider 3).
    pub max_attempts: Option<u32>,
    /// Timeout for establishing a connection (default 5 s).
    pub connect_timeout: Option<Duration>,
    /// Timeout of a whole call, retries included (default: none).
    pub call_timeout: Option<Duration>,
    /// An application name appended to the `User-Agent`.
    pub app_name: Option<String>,
    /// Worker threads of the process-wide runtime, which is shared by every client:
    /// set if the runtime has not started yet; building fails (kind
    /// [`Runtime`](crate::ErrorKind::Runtime)) if it already runs another count.
    pub worker_threads: Option<usize>,
}

/// A client built from [`Settings`].
#[derive(Clone, Debug)]
pub struct Built {
    /// The client.
    pub client: Client,
    /// The Cognito Identity provider the client gets its credentials from, if any (for
    /// its identity id, and to share with a sync manager).
    pub identity: Option<CognitoIdentityProvider>,
    /// The fork [`generation`](super::generation) it was built in: a layer that supports
    /// fork rebuilds it in a later one.
    pub generation: u64,
}

impl Settings {
    /// Builds the client (and the Cognito Identity provider, if configured). No network
    /// traffic; fails on an invalid configuration.
    pub fn build(&self) -> Result<Built, Error> {
        self.build_with_identity(None)
    }

    /// Like [`build`](Self::build), reusing an identity id a previous provider already
    /// resolved (see [`CognitoIdentityProvider::cached_identity_id`]) unless the settings
    /// give one: a forked child stays the same Cognito identity.
    pub fn build_with_identity(&self, known_identity: Option<String>) -> Result<Built, Error> {
        if let Some(threads) = self.worker_threads {
            super::runtime::require_worker_threads(threads)
                .map_err(|e| Error::runtime(format!("worker_threads: {e}")))?;
        }
        let generation = super::generation();
        let retry = self
            .max_attempts
            .map(|n| RetryConfig::standard().with_max_attempts(n));
        let mut builder = Client::builder();
        if let Some(region) = &self.region {
            builder = builder.region(region.clone());
        }
        if let Some(url) = &self.endpoint_url {
            builder = builder.endpoint_url(url.clone());
        }
        if let Some(retry) = &retry {
            builder = builder.retry_config(retry.clone());
        }
        if let Some(t) = self.connect_timeout {
            builder = builder.connect_timeout(t);
        }
        if let Some(t) = self.call_timeout {
            builder = builder.call_timeout(t);
        }
        if let Some(name) = &self.app_name {
            builder = builder.app_name(name.clone());
        }
        let mut identity = None;
        match &self.credentials {
            CredentialSource::DefaultChain => {}
            CredentialSource::Profile(name) => {
                let provider = ProfileProvider::new().with_profile(name);
                builder = builder.credentials_provider(Arc::new(provider));
            }
            CredentialSource::Static(credentials) => {
                builder = builder.credentials(credentials.clone());
            }
            CredentialSource::CognitoIdentity(cognito) => {
                let provider = self.identity_provider(cognito, retry, known_identity)?;
                builder = builder.credentials_provider(Arc::new(provider.clone()));
                identity = Some(provider);
            }
        }
        Ok(Built {
            client: builder.build()?,
            identity,
            generation,
        })
    }

    fn identity_provider(
        &self,
        cognito: &CognitoIdentitySettings,
        retry: Option<RetryConfig>,
        known_identity: Option<String>,
    ) -> Result<CognitoIdentityProvider, Error> {
        let mut builder = CognitoIdentityProvider::builder()
            .identity_pool_id(cognito.identity_pool_id.clone())
            .logins(cognito.logins.clone());
        if let Some(id) = cognito.identity_id.clone().or(known_identity) {
            builder = builder.identity_id(id);
        }
        if let Some(region) = &self.region {
            builder = builder.region(region.clone());
        }
        if let Some(url) = cognito.endpoint_url.as_ref().or(self.endpoint_url.as_ref()) {
            builder = builder.endpoint_url(url.clone());
        }
        if let Some(retry) = retry {
            builder = builder.retry_config(retry);
        }
        if let Some(t) = self.connect_timeout {
            builder = builder.connect_timeout(t);
        }
        if let Some(t) = self.call_timeout {
            builder = builder.call_timeout(t);
        }
        builder.build()
    }

    /// What the credentials are, in a few words (no secret).
    pub fn credentials_kind(&self) -> &'static str {
        match &self.credentials {
            CredentialSource::DefaultChain => "default chain",
            CredentialSource::Profile(_) => "profile",
            CredentialSource::Static(_) => "static keys",
            CredentialSource::CognitoIdentity(_) => "cognito identity",
        }
    }

    /// `region="...", endpoint_url="...", credentials=...` of a client built from these
    /// settings (its resolved region and endpoint): for a `repr()`, no secret.
    pub fn describe(&self, client: &Client) -> String {
        format!(
            "region={:?}, endpoint_url={:?}, credentials={}",
            client.region(),
            client.endpoint(),
            self.credentials_kind()
        )
    }
}

impl fmt::Debug for CredentialSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialSource::DefaultChain => f.write_str("DefaultChain"),
            CredentialSource::Profile(name) => f.debug_tuple("Profile").field(name).finish(),
            // Credentials' own Debug redacts the secret and the token.
            CredentialSource::Static(c) => f.debug_tuple("Static").field(c).finish(),
            CredentialSource::CognitoIdentity(c) => {
                f.debug_tuple("CognitoIdentity").field(c).finish()
            }
        }
    }
}

impl fmt::Debug for CognitoIdentitySettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Login tokens are secrets: only the provider names are shown.
        let mut providers: Vec<&String> = self.logins.keys().collect();
        providers.sort();
        f.debug_struct("CognitoIdentitySettings")
            .field("identity_pool_id", &self.identity_pool_id)
            .field("identity_id", &self.identity_id)
            .field("logins", &providers)
            .field("endpoint_url", &self.endpoint_url)
            .finish()
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("credentials", &self.credentials)
            .field("max_attempts", &self.max_attempts)
            .field("connect_timeout", &self.connect_timeout)
            .field("call_timeout", &self.call_timeout)
            .field("app_name", &self.app_name)
            .field("worker_threads", &self.worker_threads)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    const POOL: &str = "us-east-1:00000000-0000-0000-0000-000000000000";
    const ID: &str = "us-east-1:11111111-1111-1111-1111-111111111111";

    fn base() -> Settings {
        Settings {
            region: Some("eu-west-1".into()),
            endpoint_url: Some("http://127.0.0.1:9".into()),
            ..Settings::default()
        }
    }

    fn cognito(endpoint_url: Option<&str>) -> Settings {
        Settings {
            credentials: CredentialSource::CognitoIdentity(CognitoIdentitySettings {
                identity_pool_id: POOL.into(),
                logins: HashMap::from([("accounts.google.com".into(), "tok-SECRET".into())]),
                endpoint_url: endpoint_url.map(str::to_owned),
                ..Default::default()
            }),
            ..base()
        }
    }

    #[test]
    fn every_setting_reaches_the_client() {
        let built = Settings {
            credentials: CredentialSource::Static(Credentials::new("AK", "SK", None)),
            max_attempts: Some(5),
            connect_timeout: Some(Duration::from_secs(2)),
            call_timeout: Some(Duration::from_secs(9)),
            app_name: Some("embedder".into()),
            ..base()
        }
        .build()
        .unwrap();
        assert_eq!(built.client.region(), "eu-west-1");
        assert_eq!(built.client.endpoint(), "http://127.0.0.1:9");
        assert_eq!(built.client.retry_config().max_attempts(), 5);
        assert!(built.identity.is_none());
        assert_eq!(built.generation, crate::embedding::generation());
    }

    #[test]
    fn static_keys_are_the_clients_credentials() {
        let settings = Settings {
            credentials: CredentialSource::Static(Credentials::new("AKID", "SECRET", None)),
            ..base()
        };
        let provider = settings.build().unwrap().client.credentials_provider();
        let creds = crate::embedding::block_on(provider.provide_credentials())
            .unwrap()
            .unwrap();
        assert_eq!(creds.access_key_id, "AKID");
    }

    #[test]
    fn a_named_profile_is_read_from_the_shared_files() {
        let settings = Settings {
            credentials: CredentialSource::Profile("embedding-test-no-such-profile".into()),
            ..base()
        };
        let provider = settings.build().unwrap().client.credentials_provider();
        let e = crate::embedding::block_on(provider.provide_credentials())
            .unwrap()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Credentials);
        assert!(
            e.message().contains("embedding-test-no-such-profile"),
            "{}",
            e.message()
        );
    }

    #[test]
    fn the_default_chain_builds_without_credentials() {
        let built = base().build().unwrap();
        assert!(built.identity.is_none());
        assert_eq!(base().credentials_kind(), "default chain");
    }

    #[test]
    fn cognito_identity_returns_its_provider_on_the_sync_endpoint_by_default() {
        let built = cognito(None).build().unwrap();
        let provider = built.identity.unwrap();
        assert_eq!(provider.identity_pool_id(), POOL);
        assert_eq!(provider.endpoint(), "http://127.0.0.1:9");
        assert_eq!(provider.cached_identity_id(), None);
        let own = cognito(Some("http://127.0.0.1:7")).build().unwrap();
        assert_eq!(own.identity.unwrap().endpoint(), "http://127.0.0.1:7");
    }

    #[test]
    fn a_known_identity_is_reused_unless_the_settings_give_one() {
        let built = cognito(None).build_with_identity(Some(ID.into())).unwrap();
        assert_eq!(
            built.identity.unwrap().cached_identity_id().as_deref(),
            Some(ID)
        );
        let mut given = cognito(None);
        let given_id = "us-east-1:22222222-2222-2222-2222-222222222222";
        if let CredentialSource::CognitoIdentity(c) = &mut given.credentials {
            c.identity_id = Some(given_id.into());
        }
        let built = given.build_with_identity(Some(ID.into())).unwrap();
        assert_eq!(
            built.identity.unwrap().cached_identity_id().as_deref(),
            Some(given_id)
        );
    }

    #[test]
    fn invalid_settings_are_errors() {
        let bad_pool = Settings {
            credentials: CredentialSource::CognitoIdentity(CognitoIdentitySettings {
                identity_pool_id: "nope".into(),
                ..Default::default()
            }),
            ..base()
        };
        assert_eq!(bad_pool.build().unwrap_err().kind(), ErrorKind::Validation);
        let bad_threads = Settings {
            worker_threads: Some(0),
            ..base()
        };
        assert_eq!(bad_threads.build().unwrap_err().kind(), ErrorKind::Runtime);
    }

    #[test]
    fn worker_threads_must_match_a_running_runtime() {
        crate::embedding::runtime().unwrap();
        let running = crate::embedding::worker_threads().unwrap();
        let same = Settings {
            worker_threads: Some(running),
            ..base()
        };
        assert!(same.build().is_ok());
        let other = Settings {
            worker_threads: Some(running + 1),
            ..base()
        };
        let e = other.build().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Runtime);
        assert!(e.message().contains("worker_threads"), "{}", e.message());
    }

    #[test]
    fn no_secret_in_debug_or_describe() {
        let mut settings = cognito(None);
        let text = format!("{settings:?}");
        assert!(!text.contains("tok-SECRET"), "{text}");
        assert!(text.contains("accounts.google.com"));
        settings.credentials = CredentialSource::Static(Credentials::new(
            "AKID",
            "SECRET-KEY",
            Some("SESSION-TOKEN".into()),
        ));
        let text = format!("{settings:?}");
        assert!(!text.contains("SECRET-KEY") && !text.contains("SESSION-TOKEN"));
        let client = settings.build().unwrap().client;
        assert_eq!(
            settings.describe(&client),
            "region=\"eu-west-1\", endpoint_url=\"http://127.0.0.1:9\", credentials=static keys"
        );
    }
}
