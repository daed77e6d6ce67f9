//! Test harness: an in-process emulator and a small raw HTTP client that signs requests with
//! `aws-sigv4` (independent of the `cognito-sync` client crate, on purpose).
#![allow(dead_code)]

use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};

pub use cognito_sync_local::{Config, Emulator};

/// A response as seen on the wire.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub body: Bytes,
}

impl Resp {
    pub fn json(&self) -> Value {
        if self.body.is_empty() {
            return Value::Null;
        }
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The error code from `x-amzn-ErrorType` (checked against the body's `__type`).
    pub fn error_code(&self) -> String {
        let header = self
            .headers
            .get("x-amzn-ErrorType")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert_eq!(
            self.json()["__type"],
            json!(header),
            "header and __type agree"
        );
        header
    }

    #[track_caller]
    pub fn ok(&self) -> Value {
        assert_eq!(
            self.status,
            200,
            "expected success, got {}: {}",
            self.status,
            String::from_utf8_lossy(&self.body)
        );
        self.json()
    }

    #[track_caller]
    pub fn err(&self, status: u16, code: &str) -> String {
        assert_eq!(
            (self.status, self.error_code().as_str()),
            (status, code),
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        let msg = self.json()["message"]
            .as_str()
            .expect("message member")
            .to_owned();
        assert!(!msg.is_empty());
        msg
    }
}

/// Credentials a test signs with.
#[derive(Clone, Debug)]
pub struct Keys {
    pub access_key: String,
    pub secret: String,
    pub token: Option<String>,
}

impl Keys {
    pub fn developer() -> Keys {
        Keys {
            access_key: "test".into(),
            secret: "test".into(),
            token: None,
        }
    }
}

/// A raw client for one emulator.
#[derive(Clone)]
pub struct Raw {
    pub endpoint: String,
    pub keys: Option<Keys>,
    pub service: &'static str,
    pub region: &'static str,
    /// Overrides the signing time (skew tests).
    pub time: Option<SystemTime>,
}

impl Raw {
    pub fn new(emu: &Emulator) -> Raw {
        Raw {
            endpoint: emu.endpoint().to_owned(),
            keys: Some(Keys::developer()),
            service: "cognito-sync",
            region: "us-east-1",
            time: None,
        }
    }

    pub fn with_keys(&self, keys: Keys) -> Raw {
        Raw {
            keys: Some(keys),
            ..self.clone()
        }
    }

    pub fn unsigned(&self) -> Raw {
        Raw {
            keys: None,
            ..self.clone()
        }
    }

    /// Builds the request (signed when keys are set).
    pub fn build(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> http::Request<Full<Bytes>> {
        let url = format!("{}{}", self.endpoint, path_and_query);
        let host = self.endpoint.trim_start_matches("http://").to_owned();
        let mut req = http::Request::builder().method(method).uri(path_and_query);
        req = req.header("host", &host);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let mut req = req.body(Full::new(Bytes::copy_from_slice(body))).unwrap();
        if let Some(keys) = &self.keys {
            let identity: Identity = Credentials::new(
                &keys.access_key,
                &keys.secret,
                keys.token.clone(),
                None,
                "test",
            )
            .into();
            let params = v4::SigningParams::builder()
                .identity(&identity)
                .region(self.region)
                .name(self.service)
                .time(self.time.unwrap_or_else(SystemTime::now))
                .settings(SigningSettings::default())
                .build()
                .unwrap()
                .into();
            let hdrs: Vec<(String, String)> = req
                .headers()
                .iter()
                .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().to_owned()))
                .collect();
            let signable = SignableRequest::new(
                method,
                url.clone(),
                hdrs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                SignableBody::Bytes(body),
            )
            .unwrap();
            let (instructions, _) = sign(signable, &params).unwrap().into_parts();
            instructions.apply_to_request_http1x(&mut req);
        }
        req
    }

    pub async fn send_request(
        &self,
        req: http::Request<Full<Bytes>>,
    ) -> Result<Resp, hyper::Error> {
        let host = self.endpoint.trim_start_matches("http://").to_owned();
        let stream = tokio::net::TcpStream::connect(&host)
            .await
            .expect("connect");
        let (mut sender, conn) =
            hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(async move {
            let _ = conn.await;
        });
        let resp = sender.send_request(req).await?;
        let (parts, body) = resp.into_parts();
        let body = body.collect().await?.to_bytes();
        Ok(Resp {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
        })
    }

    pub async fn send(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Resp {
        let req = self.build(method, path_and_query, headers, body);
        self.send_request(req).await.expect("HTTP exchange")
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send("GET", path, &[], b"").await
    }

    pub async fn delete(&self, path: &str) -> Resp {
        self.send("DELETE", path, &[], b"").await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Resp {
        let bytes = serde_json::to_vec(body).unwrap();
        self.send(
            "POST",
            path,
            &[("content-type", "application/json")],
            &bytes,
        )
        .await
    }

    /// A Cognito Identity (JSON 1.1) call.
    pub async fn identity(&self, op: &str, body: &Value) -> Resp {
        let target = format!("AWSCognitoIdentityService.{op}");
        let bytes = serde_json::to_vec(body).unwrap();
        let raw = Raw {
            service: "cognito-identity",
            ..self.clone()
        };
        raw.send(
            "POST",
            "/",
            &[
                ("content-type", "application/x-amz-json-1.1"),
                ("x-amz-target", &target),
            ],
            &bytes,
        )
        .await
    }
}

/// Percent-encodes a path label the way SDKs do (`:` becomes `%3A`).
pub fn enc(label: &str) -> String {
    percent_encoding::utf8_percent_encode(label, percent_encoding::NON_ALPHANUMERIC).to_string()
}

pub fn dataset_path(pool: &str, id: &str, ds: &str) -> String {
    format!(
        "/identitypools/{}/identities/{}/datasets/{}",
        enc(pool),
        enc(id),
        enc(ds)
    )
}

pub fn records_path(pool: &str, id: &str, ds: &str, query: &str) -> String {
    let q = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    format!("{}/records{q}", dataset_path(pool, id, ds))
}

/// An emulator, a pool and a developer client.
pub struct World {
    pub emu: Emulator,
    pub pool: String,
    pub dev: Raw,
}

impl World {
    pub async fn start() -> World {
        Self::with_config(Config::default()).await
    }

    pub async fn with_config(config: Config) -> World {
        let emu = Emulator::start(config).await.expect("start");
        let pool = emu.create_identity_pool("tests", true).expect("pool");
        let dev = Raw::new(&emu);
        World { emu, pool, dev }
    }

    /// A new unauthenticated identity (GetId).
    pub async fn identity(&self) -> String {
        let r = self
            .dev
            .unsigned()
            .identity("GetId", &json!({ "IdentityPoolId": self.pool }))
            .await;
        r.ok()["IdentityId"].as_str().unwrap().to_owned()
    }

    /// Temporary credentials for an identity (GetCredentialsForIdentity).
    pub async fn credentials(&self, identity: &str) -> Keys {
        let r = self
            .dev
            .unsigned()
            .identity(
                "GetCredentialsForIdentity",
                &json!({ "IdentityId": identity }),
            )
            .await;
        let c = &r.ok()["Credentials"];
        Keys {
            access_key: c["AccessKeyId"].as_str().unwrap().into(),
            secret: c["SecretKey"].as_str().unwrap().into(),
            token: Some(c["SessionToken"].as_str().unwrap().into()),
        }
    }

    /// A new identity and a client signing with its temporary credentials.
    pub async fn user(&self) -> (String, Raw) {
        let id = self.identity().await;
        let keys = self.credentials(&id).await;
        (id, self.dev.with_keys(keys))
    }

    /// ListRecords by `client`.
    pub async fn list(&self, client: &Raw, id: &str, ds: &str, query: &str) -> Resp {
        client.get(&records_path(&self.pool, id, ds, query)).await
    }

    /// A fresh SyncSessionToken.
    pub async fn session(&self, client: &Raw, id: &str, ds: &str) -> String {
        self.list(client, id, ds, "").await.ok()["SyncSessionToken"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// UpdateRecords by `client` with a fresh session token.
    pub async fn update(&self, client: &Raw, id: &str, ds: &str, patches: Value) -> Resp {
        let token = self.session(client, id, ds).await;
        client
            .post(
                &dataset_path(&self.pool, id, ds),
                &json!({ "SyncSessionToken": token, "RecordPatches": patches }),
            )
            .await
    }

    /// Writes `key=value` over whatever is there (reads the current SyncCount first).
    pub async fn put(&self, client: &Raw, id: &str, ds: &str, key: &str, value: &str) -> Value {
        let records = self.list(client, id, ds, "").await.ok();
        let count = records["Records"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["Key"] == key)
            .map_or(0, |r| r["SyncCount"].as_i64().unwrap());
        self.update(
            client,
            id,
            ds,
            json!([{ "Op": "replace", "Key": key, "Value": value, "SyncCount": count }]),
        )
        .await
        .ok()
    }
}

pub fn replace(key: &str, value: &str, sync_count: i64) -> Value {
    json!({ "Op": "replace", "Key": key, "Value": value, "SyncCount": sync_count })
}

pub fn remove(key: &str, sync_count: i64) -> Value {
    json!({ "Op": "remove", "Key": key, "SyncCount": sync_count })
}
