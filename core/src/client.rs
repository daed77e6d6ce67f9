//! The async client: configuration, one method per operation, paginators.

use std::borrow::Borrow;
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use aws_sigv4::http_request::SigningSettings;
use bytes::Bytes;
use futures_util::stream::{Stream, StreamExt};
use http::HeaderValue;
use std::pin::Pin;

use crate::config::{self, RetryConfig, USER_AGENT};
use crate::credentials::cache::CredentialsCache;
use crate::credentials::{Credentials, DefaultChain, ProvideCredentials};
use crate::env::{env, env_bool};
use crate::error::{parse_service_error, Error};
use crate::http::{self as transport, HttpClient, HttpsConnector, PreparedRequest, RetryQuota};
use crate::model::*;
use crate::{operations, validate};

/// Default connect timeout.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Region used for signing when a custom endpoint is given without a region.
const DEFAULT_SIGNING_REGION: &str = "us-east-1";

/// A stream of pages, as returned by the `*_pages` paginators.
pub type PageStream<T> = Pin<Box<dyn Stream<Item = Result<T, Error>> + Send + 'static>>;

/// The Cognito Sync client. Cheap to clone: clones share the connection pool, the
/// credentials cache and the retry quota. `Send + Sync`.
#[derive(Clone)]
pub struct Client {
    inner: Arc<ClientInner>,
}

struct ClientInner {
    endpoint: String,
    region: String,
    http: HttpClient,
    /// Kept to build more pools (see [`Client::with_own_connections`]).
    connector: HttpsConnector,
    credentials: Arc<CredentialsCache>,
    signing: SigningSettings,
    user_agent: HeaderValue,
    retry: RetryConfig,
    quota: Arc<RetryQuota>,
    call_timeout: Option<Duration>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.inner.endpoint)
            .field("region", &self.inner.region)
            .field("retry", &self.inner.retry)
            .field("call_timeout", &self.inner.call_timeout)
            .finish_non_exhaustive()
    }
}

