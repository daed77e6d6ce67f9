//! The Cognito Identity credentials provider against the emulator (caching, one refresh
//! in flight, refresh before expiry, authenticated logins, errors) and against moto's
//! server, an implementation of Cognito Identity nobody in this project wrote.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use cognito_sync::credentials::CognitoIdentityProvider;
use cognito_sync::model::RecordPatch;
use cognito_sync::{Client, ErrorKind, ProvideCredentials};
use cognito_sync_local::{Config, FaultRule};
use common::*;

#[tokio::test]
async fn identity_id_and_credentials_are_cached() {
    let env = start().await;
    let provider = identity_provider(&env.emu, &env.pool);
    let id = provider.identity_id().await.unwrap();
    assert!(id.starts_with("us-east-1:"));
    assert_eq!(provider.identity_id().await.unwrap(), id);
    let a = provider.provide_credentials().await.unwrap();
    let b = provider.provide_credentials().await.unwrap();
    assert_eq!(a, b, "credentials are reused until they near expiry");
    assert!(a.session_token.is_some() && a.expiry.is_some());
    // Secrets stay out of Debug output.
    let shown = format!("{a:?} {provider:?}");
    assert!(!shown.contains(&a.secret_access_key));
    assert!(!shown.contains(a.session_token.as_deref().unwrap()));
    // Forgetting the credentials fetches new ones for the same identity.
    provider.invalidate();
    let c = provider.provide_credentials().await.unwrap();
    assert_ne!(c.access_key_id, a.access_key_id);
    assert_eq!(provider.identity_id().await.unwrap(), id);
}

#[tokio::test]
async fn one_refresh_in_flight_for_concurrent_callers() {
    let env = start().await;
    let provider = identity_provider(&env.emu, &env.pool);
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let p = provider.clone();
            tokio::spawn(async move { p.provide_credentials().await.unwrap() })
        })
        .collect();
    let mut keys = Vec::new();
    for t in tasks {
        keys.push(t.await.unwrap().access_key_id);
    }
    keys.dedup();
    assert_eq!(
        keys.len(),
        1,
        "every caller got the result of the same single refresh"
    );
}

#[tokio::test]
async fn credentials_are_refreshed_before_they_expire() {
    let env = start_with(Config {
        credentials_ttl: Duration::from_secs(4),
        ..Config::default()
    })
    .await;
    let provider = identity_provider(&env.emu, &env.pool);
    let id = provider.identity_id().await.unwrap();
    let client = Client::builder()
        .region(REGION)
        .endpoint_url(env.emu.endpoint())
        .credentials_provider(Arc::new(provider.clone()))
        .build()
        .unwrap();
    let first = provider.provide_credentials().await.unwrap();
    write(
        &client,
        &env,
        &id,
        "d",
        vec![RecordPatch::replace("k", "v", 0)],
    )
    .await
    .unwrap();
    // Four-second credentials are refreshed halfway through their life.
    tokio::time::sleep(Duration::from_millis(2_300)).await;
    let second = provider.provide_credentials().await.unwrap();
    assert_ne!(first.access_key_id, second.access_key_id);
    assert!(second.expiry > first.expiry);
    // The client picks the new credentials up by itself and keeps working.
    let listed = client
        .list_records(list_input(&env, &id, "d", 0))
        .await
        .unwrap();
    assert_eq!(listed.records().len(), 1);
}

#[tokio::test]
async fn logins_give_a_stable_authenticated_identity() {
    let env = start().await;
    let login = |token: &str| {
        CognitoIdentityProvider::builder()
            .identity_pool_id(&env.pool)
            .region(REGION)
            .endpoint_url(env.emu.endpoint())
            .login("accounts.google.com", token)
            .build()
            .unwrap()
    };
    let a = login("user-1").identity_id().await.unwrap();
    let again = login("user-1").identity_id().await.unwrap();
    let other = login("user-2").identity_id().await.unwrap();
    assert_eq!(a, again);
    assert_ne!(a, other);
    let p = login("user-1");
    assert!(
        !format!("{p:?}").contains("user-1"),
        "login tokens are not shown"
    );
    p.provide_credentials().await.unwrap();
}

