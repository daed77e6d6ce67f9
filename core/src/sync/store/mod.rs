//! The local store: one SQLite database (a file, or memory) holding every identity's
//! datasets and records.
//!
//! All access goes through one connection guarded by a mutex; statements are short and
//! never wait on the network. Writes use IMMEDIATE transactions so that two processes
//! sharing a file queue on the write lock (busy timeout) instead of failing with
//! `SQLITE_BUSY` halfway through a transaction.

mod local;
pub(crate) mod schema;
mod sync_ops;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

use super::error::Result;

pub(crate) use local::{OnCollision, Transfer};
pub(crate) use sync_ops::{NewRow, PlannedWrite, Pushed, RemoteDatasetRow, RemoteDeletedAction};

/// Where a store lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreLocation {
    /// A private in-memory database, gone when the manager is dropped.
    Memory,
    /// A database file (created if missing). Several processes may share it.
    Path(PathBuf),
}

/// How hard each commit is pushed to disk (`PRAGMA synchronous`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// WAL with `synchronous=NORMAL`: a committed write survives the process being
    /// killed; a power cut can lose the last commits. The default.
    #[default]
    Normal,
    /// `synchronous=FULL`: a committed write survives a power cut too (one fsync per commit).
    Full,
}

pub(crate) struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    pub(crate) fn open(
        location: &StoreLocation,
        busy_timeout: Duration,
        durability: Durability,
    ) -> Result<Store> {
        let mut conn = match location {
            StoreLocation::Memory => Connection::open_in_memory()?,
            StoreLocation::Path(p) => open_file(p)?,
        };
        conn.busy_timeout(busy_timeout)?;
        conn.set_prepared_statement_cache_capacity(64);
        if matches!(location, StoreLocation::Path(_)) {
            // WAL lets readers in other processes proceed while one writes.
            let mode = retry_busy(busy_timeout, || {
                conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0))
            })?;
            if !mode.eq_ignore_ascii_case("wal") {
                tracing::warn!(mode = %mode, "sync store: WAL not available");
            }
        }
        let sync = match durability {
            Durability::Normal => "NORMAL",
            Durability::Full => "FULL",
        };
        conn.pragma_update(None, "synchronous", sync)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    /// The connection. A panic while it was held cannot leave a transaction open
    /// (rusqlite rolls back on drop), so a poisoned lock is safe to take over.
    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Runs `op` again while it fails with `SQLITE_BUSY`, until `timeout` has passed.
///
/// For statements SQLite does not queue with the busy timeout: switching a new file to
/// WAL needs an exclusive lock, and a connection that asks for it while holding a shared
/// one gets `SQLITE_BUSY` at once (waiting could deadlock), e.g. when several managers
/// open one new file together (aws-sdk-net#488).
fn retry_busy<T>(timeout: Duration, mut op: impl FnMut() -> rusqlite::Result<T>) -> Result<T> {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    loop {
        match op() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && Instant::now() < deadline =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            result => return Ok(result?),
        }
    }
}

fn open_file(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Ok(Connection::open_with_flags(path, flags)?)
}
