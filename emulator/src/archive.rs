//! Loading an export archive of `cognito-sync export` (format version 1, documented in
//! cli/ARCHIVE.md) with identity IDs, sync counts, dates and `LastModifiedBy` preserved.
//! The emulator reads the documented format itself: it shares no code with the CLI.
//!
//! The whole archive is loaded in one transaction that commits only once the manifest's
//! counts and SHA-256 match what was read: a truncated or corrupted archive loads nothing.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;
use rusqlite::{params, Connection};
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::api_error::ApiError;
use crate::identity::pools;
use crate::state::State;
use crate::validate;
use crate::Error;

/// The archive format this emulator reads.
pub const ARCHIVE_FORMAT: &str = "cognito-sync-archive";
/// The archive format version this emulator reads.
pub const ARCHIVE_VERSION: u64 = 1;

/// What an import loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// The identity pool the archive belongs to (created if missing).
    pub identity_pool_id: String,
    /// Identities loaded.
    pub identities: u64,
    /// Datasets loaded.
    pub datasets: u64,
    /// Records loaded, tombstones included.
    pub records: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Header {
    format: String,
    version: u64,
    identity_pool_id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PoolLine {
    #[serde(default)]
    configuration: Map<String, Value>,
    #[serde(default)]
    cognito_events: Map<String, Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct IdentityLine {
    identity_id: String,
    creation_date: Option<f64>,
    last_modified_date: Option<f64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RecordLine {
    key: String,
    value: Option<String>,
    sync_count: i64,
    last_modified_date: f64,
    last_modified_by: Option<String>,
    device_last_modified_date: Option<f64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DatasetLine {
    identity_id: String,
    dataset_name: String,
    creation_date: f64,
    last_modified_date: f64,
    last_modified_by: Option<String>,
    dataset_sync_count: i64,
    #[serde(default)]
    merged_dataset_names: Option<Vec<String>>,
    records: Vec<RecordLine>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Manifest {
    lines: u64,
    identities: u64,
    datasets: u64,
    records: u64,
    bytes: u64,
    sha256: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn ms(seconds: f64) -> i64 {
    (seconds * 1000.0).round() as i64
}

/// Opens an archive, plain or gzip-compressed (detected by its magic bytes).
fn open(path: &Path) -> Result<Box<dyn BufRead>, Error> {
    let shown = path.display();
    let mut file =
        File::open(path).map_err(|e| Error::new(format!("cannot open archive {shown}: {e}")))?;
    let mut magic = [0u8; 2];
    let n = file
        .read(&mut magic)
        .map_err(|e| Error::new(format!("cannot read archive {shown}: {e}")))?;
    let file =
        File::open(path).map_err(|e| Error::new(format!("cannot open archive {shown}: {e}")))?;
    if n == 2 && magic == [0x1f, 0x8b] {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(BufReader::new(file)),
        )))
    } else {
        Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
    }
}

struct Loader<'a> {
    tx: &'a Connection,
    pool_id: String,
    summary: ImportSummary,
    /// (identity, base dataset, merged dataset): applied once every dataset is in.
    merges: Vec<(String, String, String)>,
}

impl Loader<'_> {
    fn pool(&mut self, line: PoolLine) -> Result<(), ApiError> {
        let push = line.configuration.get("PushSync").filter(|v| !v.is_null());
        let streams = line
            .configuration
            .get("CognitoStreams")
            .filter(|v| !v.is_null());
        self.tx.execute(
            "UPDATE pools SET push_sync = ?2, cognito_streams = ?3, events = ?4 WHERE id = ?1",
            params![
                self.pool_id,
                push.map(Value::to_string),
                streams.map(Value::to_string),
                Value::Object(line.cognito_events).to_string()
            ],
        )?;
        Ok(())
    }

    fn identity(&mut self, line: IdentityLine) -> Result<(), String> {
        if !validate::is_id(&line.identity_id) {
            return Err(format!("invalid IdentityId {:?}", line.identity_id));
        }
        let created = line.creation_date.map_or(0, ms);
        let modified = line.last_modified_date.map_or(created, ms);
        let tx = self.tx;
        let run = || -> Result<(), ApiError> {
            tx.prepare_cached(
                "INSERT INTO identities (id, pool_id, created_ms, modified_ms) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET pool_id = excluded.pool_id, created_ms = excluded.created_ms,
                     modified_ms = excluded.modified_ms, merged_into = NULL",
            )?
            .execute(params![line.identity_id, self.pool_id, created, modified])?;
            // The archive is the identity's whole state: what the store held before goes.
            tx.prepare_cached("DELETE FROM records WHERE pool_id = ?1 AND identity_id = ?2")?
                .execute(params![self.pool_id, line.identity_id])?;
            tx.prepare_cached("DELETE FROM datasets WHERE pool_id = ?1 AND identity_id = ?2")?
                .execute(params![self.pool_id, line.identity_id])?;
            Ok(())
        };
        run().map_err(|e| e.message)?;
        self.summary.identities += 1;
        Ok(())
    }

    fn dataset(&mut self, line: DatasetLine) -> Result<(), String> {
        if !validate::is_id(&line.identity_id) {
            return Err(format!("invalid IdentityId {:?}", line.identity_id));
        }
        validate::dataset_name(&line.dataset_name).map_err(|e| e.message)?;
        let (mut storage, mut live) = (0i64, 0i64);
        for r in &line.records {
            if r.key.is_empty() {
                return Err("a record has an empty Key".to_owned());
            }
            if let Some(v) = &r.value {
                storage += (r.key.len() + v.len()) as i64;
                live += 1;
            }
        }
        let tx = self.tx;
        let pool = &self.pool_id;
        let run = || -> Result<(), ApiError> {
            tx.prepare_cached(
                "INSERT OR REPLACE INTO datasets (pool_id, identity_id, name, live, created_ms, modified_ms,
                     modified_by, sync_count, deleted_at, data_storage, num_records)
                 VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, 0, ?8, ?9)",
            )?
            .execute(params![
                pool,
                line.identity_id,
                line.dataset_name,
                ms(line.creation_date),
                ms(line.last_modified_date),
                line.last_modified_by,
                line.dataset_sync_count,
                storage,
                live
            ])?;
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO records (pool_id, identity_id, dataset, key, value, sync_count,
                     modified_ms, modified_by, device_modified_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for r in &line.records {
                insert.execute(params![
                    pool,
                    line.identity_id,
                    line.dataset_name,
                    r.key,
                    r.value,
                    r.sync_count,
                    ms(r.last_modified_date),
                    r.last_modified_by,
                    r.device_last_modified_date.map(ms)
                ])?;
            }
            Ok(())
        };
        run().map_err(|e| e.message)?;
        for merged in line.merged_dataset_names.unwrap_or_default() {
            self.merges
                .push((line.identity_id.clone(), line.dataset_name.clone(), merged));
        }
        self.summary.datasets += 1;
        self.summary.records += line.records.len() as u64;
        Ok(())
    }

    fn finish_merges(&mut self) -> Result<(), ApiError> {
        for (identity, base, merged) in &self.merges {
            self.tx.execute(
                "UPDATE datasets SET merged_base = ?4 WHERE pool_id = ?1 AND identity_id = ?2 AND name = ?3",
                params![self.pool_id, identity, merged, base],
            )?;
        }
        Ok(())
    }
}

