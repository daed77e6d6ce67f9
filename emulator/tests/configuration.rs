//! Identity pool configuration, push sync, Cognito Events, Cognito Streams and BulkPublish,
//! with what would have been delivered read back from the emulator.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod common;

use std::time::Duration;

use cognito_sync_local::EventKind;
use common::*;
use serde_json::json;

const GCM_ARN: &str = "arn:aws:sns:us-east-1:123456789012:app/GCM/my-app";
const APNS_ARN: &str = "arn:aws:sns:us-east-1:123456789012:app/APNS_SANDBOX/my-app";
const ROLE: &str = "arn:aws:iam::123456789012:role/cognito-push";

fn config_path(pool: &str) -> String {
    format!("/identitypools/{}/configuration", enc(pool))
}

#[tokio::test]
async fn configuration_is_stored_and_merged() {
    let w = World::start().await;
    let empty = w.dev.get(&config_path(&w.pool)).await.ok();
    assert_eq!(
        empty,
        json!({ "IdentityPoolId": w.pool }),
        "an unconfigured pool returns only its ID"
    );

    let set = w
        .dev
        .post(
            &config_path(&w.pool),
            &json!({ "PushSync": { "ApplicationArns": [GCM_ARN], "RoleArn": ROLE } }),
        )
        .await
        .ok();
    assert_eq!(set["PushSync"]["ApplicationArns"], json!([GCM_ARN]));
    // Omitted members keep their stored values.
    let set = w
        .dev
        .post(
            &config_path(&w.pool),
            &json!({ "CognitoStreams": { "StreamName": "s", "RoleArn": ROLE, "StreamingStatus": "ENABLED" } }),
        )
        .await
        .ok();
    assert_eq!(set["PushSync"]["RoleArn"], ROLE);
    assert_eq!(set["CognitoStreams"]["StreamingStatus"], "ENABLED");
    let got = w.dev.get(&config_path(&w.pool)).await.ok();
    assert_eq!(got, set);

    for bad in [
        json!({ "PushSync": { "ApplicationArns": ["arn:aws:sns:us-east-1:1:app/gcm/x"] } }),
        json!({ "PushSync": { "RoleArn": "not-a-role-arn-at-all" } }),
        json!({ "CognitoStreams": { "StreamingStatus": "MAYBE" } }),
        json!({ "CognitoStreams": { "StreamName": "" } }),
    ] {
        w.dev
            .post(&config_path(&w.pool), &bad)
            .await
            .err(400, "InvalidParameterException");
    }
    let other = w.emu.create_identity_pool("other", true).unwrap();
    let r = w
        .dev
        .post(
            &config_path(&other),
            &json!({ "CognitoStreams": { "StreamingStatus": "ENABLED" } }),
        )
        .await;
    r.err(400, "InvalidParameterException");
    w.dev
        .get(&config_path("us-east-1:00dead"))
        .await
        .err(404, "ResourceNotFoundException");
}

