//! Hand-built HTTP requests: SigV4-signed once with `aws-sigv4`, then replayed as they are by
//! the floor client, and used for setup work (seeding the emulator, reading sync counts) that
//! must not depend on any of the clients under test.

use crate::fixtures::{ACCESS_KEY, REGION, SECRET_KEY};
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Method, Request, Uri};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::time::SystemTime;

/// The bare HTTP client: hyper's pooled HTTP/1.1 client (what reqwest runs on), `TCP_NODELAY`.
pub type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// Builds the bare HTTP client.
pub fn http_client() -> HttpClient {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(usize::MAX)
        .build(connector)
}

/// A request ready to send again and again: method, URI, final headers and body.
#[derive(Debug, Clone)]
pub struct Presigned {
    /// HTTP method.
    pub method: Method,
    /// Absolute URI.
    pub uri: Uri,
    /// Every header, signature included.
    pub headers: HeaderMap,
    /// Body bytes (empty for GET).
    pub body: Bytes,
}

impl Presigned {
    /// A fresh `http::Request` carrying this request (cheap clones of the parts).
    pub fn to_request(&self) -> Request<Full<Bytes>> {
        let mut req = Request::new(Full::new(self.body.clone()));
        *req.method_mut() = self.method.clone();
        *req.uri_mut() = self.uri.clone();
        *req.headers_mut() = self.headers.clone();
        req
    }
}

/// Builds and SigV4-signs a Cognito Sync request (service `cognito-sync`) at `time`.
pub fn presign(
    method: Method,
    endpoint: &str,
    path_and_query: &str,
    body: Bytes,
    time: SystemTime,
) -> Result<Presigned, String> {
    let uri: Uri = format!("{}{}", endpoint.trim_end_matches('/'), path_and_query)
        .parse()
        .map_err(|e| format!("bad uri: {e}"))?;
    let authority = uri
        .authority()
        .ok_or_else(|| "uri has no host".to_string())?
        .to_string();
    let mut headers = HeaderMap::new();
    headers.insert(
        http::header::HOST,
        HeaderValue::from_str(&authority).map_err(|e| e.to_string())?,
    );
    if method != Method::GET {
        headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert(http::header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    }
    let identity = Credentials::new(ACCESS_KEY, SECRET_KEY, None, None, "bench").into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(REGION)
        .name("cognito-sync")
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| format!("signing params: {e}"))?
        .into();
    let uri_string = uri.to_string();
    let header_pairs: Vec<(&str, &str)> = headers
        .iter()
        .filter_map(|(k, v)| v.to_str().ok().map(|v| (k.as_str(), v)))
        .collect();
    let signable = SignableRequest::new(
        method.as_str(),
        &uri_string,
        header_pairs.into_iter(),
        SignableBody::Bytes(&body),
    )
    .map_err(|e| format!("signable: {e}"))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| format!("sign: {e}"))?
        .into_parts();
    let mut req = Request::new(());
    *req.headers_mut() = headers;
    instructions.apply_to_request_http1x(&mut req);
    Ok(Presigned {
        method,
        uri,
        headers: req.headers().clone(),
        body,
    })
}

/// Sends `req` and returns the status and body.
pub async fn send(client: &HttpClient, req: &Presigned) -> Result<(u16, Bytes), String> {
    let resp = client
        .request(req.to_request())
        .await
        .map_err(|e| format!("{} {}: {e}", req.method, req.uri))?;
    let status = resp.status().as_u16();
    let body = resp
        .into_body()
        .collect()
        .await
        .map_err(|e| format!("reading body: {e}"))?
        .to_bytes();
    Ok((status, body))
}

/// Sends `req`, fails unless the status is 200, and parses the JSON body.
pub async fn send_json(client: &HttpClient, req: &Presigned) -> Result<serde_json::Value, String> {
    let (status, body) = send(client, req).await?;
    if status != 200 {
        return Err(format!(
            "{} {} answered {status}: {}",
            req.method,
            req.uri,
            String::from_utf8_lossy(&body)
        ));
    }
    serde_json::from_slice(&body).map_err(|e| format!("bad JSON from {}: {e}", req.uri))
}

/// The dataset's current sync count and a fresh sync session token (from ListRecords).
pub async fn sync_state(
    client: &HttpClient,
    endpoint: &str,
    pool: &str,
    identity: &str,
    dataset: &str,
) -> Result<(i64, String), String> {
    let path = format!(
        "/identitypools/{}/identities/{}/datasets/{}/records",
        crate::fixtures::encode_label(pool),
        crate::fixtures::encode_label(identity),
        dataset
    );
    let req = presign(
        Method::GET,
        endpoint,
        &path,
        Bytes::new(),
        SystemTime::now(),
    )?;
    let v = send_json(client, &req).await?;
    let count = v["DatasetSyncCount"].as_i64().unwrap_or(0);
    let token = v["SyncSessionToken"]
        .as_str()
        .ok_or_else(|| format!("no SyncSessionToken in {v}"))?
        .to_string();
    Ok((count, token))
}

/// Cognito Identity `GetId` (unsigned JSON 1.1): a new identity in `pool`.
pub async fn get_id(client: &HttpClient, endpoint: &str, pool: &str) -> Result<String, String> {
    let body = Bytes::from(serde_json::json!({ "IdentityPoolId": pool }).to_string());
    let uri: Uri = format!("{}/", endpoint.trim_end_matches('/'))
        .parse()
        .map_err(|e| format!("bad uri: {e}"))?;
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-amz-target",
        HeaderValue::from_static("AWSCognitoIdentityService.GetId"),
    );
    headers.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    let req = Presigned {
        method: Method::POST,
        uri,
        headers,
        body,
    };
    let v = send_json(client, &req).await?;
    v["IdentityId"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("no IdentityId in {v}"))
}
