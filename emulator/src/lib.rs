//! `cognito-sync-local`: a faithful local emulator of Amazon Cognito Sync, plus the part of
//! Cognito Identity that issues identities and temporary credentials, on one port.
//!
//! ```no_run
//! # async fn demo() -> Result<(), cognito_sync_local::Error> {
//! let emu = cognito_sync_local::Emulator::start(cognito_sync_local::Config::default()).await?;
//! let pool_id = emu.create_identity_pool("games", true)?;
//! let (access_key, secret) = emu.developer_credentials();
//! println!("{} {pool_id} {access_key}", emu.endpoint());
//! # let _ = secret;
//! emu.stop().await;
//! # Ok(())
//! # }
//! ```
//!
//! Every Cognito Sync request must be SigV4-signed (service `cognito-sync`) by a developer key
//! (`test`/`test` unless configured) or by temporary credentials from GetCredentialsForIdentity,
//! which may only touch their own identity. See the crate README for the behaviour in detail.
#![forbid(unsafe_code)]

mod admin;
mod api_error;
mod archive;
mod auth;
mod b64;
mod config;
mod events;
mod faults;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod identity;
mod record;
mod reply;
mod routes;
mod seed;
mod server;
mod state;
mod store;
mod sync;
mod time;
mod tokens;
mod validate;

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

use serde_json::Map;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use archive::{ImportSummary, ARCHIVE_FORMAT, ARCHIVE_VERSION};
pub use config::{parse_developer_key, Config, DEFAULT_DEVELOPER_KEY};
pub use events::{EventKind, RecordedEvent};
pub use faults::{FaultParseError, FaultRule, Faults};
pub use seed::SeedSpec;

use state::State;

/// An error starting or driving the emulator (not a service error: those go on the wire).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
}

impl Error {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
        }
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<api_error::ApiError> for Error {
    fn from(e: api_error::ApiError) -> Self {
        Error::new(format!("{}: {}", e.code, e.message))
    }
}

/// A running emulator. Dropping it stops it too (without waiting).
pub struct Emulator {
    addr: SocketAddr,
    endpoint: String,
    state: Arc<State>,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for Emulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emulator")
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

impl Emulator {
    /// Opens the store, creates the configured pools, binds and starts serving on the current
    /// tokio runtime.
    pub async fn start(config: Config) -> Result<Emulator, Error> {
        let bind = format!("{}:{}", config.host, config.port);
        let pools = config.identity_pools.clone();
        let state = Arc::new(State::new(config)?);
        for id in &pools {
            if !validate::is_id(id) || id.len() > 55 {
                return Err(Error::new(format!(
                    "invalid identity pool id {id:?}: expected REGION:HEX-GUID, e.g. us-east-1:00000000-0000-0000-0000-000000000001"
                )));
            }
            state.store.write(|tx| {
                if identity::pools::load(tx, id)?.is_none() {
                    identity::pools::insert(tx, id, "cognito-sync-local", true, &Map::new())?;
                }
                Ok(())
            })?;
        }
        let listener = TcpListener::bind(&bind)
            .await
            .map_err(|e| Error::new(format!("cannot listen on {bind}: {e}")))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::new(format!("cannot read the bound address: {e}")))?;
        let (shutdown, rx) = watch::channel(false);
        let task = tokio::spawn(server::run(listener, state.clone(), rx));
        // Finish any bulk publish a previous run left in progress.
        sync::finish_due_bulk_publishes(&state)?;
        let host = match addr {
            SocketAddr::V6(a) => format!("[{}]", a.ip()),
            SocketAddr::V4(a) => a.ip().to_string(),
        };
        Ok(Emulator {
            endpoint: format!("http://{host}:{}", addr.port()),
            addr,
            state,
            shutdown,
            task: Some(task),
        })
    }

    /// The base URL, `http://127.0.0.1:PORT`, serving Cognito Sync and Cognito Identity.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The bound address.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// (access key, secret) of the first developer key (`test`/`test` unless configured).
    pub fn developer_credentials(&self) -> (String, String) {
        self.state
            .config
            .effective_developer_keys()
            .into_iter()
            .next()
            .unwrap_or_else(|| {
                (
                    DEFAULT_DEVELOPER_KEY.0.to_owned(),
                    DEFAULT_DEVELOPER_KEY.1.to_owned(),
                )
            })
    }

    /// The region of new pool and identity IDs.
    pub fn region(&self) -> &str {
        &self.state.config.region
    }

    /// Creates an identity pool directly (no HTTP) and returns its ID.
    pub fn create_identity_pool(
        &self,
        name: &str,
        allow_unauthenticated: bool,
    ) -> Result<String, Error> {
        validate::pool_name(name)?;
        let id = identity::pools::new_pool_id(&self.state.config.region);
        self.state.store.write(|tx| {
            identity::pools::insert(tx, &id, name, allow_unauthenticated, &Map::new())
        })?;
        Ok(id)
    }

    /// Loads an export archive of `cognito-sync export` (cli/ARCHIVE.md; plain or gzip) with
    /// its identity IDs, sync counts, dates and `LastModifiedBy` preserved, creating the pool
    /// if needed. Each archived identity's data replaces what the store held for it. All or
    /// nothing: a truncated or corrupted archive (manifest, checksum) loads nothing.
    pub fn import_archive(
        &self,
        path: impl AsRef<std::path::Path>,
    ) -> Result<ImportSummary, Error> {
        archive::import(&self.state, path.as_ref())
    }

    /// Writes a large synthetic pool straight into the store (no HTTP), for benchmarks.
    pub fn seed(&self, spec: &SeedSpec) -> Result<(), Error> {
        seed::seed(&self.state, spec)
    }

    /// The fault-injection handle (changes apply to the next request).
    pub fn faults(&self) -> Faults {
        self.state.faults.clone()
    }

    /// Every recorded stream record, push notification and Lambda invocation, oldest first.
    pub fn recorded_events(&self) -> Result<Vec<RecordedEvent>, Error> {
        self.recorded(None)
    }

    /// Recorded events of one kind, oldest first.
    pub fn recorded(&self, kind: Option<EventKind>) -> Result<Vec<RecordedEvent>, Error> {
        sync::finish_due_bulk_publishes(&self.state)?;
        Ok(self.state.store.read(|tx| events::list(tx, kind, 0))?)
    }

    /// Forgets the recorded events.
    pub fn clear_recorded_events(&self) -> Result<(), Error> {
        Ok(self.state.store.write(events::clear)?)
    }

    /// Stops accepting connections and waits (a few seconds at most) for in-flight requests.
    pub async fn stop(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}