#[tokio::test]
async fn push_sync_registers_subscribes_and_notifies_other_devices() {
    let w = World::start().await;
    let (id, user) = w.user().await;
    let device_path = format!(
        "/identitypools/{}/identity/{}/device",
        enc(&w.pool),
        enc(&id)
    );

    // Not configured yet.
    user.post(&device_path, &json!({ "Platform": "GCM", "Token": "t1" }))
        .await
        .err(400, "InvalidConfigurationException");
    let early = format!(
        "{}/subscriptions/any-device",
        dataset_path(&w.pool, &id, "save")
    );
    user.post(&early, &json!({}))
        .await
        .err(400, "InvalidConfigurationException");
    user.delete(&early)
        .await
        .err(400, "InvalidConfigurationException");
    w.dev
        .post(
            &config_path(&w.pool),
            &json!({ "PushSync": { "ApplicationArns": [GCM_ARN, APNS_ARN], "RoleArn": ROLE } }),
        )
        .await
        .ok();
    // Cognito credentials only.
    w.dev
        .post(&device_path, &json!({ "Platform": "GCM", "Token": "t1" }))
        .await
        .err(403, "NotAuthorizedException");
    user.post(&device_path, &json!({ "Platform": "ADM", "Token": "t1" }))
        .await
        .err(400, "InvalidConfigurationException");
    user.post(
        &device_path,
        &json!({ "Platform": "WINDOWS", "Token": "t1" }),
    )
    .await
    .err(400, "InvalidParameterException");
    user.post(&device_path, &json!({ "Platform": "GCM" }))
        .await
        .err(400, "InvalidParameterException");

    let d1 = user
        .post(&device_path, &json!({ "Platform": "GCM", "Token": "t1" }))
        .await
        .ok()["DeviceId"]
        .as_str()
        .unwrap()
        .to_owned();
    let again = user
        .post(&device_path, &json!({ "Platform": "GCM", "Token": "t1" }))
        .await
        .ok();
    assert_eq!(
        again["DeviceId"],
        json!(d1),
        "the same token registers the same device"
    );
    let d2 = user
        .post(
            &device_path,
            &json!({ "Platform": "APNS_SANDBOX", "Token": "t2" }),
        )
        .await
        .ok()["DeviceId"]
        .as_str()
        .unwrap()
        .to_owned();

    let sub = |d: &str| {
        format!(
            "{}/subscriptions/{}",
            dataset_path(&w.pool, &id, "save"),
            enc(d)
        )
    };
    // The dataset must exist first.
    user.post(&sub(&d1), &json!({}))
        .await
        .err(404, "ResourceNotFoundException");
    w.update(&user, &id, "save", json!([replace("a", "1", 0)]))
        .await
        .ok();
    assert_eq!(user.post(&sub(&d1), &json!({})).await.ok(), json!({}));
    assert_eq!(user.post(&sub(&d2), &json!({})).await.ok(), json!({}));
    user.post(&sub("no-such-device"), &json!({}))
        .await
        .err(404, "ResourceNotFoundException");
    w.dev
        .post(&sub(&d1), &json!({}))
        .await
        .err(403, "NotAuthorizedException");
    w.emu.clear_recorded_events().unwrap();

    // A write from device 1 notifies device 2 only.
    let token = w.session(&user, &id, "save").await;
    user.post(
        &dataset_path(&w.pool, &id, "save"),
        &json!({ "SyncSessionToken": token, "DeviceId": d1, "RecordPatches": [replace("a", "2", 1)] }),
    )
    .await
    .ok();
    let pushes = w.emu.recorded(Some(EventKind::Push)).unwrap();
    assert_eq!(pushes.len(), 1);
    let p = &pushes[0].payload;
    assert_eq!(p["DeviceId"], json!(d2));
    assert_eq!(p["Platform"], "APNS_SANDBOX");
    assert_eq!(p["Token"], "t2");
    assert_eq!(p["ApplicationArn"], APNS_ARN);
    assert_eq!(
        p["Message"],
        json!({ "source": "cognito-sync", "identityPoolId": w.pool, "identityId": id, "datasetName": "save", "syncCount": 2 })
    );

    // Unsubscribed devices hear nothing more.
    assert_eq!(user.delete(&sub(&d2)).await.ok(), json!({}));
    w.emu.clear_recorded_events().unwrap();
    w.update(&user, &id, "save", json!([replace("a", "3", 2)]))
        .await
        .ok();
    let pushes = w.emu.recorded(Some(EventKind::Push)).unwrap();
    assert_eq!(pushes.len(), 1);
    assert_eq!(pushes[0].payload["DeviceId"], json!(d1));
}

