//! Credentials from Cognito Identity: `GetId`, then `GetCredentialsForIdentity`
//! (the "enhanced" flow), both unsigned JSON 1.1 calls to `cognito-identity`.
//!
//! The identity id is obtained once and cached (and updated when the service returns
//! another one, after a merge); the temporary credentials are cached and refreshed
//! shortly before they expire. One call to the service is in flight at a time: callers
//! arriving during a refresh wait for its result.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderValue, Method, Request, Uri};
use http_body_util::Full;
use serde::{Deserialize, Serialize};

use super::{refresh_at, Credentials, ProvideCredentials, ProvideCredentialsFuture};
use crate::config::{self, RetryConfig, USER_AGENT};
use crate::error::{parse_service_error, Error};
use crate::http::{self as transport, HttpClient, RetryQuota};
use crate::model::timestamp::option_epoch_seconds;

/// Obtains and caches credentials of a Cognito identity. Cheap to clone (shared state).
#[derive(Clone)]
pub struct CognitoIdentityProvider {
    inner: Arc<Inner>,
}

struct Inner {
    identity_pool_id: String,
    logins: HashMap<String, String>,
    custom_role_arn: Option<String>,
    account_id: Option<String>,
    endpoint: String,
    uri: Uri,
    http: HttpClient,
    retry: RetryConfig,
    quota: RetryQuota,
    call_timeout: Option<Duration>,
    user_agent: HeaderValue,
    identity_id: Mutex<Option<String>>,
    credentials: Mutex<Option<(Credentials, Option<SystemTime>)>>,
    refresh: tokio::sync::Mutex<()>,
}

/// Builds a [`CognitoIdentityProvider`].
#[derive(Default)]
pub struct CognitoIdentityProviderBuilder {
    identity_pool_id: Option<String>,
    identity_id: Option<String>,
    logins: HashMap<String, String>,
    custom_role_arn: Option<String>,
    account_id: Option<String>,
    region: Option<String>,
    endpoint_url: Option<String>,
    retry: Option<RetryConfig>,
    connect_timeout: Option<Duration>,
    call_timeout: Option<Duration>,
}

impl fmt::Debug for CognitoIdentityProviderBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CognitoIdentityProviderBuilder")
            .field("identity_pool_id", &self.identity_pool_id)
            .field("identity_id", &self.identity_id)
            .field("logins", &self.logins.keys().collect::<Vec<_>>())
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for CognitoIdentityProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Login tokens are secrets: only the provider names are shown.
        f.debug_struct("CognitoIdentityProvider")
            .field("identity_pool_id", &self.inner.identity_pool_id)
            .field("identity_id", &self.cached_identity_id())
            .field("logins", &self.inner.logins.keys().collect::<Vec<_>>())
            .field("endpoint", &self.inner.endpoint)
            .finish_non_exhaustive()
    }
}

impl CognitoIdentityProviderBuilder {
    /// The identity pool (`REGION:GUID`); required.
    pub fn identity_pool_id(mut self, id: impl Into<String>) -> Self {
        self.identity_pool_id = Some(id.into());
        self
    }

    /// An identity id known from an earlier session: `GetId` is then skipped.
    pub fn identity_id(mut self, id: impl Into<String>) -> Self {
        self.identity_id = Some(id.into());
        self
    }

    /// The `Logins` map (provider name to token) of an authenticated identity.
    pub fn logins(mut self, logins: HashMap<String, String>) -> Self {
        self.logins = logins;
        self
    }

    /// Adds one login (e.g. `accounts.google.com` and its id token).
    pub fn login(mut self, provider: impl Into<String>, token: impl Into<String>) -> Self {
        self.logins.insert(provider.into(), token.into());
        self
    }

    /// The role to assume when the pool allows choosing (`CustomRoleArn`).
    pub fn custom_role_arn(mut self, arn: impl Into<String>) -> Self {
        self.custom_role_arn = Some(arn.into());
        self
    }

    /// The AWS account id owning the pool (`AccountId` of `GetId`).
    pub fn account_id(mut self, id: impl Into<String>) -> Self {
        self.account_id = Some(id.into());
        self
    }

    /// The region; default: `AWS_REGION`, `AWS_DEFAULT_REGION`, the shared config, else the
    /// region prefix of the pool id.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The Cognito Identity endpoint (e.g. the emulator's); default:
    /// `AWS_ENDPOINT_URL_COGNITO_IDENTITY`, `AWS_ENDPOINT_URL`, else the regional endpoint.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Retry policy of the calls to Cognito Identity (default: standard).
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Connect timeout (default 5 s).
    pub fn connect_timeout(mut self, t: Duration) -> Self {
        self.connect_timeout = Some(t);
        self
    }

