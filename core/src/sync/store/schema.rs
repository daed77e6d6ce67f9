//! The store's schema and its migrations.
//!
//! `PRAGMA user_version` holds the number of migrations applied. Each migration runs in
//! its own IMMEDIATE transaction together with the version bump, so a crash leaves the
//! file at one version or the next, never in between, and two processes opening a new
//! file at once serialize on the write lock (the second one sees the work done).
//! Migrations only ever add: no migration drops or rewrites user data (the Android SDK's
//! `onUpgrade` dropped every table). A file written by a newer version of this library is
//! refused, untouched.

use rusqlite::{Connection, TransactionBehavior};

use crate::sync::error::{Error, Result};

/// Migration `i` (0-based) brings the schema from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: datasets and records per identity, plus store-wide settings.
    "
    CREATE TABLE store_meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE datasets (
        identity_id     TEXT NOT NULL,
        name            TEXT NOT NULL,
        -- Remote changes up to this dataset sync count are merged (0: pull everything).
        last_sync_count INTEGER NOT NULL DEFAULT 0,
        -- Deleted locally; the deletion reaches the service on the next sync.
        pending_delete  INTEGER NOT NULL DEFAULT 0,
        -- Bumped whenever the dataset's rows are replaced wholesale (local delete,
        -- remote deletion, identity move) so an in-flight sync notices.
        generation      INTEGER NOT NULL DEFAULT 0,
        created_ms      INTEGER NOT NULL,
        modified_ms     INTEGER NOT NULL,
        last_sync_ms    INTEGER,
        PRIMARY KEY (identity_id, name)
    ) WITHOUT ROWID;

    CREATE TABLE records (
        identity_id TEXT NOT NULL,
        dataset     TEXT NOT NULL,
        key         TEXT NOT NULL,
        -- NULL: removed (a tombstone, kept until the service has it).
        value       TEXT,
        -- The service's sync count of the version this row is based on.
        sync_count  INTEGER NOT NULL DEFAULT 0,
        -- 0: clean; otherwise the number of local writes not yet acknowledged.
        dirty       INTEGER NOT NULL DEFAULT 0,
        device_ms   INTEGER,
        server_ms   INTEGER,
        modified_by TEXT,
        PRIMARY KEY (identity_id, dataset, key),
        FOREIGN KEY (identity_id, dataset) REFERENCES datasets (identity_id, name)
            ON DELETE CASCADE ON UPDATE CASCADE
    ) WITHOUT ROWID;

    CREATE INDEX records_dirty ON records (identity_id, dataset) WHERE dirty <> 0;
    ",
    // 2: what the service last reported about each dataset (ListDatasets).
    "
    ALTER TABLE datasets ADD COLUMN remote_data_storage INTEGER;
    ALTER TABLE datasets ADD COLUMN remote_num_records INTEGER;
    ALTER TABLE datasets ADD COLUMN remote_created_ms INTEGER;
    ALTER TABLE datasets ADD COLUMN remote_modified_ms INTEGER;
    ALTER TABLE datasets ADD COLUMN remote_modified_by TEXT;
    ALTER TABLE datasets ADD COLUMN remote_refreshed_ms INTEGER;
    ",
    // 3: each dataset's size and record count kept up to date by triggers, so a local
    // write checks the limits without scanning the dataset.
    "
    ALTER TABLE datasets ADD COLUMN live_bytes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE datasets ADD COLUMN live_count INTEGER NOT NULL DEFAULT 0;
    UPDATE datasets SET
        live_bytes = (SELECT COALESCE(SUM(length(CAST(r.key AS BLOB))
                                          + length(CAST(r.value AS BLOB))), 0)
                        FROM records r
                       WHERE r.identity_id = datasets.identity_id AND r.dataset = datasets.name
                         AND r.value IS NOT NULL),
        live_count = (SELECT COUNT(*) FROM records r
                       WHERE r.identity_id = datasets.identity_id AND r.dataset = datasets.name
                         AND r.value IS NOT NULL);

    CREATE TRIGGER records_live_insert AFTER INSERT ON records
    WHEN NEW.value IS NOT NULL
    BEGIN
        UPDATE datasets
           SET live_bytes = live_bytes + length(CAST(NEW.key AS BLOB))
                                       + length(CAST(NEW.value AS BLOB)),
               live_count = live_count + 1
         WHERE identity_id = NEW.identity_id AND name = NEW.dataset;
    END;

    CREATE TRIGGER records_live_delete AFTER DELETE ON records
    WHEN OLD.value IS NOT NULL
    BEGIN
        UPDATE datasets
           SET live_bytes = live_bytes - length(CAST(OLD.key AS BLOB))
                                       - length(CAST(OLD.value AS BLOB)),
               live_count = live_count - 1
         WHERE identity_id = OLD.identity_id AND name = OLD.dataset;
    END;

    -- Only value changes: rows re-keyed by a cascading identity move carry their
    -- dataset's totals along with the dataset row.
    CREATE TRIGGER records_live_update AFTER UPDATE OF value ON records
    BEGIN
        UPDATE datasets
           SET live_bytes = live_bytes
                   - CASE WHEN OLD.value IS NULL THEN 0
                          ELSE length(CAST(OLD.key AS BLOB)) + length(CAST(OLD.value AS BLOB)) END
                   + CASE WHEN NEW.value IS NULL THEN 0
                          ELSE length(CAST(NEW.key AS BLOB)) + length(CAST(NEW.value AS BLOB)) END,
               live_count = live_count - (OLD.value IS NOT NULL) + (NEW.value IS NOT NULL)
         WHERE identity_id = NEW.identity_id AND name = NEW.dataset;
    END;
    ",
];