#[tokio::test]
async fn cognito_events_hold_one_sync_trigger_invoked_for_cognito_credentials_only() {
    let w = World::start().await;
    let events = format!("/identitypools/{}/events", enc(&w.pool));
    assert_eq!(w.dev.get(&events).await.ok(), json!({ "Events": {} }));
    let arn = "arn:aws:lambda:us-east-1:123456789012:function:trigger";
    let r = w
        .dev
        .post(&events, &json!({ "Events": { "SyncTrigger": arn } }))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        w.dev.get(&events).await.ok(),
        json!({ "Events": { "SyncTrigger": arn } })
    );
    w.dev
        .post(&events, &json!({ "Events": { "Other": arn } }))
        .await
        .err(400, "InvalidParameterException");
    w.dev
        .post(
            &events,
            &json!({ "Events": { "SyncTrigger": arn, "B": arn } }),
        )
        .await
        .err(400, "InvalidParameterException");
    w.dev
        .post(&events, &json!({}))
        .await
        .err(400, "InvalidParameterException");

    let (id, user) = w.user().await;
    user.get(&events).await.err(403, "NotAuthorizedException");
    w.update(&w.dev, &id, "save", json!([replace("a", "1", 0)]))
        .await
        .ok();
    assert!(
        w.emu.recorded(Some(EventKind::Lambda)).unwrap().is_empty(),
        "not for developer credentials"
    );
    w.update(
        &user,
        &id,
        "save",
        json!([replace("b", "2", 0), replace("a", "9", 1)]),
    )
    .await
    .ok();
    let calls = w.emu.recorded(Some(EventKind::Lambda)).unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].payload["FunctionArn"], arn);
    let ev = &calls[0].payload["Event"];
    assert_eq!(ev["version"], 2);
    assert_eq!(ev["eventType"], "SyncTrigger");
    assert_eq!(ev["identityId"], json!(id));
    assert_eq!(
        ev["datasetRecords"]["a"],
        json!({ "oldValue": "1", "newValue": "9", "op": "replace" })
    );
    assert_eq!(
        ev["datasetRecords"]["b"],
        json!({ "oldValue": null, "newValue": "2", "op": "replace" })
    );

    // An empty value removes the trigger.
    w.dev
        .post(&events, &json!({ "Events": { "SyncTrigger": "" } }))
        .await;
    assert_eq!(w.dev.get(&events).await.ok(), json!({ "Events": {} }));
}

#[tokio::test]
async fn streams_record_every_synchronisation() {
    let w = World::start().await;
    let id = w.identity().await;
    w.update(&w.dev, &id, "save", json!([replace("a", "1", 0)]))
        .await
        .ok();
    assert!(
        w.emu.recorded(Some(EventKind::Stream)).unwrap().is_empty(),
        "streams are off"
    );
    w.dev
        .post(
            &config_path(&w.pool),
            &json!({ "CognitoStreams": { "StreamName": "events", "RoleArn": ROLE, "StreamingStatus": "ENABLED" } }),
        )
        .await
        .ok();
    w.update(
        &w.dev,
        &id,
        "save",
        json!([replace("b", "2", 0), remove("a", 1)]),
    )
    .await
    .ok();
    w.dev.delete(&dataset_path(&w.pool, &id, "save")).await.ok();
    let recs = w.emu.recorded(Some(EventKind::Stream)).unwrap();
    assert_eq!(recs.len(), 2);
    let put = &recs[0].payload;
    assert_eq!(put["StreamName"], "events");
    let data = &put["Data"];
    assert_eq!(data["identityPoolId"], json!(w.pool));
    assert_eq!(data["identityId"], json!(id));
    assert_eq!(data["dataSetName"], "save");
    assert_eq!(data["syncCount"], 2);
    assert_eq!(data["payloadType"], "Inline");
    let sync_records = data["kinesisSyncRecords"].as_array().unwrap();
    assert_eq!(sync_records.len(), 2);
    let a = sync_records.iter().find(|r| r["key"] == "a").unwrap();
    assert_eq!(a["op"], "remove");
    assert!(
        a["lastModifiedDate"].as_i64().unwrap() > 1_600_000_000_000,
        "milliseconds"
    );
    assert_eq!(recs[1].payload["Data"]["operation"], "remove");
    assert!(recs[0].sequence < recs[1].sequence);
}

