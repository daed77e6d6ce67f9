//! The `serve-emulator` subcommand: the real emulator (`cognito_sync_local::Emulator`, in
//! memory) in a process of its own, with one identity pool, one identity per worker slot and
//! each identity's 10-record list dataset already written, so runs only read and write.

use crate::fixtures::{update_records_body, LIST_DATASET, MAX_WORKERS};
use crate::raw;
use bytes::Bytes;
use http::Method;
use std::time::SystemTime;

/// Starts the emulator, seeds it, prints `listening on URL`, `pool ID` and
/// `identities ID,ID,...`, then serves until standard input closes.
pub fn serve() -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("runtime: {e}"))?;
    rt.block_on(async {
        let emu = cognito_sync_local::Emulator::start(cognito_sync_local::Config::default())
            .await
            .map_err(|e| format!("emulator: {e}"))?;
        let endpoint = emu.endpoint().to_string();
        let pool = emu
            .create_identity_pool("bench", true)
            .map_err(|e| format!("create pool: {e}"))?;
        let http = raw::http_client();
        let mut identities = Vec::with_capacity(MAX_WORKERS);
        for _ in 0..MAX_WORKERS {
            let id = raw::get_id(&http, &endpoint, &pool).await?;
            seed(&http, &endpoint, &pool, &id).await?;
            identities.push(id);
        }
        println!("listening on {endpoint}");
        println!("pool {pool}");
        println!("identities {}", identities.join(","));
        crate::server_control::spawn_stdin_watcher();
        std::future::pending::<()>().await;
        drop(emu);
        Ok(())
    })
}

/// Writes the 10 records of the list dataset of `identity`.
async fn seed(
    http: &raw::HttpClient,
    endpoint: &str,
    pool: &str,
    identity: &str,
) -> Result<(), String> {
    let (count, token) = raw::sync_state(http, endpoint, pool, identity, LIST_DATASET).await?;
    let path = format!(
        "/identitypools/{}/identities/{}/datasets/{}",
        crate::fixtures::encode_label(pool),
        crate::fixtures::encode_label(identity),
        LIST_DATASET
    );
    let body = Bytes::from(update_records_body(count, &token));
    let req = raw::presign(Method::POST, endpoint, &path, body, SystemTime::now())?;
    raw::send_json(http, &req).await.map(|_| ())
}
