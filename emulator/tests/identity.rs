//! The Cognito Identity subset: pools, identities, logins, merges and temporary credentials.
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
async fn pools_can_be_created_described_listed_and_deleted() {
    let w = World::start().await;
    let created = w
        .dev
        .identity(
            "CreateIdentityPool",
            &json!({ "IdentityPoolName": "My pool", "AllowUnauthenticatedIdentities": false,
                     "SupportedLoginProviders": { "graph.facebook.com": "123" } }),
        )
        .await;
    assert_eq!(
        created.headers["content-type"],
        "application/x-amz-json-1.1"
    );
    let created = created.ok();
    let id = created["IdentityPoolId"].as_str().unwrap().to_owned();
    assert!(id.starts_with("us-east-1:"));
    assert_eq!(
        created["SupportedLoginProviders"],
        json!({ "graph.facebook.com": "123" })
    );
    let described = w
        .dev
        .identity("DescribeIdentityPool", &json!({ "IdentityPoolId": id }))
        .await
        .ok();
    assert_eq!(described, created);

    let page = w
        .dev
        .identity("ListIdentityPools", &json!({ "MaxResults": 1 }))
        .await
        .ok();
    assert_eq!(page["IdentityPools"].as_array().unwrap().len(), 1);
    let token = page["NextToken"].as_str().unwrap();
    let rest = w
        .dev
        .identity(
            "ListIdentityPools",
            &json!({ "MaxResults": 60, "NextToken": token }),
        )
        .await
        .ok();
    assert_eq!(rest["IdentityPools"].as_array().unwrap().len(), 1);
    assert!(rest.get("NextToken").is_none());
    w.dev
        .identity("ListIdentityPools", &json!({}))
        .await
        .err(400, "InvalidParameterException");
    w.dev
        .identity("ListIdentityPools", &json!({ "MaxResults": 61 }))
        .await
        .err(400, "InvalidParameterException");

    w.dev
        .identity(
            "CreateIdentityPool",
            &json!({ "IdentityPoolName": "bad/name", "AllowUnauthenticatedIdentities": true }),
        )
        .await
        .err(400, "InvalidParameterException");
    w.dev
        .identity("CreateIdentityPool", &json!({ "IdentityPoolName": "x" }))
        .await
        .err(400, "InvalidParameterException");

    let r = w
        .dev
        .identity("DeleteIdentityPool", &json!({ "IdentityPoolId": id }))
        .await;
    assert_eq!(r.status, 200);
    w.dev
        .identity("DescribeIdentityPool", &json!({ "IdentityPoolId": id }))
        .await
        .err(400, "ResourceNotFoundException");
    // Sync calls on the deleted pool fail as for any unknown pool.
    w.dev
        .get(&format!("/identitypools/{}", enc(&id)))
        .await
        .err(404, "ResourceNotFoundException");
}

#[tokio::test]
async fn pool_management_needs_developer_credentials() {
    let w = World::start().await;
    let (_, user) = w.user().await;
    w.dev
        .unsigned()
        .identity("DescribeIdentityPool", &json!({ "IdentityPoolId": w.pool }))
        .await
        .err(400, "MissingAuthenticationTokenException");
    user.identity("DescribeIdentityPool", &json!({ "IdentityPoolId": w.pool }))
        .await
        .err(400, "NotAuthorizedException");
    w.dev
        .identity("UnlinkDeveloperIdentity", &json!({}))
        .await
        .err(400, "UnknownOperationException");
}

#[tokio::test]
async fn get_id_follows_the_pool_rules() {
    let w = World::start().await;
    let closed = w.emu.create_identity_pool("closed", false).unwrap();
    let anon = w.dev.unsigned();
    let msg = anon
        .identity("GetId", &json!({ "IdentityPoolId": closed }))
        .await
        .err(400, "NotAuthorizedException");
    assert_eq!(
        msg,
        "Unauthenticated access is not supported for this identity pool."
    );
    anon.identity("GetId", &json!({ "IdentityPoolId": "us-east-1:00dead" }))
        .await
        .err(400, "ResourceNotFoundException");
    anon.identity("GetId", &json!({}))
        .await
        .err(400, "InvalidParameterException");
    anon.identity("GetId", &json!({ "IdentityPoolId": "nope" }))
        .await
        .err(400, "InvalidParameterException");
    anon.identity(
        "GetCredentialsForIdentity",
        &json!({ "IdentityId": "us-east-1:00dead" }),
    )
    .await
    .err(400, "ResourceNotFoundException");

    // Logins always map to the same identity, even in a pool closed to guests.
    let logins = json!({ "graph.facebook.com": "fb-user-1" });
    let a = anon
        .identity(
            "GetId",
            &json!({ "IdentityPoolId": closed, "Logins": logins }),
        )
        .await
        .ok();
    let b = anon
        .identity(
            "GetId",
            &json!({ "IdentityPoolId": closed, "Logins": logins }),
        )
        .await
        .ok();
    assert_eq!(a, b);
    let id = a["IdentityId"].as_str().unwrap();
    let msg = anon
        .identity("GetCredentialsForIdentity", &json!({ "IdentityId": id }))
        .await
        .err(400, "NotAuthorizedException");
    assert!(msg.starts_with("Logins don't match"), "{msg}");
    let creds = anon
        .identity(
            "GetCredentialsForIdentity",
            &json!({ "IdentityId": id, "Logins": logins }),
        )
        .await
        .ok();
    assert_eq!(creds["IdentityId"], json!(id));
    let c = &creds["Credentials"];
    assert!(c["Expiration"].as_f64().unwrap() > 1.6e9);
    assert!(!c["SecretKey"].as_str().unwrap().is_empty());

    let token = anon
        .identity(
            "GetOpenIdToken",
            &json!({ "IdentityId": id, "Logins": logins }),
        )
        .await
        .ok();
    assert_eq!(token["IdentityId"], json!(id));
    assert_eq!(token["Token"].as_str().unwrap().split('.').count(), 3);
}

