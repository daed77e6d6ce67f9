//! `cognito-sync-local`: the emulator as a program. The first stdout line is
//! `listening on http://HOST:PORT`, then what a newcomer needs to talk to it (the developer
//! key, the pools, the environment variables the examples read); logs go to stderr;
//! SIGINT/SIGTERM stop it cleanly.
#![forbid(unsafe_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use cognito_sync_local::{
    parse_developer_key, Config, Emulator, FaultRule, SeedSpec, DEFAULT_DEVELOPER_KEY,
};

/// A local Amazon Cognito Sync service (with the Cognito Identity calls that issue identities
/// and temporary credentials) for tests and development, on one port.
///
/// Clients sign Cognito Sync requests with SigV4 (service `cognito-sync`, any region) using a
/// developer key (default `test`/`test`) or temporary credentials from
/// GetCredentialsForIdentity. Point SDKs at the printed endpoint, e.g.
/// AWS_ENDPOINT_URL=http://127.0.0.1:PORT.
#[derive(Parser, Debug)]
#[command(name = "cognito-sync-local", version, after_help = AFTER_HELP)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,

    /// Port to listen on; 0 picks a free one (printed on the first line).
    #[arg(long, default_value_t = 0)]
    port: u16,

    /// SQLite file keeping the data across restarts (WAL; an acknowledged write survives kill -9).
    /// Without it everything is in memory.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,

    /// Developer credentials ACCESS_KEY:SECRET (repeatable); they may call every operation.
    /// Also read from COGNITO_SYNC_LOCAL_DEVELOPER_KEYS (comma-separated). Default: test:test.
    #[arg(long = "developer-key", value_name = "AK:SECRET", value_parser = parse_developer_key)]
    developer_keys: Vec<(String, String)>,

    /// Create this identity pool at start-up (allowing unauthenticated identities); repeatable.
    /// IDs look like us-east-1:00000000-0000-0000-0000-000000000001.
    #[arg(long = "identity-pool", value_name = "ID")]
    identity_pools: Vec<String>,

    /// Region used in the IDs of new pools and identities.
    #[arg(long, default_value = "us-east-1")]
    region: String,

    /// Account ID reported as LastModifiedBy for writes with developer credentials.
    #[arg(long, default_value = "000000000000")]
    account_id: String,

    /// Lifetime of temporary credentials from GetCredentialsForIdentity, in seconds.
    #[arg(long, default_value_t = 3600, value_name = "SECS")]
    credentials_ttl: u64,

    /// Lifetime of a SyncSessionToken, in seconds.
    #[arg(long, default_value_t = 3600, value_name = "SECS")]
    sync_session_ttl: u64,

    /// How long a BulkPublish stays IN_PROGRESS, in milliseconds.
    #[arg(long, default_value_t = 1000, value_name = "MS")]
    bulk_publish_ms: u64,

    /// Wait after a successful BulkPublish before another is accepted, in seconds.
    #[arg(long, default_value_t = 86_400, value_name = "SECS")]
    bulk_publish_cooldown: u64,

    /// Close a connection that has not sent a request's headers within this time, in milliseconds.
    #[arg(long, default_value_t = 10_000, value_name = "MS")]
    header_read_timeout_ms: u64,

    /// Connections served at once; past it a new connection gets a 503 reply and is closed.
    #[arg(long, default_value_t = 1024, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_connections: u32,

    /// Inject faults (repeatable), e.g.
    /// `operation=ListRecords,error=TooManyRequestsException,error_rate=0.3,latency_ms=20,drop_rate=0.05,remaining=10`.
    /// Keys: operation (name or *), error_rate, error (code), status, latency_ms, drop_rate,
    /// remaining (number of matching requests, then the rule retires).
    #[arg(long = "fault", value_name = "SPEC")]
    faults: Vec<FaultRule>,

    /// Load an archive written by `cognito-sync export` (plain or gzip) before serving, with
    /// its identity IDs, sync counts and dates preserved (repeatable). A truncated or corrupted
    /// archive loads nothing and stops the emulator with an error naming the file and line.
    #[arg(long = "import", value_name = "PATH")]
    imports: Vec<PathBuf>,

    /// Write a synthetic pool straight into the store before serving (benchmarks):
    /// `POOL_ID,identities=N,datasets=2,records=20,value_bytes=32`; identity i is
    /// `REGION:00000000-0000-4000-8000-<i as 12 hex digits>`.
    #[arg(long = "seed", value_name = "SPEC")]
    seeds: Vec<SeedSpec>,

    /// Log filter for stderr (tracing EnvFilter syntax); RUST_LOG also works.
    #[arg(long, default_value = "info")]
    log: String,
}

