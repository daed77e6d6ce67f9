//! Wire details clients depend on: headers, error shapes, path encoding, tolerated extras.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod common;

use bytes::Bytes;
use common::*;
use http_body_util::Full;
use hyper_util::rt::TokioIo;
use serde_json::json;

#[tokio::test]
async fn every_response_carries_a_request_id_and_errors_a_type() {
    let w = World::start().await;
    let id = w.identity().await;
    let ok = w.list(&w.dev, &id, "save", "").await;
    assert_eq!(ok.headers["content-type"], "application/json");
    let rid1 = ok.headers["x-amzn-requestid"].to_str().unwrap().to_owned();
    assert!(ok.headers.get("x-amzn-errortype").is_none());
    let err = w.dev.get(&dataset_path(&w.pool, &id, "none")).await;
    assert_eq!(err.status, 404);
    assert_eq!(err.headers["content-type"], "application/json");
    let rid2 = err.headers["x-amzn-requestid"].to_str().unwrap().to_owned();
    assert_ne!(rid1, rid2);
    let body = err.json();
    assert_eq!(body["__type"], "ResourceNotFoundException");
    assert_eq!(err.headers["x-amzn-errortype"], "ResourceNotFoundException");
    assert!(body["message"].is_string(), "lowercase message member");
    let unsigned = w.dev.unsigned().get("/identitypools").await;
    assert!(unsigned.headers.get("x-amzn-requestid").is_some());
}

#[tokio::test]
async fn raw_colons_and_encoded_slashes_in_labels() {
    let w = World::start().await;
    let id = w.identity().await;
    w.update(&w.dev, &id, "save", json!([replace("a", "1", 0)]))
        .await
        .ok();
    // Older SDKs sent ':' unencoded.
    let raw = format!(
        "/identitypools/{}/identities/{}/datasets/save/records",
        w.pool, id
    );
    assert_eq!(w.dev.get(&raw).await.ok()["Count"], 1);
}

#[tokio::test]
async fn extra_headers_and_empty_bodies_are_tolerated() {
    let w = World::start().await;
    let id = w.identity().await;
    let token = w.session(&w.dev, &id, "save").await;
    let body = serde_json::to_vec(
        &json!({ "SyncSessionToken": token, "RecordPatches": [replace("a", "1", 0)] }),
    )
    .unwrap();
    let r = w
        .dev
        .send(
            "POST",
            &dataset_path(&w.pool, &id, "save"),
            &[
                ("content-type", "application/x-amz-json-1.0"),
                ("x-amz-target", "AWSCognitoSyncService.UpdateRecords"),
                ("x-amz-client-context", "eyJjbGllbnQiOnt9fQ=="),
            ],
            &body,
        )
        .await;
    assert_eq!(r.ok()["Records"][0]["SyncCount"], 1);
    // POST without any body (botocore sends Content-Length: 0 and no Content-Type).
    let r = w
        .dev
        .send(
            "POST",
            &format!("/identitypools/{}/getBulkPublishDetails", enc(&w.pool)),
            &[],
            b"",
        )
        .await;
    assert_eq!(r.ok()["BulkPublishStatus"], "NOT_STARTED");
}

#[tokio::test]
async fn malformed_requests_are_client_errors() {
    let w = World::start().await;
    let id = w.identity().await;
    let r = w
        .dev
        .send(
            "POST",
            &dataset_path(&w.pool, &id, "save"),
            &[("content-type", "application/json")],
            b"{not json",
        )
        .await;
    r.err(400, "InvalidParameterException");
    let r = w
        .dev
        .send("POST", &dataset_path(&w.pool, &id, "save"), &[], b"[1,2]")
        .await;
    r.err(400, "InvalidParameterException");
    w.dev
        .get("/nowhere")
        .await
        .err(404, "UnknownOperationException");
    w.dev
        .send("PUT", "/identitypools", &[], b"")
        .await
        .err(404, "UnknownOperationException");
    w.dev
        .get(&format!("/identitypools/{}", enc("not-an-id")))
        .await
        .err(400, "InvalidParameterException");
}

#[tokio::test]
async fn keep_alive_connections_serve_many_requests() {
    let w = World::start().await;
    let id = w.identity().await;
    let host = w.emu.endpoint().trim_start_matches("http://").to_owned();
    let stream = tokio::net::TcpStream::connect(&host).await.unwrap();
    let (mut sender, conn) =
        hyper::client::conn::http1::handshake::<_, Full<Bytes>>(TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(conn);
    for _ in 0..20 {
        let req = w
            .dev
            .build("GET", &records_path(&w.pool, &id, "save", ""), &[], b"");
        let resp = sender.send_request(req).await.unwrap();
        assert_eq!(resp.status(), 200);
        use http_body_util::BodyExt;
        resp.into_body().collect().await.unwrap();
    }
}
