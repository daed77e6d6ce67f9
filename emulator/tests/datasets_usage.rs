//! DescribeDataset, DeleteDataset, ListDatasets and the usage figures, which must add up.
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
async fn describe_and_delete_return_the_dataset_metadata() {
    let w = World::start().await;
    let (id, user) = w.user().await;
    w.update(
        &user,
        &id,
        "save",
        json!([replace("key", "value", 0), replace("n", "1", 0)]),
    )
    .await
    .ok();
    let ds = user.get(&dataset_path(&w.pool, &id, "save")).await.ok()["Dataset"].clone();
    assert_eq!(ds["IdentityId"], json!(id));
    assert_eq!(ds["DatasetName"], "save");
    assert_eq!(ds["NumRecords"], 2);
    assert_eq!(ds["DataStorage"], 10, "UTF-8 bytes of keys and values");
    assert_eq!(ds["LastModifiedBy"], json!(id));
    assert!(
        ds["CreationDate"].as_f64().unwrap() > 1.6e9,
        "epoch seconds"
    );
    assert!(ds["LastModifiedDate"].as_f64().unwrap() >= ds["CreationDate"].as_f64().unwrap());

    let deleted = user.delete(&dataset_path(&w.pool, &id, "save")).await.ok()["Dataset"].clone();
    assert_eq!(
        deleted, ds,
        "DeleteDataset answers with the deleted dataset"
    );
    user.get(&dataset_path(&w.pool, &id, "save"))
        .await
        .err(404, "ResourceNotFoundException");
    user.delete(&dataset_path(&w.pool, &id, "save"))
        .await
        .err(404, "ResourceNotFoundException");
    user.get(&dataset_path(&w.pool, &id, "never"))
        .await
        .err(404, "ResourceNotFoundException");
}

#[tokio::test]
async fn list_datasets_pages_and_skips_deleted_ones() {
    let w = World::start().await;
    let id = w.identity().await;
    for i in 0..7 {
        w.update(
            &w.dev,
            &id,
            &format!("ds{i}"),
            json!([replace("k", "v", 0)]),
        )
        .await
        .ok();
    }
    w.dev.delete(&dataset_path(&w.pool, &id, "ds3")).await.ok();
    let base = format!(
        "/identitypools/{}/identities/{}/datasets",
        enc(&w.pool),
        enc(&id)
    );
    let mut names = Vec::new();
    let mut q = "?maxResults=4".to_owned();
    loop {
        let page = w.dev.get(&format!("{base}{q}")).await.ok();
        let list = page["Datasets"].as_array().unwrap();
        assert_eq!(page["Count"].as_u64().unwrap() as usize, list.len());
        names.extend(
            list.iter()
                .map(|d| d["DatasetName"].as_str().unwrap().to_owned()),
        );
        match page["NextToken"].as_str() {
            Some(t) => q = format!("?maxResults=4&nextToken={}", enc(t)),
            None => break,
        }
    }
    assert_eq!(names, ["ds0", "ds1", "ds2", "ds4", "ds5", "ds6"]);
    w.dev
        .get(&format!("{base}?nextToken=forged"))
        .await
        .err(400, "InvalidParameterException");
    // A token is bound to its identity.
    let page = w.dev.get(&format!("{base}?maxResults=1")).await.ok();
    let other = w.identity().await;
    let other_base = format!(
        "/identitypools/{}/identities/{}/datasets",
        enc(&w.pool),
        enc(&other)
    );
    w.dev
        .get(&format!(
            "{other_base}?nextToken={}",
            enc(page["NextToken"].as_str().unwrap())
        ))
        .await
        .err(400, "InvalidParameterException");
    // An identity without data has no datasets (not an error).
    let empty = w.dev.get(&other_base).await.ok();
    assert_eq!(empty["Count"], 0);
    assert_eq!(empty["Datasets"], json!([]));
}

