//! The offline-first sync manager: local datasets that work with no network, and
//! `synchronize` with Amazon Cognito Sync, with conflict resolution.
//!
//! # Model
//! - A [`SyncManager`] owns one local store (an SQLite file, or memory) holding the
//!   datasets of every identity that used it, and talks to the service through a
//!   [`Client`](crate::Client).
//! - A [`Dataset`] is a map of string keys to string values of the **active identity**.
//!   `get`/`put`/`remove`/`get_all`... are synchronous, local, and work offline.
//! - [`Dataset::synchronize`] pulls the service's changes since the last sync,
//!   merges them, settles conflicts with the [`ConflictPolicy`], and pushes local
//!   changes; blocking ([`Dataset::synchronize_blocking`]) and background
//!   ([`Dataset::synchronize_in_background`], polled through a [`SyncHandle`]) forms
//!   exist for hosts without an async runtime.
//! - Notifications ([`Event`]) go to a queue the host drains on its own thread
//!   ([`SyncManager::poll_event`]) and to listeners ([`SyncManager::subscribe`]).
//! - Identity: local data is keyed by identity id; each synchronize is pinned to the
//!   identity id resolved before it reads anything; switching identity is explicit
//!   ([`SyncManager::switch_identity`]). See [`identity`].
//!
//! # Guarantees
//! - A local write acknowledged by `put`/`remove` is never lost: a synchronize writes
//!   with compare-and-swap against its snapshot, so writes made while it runs stay and
//!   are pushed by the next one.
//! - Equal values are never a conflict.
//! - Every synchronize ends in exactly one `Ok`/`Err` and one terminal event.
//! - Stale sync counts (409, or the 400 "Current SyncCount" form) are retried with
//!   backoff, a bounded number of times; "No such SyncCount" triggers a full pull.
//!
//! See `core/src/sync/README.md` for the design, the mapping to C and Python, and the
//! old SDKs' bugs this module is tested against.

mod conflict;
mod dataset;
mod engine;
mod error;
mod events;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod handle;
pub mod identity;
mod limits;
mod manager;
mod merge;
mod record;
mod remote;
mod report;
mod runtime;
mod store;
mod time;

pub use conflict::{
    Conflict, ConflictPolicy, ConflictResolver, DatasetDeletedAction, DatasetDeletedHandler,
    DatasetsMergedHandler, Resolution,
};
pub use dataset::Dataset;
pub use engine::SyncConfig;
pub use error::{Error, ErrorKind, Result};
pub use events::{ChangeSource, Event, Listener, ListenerId, SyncPhase};
pub use handle::SyncHandle;
pub use identity::{
    FixedIdentity, FnIdentity, IdentitySource, IdentitySwitch, IdentitySwitchReport,
    UNRESOLVED_IDENTITY,
};
pub use limits::{record_size, validate_dataset_name, Limits, MAX_DATASET_NAME_LEN};
pub use manager::{SyncManager, SyncManagerBuilder};
pub use record::{DatasetInfo, Record, RemoteDatasetInfo};
pub use report::SyncReport;
pub use store::{Durability, StoreLocation};
pub use time::Clock;
