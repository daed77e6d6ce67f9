//! Quickstart: an identity, a dataset, records written and read back, a conflict, and
//! the dataset deleted.
//!
//! With no endpoint configured (`AWS_ENDPOINT_URL_COGNITO_SYNC` unset), it starts
//! `cognito-sync-local` in-process on 127.0.0.1 and creates an identity pool there, so it
//! needs no AWS account:
//!
//! ```text
//! cargo run -p cognito-sync --example quickstart
//! ```
//!
//! Against another endpoint (or AWS), set `AWS_ENDPOINT_URL_COGNITO_SYNC` (the same URL is
//! used for Cognito Identity unless `AWS_ENDPOINT_URL_COGNITO_IDENTITY` is set), `AWS_REGION`
//! and `COGNITO_IDENTITY_POOL_ID` (a pool allowing unauthenticated identities).

use std::sync::Arc;

use cognito_sync::credentials::CognitoIdentityProvider;
use cognito_sync::model::{DeleteDatasetInput, ListRecordsInput, RecordPatch, UpdateRecordsInput};
use cognito_sync::{Client, ErrorKind};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

#[tokio::main]
async fn main() -> Result<()> {
    // 1. Where to talk to: a configured endpoint, or an emulator started right here.
    let mut emulator = None;
    let (endpoint, region, pool_id) = match std::env::var("AWS_ENDPOINT_URL_COGNITO_SYNC") {
        Ok(endpoint) if !endpoint.is_empty() => {
            let pool = std::env::var("COGNITO_IDENTITY_POOL_ID")
                .map_err(|_| "set COGNITO_IDENTITY_POOL_ID to an identity pool id")?;
            let region = std::env::var("AWS_REGION")
                .unwrap_or_else(|_| pool.split(':').next().unwrap_or("us-east-1").to_owned());
            println!("Using the endpoint {endpoint} and the identity pool {pool}");
            (endpoint, region, pool)
        }
        _ => {
            let emu =
                cognito_sync_local::Emulator::start(cognito_sync_local::Config::default()).await?;
            let pool = emu.create_identity_pool("quickstart", true)?;
            println!(
                "Started cognito-sync-local at {} with the identity pool {pool}",
                emu.endpoint()
            );
            let endpoint = emu.endpoint().to_owned();
            emulator = Some(emu);
            (endpoint, "us-east-1".to_owned(), pool)
        }
    };
    let identity_endpoint = std::env::var("AWS_ENDPOINT_URL_COGNITO_IDENTITY")
        .ok()
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| endpoint.clone());

    // 2. An unauthenticated identity from Cognito Identity (GetId), whose temporary
    //    credentials (GetCredentialsForIdentity) sign every Cognito Sync call.
    let identity = CognitoIdentityProvider::builder()
        .identity_pool_id(&pool_id)
        .region(&region)
        .endpoint_url(&identity_endpoint)
        .build()?;
    let identity_id = identity.identity_id().await?;
    println!("GetId gave the identity {identity_id}");

    let client = Client::builder()
        .region(&region)
        .endpoint_url(&endpoint)
        .credentials_provider(Arc::new(identity.clone()))
        .build()?;

    let dataset = "quickstart";
    let list = |last_sync_count: i64| ListRecordsInput {
        identity_pool_id: pool_id.clone(),
        identity_id: identity_id.clone(),
        dataset_name: dataset.into(),
        last_sync_count: Some(last_sync_count),
        ..Default::default()
    };

    // 3. Write: ListRecords gives the session token that UpdateRecords needs.
    let before = client.list_records(list(0)).await?;
    println!(
        "ListRecords on {dataset:?}: exists={:?}, sync count {:?}",
        before.dataset_exists.unwrap_or(false),
        before.dataset_sync_count.unwrap_or(0)
    );
    let written = client
        .update_records(UpdateRecordsInput {
            identity_pool_id: pool_id.clone(),
            identity_id: identity_id.clone(),
            dataset_name: dataset.into(),
            record_patches: Some(vec![
                RecordPatch::replace("highscore", "4200", 0)
                    .with_device_last_modified_date(std::time::SystemTime::now()),
                RecordPatch::replace("level", "7", 0),
            ]),
            sync_session_token: before.sync_session_token.clone().unwrap_or_default(),
            ..Default::default()
        })
        .await?;
    println!("UpdateRecords wrote {} records", written.records().len());

    // 4. Read them back.
    let after = client.list_records(list(0)).await?;
    println!(
        "ListRecords now has {} records, dataset sync count {}:",
        after.records().len(),
        after.dataset_sync_count.unwrap_or(0)
    );
    for r in after.records() {
        println!(
            "  {} = {} (sync count {})",
            r.key.as_deref().unwrap_or("?"),
            r.value.as_deref().unwrap_or("<deleted>"),
            r.sync_count.unwrap_or(0)
        );
    }

    // 5. A stale write: sync count 0 for a key the server has at a newer count.
    let stale = client
        .update_records(UpdateRecordsInput {
            identity_pool_id: pool_id.clone(),
            identity_id: identity_id.clone(),
            dataset_name: dataset.into(),
            record_patches: Some(vec![RecordPatch::replace("highscore", "1", 0)]),
            sync_session_token: after.sync_session_token.clone().unwrap_or_default(),
            ..Default::default()
        })
        .await;
    match stale {
        Err(e) if e.kind() == ErrorKind::ResourceConflict => println!(
            "A stale write was refused, as it should be: {} (HTTP {})",
            e.code().unwrap_or("?"),
            e.http_status().unwrap_or(0)
        ),
        Err(e) => return Err(format!("expected a conflict, got {e}").into()),
        Ok(_) => return Err("expected a conflict, the stale write was accepted".into()),
    }

    // 6. Clean up.
    let deleted = client
        .delete_dataset(DeleteDatasetInput {
            identity_pool_id: pool_id.clone(),
            identity_id: identity_id.clone(),
            dataset_name: dataset.into(),
        })
        .await?;
    let records = deleted.dataset.and_then(|d| d.num_records).unwrap_or(0);
    println!("DeleteDataset removed {dataset:?} ({records} records)");
    let gone = client.list_records(list(0)).await?;
    println!(
        "ListRecords afterwards: exists={}",
        gone.dataset_exists.unwrap_or(false)
    );

    if let Some(emu) = emulator {
        emu.stop().await;
        println!("Stopped cognito-sync-local");
    }
    Ok(())
}
