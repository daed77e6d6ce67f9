//! The embedded store: one SQLite connection (in memory, or a WAL file with `--db`), one
//! transaction per request. A single connection behind a mutex serialises writers, which is
//! what makes "of two UpdateRecords with the same stale SyncCount exactly one wins" hold.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OptionalExtension};

use crate::api_error::ApiError;

const SCHEMA: &str = include_str!("schema.sql");

/// The store shared by all connections of one emulator.
pub(crate) struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (and creates if needed) the store; `None` keeps everything in memory.
    pub(crate) fn open(path: Option<&Path>) -> Result<Store, rusqlite::Error> {
        let conn = match path {
            Some(p) => {
                let c = Connection::open(p)?;
                // WAL + synchronous=NORMAL: a commit is in the WAL file (the OS page cache) before
                // the response is written, so killing the process loses nothing acknowledged.
                c.pragma_update(None, "journal_mode", "WAL")?;
                c.pragma_update(None, "synchronous", "NORMAL")?;
                c.busy_timeout(std::time::Duration::from_secs(5))?;
                c
            }
            None => Connection::open_in_memory()?,
        };
        // The bundled SQLite has STAT4, which re-prepares a statement whenever a bound value
        // changes; with no ANALYZE data that only costs time (a third of a request's CPU).
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        conn.execute_batch(SCHEMA)?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock poisons it; the connection itself is fine once any
        // transaction the panicking request left open is rolled back.
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        if !conn.is_autocommit() {
            let _ = conn.execute_batch("ROLLBACK");
        }
        conn
    }

    /// Runs `f` in one transaction: committed if it returns `Ok`, rolled back otherwise.
    /// BEGIN/COMMIT are cached statements: parsing them for each request showed in profiles.
    fn transaction<T>(
        &self,
        begin: &str,
        f: impl FnOnce(&Connection) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let conn = self.lock();
        conn.prepare_cached(begin)?.execute([])?;
        let out = f(&conn);
        let end = if out.is_ok() { "COMMIT" } else { "ROLLBACK" };
        if let Err(e) = conn.prepare_cached(end).and_then(|mut s| s.execute([])) {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e.into());
        }
        out
    }

    /// Runs `f` in one write transaction (BEGIN IMMEDIATE): committed if it returns `Ok`,
    /// rolled back otherwise.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        self.transaction("BEGIN IMMEDIATE", f)
    }

    /// Runs `f` in a read transaction (a consistent snapshot).
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        self.transaction("BEGIN DEFERRED", f)
    }
}

/// Reads a `meta` value.
pub(crate) fn meta_get(tx: &Connection, key: &str) -> Result<Option<String>, ApiError> {
    Ok(tx
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

/// Writes a `meta` value.
pub(crate) fn meta_set(tx: &Connection, key: &str, value: &str) -> Result<(), ApiError> {
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(store: &Store) -> i64 {
        store
            .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM meta", [], |r| r.get(0))?))
            .unwrap()
    }

    #[test]
    fn failed_requests_leave_nothing_behind() {
        let store = Store::open(None).unwrap();
        let r: Result<(), ApiError> = store.write(|c| {
            meta_set(c, "a", "1")?;
            Err(ApiError::conflict("no"))
        });
        assert!(r.is_err());
        assert_eq!(count(&store), 0);
        store.write(|c| meta_set(c, "b", "2")).unwrap();
        assert_eq!(count(&store), 1);
    }

    #[test]
    fn a_panicking_request_does_not_wedge_the_store() {
        let store = Store::open(None).unwrap();
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _: Result<(), ApiError> = store.write(|c| {
                meta_set(c, "a", "1")?;
                panic!("handler bug");
            });
        }));
        assert!(caught.is_err());
        store.write(|c| meta_set(c, "b", "2")).unwrap();
        assert_eq!(count(&store), 1, "the panicking write was rolled back");
    }
}
