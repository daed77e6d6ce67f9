//! Shared set-up of the end-to-end tests: an in-process emulator on 127.0.0.1:0, a client
//! with developer credentials, and clients signed with a Cognito identity's credentials.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use cognito_sync::credentials::CognitoIdentityProvider;
use cognito_sync::model::*;
use cognito_sync::{Client, Credentials, RetryConfig};
use cognito_sync_local::{Config, Emulator};

pub const REGION: &str = "us-east-1";

/// Fast retries, so fault-injection tests take milliseconds.
pub fn fast_retries(max_attempts: u32) -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(max_attempts)
        .with_initial_backoff(Duration::from_millis(2))
        .with_max_backoff(Duration::from_millis(10))
}

pub struct Env {
    pub emu: Emulator,
    pub pool: String,
    /// Signed with the emulator's developer key.
    pub dev: Client,
}

pub async fn start() -> Env {
    start_with(Config::default()).await
}

pub async fn start_with(config: Config) -> Env {
    let emu = Emulator::start(config).await.expect("emulator starts");
    let pool = emu.create_identity_pool("e2e", true).expect("pool");
    let dev = dev_client(&emu, fast_retries(3));
    Env { emu, pool, dev }
}

pub fn dev_client(emu: &Emulator, retry: RetryConfig) -> Client {
    let (ak, sk) = emu.developer_credentials();
    Client::builder()
        .region(REGION)
        .endpoint_url(emu.endpoint())
        .credentials(Credentials::new(ak, sk, None))
        .retry_config(retry)
        .build()
        .expect("client builds")
}

pub fn identity_provider(emu: &Emulator, pool: &str) -> CognitoIdentityProvider {
    CognitoIdentityProvider::builder()
        .identity_pool_id(pool)
        .region(REGION)
        .endpoint_url(emu.endpoint())
        .build()
        .expect("provider builds")
}

/// A new unauthenticated identity and a client signed with its credentials.
pub async fn identity_client(env: &Env) -> (Client, String) {
    let provider = identity_provider(&env.emu, &env.pool);
    let id = provider.identity_id().await.expect("GetId");
    let client = Client::builder()
        .region(REGION)
        .endpoint_url(env.emu.endpoint())
        .credentials_provider(Arc::new(provider))
        .retry_config(fast_retries(3))
        .build()
        .expect("client builds");
    (client, id)
}

pub fn list_input(env: &Env, id: &str, dataset: &str, last_sync_count: i64) -> ListRecordsInput {
    ListRecordsInput {
        identity_pool_id: env.pool.clone(),
        identity_id: id.to_owned(),
        dataset_name: dataset.to_owned(),
        last_sync_count: Some(last_sync_count),
        ..Default::default()
    }
}

/// Lists then writes `patches`, returning the written records.
pub async fn write(
    client: &Client,
    env: &Env,
    id: &str,
    dataset: &str,
    patches: Vec<RecordPatch>,
) -> Result<UpdateRecordsOutput, cognito_sync::Error> {
    let listed = client.list_records(list_input(env, id, dataset, 0)).await?;
    client
        .update_records(UpdateRecordsInput {
            identity_pool_id: env.pool.clone(),
            identity_id: id.to_owned(),
            dataset_name: dataset.to_owned(),
            record_patches: Some(patches),
            sync_session_token: listed.sync_session_token.unwrap_or_default(),
            ..Default::default()
        })
        .await
}
