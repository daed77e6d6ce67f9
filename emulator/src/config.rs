//! Emulator configuration (the library's [`Config`]; the binary fills it from its flags).

use std::path::PathBuf;
use std::time::Duration;

use crate::faults::FaultRule;

/// Access key and secret of the default developer key when none is configured.
pub const DEFAULT_DEVELOPER_KEY: (&str, &str) = ("test", "test");

/// Everything that can be configured; `Config::default()` listens on 127.0.0.1 on a free port,
/// keeps data in memory and accepts the developer key `test`/`test`.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to bind (default `127.0.0.1`).
    pub host: String,
    /// Port to bind; 0 picks a free one (default 0).
    pub port: u16,
    /// SQLite file that keeps the data across restarts; `None` keeps it in memory.
    pub db_path: Option<PathBuf>,
    /// Developer (IAM-like) keys as (access key, secret); empty means `test`/`test`.
    pub developer_keys: Vec<(String, String)>,
    /// Identity pools created at start-up with these IDs (allowing unauthenticated identities).
    pub identity_pools: Vec<String>,
    /// Region used in new pool and identity IDs (default `us-east-1`).
    pub region: String,
    /// Account ID reported as `LastModifiedBy` for writes made with developer credentials.
    pub account_id: String,
    /// Lifetime of temporary credentials from GetCredentialsForIdentity (default 1 h).
    pub credentials_ttl: Duration,
    /// Lifetime of a `SyncSessionToken` (default 1 h).
    pub sync_session_ttl: Duration,
    /// Largest accepted difference between a request's `x-amz-date` and the clock (default 5 min).
    pub max_clock_skew: Duration,
    /// How long a BulkPublish stays IN_PROGRESS before it SUCCEEDS (default 1 s).
    pub bulk_publish_duration: Duration,
    /// Wait after a successful BulkPublish before another is allowed (default 24 h).
    pub bulk_publish_cooldown: Duration,
    /// Datasets per identity (default 20).
    pub max_datasets_per_identity: u64,
    /// Bytes of keys and values per dataset (default 1 MiB).
    pub max_dataset_bytes: u64,
    /// Live records per dataset (default 1024).
    pub max_records_per_dataset: u64,
    /// Fault-injection rules in force from the start.
    pub faults: Vec<FaultRule>,
    /// How long a connection may take to send a request's headers before it is closed
    /// (default 10 s): a client that sends half a request and stops holds nothing for long.
    pub header_read_timeout: Duration,
    /// Connections served at once (default 1024); past it a new connection gets a 503
    /// `ServiceUnavailable` reply and is closed, so slow clients cannot exhaust descriptors.
    pub max_connections: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".to_owned(),
            port: 0,
            db_path: None,
            developer_keys: Vec::new(),
            identity_pools: Vec::new(),
            region: "us-east-1".to_owned(),
            account_id: "000000000000".to_owned(),
            credentials_ttl: Duration::from_secs(3600),
            sync_session_ttl: Duration::from_secs(3600),
            max_clock_skew: Duration::from_secs(300),
            bulk_publish_duration: Duration::from_secs(1),
            bulk_publish_cooldown: Duration::from_secs(24 * 3600),
            max_datasets_per_identity: 20,
            max_dataset_bytes: 1024 * 1024,
            max_records_per_dataset: 1024,
            faults: Vec::new(),
            header_read_timeout: Duration::from_secs(10),
            max_connections: 1024,
        }
    }
}

impl Config {
    /// The developer keys in force (the default `test`/`test` when none is configured).
    pub fn effective_developer_keys(&self) -> Vec<(String, String)> {
        if self.developer_keys.is_empty() {
            vec![(
                DEFAULT_DEVELOPER_KEY.0.to_owned(),
                DEFAULT_DEVELOPER_KEY.1.to_owned(),
            )]
        } else {
            self.developer_keys.clone()
        }
    }
}

/// Parses `ACCESS_KEY:SECRET` (the secret may itself contain `:`).
pub fn parse_developer_key(s: &str) -> Result<(String, String), String> {
    match s.split_once(':') {
        Some((ak, secret)) if !ak.is_empty() && !secret.is_empty() => {
            Ok((ak.to_owned(), secret.to_owned()))
        }
        _ => Err("expected ACCESS_KEY:SECRET".to_owned()),
    }
}