#[tokio::test]
async fn usage_figures_add_up() {
    let w = World::start().await;
    let (a, ua) = w.user().await;
    let (b, ub) = w.user().await;
    w.update(&ua, &a, "one", json!([replace("k", "vvvv", 0)]))
        .await
        .ok(); // 5
    w.update(
        &ua,
        &a,
        "two",
        json!([replace("kk", "v", 0), replace("x", "y", 0)]),
    )
    .await
    .ok(); // 3 + 2
    w.update(&ub, &b, "one", json!([replace("key", "value", 0)]))
        .await
        .ok(); // 8

    let ia = ua
        .get(&format!(
            "/identitypools/{}/identities/{}",
            enc(&w.pool),
            enc(&a)
        ))
        .await
        .ok();
    let ia = &ia["IdentityUsage"];
    assert_eq!(ia["IdentityId"], json!(a));
    assert_eq!(ia["IdentityPoolId"], json!(w.pool));
    assert_eq!(ia["DatasetCount"], 2);
    assert_eq!(ia["DataStorage"], 10);
    assert!(ia["LastModifiedDate"].as_f64().is_some());
    let ib = ub
        .get(&format!(
            "/identitypools/{}/identities/{}",
            enc(&w.pool),
            enc(&b)
        ))
        .await
        .ok();
    assert_eq!(ib["IdentityUsage"]["DataStorage"], 8);

    let pool = w
        .dev
        .get(&format!("/identitypools/{}", enc(&w.pool)))
        .await
        .ok();
    let pool = &pool["IdentityPoolUsage"];
    assert_eq!(pool["IdentityPoolId"], json!(w.pool));
    assert_eq!(pool["DataStorage"], 18, "the sum of its identities");
    assert_eq!(
        pool["SyncSessionsCount"], 3,
        "one ListRecords session per update above"
    );
    assert!(pool["LastModifiedDate"].as_f64().is_some());

    // A deleted dataset no longer counts.
    ua.delete(&dataset_path(&w.pool, &a, "two")).await.ok();
    let pool = w
        .dev
        .get(&format!("/identitypools/{}", enc(&w.pool)))
        .await
        .ok();
    assert_eq!(pool["IdentityPoolUsage"]["DataStorage"], 13);
    let ia = ua
        .get(&format!(
            "/identitypools/{}/identities/{}",
            enc(&w.pool),
            enc(&a)
        ))
        .await
        .ok();
    assert_eq!(ia["IdentityUsage"]["DatasetCount"], 1);

    // A known identity without data has zero usage; an unknown one is not found.
    let c = w.identity().await;
    let ic = w
        .dev
        .get(&format!(
            "/identitypools/{}/identities/{}",
            enc(&w.pool),
            enc(&c)
        ))
        .await
        .ok();
    assert_eq!(ic["IdentityUsage"]["DatasetCount"], 0);
    assert_eq!(ic["IdentityUsage"]["DataStorage"], 0);
    w.dev
        .get(&format!(
            "/identitypools/{}/identities/{}",
            enc(&w.pool),
            enc("us-east-1:0000dead")
        ))
        .await
        .err(404, "ResourceNotFoundException");
    w.dev
        .get(&format!("/identitypools/{}", enc("us-east-1:0000dead")))
        .await
        .err(404, "ResourceNotFoundException");
}

#[tokio::test]
async fn list_identity_pool_usage_lists_every_pool() {
    let w = World::start().await;
    let mut created = vec![w.pool.clone()];
    for i in 0..4 {
        created.push(w.emu.create_identity_pool(&format!("p{i}"), false).unwrap());
    }
    created.sort();
    let mut seen = Vec::new();
    let mut q = "?maxResults=2".to_owned();
    loop {
        let page = w.dev.get(&format!("/identitypools{q}")).await.ok();
        assert_eq!(page["MaxResults"], 2);
        let list = page["IdentityPoolUsages"].as_array().unwrap();
        assert_eq!(page["Count"].as_u64().unwrap() as usize, list.len());
        for u in list {
            assert_eq!(u["DataStorage"], 0);
            seen.push(u["IdentityPoolId"].as_str().unwrap().to_owned());
        }
        match page["NextToken"].as_str() {
            Some(t) => q = format!("?maxResults=2&nextToken={}", enc(t)),
            None => break,
        }
    }
    assert_eq!(seen, created);
    w.dev
        .get("/identitypools?nextToken=xyz")
        .await
        .err(400, "InvalidParameterException");
    w.dev
        .get("/identitypools?maxResults=-3")
        .await
        .err(400, "InvalidParameterException");
}
