//! ListRecords and UpdateRecords: sync counts, tombstones, conflicts, session tokens,
//! pagination, limits and concurrency.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn a_missing_dataset_lists_empty_with_a_session_token() {
    let w = World::start().await;
    let id = w.identity().await;
    let out = w.list(&w.dev, &id, "save", "lastSyncCount=0").await.ok();
    assert_eq!(out["Count"], 0);
    assert_eq!(out["DatasetExists"], false);
    assert_eq!(out["DatasetSyncCount"], 0);
    assert_eq!(out["DatasetDeletedAfterRequestedSyncCount"], false);
    assert_eq!(out["Records"], json!([]));
    // The real service writes explicit nulls for these.
    assert!(out["NextToken"].is_null() && out.get("NextToken").is_some());
    assert!(out.get("MergedDatasetNames").is_some() && out["MergedDatasetNames"].is_null());
    assert!(!out["SyncSessionToken"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn each_update_raises_the_dataset_count_by_one() {
    let w = World::start().await;
    let (id, user) = w.user().await;
    let out = w
        .update(
            &user,
            &id,
            "save",
            json!([replace("a", "1", 0), replace("b", "2", 0)]),
        )
        .await
        .ok();
    let recs = out["Records"].as_array().unwrap();
    assert_eq!(recs.len(), 2);
    for r in recs {
        assert_eq!(r["SyncCount"], 1);
        assert_eq!(
            r["LastModifiedBy"],
            json!(id),
            "Cognito writes are attributed to the identity"
        );
        assert!(r["LastModifiedDate"].is_f64() || r["LastModifiedDate"].is_u64());
    }
    let out = w
        .update(&user, &id, "save", json!([replace("a", "10", 1)]))
        .await
        .ok();
    assert_eq!(out["Records"][0]["SyncCount"], 2);

    let all = w.list(&user, &id, "save", "").await.ok();
    assert_eq!(all["DatasetSyncCount"], 2);
    assert_eq!(all["DatasetExists"], true);
    assert_eq!(all["LastModifiedBy"], json!(id));
    assert_eq!(all["Count"], 2);
    // Only records changed after lastSyncCount (strictly greater).
    let since1 = w.list(&user, &id, "save", "lastSyncCount=1").await.ok();
    assert_eq!(since1["Count"], 1);
    assert_eq!(since1["Records"][0]["Key"], "a");
    assert_eq!(since1["Records"][0]["Value"], "10");
    let since2 = w.list(&user, &id, "save", "lastSyncCount=2").await.ok();
    assert_eq!(since2["Count"], 0);
    assert_eq!(since2["DatasetSyncCount"], 2);
}

#[tokio::test]
async fn developer_writes_are_attributed_to_the_account_and_keep_device_dates() {
    let w = World::start().await;
    let id = w.identity().await;
    let patch = json!([{ "Op": "replace", "Key": "k", "Value": "v", "SyncCount": 0, "DeviceLastModifiedDate": 1577934245 }]);
    let out = w.update(&w.dev, &id, "save", patch).await.ok();
    assert_eq!(out["Records"][0]["LastModifiedBy"], "000000000000");
    assert_eq!(
        out["Records"][0]["DeviceLastModifiedDate"],
        json!(1577934245.0)
    );
    // Fractional seconds (other SDKs) are accepted too.
    let patch = json!([{ "Op": "replace", "Key": "k", "Value": "w", "SyncCount": 1, "DeviceLastModifiedDate": 1.5779342456E9 }]);
    let out = w.update(&w.dev, &id, "save", patch).await.ok();
    assert_eq!(
        out["Records"][0]["DeviceLastModifiedDate"],
        json!(1577934245.6)
    );
}

#[tokio::test]
async fn removals_are_kept_as_tombstones() {
    let w = World::start().await;
    let (id, user) = w.user().await;
    w.update(
        &user,
        &id,
        "save",
        json!([replace("a", "1", 0), replace("b", "2", 0)]),
    )
    .await
    .ok();
    let out = w
        .update(&user, &id, "save", json!([remove("a", 1)]))
        .await
        .ok();
    assert_eq!(out["Records"][0]["SyncCount"], 2);
    assert!(out["Records"][0]["Value"].is_null());
    // Another device that synced at 1 sees the removal.
    let since = w.list(&user, &id, "save", "lastSyncCount=1").await.ok();
    assert_eq!(since["Records"][0]["Key"], "a");
    assert!(since["Records"][0]["Value"].is_null());
    let ds = user.get(&dataset_path(&w.pool, &id, "save")).await.ok();
    assert_eq!(ds["Dataset"]["NumRecords"], 1);
    assert_eq!(ds["Dataset"]["DataStorage"], 2, "b=2: key and value bytes");
    // Re-creating a removed key needs the tombstone's count.
    w.update(&user, &id, "save", json!([replace("a", "x", 0)]))
        .await
        .err(409, "ResourceConflictException");
    w.update(&user, &id, "save", json!([replace("a", "x", 2)]))
        .await
        .ok();
}

#[tokio::test]
async fn a_stale_sync_count_is_a_conflict_and_nothing_is_applied() {
    let w = World::start().await;
    let (id, user) = w.user().await;
    w.update(&user, &id, "save", json!([replace("a", "1", 0)]))
        .await
        .ok();
    let r = w
        .update(
            &user,
            &id,
            "save",
            json!([replace("b", "new", 0), replace("a", "stale", 0)]),
        )
        .await;
    let msg = r.err(409, "ResourceConflictException");
    assert_eq!(msg, "Current SyncCount for: a is: 1 not: 0");
    // A higher count than the server's conflicts too.
    let msg = w
        .update(&user, &id, "save", json!([replace("a", "x", 7)]))
        .await
        .err(409, "ResourceConflictException");
    assert_eq!(msg, "Current SyncCount for: a is: 1 not: 7");
    let all = w.list(&user, &id, "save", "").await.ok();
    assert_eq!(
        all["DatasetSyncCount"], 1,
        "the failed requests changed nothing"
    );
    assert_eq!(all["Count"], 1);
    assert_eq!(all["Records"][0]["Value"], "1");
}

#[tokio::test]
async fn of_two_concurrent_writers_with_the_same_count_exactly_one_wins() {
    let w = World::start().await;
    let id = w.identity().await;
    w.update(&w.dev, &id, "save", json!([replace("k", "0", 0)]))
        .await
        .ok();
    let token = w.session(&w.dev, &id, "save").await;
    let path = dataset_path(&w.pool, &id, "save");
    let mut tasks = Vec::new();
    for i in 0..8 {
        let dev = w.dev.clone();
        let path = path.clone();
        let body = json!({ "SyncSessionToken": token, "RecordPatches": [replace("k", &i.to_string(), 1)] });
        tasks.push(tokio::spawn(
            async move { dev.post(&path, &body).await.status },
        ));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        7,
        "{statuses:?}"
    );
    let all = w.list(&w.dev, &id, "save", "").await.ok();
    assert_eq!(all["DatasetSyncCount"], 2);
}

#[tokio::test]
async fn list_records_pages_with_opaque_tokens() {
    let w = World::start().await;
    let id = w.identity().await;
    let patches: Vec<_> = (0..25)
        .map(|i| replace(&format!("k{i:02}"), "v", 0))
        .collect();
    w.update(&w.dev, &id, "save", json!(patches)).await.ok();
    w.update(&w.dev, &id, "save", json!([replace("k03", "w", 1)]))
        .await
        .ok();

    let mut keys = Vec::new();
    let mut query = "maxResults=10".to_owned();
    let mut pages = 0;
    let mut session = None;
    loop {
        let page = w.list(&w.dev, &id, "save", &query).await.ok();
        pages += 1;
        assert!(page["Count"].as_u64().unwrap() <= 10);
        assert_eq!(
            page["Count"].as_u64().unwrap() as usize,
            page["Records"].as_array().unwrap().len()
        );
        // Every page of one listing belongs to the same sync session.
        let s = page["SyncSessionToken"].as_str().unwrap().to_owned();
        assert_eq!(session.get_or_insert(s.clone()), &s);
        keys.extend(
            page["Records"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["Key"].as_str().unwrap().to_owned()),
        );
        match page["NextToken"].as_str() {
            Some(t) => query = format!("maxResults=10&nextToken={}", enc(t)),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(keys.len(), 25);
    assert_eq!(
        keys.last().unwrap(),
        "k03",
        "ordered by SyncCount, then key"
    );

    let usage = w
        .dev
        .get(&format!("/identitypools/{}", enc(&w.pool)))
        .await
        .ok();
    assert_eq!(
        usage["IdentityPoolUsage"]["SyncSessionsCount"], 3,
        "two update sessions + one paged listing"
    );
}

#[tokio::test]
async fn forged_or_foreign_tokens_are_invalid_parameters() {
    let w = World::start().await;
    let id = w.identity().await;
    let other = w.identity().await;
    let patches: Vec<_> = (0..3).map(|i| replace(&format!("k{i}"), "v", 0)).collect();
    w.update(&w.dev, &id, "save", json!(patches)).await.ok();
    let page = w.list(&w.dev, &id, "save", "maxResults=1").await.ok();
    let next = page["NextToken"].as_str().unwrap();
    let session = page["SyncSessionToken"].as_str().unwrap();

    for bad in ["garbage", "", "a.b", &next[1..], &format!("{next}x")] {
        let q = format!("nextToken={}", enc(bad));
        if bad.is_empty() {
            continue;
        }
        w.list(&w.dev, &id, "save", &q)
            .await
            .err(400, "InvalidParameterException");
    }
    // A token of one dataset does not work for another, nor for another identity.
    w.list(&w.dev, &id, "other", &format!("nextToken={}", enc(next)))
        .await
        .err(400, "InvalidParameterException");
    w.list(&w.dev, &other, "save", &format!("nextToken={}", enc(next)))
        .await
        .err(400, "InvalidParameterException");

    let path = dataset_path(&w.pool, &id, "other");
    let msg = w
        .dev
        .post(
            &path,
            &json!({ "SyncSessionToken": session, "RecordPatches": [replace("x", "1", 0)] }),
        )
        .await
        .err(400, "InvalidParameterException");
    assert_eq!(msg, "SyncSessionToken not valid for these inputs");
    w.dev
        .post(
            &path,
            &json!({ "SyncSessionToken": "forged", "RecordPatches": [] }),
        )
        .await
        .err(400, "InvalidParameterException");
    let msg = w
        .dev
        .post(&path, &json!({ "RecordPatches": [] }))
        .await
        .err(400, "InvalidParameterException");
    assert!(msg.contains("syncSessionToken"), "{msg}");
    // ListRecords also validates a session token passed back in.
    w.list(
        &w.dev,
        &id,
        "other",
        &format!("syncSessionToken={}", enc(session)),
    )
    .await
    .err(400, "InvalidParameterException");
    let again = w
        .list(
            &w.dev,
            &id,
            "save",
            &format!("syncSessionToken={}", enc(session)),
        )
        .await
        .ok();
    assert_eq!(
        again["SyncSessionToken"],
        json!(session),
        "a valid session token is reused"
    );
}

#[tokio::test]
async fn session_tokens_expire() {
    let w = World::with_config(Config {
        sync_session_ttl: std::time::Duration::from_millis(300),
        ..Config::default()
    })
    .await;
    let id = w.identity().await;
    let token = w.session(&w.dev, &id, "save").await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let msg = w
        .dev
        .post(
            &dataset_path(&w.pool, &id, "save"),
            &json!({ "SyncSessionToken": token, "RecordPatches": [replace("a", "1", 0)] }),
        )
        .await
        .err(400, "InvalidParameterException");
    assert!(msg.contains("expired"), "{msg}");
    // Passed back into ListRecords (as iOS does), an expired token starts a new session.
    let fresh = w
        .list(
            &w.dev,
            &id,
            "save",
            &format!("syncSessionToken={}", enc(&token)),
        )
        .await
        .ok();
    assert_ne!(fresh["SyncSessionToken"], serde_json::json!(token));
}

#[tokio::test]
async fn a_sync_count_beyond_the_dataset_is_rejected() {
    let w = World::start().await;
    let id = w.identity().await;
    w.update(&w.dev, &id, "save", json!([replace("a", "1", 0)]))
        .await
        .ok();
    let msg = w
        .list(&w.dev, &id, "save", "lastSyncCount=5")
        .await
        .err(400, "InvalidParameterException");
    assert_eq!(msg, "No such SyncCount: 5 exists for this Dataset");
    w.list(&w.dev, &id, "save", "lastSyncCount=-1")
        .await
        .err(400, "InvalidParameterException");
    w.list(&w.dev, &id, "save", "lastSyncCount=abc")
        .await
        .err(400, "InvalidParameterException");
    w.list(&w.dev, &id, "save", "maxResults=0")
        .await
        .err(400, "InvalidParameterException");
}

#[tokio::test]
async fn deletion_is_reported_after_the_requested_count_even_once_recreated() {
    let w = World::start().await;
    let id = w.identity().await;
    w.update(&w.dev, &id, "save", json!([replace("a", "1", 0)]))
        .await
        .ok();
    w.update(&w.dev, &id, "save", json!([replace("b", "2", 0)]))
        .await
        .ok();
    w.dev.delete(&dataset_path(&w.pool, &id, "save")).await.ok();

    let gone = w.list(&w.dev, &id, "save", "lastSyncCount=2").await.ok();
    assert_eq!(gone["DatasetExists"], false);
    assert_eq!(gone["DatasetDeletedAfterRequestedSyncCount"], true);
    assert_eq!(gone["DatasetSyncCount"], 0);
    let fresh = w.list(&w.dev, &id, "save", "").await.ok();
    assert_eq!(fresh["DatasetDeletedAfterRequestedSyncCount"], false);

    // Re-created: old keys start from 0 again, and the count keeps growing.
    let out = w
        .update(&w.dev, &id, "save", json!([replace("a", "new", 0)]))
        .await
        .ok();
    let count = out["Records"][0]["SyncCount"].as_i64().unwrap();
    assert!(count > 2, "{count}");
    let stale = w.list(&w.dev, &id, "save", "lastSyncCount=2").await.ok();
    assert_eq!(stale["DatasetExists"], true);
    assert_eq!(stale["DatasetDeletedAfterRequestedSyncCount"], true);
    assert_eq!(stale["Count"], 1, "only the re-created record");
    let current = w
        .list(&w.dev, &id, "save", &format!("lastSyncCount={count}"))
        .await
        .ok();
    assert_eq!(current["DatasetDeletedAfterRequestedSyncCount"], false);
}

#[tokio::test]
async fn patches_are_validated_against_the_model() {
    let w = World::start().await;
    let id = w.identity().await;
    let cases = [
        json!([{ "Op": "upsert", "Key": "a", "SyncCount": 0 }]),
        json!([{ "Key": "a", "SyncCount": 0 }]),
        json!([{ "Op": "replace", "Value": "v", "SyncCount": 0 }]),
        json!([{ "Op": "replace", "Key": "a", "Value": "v" }]),
        json!([{ "Op": "replace", "Key": "", "Value": "v", "SyncCount": 0 }]),
        json!([{ "Op": "replace", "Key": "a".repeat(1025), "Value": "v", "SyncCount": 0 }]),
        json!([{ "Op": "replace", "Key": "a", "Value": "v", "SyncCount": -1 }]),
        json!([{ "Op": "replace", "Key": "a", "Value": "v", "SyncCount": "0" }]),
        json!([{ "Op": "replace", "Key": "a", "Value": 5, "SyncCount": 0 }]),
        json!([replace("a", "1", 0), replace("a", "2", 0)]),
        json!("not a list"),
    ];
    for patches in cases {
        let r = w.update(&w.dev, &id, "save", patches.clone()).await;
        assert_eq!(r.status, 400, "{patches}");
        assert_eq!(r.error_code(), "InvalidParameterException", "{patches}");
    }
    let msg = w
        .update(
            &w.dev,
            &id,
            "save",
            json!([{ "Op": "upsert", "Key": "a", "SyncCount": 0 }]),
        )
        .await
        .err(400, "InvalidParameterException");
    assert!(
        msg.starts_with(
            "1 validation error detected: Value 'upsert' at 'recordPatches.1.member.op'"
        ),
        "{msg}"
    );
    let big = "v".repeat(1_048_576);
    w.update(&w.dev, &id, "save", json!([replace("a", &big, 0)]))
        .await
        .err(400, "InvalidParameterException");
    assert_eq!(
        w.list(&w.dev, &id, "save", "").await.ok()["DatasetExists"],
        false
    );
}

#[tokio::test]
async fn dataset_names_follow_the_pattern() {
    let w = World::start().await;
    let id = w.identity().await;
    w.list(&w.dev, &id, "ok_name-1.2:3", "").await.ok();
    for bad in [
        "has space",
        "slash/name",
        "star*",
        "caf\u{e9}",
        &"n".repeat(129),
    ] {
        let msg = w
            .list(&w.dev, &id, bad, "")
            .await
            .err(400, "InvalidParameterException");
        assert!(msg.contains("datasetName"), "{msg}");
    }
}

#[tokio::test]
async fn limits_use_the_real_error_types() {
    let w = World::with_config(Config {
        max_dataset_bytes: 100,
        max_records_per_dataset: 3,
        ..Config::default()
    })
    .await;
    let id = w.identity().await;
    // 1 MB per dataset (configurable; 100 bytes here).
    w.update(
        &w.dev,
        &id,
        "big",
        json!([replace("k", &"v".repeat(99), 0)]),
    )
    .await
    .ok();
    let msg = w
        .update(&w.dev, &id, "big", json!([replace("k2", "v", 0)]))
        .await
        .err(400, "LimitExceededException");
    assert!(msg.contains("100 bytes"), "{msg}");
    // Shrinking is always allowed.
    w.update(&w.dev, &id, "big", json!([replace("k", "small", 1)]))
        .await
        .ok();
    // Records per dataset.
    w.update(
        &w.dev,
        &id,
        "many",
        json!([
            replace("a", "1", 0),
            replace("b", "1", 0),
            replace("c", "1", 0)
        ]),
    )
    .await
    .ok();
    w.update(&w.dev, &id, "many", json!([replace("d", "1", 0)]))
        .await
        .err(400, "LimitExceededException");
    w.update(
        &w.dev,
        &id,
        "many",
        json!([remove("c", 1), replace("d", "1", 0)]),
    )
    .await
    .ok();
}

#[tokio::test]
async fn twenty_datasets_per_identity() {
    let w = World::start().await;
    let id = w.identity().await;
    for i in 0..20 {
        w.update(
            &w.dev,
            &id,
            &format!("ds{i}"),
            json!([replace("k", "v", 0)]),
        )
        .await
        .ok();
    }
    let msg = w
        .update(&w.dev, &id, "ds20", json!([replace("k", "v", 0)]))
        .await
        .err(400, "LimitExceededException");
    assert!(msg.contains("20"), "{msg}");
    // Existing datasets still take writes; deleting one frees a slot.
    w.update(&w.dev, &id, "ds0", json!([replace("k", "w", 1)]))
        .await
        .ok();
    w.dev.delete(&dataset_path(&w.pool, &id, "ds1")).await.ok();
    w.update(&w.dev, &id, "ds20", json!([replace("k", "v", 0)]))
        .await
        .ok();
}

#[tokio::test]
async fn an_update_without_patches_changes_no_count() {
    let w = World::start().await;
    let id = w.identity().await;
    let out = w.update(&w.dev, &id, "empty", json!([])).await.ok();
    assert_eq!(out["Records"], json!([]));
    let ds = w.list(&w.dev, &id, "empty", "").await.ok();
    assert_eq!(
        ds["DatasetExists"], true,
        "UpdateRecords creates the dataset"
    );
    assert_eq!(ds["DatasetSyncCount"], 0);
}

#[tokio::test]
async fn unknown_pools_are_not_found() {
    let w = World::start().await;
    let id = w.identity().await;
    let pool = "us-east-1:00000000-0000-0000-0000-00000000dead";
    let r = w.dev.get(&records_path(pool, &id, "save", "")).await;
    let msg = r.err(404, "ResourceNotFoundException");
    assert!(msg.contains(pool));
}