fn parse<T: for<'de> Deserialize<'de>>(v: Value) -> Result<T, String> {
    serde_json::from_value(v).map_err(|e| e.to_string())
}

/// Why an archive was refused: a line (1-based) and what is wrong with it, or the store.
enum Fail {
    At(u64, String),
    Store(ApiError),
}

impl From<ApiError> for Fail {
    fn from(e: ApiError) -> Self {
        Fail::Store(e)
    }
}

fn load(tx: &Connection, reader: &mut dyn BufRead) -> Result<ImportSummary, Fail> {
    let mut hasher = Sha256::new();
    let (mut bytes, mut n) = (0u64, 0u64);
    let mut buf = Vec::with_capacity(1 << 16);
    let mut loader: Option<Loader<'_>> = None;
    loop {
        buf.clear();
        let line = n + 1;
        let fail = |msg: String| Fail::At(line, msg);
        let read = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| fail(format!("read error (corrupted file?): {e}")))?;
        if read == 0 {
            return Err(fail(
                "unexpected end of file: the archive is truncated (no manifest line)".into(),
            ));
        }
        if buf.last() != Some(&b'\n') {
            return Err(fail("truncated line (no newline at the end)".into()));
        }
        let value: Value =
            serde_json::from_slice(&buf).map_err(|e| fail(format!("not valid JSON: {e}")))?;
        let kind = value
            .get("Type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if kind == "manifest" {
            let m: Manifest = parse(value).map_err(|e| fail(format!("bad manifest: {e}")))?;
            let digest = hex(&hasher.finalize_reset());
            let Some(mut l) = loader.take() else {
                return Err(fail("manifest before the header".into()));
            };
            if m.lines != n || m.bytes != bytes || m.sha256 != digest {
                return Err(fail(format!(
                    "the manifest does not match the content (lines {} vs {n}, bytes {} vs {bytes}, sha256 {} vs {digest}): the archive is corrupted",
                    m.lines, m.bytes, m.sha256
                )));
            }
            let s = &l.summary;
            if (m.identities, m.datasets, m.records) != (s.identities, s.datasets, s.records) {
                return Err(fail(
                    "the manifest's counts do not match the content".into(),
                ));
            }
            l.finish_merges()?;
            return Ok(l.summary);
        }
        hasher.update(&buf);
        bytes += buf.len() as u64;
        n += 1;
        match (kind.as_str(), &mut loader) {
            ("header", None) => {
                let h: Header = parse(value).map_err(|e| fail(format!("bad header: {e}")))?;
                if h.format != ARCHIVE_FORMAT {
                    return Err(fail(format!(
                        "not a {ARCHIVE_FORMAT} (Format {:?})",
                        h.format
                    )));
                }
                if h.version != ARCHIVE_VERSION {
                    return Err(fail(format!(
                        "unsupported format version {} (this emulator reads version {ARCHIVE_VERSION})",
                        h.version
                    )));
                }
                if !validate::is_id(&h.identity_pool_id) {
                    return Err(fail(format!(
                        "invalid IdentityPoolId {:?}",
                        h.identity_pool_id
                    )));
                }
                if pools::load(tx, &h.identity_pool_id)?.is_none() {
                    pools::insert(tx, &h.identity_pool_id, "imported", true, &Map::new())?;
                }
                loader = Some(Loader {
                    tx,
                    pool_id: h.identity_pool_id.clone(),
                    summary: ImportSummary {
                        identity_pool_id: h.identity_pool_id,
                        ..ImportSummary::default()
                    },
                    merges: Vec::new(),
                });
            }
            (_, None) => return Err(fail("the first line must be the header".into())),
            ("header", Some(_)) => return Err(fail("a second header".into())),
            ("pool", Some(l)) => {
                let p: PoolLine = parse(value).map_err(|e| fail(format!("bad pool line: {e}")))?;
                l.pool(p)?;
            }
            ("identity", Some(l)) => {
                let i = parse(value).map_err(|e| fail(format!("bad identity line: {e}")))?;
                l.identity(i).map_err(fail)?;
            }
            ("dataset", Some(l)) => {
                let d = parse(value).map_err(|e| fail(format!("bad dataset line: {e}")))?;
                l.dataset(d).map_err(fail)?;
            }
            (other, Some(_)) => return Err(fail(format!("unknown line Type {other:?}"))),
        }
    }
}

/// Reads the archive at `path` into the store, in one transaction.
pub(crate) fn import(state: &State, path: &Path) -> Result<ImportSummary, Error> {
    let shown = path.display().to_string();
    let mut reader = open(path)?;
    let mut refused: Option<(u64, String)> = None;
    let result = state.store.write(|tx| match load(tx, &mut *reader) {
        Ok(s) => Ok(s),
        Err(Fail::Store(e)) => Err(e),
        Err(Fail::At(line, msg)) => {
            refused = Some((line, msg));
            Err(ApiError::internal("archive refused"))
        }
    });
    match (result, refused) {
        (Ok(s), _) => Ok(s),
        (Err(_), Some((line, msg))) => Err(Error::new(format!(
            "archive {shown}, line {line}: {msg}; nothing was loaded"
        ))),
        (Err(e), None) => Err(Error::new(format!(
            "archive {shown}: cannot load it into the store: {}; nothing was loaded",
            e.message
        ))),
    }
}
