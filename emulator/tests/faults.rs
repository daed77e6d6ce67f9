//! Fault injection: error rates, counted rules, latency and dropped connections, through the
//! library handle and the admin route; plus reading recorded events through the admin route.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod common;

use std::time::{Duration, Instant};

use cognito_sync_local::FaultRule;
use common::*;
use serde_json::json;

#[tokio::test]
async fn counted_rules_fail_the_next_requests_then_retire() {
    let w = World::start().await;
    let id = w.identity().await;
    w.emu.faults().add(FaultRule {
        operation: "ListRecords".into(),
        error: "TooManyRequestsException".into(),
        error_rate: 1.0,
        remaining: Some(2),
        ..FaultRule::default()
    });
    w.dev
        .get(&dataset_path(&w.pool, &id, "x"))
        .await
        .err(404, "ResourceNotFoundException");
    let msg = w
        .list(&w.dev, &id, "save", "")
        .await
        .err(429, "TooManyRequestsException");
    assert!(msg.contains("Injected"));
    w.list(&w.dev, &id, "save", "")
        .await
        .err(429, "TooManyRequestsException");
    w.list(&w.dev, &id, "save", "").await.ok();
    assert!(w.emu.faults().rules().is_empty());
}

#[tokio::test]
async fn the_admin_route_sets_and_clears_rules() {
    let w = World::start().await;
    let id = w.identity().await;
    let rules = json!({ "Rules": [{ "operation": "*", "error_rate": 1.0 }] });
    let set = w.dev.post("/_emulator/faults", &rules).await.ok();
    assert_eq!(set["Rules"][0]["error"], "InternalErrorException");
    w.list(&w.dev, &id, "save", "")
        .await
        .err(500, "InternalErrorException");
    // GetId is an operation too.
    w.dev
        .unsigned()
        .identity("GetId", &json!({ "IdentityPoolId": w.pool }))
        .await
        .err(500, "InternalErrorException");
    // The admin route itself is never faulted.
    assert_eq!(
        w.dev.get("/_emulator/faults").await.ok()["Rules"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    w.dev.delete("/_emulator/faults").await.ok();
    w.list(&w.dev, &id, "save", "").await.ok();
    w.dev
        .post(
            "/_emulator/faults",
            &json!({ "Rules": [{ "error_rate": 3 }] }),
        )
        .await
        .err(400, "InvalidParameterException");
    w.dev
        .post("/_emulator/faults", &json!({ "Rules": [{ "bogus": 1 }] }))
        .await
        .err(400, "InvalidParameterException");
    let custom = json!({ "Rules": [{ "operation": "ListRecords", "error_rate": 1, "error": "ServiceUnavailable", "status": 503 }] });
    w.dev.post("/_emulator/faults", &custom).await.ok();
    w.list(&w.dev, &id, "save", "")
        .await
        .err(503, "ServiceUnavailable");
}

#[tokio::test]
async fn latency_and_dropped_connections() {
    let w = World::start().await;
    let id = w.identity().await;
    w.emu.faults().set(vec![FaultRule {
        operation: "ListRecords".into(),
        latency_ms: 150,
        remaining: Some(1),
        ..FaultRule::default()
    }]);
    let started = Instant::now();
    w.list(&w.dev, &id, "save", "").await.ok();
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "the added latency is a lower bound"
    );

    w.emu
        .faults()
        .set(vec!["operation=ListRecords,drop_rate=1,remaining=1"
            .parse()
            .unwrap()]);
    let req = w
        .dev
        .build("GET", &records_path(&w.pool, &id, "save", ""), &[], b"");
    let err = w
        .dev
        .send_request(req)
        .await
        .expect_err("the connection is closed without a response");
    assert!(err.is_incomplete_message() || err.is_closed(), "{err:?}");
    w.list(&w.dev, &id, "save", "").await.ok();
}

#[tokio::test]
async fn recorded_events_are_readable_through_the_admin_route() {
    let w = World::start().await;
    let id = w.identity().await;
    w.dev
        .post(
            &format!("/identitypools/{}/configuration", enc(&w.pool)),
            &json!({ "CognitoStreams": { "StreamName": "s", "RoleArn": "arn:aws:iam::123456789012:role/r", "StreamingStatus": "ENABLED" } }),
        )
        .await
        .ok();
    w.update(&w.dev, &id, "save", json!([replace("a", "1", 0)]))
        .await
        .ok();
    w.update(&w.dev, &id, "save", json!([replace("a", "2", 1)]))
        .await
        .ok();
    let all = w.dev.get("/_emulator/events?kind=stream").await.ok();
    let events = all["Events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["Kind"], "stream");
    assert_eq!(events[0]["IdentityPoolId"], json!(w.pool));
    assert_eq!(
        events[1]["Payload"]["Data"]["kinesisSyncRecords"][0]["value"],
        "2"
    );
    let seq = events[0]["Sequence"].as_i64().unwrap();
    let after = w
        .dev
        .get(&format!("/_emulator/events?after={seq}"))
        .await
        .ok();
    assert_eq!(after["Events"].as_array().unwrap().len(), 1);
    assert_eq!(
        w.dev.get("/_emulator/events?kind=push").await.ok()["Events"],
        json!([])
    );
    w.dev
        .get("/_emulator/events?kind=email")
        .await
        .err(400, "InvalidParameterException");
    w.dev.delete("/_emulator/events").await.ok();
    assert_eq!(
        w.dev.get("/_emulator/events").await.ok()["Events"],
        json!([])
    );
}