    /// Timeout of each call, retries included (default: none).
    pub fn call_timeout(mut self, t: Duration) -> Self {
        self.call_timeout = Some(t);
        self
    }

    /// Builds the provider (no network traffic yet).
    pub fn build(self) -> Result<CognitoIdentityProvider, Error> {
        let pool = self
            .identity_pool_id
            .ok_or_else(|| Error::validation("identity_pool_id: is required"))?;
        crate::validate::identity_pool_id(&pool)?;
        if let Some(id) = &self.identity_id {
            crate::validate::identity_id(id)?;
        }
        if self.logins.len() > 10 {
            return Err(Error::validation("logins: at most 10 entries allowed"));
        }
        let region = self
            .region
            .or_else(config::region_from_env)
            .or_else(|| pool.split_once(':').map(|(r, _)| r.to_owned()));
        let custom = self
            .endpoint_url
            .or_else(|| config::endpoint_from_env("AWS_ENDPOINT_URL_COGNITO_IDENTITY"));
        let endpoint = crate::endpoint::resolve(
            "cognito-identity",
            region.as_deref(),
            custom.as_deref(),
            false,
            false,
        )?;
        // JSON 1.1 requests go to the root path.
        let uri: Uri = format!("{endpoint}/")
            .parse()
            .map_err(|e| Error::validation(format!("endpoint URL {endpoint:?}: {e}")))?;
        // Unpooled: the provider is shared by every thread of a blocking client, each
        // with its own runtime, and a pooled connection would be bound to one of them.
        // Refreshes are rare, so a connection per call costs little.
        let http = transport::unpooled(transport::https_connector(Some(
            self.connect_timeout.unwrap_or(Duration::from_secs(5)),
        ))?);
        Ok(CognitoIdentityProvider {
            inner: Arc::new(Inner {
                identity_pool_id: pool,
                logins: self.logins,
                custom_role_arn: self.custom_role_arn,
                account_id: self.account_id,
                endpoint,
                uri,
                http,
                retry: self.retry.unwrap_or_default(),
                quota: RetryQuota::new(),
                call_timeout: self.call_timeout,
                user_agent: HeaderValue::from_static(USER_AGENT),
                identity_id: Mutex::new(self.identity_id),
                credentials: Mutex::new(None),
                refresh: tokio::sync::Mutex::new(()),
            }),
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetIdInput<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    account_id: Option<&'a str>,
    identity_pool_id: &'a str,
    #[serde(skip_serializing_if = "HashMap::is_empty")]
    logins: &'a HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GetIdOutput {
    identity_id: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetCredentialsInput<'a> {
    identity_id: &'a str,
    #[serde(skip_serializing_if = "HashMap::is_empty")]
    logins: &'a HashMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    custom_role_arn: Option<&'a str>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GetCredentialsOutput {
    identity_id: Option<String>,
    credentials: Option<WireCredentials>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireCredentials {
    access_key_id: Option<String>,
    secret_key: Option<String>,
    session_token: Option<String>,
    #[serde(default, with = "option_epoch_seconds")]
    expiration: Option<SystemTime>,
}

impl CognitoIdentityProvider {
    /// Starts building a provider.
    pub fn builder() -> CognitoIdentityProviderBuilder {
        CognitoIdentityProviderBuilder::default()
    }

    /// The identity pool of this provider.
    pub fn identity_pool_id(&self) -> &str {
        &self.inner.identity_pool_id
    }

    /// The endpoint this provider calls.
    pub fn endpoint(&self) -> &str {
        &self.inner.endpoint
    }

    /// The identity id already known (given, or resolved by an earlier call), without
    /// any network call; `None` if none yet.
    pub fn cached_identity_id(&self) -> Option<String> {
        self.inner
            .identity_id
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The identity id, calling `GetId` the first time.
    pub async fn identity_id(&self) -> Result<String, Error> {
        if let Some(id) = self.cached_identity_id() {
            return Ok(id);
        }
        let _single_flight = self.inner.refresh.lock().await;
        self.identity_id_locked().await
    }

    async fn identity_id_locked(&self) -> Result<String, Error> {
        if let Some(id) = self.cached_identity_id() {
            return Ok(id);
        }
        let input = GetIdInput {
            account_id: self.inner.account_id.as_deref(),
            identity_pool_id: &self.inner.identity_pool_id,
            logins: &self.inner.logins,
        };
        let out: GetIdOutput = self
            .call("GetId", &input)
            .await
            .map_err(|e| e.into_credentials("Cognito Identity GetId failed"))?;
        let id = out
            .identity_id
            .filter(|id| !id.is_empty())
            .ok_or_else(|| Error::credentials("Cognito Identity GetId returned no IdentityId"))?;
        *self
            .inner
            .identity_id
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(id.clone());
        Ok(id)
    }

    fn fresh_credentials(&self, now: SystemTime) -> Option<Credentials> {
        let guard = self
            .inner
            .credentials
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match guard.as_ref() {
            Some((c, Some(at))) if now < *at => Some(c.clone()),
            Some((c, None)) => Some(c.clone()),
            _ => None,
        }
    }

    /// Current temporary credentials of the identity, from the cache or the service.
    pub async fn credentials(&self) -> Result<Credentials, Error> {
        if let Some(c) = self.fresh_credentials(SystemTime::now()) {
            return Ok(c);
        }
        let _single_flight = self.inner.refresh.lock().await;
        if let Some(c) = self.fresh_credentials(SystemTime::now()) {
            return Ok(c);
        }
        let id = self.identity_id_locked().await?;
        let input = GetCredentialsInput {
            identity_id: &id,
            logins: &self.inner.logins,
            custom_role_arn: self.inner.custom_role_arn.as_deref(),
        };
        let out: GetCredentialsOutput = self
            .call("GetCredentialsForIdentity", &input)
            .await
            .map_err(|e| e.into_credentials("Cognito Identity GetCredentialsForIdentity failed"))?;
        if let Some(new_id) = out.identity_id.filter(|n| !n.is_empty() && *n != id) {
            // The identity was merged into another one: use the surviving id from now on.
            *self
                .inner
                .identity_id
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(new_id);
        }
        let wire = out.credentials.ok_or_else(|| {
            Error::credentials("Cognito Identity GetCredentialsForIdentity returned no Credentials")
        })?;
        let (Some(ak), Some(sk)) = (wire.access_key_id, wire.secret_key) else {
            return Err(Error::credentials(
                "Cognito Identity GetCredentialsForIdentity returned incomplete Credentials",
            ));
        };
        let mut creds = Credentials::new(ak, sk, wire.session_token);
        creds.expiry = wire.expiration;
        let now = SystemTime::now();
        *self
            .inner
            .credentials
            .lock()
            .unwrap_or_else(PoisonError::into_inner) =
            Some((creds.clone(), refresh_at(now, creds.expiry)));
        Ok(creds)
    }

    /// Forgets the cached credentials (the identity id is kept).
    pub fn invalidate(&self) {
        *self
            .inner
            .credentials
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = None;
    }

    async fn call<I: Serialize, O: for<'de> Deserialize<'de>>(
        &self,
        operation: &'static str,
        input: &I,
    ) -> Result<O, Error> {
        let body = Bytes::from(
            serde_json::to_vec(input)
                .map_err(|e| Error::validation(format!("cannot serialize {operation}: {e}")))?,
        );
        let target = HeaderValue::from_static(match operation {
            "GetId" => "AWSCognitoIdentityService.GetId",
            _ => "AWSCognitoIdentityService.GetCredentialsForIdentity",
        });
        let inner = &self.inner;
        let attempts = transport::with_retries(&inner.retry, &inner.quota, |_| {
            let mut req = Request::new(Full::new(body.clone()));
            *req.method_mut() = Method::POST;
            *req.uri_mut() = inner.uri.clone();
            let h = req.headers_mut();
            h.insert(
                http::header::CONTENT_TYPE,
                HeaderValue::from_static("application/x-amz-json-1.1"),
            );
            h.insert("x-amz-target", target.clone());
            h.insert(http::header::USER_AGENT, inner.user_agent.clone());
            async move {
                let resp = inner.http.send(req).await?;
                if (200..300).contains(&resp.status) {
                    serde_json::from_slice(&resp.body).map_err(|e| {
                        Error::invalid_response(format!("invalid {operation} response: {e}"))
                    })
                } else {
                    Err(parse_service_error(resp.status, &resp.headers, &resp.body))
                }
            }
        });
        transport::with_timeout(inner.call_timeout, attempts).await
    }
}

impl ProvideCredentials for CognitoIdentityProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        Box::pin(self.credentials())
    }
}