/// Configures and builds a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    region: Option<String>,
    endpoint_url: Option<String>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    retry: Option<RetryConfig>,
    connect_timeout: Option<Duration>,
    call_timeout: Option<Duration>,
    use_fips: Option<bool>,
    use_dual_stack: Option<bool>,
    app_name: Option<String>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field(
                "credentials",
                &self.credentials.as_ref().map(|_| "** provider **"),
            )
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The region (default: `AWS_REGION`, `AWS_DEFAULT_REGION`, the shared config file).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// A custom endpoint such as `http://127.0.0.1:PORT` (default:
    /// `AWS_ENDPOINT_URL_COGNITO_SYNC`, `AWS_ENDPOINT_URL`, else the regional endpoint).
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Static credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(Arc::new(credentials));
        self
    }

    /// A credentials provider (default: [`DefaultChain`]).
    pub fn credentials_provider(mut self, provider: Arc<dyn ProvideCredentials>) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// The retry policy (default: standard mode, 3 attempts, or `AWS_MAX_ATTEMPTS`).
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Timeout for establishing a connection (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Timeout of a whole call, retries and backoff included (default: none).
    pub fn call_timeout(mut self, timeout: Duration) -> Self {
        self.call_timeout = Some(timeout);
        self
    }

    /// Use the FIPS endpoint (default: `AWS_USE_FIPS_ENDPOINT`, else false).
    pub fn use_fips(mut self, on: bool) -> Self {
        self.use_fips = Some(on);
        self
    }

    /// Use the dual-stack endpoint (default: `AWS_USE_DUALSTACK_ENDPOINT`, else false).
    pub fn use_dual_stack(mut self, on: bool) -> Self {
        self.use_dual_stack = Some(on);
        self
    }

    /// An application name appended to the `User-Agent` (`app/NAME`).
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.app_name = Some(name.into());
        self
    }

    /// Builds the client. Fails on an invalid configuration (missing region without a
    /// custom endpoint, FIPS with a custom endpoint, malformed URL...). No network
    /// traffic happens here; it can be called outside any async runtime.
    pub fn build(self) -> Result<Client, Error> {
        let region = self
            .region
            .filter(|r| !r.is_empty())
            .or_else(config::region_from_env);
        let custom = self
            .endpoint_url
            .or_else(|| config::endpoint_from_env("AWS_ENDPOINT_URL_COGNITO_SYNC"));
        let use_fips = self
            .use_fips
            .or_else(|| env_bool("AWS_USE_FIPS_ENDPOINT"))
            .unwrap_or(false);
        let use_dual_stack = self
            .use_dual_stack
            .or_else(|| env_bool("AWS_USE_DUALSTACK_ENDPOINT"))
            .unwrap_or(false);
        let endpoint = crate::endpoint::resolve(
            "cognito-sync",
            region.as_deref(),
            custom.as_deref(),
            use_fips,
            use_dual_stack,
        )?;
        let region = region.unwrap_or_else(|| DEFAULT_SIGNING_REGION.to_owned());
        let retry = self.retry.unwrap_or_else(|| {
            match env("AWS_MAX_ATTEMPTS").and_then(|v| v.trim().parse::<u32>().ok()) {
                Some(n) => RetryConfig::standard().with_max_attempts(n),
                None => RetryConfig::standard(),
            }
        });
        let user_agent = match &self.app_name {
            None => HeaderValue::from_static(USER_AGENT),
            Some(app) => HeaderValue::from_str(&format!("{USER_AGENT} app/{app}"))
                .map_err(|_| Error::validation("app_name: must be printable ASCII"))?,
        };
        let provider = self
            .credentials
            .unwrap_or_else(|| Arc::new(DefaultChain::new()));
        let connector = transport::https_connector(Some(
            self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
        ))?;
        Ok(Client {
            inner: Arc::new(ClientInner {
                endpoint,
                region,
                http: transport::pooled(connector.clone()),
                connector,
                credentials: Arc::new(CredentialsCache::new(provider)),
                signing: transport::signing_settings(),
                user_agent,
                retry,
                quota: Arc::new(RetryQuota::new()),
                call_timeout: self.call_timeout,
            }),
        })
    }
}

impl Client {
    /// A client with this one's settings, credentials cache and retry quota, but a
    /// connection pool of its own (for a per-thread runtime: see [`crate::blocking`]).
    pub(crate) fn with_own_connections(&self) -> Client {
        let i = &self.inner;
        Client {
            inner: Arc::new(ClientInner {
                endpoint: i.endpoint.clone(),
                region: i.region.clone(),
                http: transport::pooled(i.connector.clone()),
                connector: i.connector.clone(),
                credentials: Arc::clone(&i.credentials),
                signing: i.signing.clone(),
                user_agent: i.user_agent.clone(),
                retry: i.retry.clone(),
                quota: Arc::clone(&i.quota),
                call_timeout: i.call_timeout,
            }),
        }
    }

    /// A handle that knows this client without keeping it alive.
    pub(crate) fn downgrade(&self) -> WeakClient {
        WeakClient(Arc::downgrade(&self.inner))
    }
}

/// See [`Client::downgrade`].
pub(crate) struct WeakClient(std::sync::Weak<ClientInner>);

impl WeakClient {
    /// Whether `client` is the client this was made from, or a clone of it. (The weak
    /// reference keeps the allocation, so its address cannot be reused meanwhile.)
    pub(crate) fn is(&self, client: &Client) -> bool {
        std::ptr::eq(self.0.as_ptr(), Arc::as_ptr(&client.inner))
    }

    /// Whether any clone of the client is still alive.
    pub(crate) fn alive(&self) -> bool {
        self.0.strong_count() > 0
    }
}