#[tokio::test]
async fn identity_errors_become_credentials_errors() {
    let env = start().await;
    let closed = env.emu.create_identity_pool("no-guests", false).unwrap();
    let e = identity_provider(&env.emu, &closed)
        .identity_id()
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Credentials);
    assert_eq!(e.code(), Some("NotAuthorizedException"));
    assert_eq!(e.http_status(), Some(400));
    assert!(e.message().contains("GetId"), "{}", e.message());

    // A client whose provider fails reports it and sends nothing to Cognito Sync.
    let client = Client::builder()
        .region(REGION)
        .endpoint_url(env.emu.endpoint())
        .credentials_provider(Arc::new(identity_provider(&env.emu, &closed)))
        .build()
        .unwrap();
    let e = client
        .list_records(list_input(&env, "us-east-1:0", "d", 0))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Credentials);

    // Throttled Cognito Identity calls are retried.
    env.emu.faults().set(vec![FaultRule {
        operation: "GetCredentialsForIdentity".into(),
        error_rate: 1.0,
        error: "TooManyRequestsException".into(),
        remaining: Some(2),
        ..Default::default()
    }]);
    identity_provider(&env.emu, &env.pool)
        .provide_credentials()
        .await
        .unwrap();
    assert!(env.emu.faults().rules().is_empty());
}

/// `POST /` of one JSON 1.1 Cognito Identity call, over a plain socket (moto does not
/// check signatures), returning the response body.
fn moto_call(endpoint: &str, target: &str, body: &str) -> serde_json::Value {
    let host = endpoint.trim_start_matches("http://").trim_end_matches('/');
    let mut s = TcpStream::connect(host).expect("moto is listening");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let req = format!(
        "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-amz-json-1.1\r\n\
         X-Amz-Target: AWSCognitoIdentityService.{target}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    let (head, body) = resp.split_once("\r\n\r\n").expect("an HTTP response");
    assert!(head.starts_with("HTTP/1.1 200"), "{target}: {head}");
    serde_json::from_str(body).expect("a JSON body")
}

#[tokio::test]
async fn cognito_identity_provider_against_moto() {
    let Ok(endpoint) = std::env::var("COGNITO_SYNC_TEST_MOTO_ENDPOINT") else {
        eprintln!(
            "SKIPPED: COGNITO_SYNC_TEST_MOTO_ENDPOINT is not set (scripts/test-rust.sh starts moto and sets it)"
        );
        return;
    };
    let created = tokio::task::spawn_blocking({
        let endpoint = endpoint.clone();
        move || {
            moto_call(
                &endpoint,
                "CreateIdentityPool",
                r#"{"IdentityPoolName":"cognito_sync_e2e","AllowUnauthenticatedIdentities":true}"#,
            )
        }
    })
    .await
    .unwrap();
    let pool = created["IdentityPoolId"]
        .as_str()
        .expect("a pool id")
        .to_owned();

    let provider = CognitoIdentityProvider::builder()
        .identity_pool_id(&pool)
        .region("us-east-1")
        .endpoint_url(&endpoint)
        .retry_config(fast_retries(3))
        .build()
        .unwrap();
    let id = provider.identity_id().await.unwrap();
    assert!(id.starts_with("us-east-1:"), "{id}");
    assert_eq!(
        provider.identity_id().await.unwrap(),
        id,
        "the identity id is cached"
    );
    let creds = provider.provide_credentials().await.unwrap();
    assert!(!creds.access_key_id.is_empty() && !creds.secret_access_key.is_empty());
    assert!(creds.session_token.is_some());
    let expiry = creds.expiry.expect("moto sends an Expiration");
    assert!(expiry > std::time::SystemTime::now());
    assert_eq!(
        provider.provide_credentials().await.unwrap(),
        creds,
        "cached"
    );

    // A pool moto does not know: moto fails with a bare HTTP 500, which the provider
    // retries and then reports as a retryable credentials error.
    let missing = CognitoIdentityProvider::builder()
        .identity_pool_id("us-east-1:00000000-0000-0000-0000-000000000000")
        .region("us-east-1")
        .endpoint_url(&endpoint)
        .retry_config(fast_retries(2))
        .build()
        .unwrap();
    let e = missing.identity_id().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Credentials);
    assert_eq!(e.http_status(), Some(500), "{e}");
    assert!(e.is_retryable());
}
