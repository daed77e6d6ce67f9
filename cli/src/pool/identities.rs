//! Cognito Identity `ListIdentities` (JSON 1.1, SigV4 service `cognito-identity`): the core
//! client speaks Cognito Sync only, and this is the one Cognito Identity call an export
//! needs. It needs developer (IAM) credentials: temporary credentials of an identity are
//! refused by the service.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use bytes::Bytes;
use http::{Method, Request};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::TokioExecutor;
use serde::Deserialize;
use serde_json::{json, Value};

use cognito_sync::ProvideCredentials;

use crate::exit::Failure;

type Https = hyper_rustls::HttpsConnector<HttpConnector>;

/// One identity as ListIdentities describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IdentityDescription {
    /// The identity ID.
    pub identity_id: String,
    /// Provider names of the linked logins.
    #[serde(default)]
    pub logins: Option<Vec<String>>,
    /// Creation, epoch seconds.
    #[serde(default)]
    pub creation_date: Option<f64>,
    /// Last modification, epoch seconds.
    #[serde(default)]
    pub last_modified_date: Option<f64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Page {
    #[serde(default)]
    identities: Vec<IdentityDescription>,
    #[serde(default)]
    next_token: Option<String>,
}

/// An error of a Cognito Identity call: the service's code (if it answered) and message.
#[derive(Debug, Clone)]
pub struct CallError {
    /// The AWS error code (`NotAuthorizedException`, `TooManyRequestsException`...).
    pub code: Option<String>,
    /// The message.
    pub message: String,
    /// Whether trying again may help (throttling, 5xx, connection).
    pub retryable: bool,
    /// Whether the service asked to slow down.
    pub throttling: bool,
}

impl CallError {
    /// The command's failure for this error.
    pub fn failure(&self) -> Failure {
        match self.code.as_deref() {
            Some(code) => {
                let mut msg = format!(
                    "An error occurred ({code}) when calling the ListIdentities operation: {}",
                    self.message
                );
                if matches!(
                    code,
                    "NotAuthorizedException"
                        | "AccessDeniedException"
                        | "UnrecognizedClientException"
                ) {
                    msg.push_str(
                        "\nListing a pool's identities needs developer (IAM) credentials; \
                         temporary credentials of an identity cannot list identities.",
                    );
                }
                Failure::new(crate::exit::SERVICE, msg)
            }
            None => Failure::other(format!(
                "Could not complete the ListIdentities operation: {}",
                self.message
            )),
        }
    }
}

/// Calls ListIdentities.
pub struct IdentityApi {
    endpoint: String,
    region: String,
    credentials: Arc<dyn ProvideCredentials>,
    http: HyperClient<Https, Full<Bytes>>,
}

impl IdentityApi {
    /// A caller of `endpoint` (e.g. `https://cognito-identity.us-east-1.amazonaws.com`).
    pub fn new(
        endpoint: String,
        region: String,
        credentials: Arc<dyn ProvideCredentials>,
    ) -> Result<IdentityApi, Failure> {
        let mut connector = HttpConnector::new();
        connector.enforce_http(false);
        connector.set_nodelay(true);
        connector.set_connect_timeout(Some(Duration::from_secs(5)));
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|e| Failure::other(format!("TLS setup failed: {e}")))?
            .https_or_http()
            .enable_http1()
            .wrap_connector(connector);
        let http = HyperClient::builder(TokioExecutor::new()).build(https);
        Ok(IdentityApi {
            endpoint: format!("{}/", endpoint.trim_end_matches('/')),
            region,
            credentials,
            http,
        })
    }

    /// One page of up to 60 identities; returns them and the next token.
    pub async fn list_page(
        &self,
        pool_id: &str,
        next_token: Option<&str>,
    ) -> Result<(Vec<IdentityDescription>, Option<String>), CallError> {
        let mut body = json!({ "IdentityPoolId": pool_id, "MaxResults": 60 });
        if let Some(t) = next_token {
            body["NextToken"] = json!(t);
        }
        let text = self.call("ListIdentities", body.to_string()).await?;
        let page: Page = serde_json::from_slice(&text).map_err(|e| CallError {
            code: None,
            message: format!("unreadable ListIdentities response: {e}"),
            retryable: false,
            throttling: false,
        })?;
        Ok((page.identities, page.next_token.filter(|t| !t.is_empty())))
    }

    async fn call(&self, operation: &str, body: String) -> Result<Bytes, CallError> {
        let local = |message: String| CallError {
            code: None,
            message,
            retryable: false,
            throttling: false,
        };
        let creds = self
            .credentials
            .provide_credentials()
            .await
            .map_err(|e| local(format!("Unable to locate credentials: {}", e.message())))?;
        let identity: aws_smithy_runtime_api::client::identity::Identity =
            aws_credential_types::Credentials::new(
                creds.access_key_id.clone(),
                creds.secret_access_key.clone(),
                creds.session_token.clone(),
                creds.expiry,
                "cognito-sync-cli",
            )
            .into();
        let target = format!("AWSCognitoIdentityService.{operation}");
        let headers = [
            ("content-type", "application/x-amz-json-1.1"),
            ("x-amz-target", target.as_str()),
        ];
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(&self.region)
            .name("cognito-identity")
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()
            .map_err(|e| local(format!("cannot sign the request: {e}")))?
            .into();
        let signable = SignableRequest::new(
            "POST",
            &self.endpoint,
            headers.iter().copied(),
            SignableBody::Bytes(body.as_bytes()),
        )
        .map_err(|e| local(format!("cannot sign the request: {e}")))?;
        let (instructions, _) = sign(signable, &params)
            .map_err(|e| local(format!("cannot sign the request: {e}")))?
            .into_parts();
        let mut req = Request::builder().method(Method::POST).uri(&self.endpoint);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        let mut req = req
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| local(format!("invalid endpoint {}: {e}", self.endpoint)))?;
        instructions.apply_to_request_http1x(&mut req);
        let resp = tokio::time::timeout(Duration::from_secs(60), self.http.request(req))
            .await
            .map_err(|_| CallError {
                code: None,
                message: format!("{operation} timed out"),
                retryable: true,
                throttling: false,
            })?
            .map_err(|e| CallError {
                code: None,
                message: format!("{}: {e}", self.endpoint),
                retryable: true,
                throttling: false,
            })?;
        let status = resp.status().as_u16();
        let text = resp
            .into_body()
            .collect()
            .await
            .map_err(|e| CallError {
                code: None,
                message: format!("reading the response: {e}"),
                retryable: true,
                throttling: false,
            })?
            .to_bytes();
        if (200..300).contains(&status) {
            return Ok(text);
        }
        let v: Value = serde_json::from_slice(&text).unwrap_or(Value::Null);
        let code = v
            .get("__type")
            .and_then(Value::as_str)
            .map(|t| t.rsplit('#').next().unwrap_or(t).to_owned())
            .unwrap_or_else(|| format!("HTTP {status}"));
        let message = v
            .get("message")
            .or_else(|| v.get("Message"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let throttling = matches!(
            code.as_str(),
            "TooManyRequestsException" | "LimitExceededException" | "ThrottlingException"
        ) || status == 429;
        Err(CallError {
            code: Some(code),
            message,
            retryable: throttling || status >= 500,
            throttling,
        })
    }
}