impl ClientInner {
    /// Sends a prepared request with signing, retries and the call timeout; returns the
    /// body of the successful response.
    async fn execute(&self, req: PreparedRequest) -> Result<Bytes, Error> {
        transport::with_timeout(
            self.call_timeout,
            transport::with_retries(&self.retry, &self.quota, |n| {
                crate::metadata::attempt_started(n);
                self.attempt(&req)
            }),
        )
        .await
    }

    async fn attempt(&self, req: &PreparedRequest) -> Result<Bytes, Error> {
        let now = SystemTime::now();
        let identity = self.credentials.identity(now).await?;
        let signed = transport::signed_request(
            req,
            &identity,
            &self.region,
            &self.signing,
            &self.user_agent,
            now,
        )?;
        let resp = self.http.send(signed).await?;
        if (200..300).contains(&resp.status) {
            if crate::metadata::capturing() {
                crate::metadata::response(resp.status, resp.headers);
            }
            Ok(resp.body)
        } else {
            let err = parse_service_error(resp.status, &resp.headers, &resp.body);
            if crate::metadata::capturing() {
                crate::metadata::response(resp.status, resp.headers);
            }
            if matches!(err.code(), Some("ExpiredTokenException" | "ExpiredToken")) {
                // Let the next call (or attempt) fetch new credentials.
                self.credentials.invalidate();
            }
            Err(err)
        }
    }
}