const AFTER_HELP: &str = "\
Admin API (SigV4 with a developer key, service cognito-sync):
  GET|POST|DELETE /_emulator/faults   read / replace ({\"Rules\":[...]}) / clear fault rules
  GET /_emulator/events?kind=stream|push|lambda&after=SEQ   recorded deliveries
  DELETE /_emulator/events            forget recorded deliveries
Each request is logged to stderr (operation, status, latency, access key id; never secrets).";

fn env_developer_keys() -> Result<Vec<(String, String)>, String> {
    match std::env::var("COGNITO_SYNC_LOCAL_DEVELOPER_KEYS") {
        Ok(v) => v
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(parse_developer_key)
            .collect(),
        Err(_) => Ok(Vec::new()),
    }
}

/// The lines printed after `listening on ...`. The secret is shown only for the built-in
/// `test`/`test` key, which is public anyway; keys given by the user print their id only.
fn startup_notes(
    endpoint: &str,
    developer_keys: &[(String, String)],
    pools: &[String],
) -> Vec<String> {
    let mut lines = Vec::new();
    if developer_keys.is_empty() {
        let (ak, secret) = DEFAULT_DEVELOPER_KEY;
        lines.push(format!("developer key: {ak} / {secret}"));
    } else {
        let ids: Vec<&str> = developer_keys.iter().map(|(ak, _)| ak.as_str()).collect();
        lines.push(format!(
            "developer keys: {} (secrets as given)",
            ids.join(", ")
        ));
    }
    for pool in pools {
        lines.push(format!(
            "identity pool: {pool} (unauthenticated identities allowed)"
        ));
    }
    match pools.first() {
        Some(pool) => lines.push(format!(
            "examples: export AWS_ENDPOINT_URL_COGNITO_SYNC={endpoint} COGNITO_IDENTITY_POOL_ID={pool}"
        )),
        None => lines.push(format!(
            "examples: export AWS_ENDPOINT_URL_COGNITO_SYNC={endpoint} (and start with --identity-pool ID for COGNITO_IDENTITY_POOL_ID)"
        )),
    }
    lines
}

fn main() -> ExitCode {
    let args = Args::parse();
    let filter = std::env::var("RUST_LOG").unwrap_or_else(|_| args.log.clone());
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .init();

    let mut developer_keys = args.developer_keys.clone();
    match env_developer_keys() {
        Ok(keys) => developer_keys.extend(keys),
        Err(e) => {
            eprintln!("error: COGNITO_SYNC_LOCAL_DEVELOPER_KEYS: {e}");
            return ExitCode::from(2);
        }
    }
    let notes_keys = developer_keys.clone();
    let config = Config {
        host: args.host.clone(),
        port: args.port,
        db_path: args.db.clone(),
        developer_keys,
        identity_pools: args.identity_pools.clone(),
        region: args.region.clone(),
        account_id: args.account_id.clone(),
        credentials_ttl: Duration::from_secs(args.credentials_ttl),
        sync_session_ttl: Duration::from_secs(args.sync_session_ttl),
        bulk_publish_duration: Duration::from_millis(args.bulk_publish_ms),
        bulk_publish_cooldown: Duration::from_secs(args.bulk_publish_cooldown),
        faults: args.faults.clone(),
        header_read_timeout: Duration::from_millis(args.header_read_timeout_ms),
        max_connections: args.max_connections as usize,
        ..Config::default()
    };

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let emu = match Emulator::start(config).await {
            Ok(e) => e,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        for spec in &args.seeds {
            if let Err(e) = emu.seed(spec) {
                eprintln!("error: --seed {spec}: {e}");
                return ExitCode::FAILURE;
            }
        }
        for path in &args.imports {
            match emu.import_archive(path) {
                Ok(s) => tracing::info!(
                    "imported {}: pool {}, {} identities, {} datasets, {} records",
                    path.display(),
                    s.identity_pool_id,
                    s.identities,
                    s.datasets,
                    s.records
                ),
                Err(e) => {
                    eprintln!("error: --import: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        let mut out = std::io::stdout();
        let _ = writeln!(out, "listening on {}", emu.endpoint());
        for line in startup_notes(emu.endpoint(), &notes_keys, &args.identity_pools) {
            let _ = writeln!(out, "{line}");
        }
        let _ = out.flush();
        wait_for_signal().await;
        tracing::info!("shutting down");
        emu.stop().await;
        ExitCode::SUCCESS
    })
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::startup_notes;

    #[test]
    fn notes_show_the_default_key_and_the_examples_variables() {
        let pool = "us-east-1:00000000-0000-0000-0000-000000000001".to_owned();
        let notes = startup_notes("http://127.0.0.1:4566", &[], std::slice::from_ref(&pool));
        assert_eq!(
            notes,
            [
                "developer key: test / test".to_owned(),
                format!("identity pool: {pool} (unauthenticated identities allowed)"),
                format!(
                    "examples: export AWS_ENDPOINT_URL_COGNITO_SYNC=http://127.0.0.1:4566 COGNITO_IDENTITY_POOL_ID={pool}"
                ),
            ]
        );
    }

    #[test]
    fn notes_never_show_a_given_secret() {
        let keys = [("AKIDMINE".to_owned(), "very-secret".to_owned())];
        let notes = startup_notes("http://127.0.0.1:1", &keys, &[]).join("\n");
        assert!(
            notes.contains("developer keys: AKIDMINE (secrets as given)"),
            "{notes}"
        );
        assert!(!notes.contains("very-secret"), "{notes}");
        assert!(notes.contains("--identity-pool ID"), "{notes}");
    }
}
