-- cognito-sync-local storage. Times are epoch milliseconds.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Cognito Identity pools, plus the per-pool Cognito Sync configuration and counters.
CREATE TABLE IF NOT EXISTS pools (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    allow_unauth     INTEGER NOT NULL,
    spec             TEXT NOT NULL,             -- the IdentityPool JSON (optional members echoed back)
    created_ms       INTEGER NOT NULL,
    modified_ms      INTEGER NOT NULL,          -- last Cognito Sync change in the pool
    sync_sessions    INTEGER NOT NULL DEFAULT 0,
    push_sync        TEXT,                      -- PushSync JSON
    cognito_streams  TEXT,                      -- CognitoStreams JSON
    events           TEXT NOT NULL DEFAULT '{}',
    bulk_status      TEXT NOT NULL DEFAULT 'NOT_STARTED',
    bulk_start_ms    INTEGER,
    bulk_complete_ms INTEGER,
    bulk_failure     TEXT
);

CREATE TABLE IF NOT EXISTS identities (
    id          TEXT PRIMARY KEY,
    pool_id     TEXT NOT NULL,
    created_ms  INTEGER NOT NULL,
    modified_ms INTEGER NOT NULL,
    merged_into TEXT                            -- set when merged into another identity (then disabled)
);
CREATE INDEX IF NOT EXISTS identities_by_pool ON identities (pool_id, id);

-- Logins linked to identities: (provider, subject) is unique per pool.
CREATE TABLE IF NOT EXISTS logins (
    pool_id     TEXT NOT NULL,
    provider    TEXT NOT NULL,
    subject     TEXT NOT NULL,
    identity_id TEXT NOT NULL,
    PRIMARY KEY (pool_id, provider, subject)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS logins_by_identity ON logins (identity_id);

-- Temporary credentials issued by GetCredentialsForIdentity.
CREATE TABLE IF NOT EXISTS credentials (
    access_key    TEXT PRIMARY KEY,
    secret        TEXT NOT NULL,
    session_token TEXT NOT NULL,
    pool_id       TEXT NOT NULL,
    identity_id   TEXT NOT NULL,
    expires_ms    INTEGER NOT NULL
) WITHOUT ROWID;

-- A row survives deletion (live = 0) so the dataset SyncCount keeps growing across a delete
-- and re-create, and ListRecords can report DatasetDeletedAfterRequestedSyncCount.
CREATE TABLE IF NOT EXISTS datasets (
    pool_id      TEXT NOT NULL,
    identity_id  TEXT NOT NULL,
    name         TEXT NOT NULL,
    live         INTEGER NOT NULL,
    created_ms   INTEGER NOT NULL,
    modified_ms  INTEGER NOT NULL,
    modified_by  TEXT,
    sync_count   INTEGER NOT NULL,
    deleted_at   INTEGER NOT NULL DEFAULT 0,    -- the SyncCount the last deletion consumed
    data_storage INTEGER NOT NULL DEFAULT 0,
    num_records  INTEGER NOT NULL DEFAULT 0,
    merged_base  TEXT,                          -- datasets created by a merge: the dataset they belong to
    PRIMARY KEY (pool_id, identity_id, name)
) WITHOUT ROWID;

-- Records; a NULL value is a deletion tombstone.
CREATE TABLE IF NOT EXISTS records (
    pool_id            TEXT NOT NULL,
    identity_id        TEXT NOT NULL,
    dataset            TEXT NOT NULL,
    key                TEXT NOT NULL,
    value              TEXT,
    sync_count         INTEGER NOT NULL,
    modified_ms        INTEGER NOT NULL,
    modified_by        TEXT,
    device_modified_ms INTEGER,
    PRIMARY KEY (pool_id, identity_id, dataset, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS records_by_count ON records (pool_id, identity_id, dataset, sync_count, key);

CREATE TABLE IF NOT EXISTS devices (
    id          TEXT PRIMARY KEY,
    pool_id     TEXT NOT NULL,
    identity_id TEXT NOT NULL,
    platform    TEXT NOT NULL,
    token       TEXT NOT NULL,
    created_ms  INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS devices_by_token ON devices (pool_id, identity_id, platform, token);

CREATE TABLE IF NOT EXISTS subscriptions (
    pool_id     TEXT NOT NULL,
    identity_id TEXT NOT NULL,
    dataset     TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    PRIMARY KEY (pool_id, identity_id, dataset, device_id)
) WITHOUT ROWID;

-- What would have gone to Kinesis, SNS or Lambda, readable by tests.
CREATE TABLE IF NOT EXISTS recorded_events (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    kind    TEXT NOT NULL,
    time_ms INTEGER NOT NULL,
    pool_id TEXT NOT NULL,
    payload TEXT NOT NULL
);