#[tokio::test]
async fn bulk_publish_runs_once_then_waits_a_day() {
    let w = World::with_config(Config {
        bulk_publish_duration: Duration::from_millis(200),
        ..Config::default()
    })
    .await;
    let bulk = format!("/identitypools/{}/bulkpublish", enc(&w.pool));
    let details = format!("/identitypools/{}/getBulkPublishDetails", enc(&w.pool));
    let d = w.dev.post(&details, &json!({})).await.ok();
    assert_eq!(
        d,
        json!({ "IdentityPoolId": w.pool, "BulkPublishStatus": "NOT_STARTED" })
    );
    // Streams must be enabled.
    w.dev
        .post(&bulk, &json!({}))
        .await
        .err(400, "InvalidParameterException");
    w.dev
        .post(
            &config_path(&w.pool),
            &json!({ "CognitoStreams": { "StreamName": "events", "RoleArn": ROLE, "StreamingStatus": "ENABLED" } }),
        )
        .await
        .ok();
    let a = w.identity().await;
    let b = w.identity().await;
    w.update(&w.dev, &a, "one", json!([replace("k", "v", 0)]))
        .await
        .ok();
    w.update(
        &w.dev,
        &b,
        "two",
        json!([replace("k", "v", 0), replace("j", "w", 0)]),
    )
    .await
    .ok();
    w.emu.clear_recorded_events().unwrap();

    let (_, user) = w.user().await;
    user.post(&bulk, &json!({}))
        .await
        .err(403, "NotAuthorizedException");
    assert_eq!(
        w.dev.post(&bulk, &json!({})).await.ok(),
        json!({ "IdentityPoolId": w.pool })
    );
    let d = w.dev.post(&details, &json!({})).await.ok();
    assert_eq!(d["BulkPublishStatus"], "IN_PROGRESS");
    assert!(d["BulkPublishStartTime"].as_f64().is_some());
    assert!(d.get("BulkPublishCompleteTime").is_none());
    w.dev
        .post(&bulk, &json!({}))
        .await
        .err(400, "DuplicateRequestException");

    tokio::time::sleep(Duration::from_millis(400)).await;
    let d = w.dev.post(&details, &json!({})).await.ok();
    assert_eq!(d["BulkPublishStatus"], "SUCCEEDED");
    assert!(
        d["BulkPublishCompleteTime"].as_f64().unwrap()
            >= d["BulkPublishStartTime"].as_f64().unwrap()
    );
    let recs = w.emu.recorded(Some(EventKind::Stream)).unwrap();
    assert_eq!(recs.len(), 2, "one record per dataset");
    assert!(recs.iter().all(|r| r.payload["BulkPublish"] == true));
    w.dev
        .post(&bulk, &json!({}))
        .await
        .err(400, "AlreadyStreamedException");
}

#[tokio::test]
async fn unknown_pools_are_not_found_by_every_operation() {
    let w = World::start().await;
    let id = w.identity().await;
    let p = "us-east-1:00000000-0000-0000-0000-00000000dead";
    let e = enc(p);
    let token = w.session(&w.dev, &id, "save").await;
    let calls = [
        w.dev
            .post(&format!("/identitypools/{e}/bulkpublish"), &json!({}))
            .await,
        w.dev
            .post(
                &format!("/identitypools/{e}/getBulkPublishDetails"),
                &json!({}),
            )
            .await,
        w.dev.get(&format!("/identitypools/{e}")).await,
        w.dev.get(&format!("/identitypools/{e}/events")).await,
        w.dev
            .post(
                &format!("/identitypools/{e}/events"),
                &json!({ "Events": {} }),
            )
            .await,
        w.dev
            .get(&format!("/identitypools/{e}/configuration"))
            .await,
        w.dev
            .post(&format!("/identitypools/{e}/configuration"), &json!({}))
            .await,
        w.dev
            .get(&format!("/identitypools/{e}/identities/{}", enc(&id)))
            .await,
        w.dev
            .get(&format!(
                "/identitypools/{e}/identities/{}/datasets",
                enc(&id)
            ))
            .await,
        w.dev.get(&dataset_path(p, &id, "save")).await,
        w.dev.delete(&dataset_path(p, &id, "save")).await,
        w.dev.get(&records_path(p, &id, "save", "")).await,
    ];
    for r in calls {
        r.err(404, "ResourceNotFoundException");
    }
    // A session token can only come from its own pool: one from another pool is refused first.
    w.dev
        .post(
            &dataset_path(p, &id, "save"),
            &json!({ "SyncSessionToken": token }),
        )
        .await
        .err(400, "InvalidParameterException");
}