/// The schema version this library writes.
pub(crate) const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

fn user_version(conn: &Connection) -> Result<u32> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    u32::try_from(v).map_err(|_| Error::storage(format!("invalid schema version {v}")))
}

/// Brings the schema to `target` (at most [`CURRENT_VERSION`]); returns the version found.
pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<u32> {
    let found = user_version(conn)?;
    if found > CURRENT_VERSION {
        return Err(Error::storage(format!(
            "the store was written by a newer version of this library (schema {found}, \
             this one knows up to {CURRENT_VERSION}); it was left untouched"
        )));
    }
    let mut version = found;
    while version < target {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while this one waited for the lock.
        let now = user_version(&tx)?;
        if now > version {
            version = now;
            continue;
        }
        let sql = MIGRATIONS
            .get(version as usize)
            .ok_or_else(|| Error::storage("missing migration"))?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
        version += 1;
    }
    Ok(found)
}

/// Brings the schema to the current version.
pub(crate) fn migrate(conn: &mut Connection) -> Result<u32> {
    migrate_to(conn, CURRENT_VERSION)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_database_gets_current_version() {
        let mut c = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut c).unwrap(), 0);
        assert_eq!(user_version(&c).unwrap(), CURRENT_VERSION);
        // Idempotent.
        assert_eq!(migrate(&mut c).unwrap(), CURRENT_VERSION);
    }

    /// SYNC-ENGINE.md §3.1: Android's `onUpgrade` dropped both tables, losing unsynced
    /// data on every schema change. Here a version-1 store with data is upgraded in place.
    #[test]
    fn bug_android_on_upgrade_wipes_all_data() {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "foreign_keys", true).unwrap();
        migrate_to(&mut c, 1).unwrap();
        c.execute_batch(
            "INSERT INTO datasets (identity_id, name, last_sync_count, created_ms, modified_ms)
                 VALUES ('us-east-1:1', 'save', 7, 1, 2);
             INSERT INTO records (identity_id, dataset, key, value, sync_count, dirty)
                 VALUES ('us-east-1:1', 'save', 'level', '12', 7, 0),
                        ('us-east-1:1', 'save', 'gold', '99', 0, 3);",
        )
        .unwrap();
        migrate(&mut c).unwrap();
        assert_eq!(user_version(&c).unwrap(), CURRENT_VERSION);
        let rows: Vec<(String, String, i64, i64)> = c
            .prepare("SELECT key, value, sync_count, dirty FROM records ORDER BY key")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            rows,
            vec![
                ("gold".into(), "99".into(), 0, 3),
                ("level".into(), "12".into(), 7, 0)
            ]
        );
        let (lsc, bytes, count): (i64, i64, i64) = c
            .query_row(
                "SELECT last_sync_count, live_bytes, live_count FROM datasets",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(lsc, 7);
        assert_eq!(
            (bytes, count),
            (("level12".len() + "gold99".len()) as i64, 2)
        );
    }

    #[test]
    fn triggers_keep_sizes_and_counts() {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "foreign_keys", true).unwrap();
        migrate(&mut c).unwrap();
        let totals = |c: &Connection, id: &str| -> (i64, i64) {
            c.query_row(
                "SELECT live_bytes, live_count FROM datasets WHERE identity_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
        };
        c.execute_batch(
            "INSERT INTO datasets (identity_id, name, created_ms, modified_ms) VALUES ('a', 'd', 0, 0);
             INSERT INTO records (identity_id, dataset, key, value) VALUES ('a', 'd', 'k1', 'vv');
             INSERT INTO records (identity_id, dataset, key, value) VALUES ('a', 'd', 'k2', NULL);
             INSERT INTO records (identity_id, dataset, key, value) VALUES ('a', 'd', 'ké', 'x')
                 ON CONFLICT DO NOTHING;",
        )
        .unwrap();
        assert_eq!(totals(&c, "a"), (4 + 4, 2));
        c.execute_batch(
            "INSERT INTO records (identity_id, dataset, key, value) VALUES ('a', 'd', 'k1', 'v')
                 ON CONFLICT (identity_id, dataset, key) DO UPDATE SET value = excluded.value;
             UPDATE records SET value = 'now' WHERE key = 'k2';
             UPDATE records SET value = NULL WHERE key = 'ké';
             UPDATE records SET dirty = 3;",
        )
        .unwrap();
        assert_eq!(totals(&c, "a"), (3 + 5, 2));
        // An identity move re-keys the records through the cascade: totals move along.
        c.execute(
            "UPDATE datasets SET identity_id = 'b' WHERE identity_id = 'a'",
            [],
        )
        .unwrap();
        assert_eq!(totals(&c, "b"), (3 + 5, 2));
        c.execute("DELETE FROM records WHERE key = 'k1'", [])
            .unwrap();
        assert_eq!(totals(&c, "b"), (5, 1));
    }

    #[test]
    fn newer_schema_is_refused_untouched() {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "user_version", CURRENT_VERSION + 1)
            .unwrap();
        let e = migrate(&mut c).unwrap_err();
        assert_eq!(e.kind(), crate::sync::ErrorKind::Storage);
        assert!(e.message().contains("newer version"));
        assert_eq!(user_version(&c).unwrap(), CURRENT_VERSION + 1);
    }
}
