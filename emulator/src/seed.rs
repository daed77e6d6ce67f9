//! Fast seeding of a large pool straight into the store (benchmarks, scale tests): no HTTP,
//! no signing, one transaction, about a million records in seconds.

use std::fmt;
use std::str::FromStr;

use rusqlite::params;
use serde_json::Map;

use crate::identity::pools;
use crate::state::State;
use crate::time::now_ms;
use crate::validate;
use crate::Error;

/// What to seed: `identities` identities in pool `identity_pool_id` (created if missing), each
/// with `datasets` datasets (`dataset-0`, `dataset-1`, ...) of `records` records (`key-0`, ...)
/// whose values are `value_bytes` long. Identity IDs are deterministic:
/// `REGION:00000000-0000-4000-8000-<index as 12 hex digits>`, so two seeds of the same size
/// hold the same identities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedSpec {
    /// The pool, `REGION:GUID`.
    pub identity_pool_id: String,
    /// Number of identities.
    pub identities: u64,
    /// Datasets per identity (at most 20, the service's limit).
    pub datasets: u64,
    /// Records per dataset (at most 1024).
    pub records: u64,
    /// Bytes of each value.
    pub value_bytes: u64,
}

impl fmt::Display for SeedSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{},identities={},datasets={},records={},value_bytes={}",
            self.identity_pool_id, self.identities, self.datasets, self.records, self.value_bytes
        )
    }
}

impl FromStr for SeedSpec {
    type Err = String;

    /// `POOL_ID,identities=N,datasets=D,records=R,value_bytes=B` (defaults: 2 datasets,
    /// 20 records, 32-byte values).
    fn from_str(s: &str) -> Result<Self, String> {
        let mut parts = s.split(',');
        let pool = parts.next().unwrap_or_default().trim().to_owned();
        let mut spec = SeedSpec {
            identity_pool_id: pool,
            identities: 0,
            datasets: 2,
            records: 20,
            value_bytes: 32,
        };
        for part in parts {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| format!("expected key=value, got {part:?}"))?;
            let n: u64 = v
                .trim()
                .parse()
                .map_err(|_| format!("{k}: {v:?} is not a number"))?;
            match k.trim() {
                "identities" => spec.identities = n,
                "datasets" => spec.datasets = n,
                "records" => spec.records = n,
                "value_bytes" => spec.value_bytes = n,
                other => return Err(format!("unknown key {other:?}")),
            }
        }
        spec.check()?;
        Ok(spec)
    }
}

impl SeedSpec {
    fn check(&self) -> Result<(), String> {
        if !validate::is_id(&self.identity_pool_id) {
            return Err(format!(
                "invalid identity pool id {:?}: expected REGION:GUID",
                self.identity_pool_id
            ));
        }
        if self.datasets > 20 || self.records > 1024 {
            return Err("at most 20 datasets per identity and 1024 records per dataset".into());
        }
        if self.records * (self.value_bytes + 8) > 1024 * 1024 {
            return Err("a dataset would exceed 1 MiB".into());
        }
        Ok(())
    }

    /// The ID of identity number `i` of a seeded pool.
    pub fn identity_id(&self, i: u64) -> String {
        let region = self
            .identity_pool_id
            .split(':')
            .next()
            .unwrap_or("us-east-1");
        format!("{region}:00000000-0000-4000-8000-{i:012x}")
    }
}

/// Writes the seeded pool; existing seeded identities are replaced.
pub(crate) fn seed(state: &State, spec: &SeedSpec) -> Result<(), Error> {
    spec.check().map_err(Error::new)?;
    let now = now_ms();
    let by = state.config.account_id.clone();
    let value = "v".repeat(spec.value_bytes as usize);
    state.store.write(|tx| {
        if pools::load(tx, &spec.identity_pool_id)?.is_none() {
            pools::insert(tx, &spec.identity_pool_id, "seeded", true, &Map::new())?;
        }
        let mut identity = tx.prepare(
            "INSERT OR REPLACE INTO identities (id, pool_id, created_ms, modified_ms) VALUES (?1, ?2, ?3, ?3)",
        )?;
        let mut dataset = tx.prepare(
            "INSERT OR REPLACE INTO datasets (pool_id, identity_id, name, live, created_ms, modified_ms,
                 modified_by, sync_count, deleted_at, data_storage, num_records)
             VALUES (?1, ?2, ?3, 1, ?4, ?4, ?5, ?6, 0, ?7, ?8)",
        )?;
        let mut record = tx.prepare(
            "INSERT OR REPLACE INTO records (pool_id, identity_id, dataset, key, value, sync_count,
                 modified_ms, modified_by, device_modified_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7)",
        )?;
        let keys: Vec<String> = (0..spec.records).map(|k| format!("key-{k}")).collect();
        let storage: i64 = keys.iter().map(|k| (k.len() + value.len()) as i64).sum();
        for i in 0..spec.identities {
            let id = spec.identity_id(i);
            identity.execute(params![id, spec.identity_pool_id, now])?;
            for d in 0..spec.datasets {
                let name = format!("dataset-{d}");
                // One UpdateRecords per record: the dataset's count is the number of records.
                let count = spec.records.max(1) as i64;
                dataset.execute(params![
                    spec.identity_pool_id,
                    id,
                    name,
                    now,
                    by,
                    count,
                    storage,
                    spec.records as i64
                ])?;
                for (k, key) in keys.iter().enumerate() {
                    record.execute(params![
                        spec.identity_pool_id,
                        id,
                        name,
                        key,
                        value,
                        k as i64 + 1,
                        now,
                        by
                    ])?;
                }
            }
        }
        Ok(())
    })?;
    Ok(())
}
