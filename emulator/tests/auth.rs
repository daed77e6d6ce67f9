//! SigV4 verification and authorization: developer versus temporary credentials, own identity
//! only, developer-only and Cognito-only operations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod common;

use std::time::{Duration, SystemTime};

use common::*;
use serde_json::json;

#[tokio::test]
async fn requests_must_be_signed_correctly() {
    let w = World::start().await;
    let id = w.identity().await;
    let path = records_path(&w.pool, &id, "save", "");
    w.dev
        .unsigned()
        .get(&path)
        .await
        .err(403, "MissingAuthenticationTokenException");

    let unknown = w.dev.with_keys(Keys {
        access_key: "AKIDUNKNOWN".into(),
        secret: "x".into(),
        token: None,
    });
    unknown
        .get(&path)
        .await
        .err(403, "UnrecognizedClientException");

    let wrong = w.dev.with_keys(Keys {
        secret: "wrong".into(),
        ..Keys::developer()
    });
    let msg = wrong.get(&path).await.err(403, "InvalidSignatureException");
    assert!(
        msg.starts_with("The request signature we calculated does not match"),
        "{msg}"
    );

    let skewed = Raw {
        time: Some(SystemTime::now() - Duration::from_secs(600)),
        ..w.dev.clone()
    };
    let msg = skewed
        .get(&path)
        .await
        .err(403, "InvalidSignatureException");
    assert!(msg.starts_with("Signature expired"), "{msg}");
    let future = Raw {
        time: Some(SystemTime::now() + Duration::from_secs(600)),
        ..w.dev.clone()
    };
    future
        .get(&path)
        .await
        .err(403, "InvalidSignatureException");

    let other_service = Raw {
        service: "cognito-identity",
        ..w.dev.clone()
    };
    let msg = other_service
        .get(&path)
        .await
        .err(403, "InvalidSignatureException");
    assert!(msg.contains("cognito-sync"), "{msg}");

    // Any region signs fine (the endpoint is local).
    let eu = Raw {
        region: "eu-west-1",
        ..w.dev.clone()
    };
    eu.get(&path).await.ok();

    // The body and the query are covered by the signature.
    let body = serde_json::to_vec(&json!({ "SyncSessionToken": "x" })).unwrap();
    let mut req = w.dev.build(
        "POST",
        &dataset_path(&w.pool, &id, "save"),
        &[("content-type", "application/json")],
        &body,
    );
    *req.body_mut() =
        http_body_util::Full::new(bytes::Bytes::from_static(b"{\"SyncSessionToken\":\"y\"}"));
    w.dev
        .send_request(req)
        .await
        .unwrap()
        .err(403, "InvalidSignatureException");
    let req = w.dev.build("GET", &path, &[], b"");
    let (mut parts, body) = req.into_parts();
    parts.uri = format!("{path}?lastSyncCount=1").parse().unwrap();
    let req = http::Request::from_parts(parts, body);
    w.dev
        .send_request(req)
        .await
        .unwrap()
        .err(403, "InvalidSignatureException");

    let mut req = w.dev.build("GET", &path, &[], b"");
    req.headers_mut().insert(
        "authorization",
        "AWS4-HMAC-SHA256 Credential=test".parse().unwrap(),
    );
    w.dev
        .send_request(req)
        .await
        .unwrap()
        .err(403, "IncompleteSignatureException");
    let mut req = w.dev.build("GET", &path, &[], b"");
    req.headers_mut()
        .insert("authorization", "Basic dGVzdDp0ZXN0".parse().unwrap());
    w.dev
        .send_request(req)
        .await
        .unwrap()
        .err(403, "IncompleteSignatureException");
}

#[tokio::test]
async fn configured_developer_keys_replace_the_default() {
    let w = World::with_config(Config {
        developer_keys: vec![
            ("AKIDDEV".into(), "s3cret".into()),
            ("AKIDTWO".into(), "other".into()),
        ],
        ..Config::default()
    })
    .await;
    assert_eq!(
        w.emu.developer_credentials(),
        ("AKIDDEV".to_owned(), "s3cret".to_owned())
    );
    w.dev
        .get("/identitypools")
        .await
        .err(403, "UnrecognizedClientException");
    let two = w.dev.with_keys(Keys {
        access_key: "AKIDTWO".into(),
        secret: "other".into(),
        token: None,
    });
    two.get("/identitypools").await.ok();
}

