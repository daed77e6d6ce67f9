//! Whole-pool commands: `export`, `verify`, `import` and `migrate dynamodb`.
//!
//! - [`archive`]: the archive format (cli/ARCHIVE.md), its writer and its checking reader;
//! - [`identities`]: Cognito Identity ListIdentities, signed with developer credentials;
//! - [`limiter`]: the adaptive concurrency that backs off on throttling, and retries;
//! - [`fetch`]: one identity's datasets and records, as archive lines;
//! - [`journal`]: the export's fsynced progress file, what makes it resumable;
//! - [`export`], [`verify`], [`import`]: the commands.

pub mod archive;
pub mod export;
pub mod fetch;
pub mod identities;
pub mod import;
pub mod journal;
pub mod limiter;
pub mod progress;
pub mod spool;
pub mod verify;

use std::sync::Arc;

use clap::Subcommand;
use cognito_sync::embedding::Settings;
use cognito_sync::Client;

use crate::context::Context;
use crate::exit::Failure;

/// The whole-pool subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Export every identity, dataset and record of an identity pool (tombstones, sync
    /// counts, dates included) and its configuration into a checksummed archive
    /// (cli/ARCHIVE.md). Resumable: run it again with the same arguments after an
    /// interruption and it continues where it stopped.
    Export(export::Args),
    /// Check an archive (manifest, checksum, every line) and compare it with the live pool;
    /// prints the differences, exit 1 if there are any.
    Verify(verify::Args),
    /// Write an archive's datasets back into a pool with developer credentials. Idempotent;
    /// newer server data is reported as a conflict and kept unless --overwrite.
    Import(import::Args),
    /// Copy a pool's data into another store.
    Migrate {
        #[command(subcommand)]
        target: crate::migrate::Target,
    },
}

impl Command {
    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        match self {
            Command::Export(a) => export::run(a, ctx).await.map(|_| ()),
            Command::Verify(a) => verify::run(a, ctx).await,
            Command::Import(a) => import::run(a, ctx).await,
            Command::Migrate { target } => crate::migrate::run(target, ctx).await,
        }
    }
}

/// What the pool commands call the services with.
#[derive(Clone)]
pub struct Services {
    /// Cognito Sync, without the client's own retries (one attempt per call):
    /// [`limiter::Limiter`] retries, so it sees throttling at once and slows down.
    pub sync: Client,
    /// Cognito Identity ListIdentities.
    pub identities: Arc<identities::IdentityApi>,
}

impl Services {
    /// Builds the clients of the global options.
    pub fn new(ctx: &Context) -> Result<Services, Failure> {
        let base = ctx.sync_client()?;
        let endpoint_url = match &ctx.global.endpoint_url {
            Some(url) => url.clone(),
            None => base.endpoint().to_owned(),
        };
        let settings = Settings {
            region: Some(base.region().to_owned()),
            endpoint_url: Some(endpoint_url),
            max_attempts: Some(1),
            // As ever: the pool commands' client sets no timeout of its own.
            connect_timeout: None,
            call_timeout: None,
            ..ctx.settings()
        };
        let sync = settings.build().map(|built| built.client).map_err(|e| {
            Failure::configuration(format!("Invalid configuration: {}", e.message()))
        })?;
        let identities = identities::IdentityApi::new(
            ctx.identity_endpoint()?,
            sync.region().to_owned(),
            ctx.credentials_provider(),
        )?;
        Ok(Services {
            sync,
            identities: Arc::new(identities),
        })
    }
}

/// Prints a value as indented JSON on stdout (the machine-readable result of a command).
pub fn print_json<T: serde::Serialize>(value: &T) {
    if let Ok(text) = serde_json::to_string_pretty(value) {
        println!("{text}");
    }
}