/// Declares the client method of each operation: validate, build, send, parse.
macro_rules! operations {
    ($( $(#[$doc:meta])* $name:ident($input:ty) -> $output:ty; )*) => {
        impl Client {
            $(
                $(#[$doc])*
                ///
                /// Takes the input by value or by reference. Fails with
                /// [`ErrorKind::Validation`](crate::ErrorKind::Validation) before
                /// sending anything if the input breaks a rule of the model.
                pub async fn $name(
                    &self,
                    input: impl Borrow<$input> + Send,
                ) -> Result<$output, Error> {
                    let req = {
                        let input = input.borrow();
                        validate::$name(input)?;
                        operations::$name(&self.inner.endpoint, input)?
                    };
                    let body = self.inner.execute(req).await?;
                    operations::parse(&body)
                }
            )*
        }
    };
}

for_each_operation!(operations);

/// Follows `NextToken` from page to page; stops at the last page, after an error, or if
/// the service repeats a token (which would loop forever).
fn paginate<I, O, F, Fut>(
    input: I,
    fetch: F,
    token_in: fn(&mut I) -> &mut Option<String>,
    token_out: fn(&O) -> Option<&String>,
) -> PageStream<O>
where
    I: Clone + Send + 'static,
    O: Send + 'static,
    F: Fn(I) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<O, Error>> + Send + 'static,
{
    let fetch = Arc::new(fetch);
    Box::pin(futures_util::stream::unfold(Some(input), move |state| {
        let fetch = Arc::clone(&fetch);
        async move {
            let mut input = state?;
            match fetch(input.clone()).await {
                Ok(page) => {
                    let next = token_out(&page).filter(|t| !t.is_empty()).cloned();
                    let slot = token_in(&mut input);
                    let more = match next {
                        Some(t) if slot.as_ref() != Some(&t) => {
                            *slot = Some(t);
                            Some(input)
                        }
                        _ => None,
                    };
                    Some((Ok(page), more))
                }
                Err(e) => Some((Err(e), None)),
            }
        }
    }))
}

impl Client {
    /// Starts building a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from the environment only (region, endpoint, credentials).
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::default().build()
    }

    /// The endpoint requests go to.
    pub fn endpoint(&self) -> &str {
        &self.inner.endpoint
    }

    /// The region requests are signed for.
    pub fn region(&self) -> &str {
        &self.inner.region
    }

    /// The retry policy.
    pub fn retry_config(&self) -> &RetryConfig {
        &self.inner.retry
    }

    /// The credentials provider.
    pub fn credentials_provider(&self) -> Arc<dyn ProvideCredentials> {
        Arc::clone(self.inner.credentials.provider())
    }

    /// Every page of ListRecords, following `NextToken`. Each page carries its
    /// `SyncSessionToken`, `DatasetSyncCount` and flags; the last page's are current.
    pub fn list_records_pages(&self, input: ListRecordsInput) -> PageStream<ListRecordsOutput> {
        let client = self.clone();
        paginate(
            input,
            move |i| {
                let c = client.clone();
                async move { c.list_records(i).await }
            },
            |i| &mut i.next_token,
            |o| o.next_token.as_ref(),
        )
    }

    /// Every page of ListDatasets, following `NextToken`.
    pub fn list_datasets_pages(&self, input: ListDatasetsInput) -> PageStream<ListDatasetsOutput> {
        let client = self.clone();
        paginate(
            input,
            move |i| {
                let c = client.clone();
                async move { c.list_datasets(i).await }
            },
            |i| &mut i.next_token,
            |o| o.next_token.as_ref(),
        )
    }

    /// Every page of ListIdentityPoolUsage, following `NextToken`.
    pub fn list_identity_pool_usage_pages(
        &self,
        input: ListIdentityPoolUsageInput,
    ) -> PageStream<ListIdentityPoolUsageOutput> {
        let client = self.clone();
        paginate(
            input,
            move |i| {
                let c = client.clone();
                async move { c.list_identity_pool_usage(i).await }
            },
            |i| &mut i.next_token,
            |o| o.next_token.as_ref(),
        )
    }

    /// All records changed after `last_sync_count`, every page fetched and merged into
    /// one output: the records of all pages in order, `count` their total, and the other
    /// members (`sync_session_token`, `dataset_sync_count`, flags...) from the last page.
    pub async fn list_all_records(
        &self,
        input: ListRecordsInput,
    ) -> Result<ListRecordsOutput, Error> {
        let mut pages = self.list_records_pages(input);
        let mut records = Vec::new();
        let mut last = None;
        while let Some(page) = pages.next().await {
            let mut page = page?;
            records.append(page.records.get_or_insert_with(Vec::new));
            last = Some(page);
        }
        let mut out = last.unwrap_or_default();
        out.count = Some(i32::try_from(records.len()).unwrap_or(i32::MAX));
        out.records = Some(records);
        out.next_token = None;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn client() -> Client {
        Client::builder()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:9")
            .credentials(Credentials::new("AK", "SK", None))
            .build()
            .unwrap()
    }

    #[test]
    fn client_is_send_sync_clone() {
        fn check<T: Send + Sync + Clone + 'static>() {}
        check::<Client>();
    }

    #[test]
    fn builder_resolves_endpoints() {
        let c = Client::builder()
            .region("eu-west-1")
            .credentials(Credentials::new("AK", "SK", None))
            .use_fips(false)
            .use_dual_stack(true)
            .build()
            .unwrap();
        assert_eq!(c.endpoint(), "https://cognito-sync.eu-west-1.api.aws");
        assert_eq!(c.region(), "eu-west-1");
        let c = client();
        assert_eq!(c.endpoint(), "http://127.0.0.1:9");
        let e = Client::builder()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:9")
            .use_fips(true)
            .build()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert!(!format!("{c:?}").contains("SK"));
    }

    #[tokio::test]
    async fn invalid_input_fails_without_sending() {
        // Port 9 (discard) on loopback: a request would fail with a transport error.
        let e = client()
            .list_records(ListRecordsInput {
                identity_pool_id: "bad".into(),
                identity_id: "us-east-1:1".into(),
                dataset_name: "d".into(),
                ..Default::default()
            })
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert!(e.message().starts_with("identity_pool_id"));
    }

    #[tokio::test]
    async fn connection_errors_are_transport_errors_after_retries() {
        let c = Client::builder()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:1")
            .credentials(Credentials::new("AK", "SK", None))
            .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
            .build()
            .unwrap();
        let e = c
            .describe_identity_pool_usage(DescribeIdentityPoolUsageInput {
                identity_pool_id: "us-east-1:1".into(),
            })
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Transport);
        assert!(e.is_retryable());
    }
}