#[tokio::test]
async fn logging_in_merges_a_guest_identity_and_reports_merged_datasets() {
    let w = World::start().await;
    let anon = w.dev.unsigned();
    let logins = json!({ "accounts.google.com": "google-user-7" });
    let owner = anon
        .identity(
            "GetId",
            &json!({ "IdentityPoolId": w.pool, "Logins": logins }),
        )
        .await
        .ok()["IdentityId"]
        .as_str()
        .unwrap()
        .to_owned();
    w.update(&w.dev, &owner, "save", json!([replace("level", "3", 0)]))
        .await
        .ok();
    let (guest, guest_client) = w.user().await;
    w.update(
        &guest_client,
        &guest,
        "save",
        json!([replace("level", "9", 0), replace("coins", "5", 0)]),
    )
    .await
    .ok();

    // The guest signs in with a login that already belongs to `owner`.
    let creds = anon
        .identity(
            "GetCredentialsForIdentity",
            &json!({ "IdentityId": guest, "Logins": logins }),
        )
        .await
        .ok();
    assert_eq!(
        creds["IdentityId"],
        json!(owner),
        "the surviving identity is returned"
    );
    // The guest ID now resolves to the owner.
    let again = anon
        .identity(
            "GetCredentialsForIdentity",
            &json!({ "IdentityId": guest, "Logins": logins }),
        )
        .await
        .ok();
    assert_eq!(again["IdentityId"], json!(owner));

    let merged_name = format!("save.{guest}");
    let list = w.list(&w.dev, &owner, "save", "").await.ok();
    assert_eq!(list["MergedDatasetNames"], json!([merged_name]));
    let merged = w.list(&w.dev, &owner, &merged_name, "").await.ok();
    assert_eq!(
        merged["DatasetSyncCount"], 1,
        "merged datasets start at SyncCount 1"
    );
    assert_eq!(merged["Count"], 2);
    let guest_data = w
        .dev
        .get(&format!(
            "/identitypools/{}/identities/{}/datasets",
            enc(&w.pool),
            enc(&guest)
        ))
        .await
        .ok();
    assert_eq!(guest_data["Count"], 0, "the merged identity's data moved");

    // Deleting the merged dataset removes the report.
    w.dev
        .delete(&dataset_path(&w.pool, &owner, &merged_name))
        .await
        .ok();
    assert!(w.list(&w.dev, &owner, "save", "").await.ok()["MergedDatasetNames"].is_null());

    // ListIdentities shows the merged (disabled) identity unless hidden.
    let all = w
        .dev
        .identity(
            "ListIdentities",
            &json!({ "IdentityPoolId": w.pool, "MaxResults": 60 }),
        )
        .await
        .ok();
    assert_eq!(all["Identities"].as_array().unwrap().len(), 2);
    let shown = w
        .dev
        .identity(
            "ListIdentities",
            &json!({ "IdentityPoolId": w.pool, "MaxResults": 60, "HideDisabled": true }),
        )
        .await
        .ok();
    let shown = shown["Identities"].as_array().unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0]["IdentityId"], json!(owner));
    assert_eq!(shown[0]["Logins"], json!(["accounts.google.com"]));
}

#[tokio::test]
async fn list_identities_pages() {
    let w = World::start().await;
    for _ in 0..5 {
        w.identity().await;
    }
    let mut seen = 0;
    let mut body = json!({ "IdentityPoolId": w.pool, "MaxResults": 2 });
    loop {
        let page = w.dev.identity("ListIdentities", &body).await.ok();
        seen += page["Identities"].as_array().unwrap().len();
        match page["NextToken"].as_str() {
            Some(t) => body["NextToken"] = json!(t),
            None => break,
        }
    }
    assert_eq!(seen, 5);
    body["NextToken"] = json!("forged");
    w.dev
        .identity("ListIdentities", &body)
        .await
        .err(400, "InvalidParameterException");
}