#[tokio::test]
async fn temporary_credentials_need_their_session_token_and_expire() {
    let w = World::with_config(Config {
        credentials_ttl: Duration::from_millis(500),
        ..Config::default()
    })
    .await;
    let id = w.identity().await;
    let keys = w.credentials(&id).await;
    assert!(keys.access_key.starts_with("ASIA"));
    let path = records_path(&w.pool, &id, "save", "");
    w.dev
        .with_keys(Keys {
            token: None,
            ..keys.clone()
        })
        .get(&path)
        .await
        .err(403, "UnrecognizedClientException");
    w.dev
        .with_keys(Keys {
            token: Some("forged".into()),
            ..keys.clone()
        })
        .get(&path)
        .await
        .err(403, "UnrecognizedClientException");
    let user = w.dev.with_keys(keys);
    user.get(&path).await.ok();
    tokio::time::sleep(Duration::from_millis(600)).await;
    user.get(&path).await.err(403, "ExpiredTokenException");
}

#[tokio::test]
async fn temporary_credentials_touch_only_their_own_identity() {
    let w = World::start().await;
    let (me, user) = w.user().await;
    let other = w.identity().await;
    w.update(&w.dev, &other, "save", json!([replace("a", "1", 0)]))
        .await
        .ok();
    let token = w.session(&w.dev, &other, "save").await;
    let p = &w.pool;
    let denied = [
        user.get(&records_path(p, &other, "save", "")).await,
        user.post(
            &dataset_path(p, &other, "save"),
            &json!({ "SyncSessionToken": token, "RecordPatches": [] }),
        )
        .await,
        user.get(&dataset_path(p, &other, "save")).await,
        user.delete(&dataset_path(p, &other, "save")).await,
        user.get(&format!(
            "/identitypools/{}/identities/{}/datasets",
            enc(p),
            enc(&other)
        ))
        .await,
        user.get(&format!(
            "/identitypools/{}/identities/{}",
            enc(p),
            enc(&other)
        ))
        .await,
    ];
    for r in denied {
        r.err(403, "NotAuthorizedException");
    }
    // Nor their own identity in another pool.
    let other_pool = w.emu.create_identity_pool("other", true).unwrap();
    user.get(&records_path(&other_pool, &me, "save", ""))
        .await
        .err(403, "NotAuthorizedException");
    // The other identity's data is intact.
    assert_eq!(w.list(&w.dev, &other, "save", "").await.ok()["Count"], 1);
    // Their own data is fine.
    w.update(&user, &me, "save", json!([replace("a", "1", 0)]))
        .await
        .ok();
}

#[tokio::test]
async fn developer_only_operations_refuse_temporary_credentials() {
    let w = World::start().await;
    let (_, user) = w.user().await;
    let p = enc(&w.pool);
    let calls = [
        ("POST", format!("/identitypools/{p}/bulkpublish")),
        ("POST", format!("/identitypools/{p}/getBulkPublishDetails")),
        ("GET", format!("/identitypools/{p}")),
        ("GET", "/identitypools".to_owned()),
        ("GET", format!("/identitypools/{p}/events")),
        ("POST", format!("/identitypools/{p}/events")),
        ("GET", format!("/identitypools/{p}/configuration")),
        ("POST", format!("/identitypools/{p}/configuration")),
    ];
    for (method, path) in calls {
        let body = if path.ends_with("/events") && method == "POST" {
            b"{\"Events\":{}}".to_vec()
        } else {
            b"{}".to_vec()
        };
        let r = user
            .send(
                method,
                &path,
                &[("content-type", "application/json")],
                &body,
            )
            .await;
        r.err(403, "NotAuthorizedException");
    }
}

#[tokio::test]
async fn cognito_only_operations_refuse_developer_credentials() {
    let w = World::start().await;
    let id = w.identity().await;
    let p = &w.pool;
    let sub = format!("{}/subscriptions/dev1", dataset_path(p, &id, "save"));
    w.dev
        .post(
            &format!("/identitypools/{}/identity/{}/device", enc(p), enc(&id)),
            &json!({ "Platform": "GCM", "Token": "t" }),
        )
        .await
        .err(403, "NotAuthorizedException");
    w.dev
        .post(&sub, &json!({}))
        .await
        .err(403, "NotAuthorizedException");
    w.dev.delete(&sub).await.err(403, "NotAuthorizedException");
}

#[tokio::test]
async fn the_admin_route_is_for_developers_only() {
    let w = World::start().await;
    let (_, user) = w.user().await;
    w.dev
        .unsigned()
        .get("/_emulator/faults")
        .await
        .err(403, "MissingAuthenticationTokenException");
    user.get("/_emulator/faults")
        .await
        .err(403, "NotAuthorizedException");
    user.get("/_emulator/events")
        .await
        .err(403, "NotAuthorizedException");
    assert_eq!(
        w.dev.get("/_emulator/faults").await.ok(),
        json!({ "Rules": [] })
    );
}
