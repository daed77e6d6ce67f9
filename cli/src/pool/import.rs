//! `cognito-sync import`: writes an archive's datasets back into a pool through the service
//! (UpdateRecords with developer credentials), after checking the whole archive first, so a
//! damaged archive writes nothing.
//!
//! Per record: the same value (or a tombstone over a missing or deleted record) is left
//! alone, so a rerun writes nothing; a server record changed after the archived one
//! (a later `LastModifiedDate`) is a conflict, reported and kept unless `--overwrite`;
//! anything else is written with the archived value and `DeviceLastModifiedDate`.
//! Records the server has and the archive does not are kept. The service sets sync counts,
//! dates and `LastModifiedBy` of what it writes: to restore those too, load the archive
//! into the emulator (`cognito-sync-local --import`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use cognito_sync::model::{RecordPatch, UpdateRecordsInput};
use cognito_sync::Client;
use futures_util::stream::{self, StreamExt};
use serde::Serialize;
use serde_json::{json, Value};

use super::archive::{self, DatasetLine, Reader};
use super::limiter::{Classify, Limiter};
use super::progress::Progress;
use super::verify::Groups;
use super::Services;
use crate::context::Context;
use crate::exit::{self, Failure};

const MAX_LISTED: usize = 1000;
/// Attempts of one dataset when a concurrent writer changes it between list and update.
const CONFLICT_ATTEMPTS: u32 = 5;

/// `cognito-sync import`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The archive (plain or gzip).
    #[arg(long, value_name = "PATH")]
    pub input: PathBuf,

    /// The pool to write into (the archive's own, or another whose identities exist).
    #[arg(long, value_name = "ID")]
    pub identity_pool_id: String,

    /// Write archived records over newer server data too.
    #[arg(long)]
    pub overwrite: bool,

    /// Calls in flight at most; fewer while the service throttles.
    #[arg(long, default_value_t = 8, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub concurrency: u32,
}

#[derive(Default, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Report {
    input: String,
    identity_pool_id: String,
    datasets: u64,
    datasets_written: u64,
    records_written: u64,
    records_unchanged: u64,
    conflict_count: u64,
    conflicts: Vec<Value>,
}

/// What importing one dataset did.
#[derive(Default)]
struct Outcome {
    written: u64,
    unchanged: u64,
    conflicts: Vec<Value>,
}

/// A write's error: here LimitExceededException means "too big", not "slow down".
struct WriteError(cognito_sync::Error);

impl Classify for WriteError {
    fn throttling(&self) -> bool {
        self.0.is_throttling() || self.0.code() == Some("TooManyRequestsException")
    }
    fn retryable(&self) -> bool {
        self.0.code() != Some("LimitExceededException") && self.0.is_retryable()
            || self.throttling()
    }
}

fn time(secs: f64) -> std::time::SystemTime {
    if secs >= 0.0 {
        UNIX_EPOCH + Duration::from_secs_f64(secs)
    } else {
        UNIX_EPOCH - Duration::from_secs_f64(-secs)
    }
}

async fn import_dataset(
    client: &Client,
    limiter: &Limiter,
    pool: &str,
    d: &DatasetLine,
    overwrite: bool,
) -> Result<Outcome, Failure> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        // The server's current records and a session to write with.
        let (records, last) =
            super::fetch::all_records(client, limiter, pool, &d.identity_id, &d.dataset_name)
                .await?;
        let session = last.sync_session_token;
        let mut live: HashMap<String, archive::RecordLine> = HashMap::new();
        for r in records {
            let key = r.key.clone().unwrap_or_default();
            live.insert(
                key.clone(),
                archive::RecordLine {
                    key,
                    value: r.value,
                    sync_count: r.sync_count.unwrap_or(0),
                    last_modified_date: r.last_modified_date.map_or(0.0, super::fetch::seconds),
                    last_modified_by: r.last_modified_by,
                    device_last_modified_date: None,
                },
            );
        }
        let mut out = Outcome::default();
        let mut patches = Vec::new();
        for r in &d.records {
            let current = live.get(&r.key);
            let current_value = current.and_then(|c| c.value.as_ref());
            if current_value == r.value.as_ref() {
                out.unchanged += 1;
                continue;
            }
            if let Some(c) = current {
                if c.last_modified_date > r.last_modified_date && !overwrite {
                    out.conflicts.push(json!({
                        "IdentityId": d.identity_id, "DatasetName": d.dataset_name, "Key": r.key,
                        "Archive": {"Value": r.value, "LastModifiedDate": r.last_modified_date},
                        "Pool": {"Value": c.value, "LastModifiedDate": c.last_modified_date},
                    }));
                    continue;
                }
            }
            let count = current.map_or(0, |c| c.sync_count);
            let mut patch = match &r.value {
                Some(v) => RecordPatch::replace(r.key.clone(), v.clone(), count),
                None => RecordPatch::remove(r.key.clone(), count),
            };
            if let Some(t) = r.device_last_modified_date {
                patch = patch.with_device_last_modified_date(time(t));
            }
            patches.push(patch);
        }
        if patches.is_empty() {
            return Ok(out);
        }
        let n = patches.len() as u64;
        let input = UpdateRecordsInput {
            identity_pool_id: pool.to_owned(),
            identity_id: d.identity_id.clone(),
            dataset_name: d.dataset_name.clone(),
            record_patches: Some(patches),
            sync_session_token: session.unwrap_or_default(),
            ..Default::default()
        };
        match limiter
            .run(|| async { client.update_records(&input).await.map_err(WriteError) })
            .await
        {
            Ok(_) => {
                out.written = n;
                return Ok(out);
            }
            Err(WriteError(e))
                if e.code() == Some("ResourceConflictException") && attempt < CONFLICT_ATTEMPTS =>
            {
                // Someone wrote meanwhile: list again and decide again.
                continue;
            }
            Err(WriteError(e)) => {
                return Err(Failure::new(
                    Failure::from_call("UpdateRecords", client.endpoint(), &e).code,
                    format!(
                        "identity {} dataset {}: {}",
                        d.identity_id,
                        d.dataset_name,
                        Failure::from_call("UpdateRecords", client.endpoint(), &e).message
                    ),
                ))
            }
        }
    }
}

/// The command.
pub async fn run(args: Args, ctx: &Context) -> Result<(), Failure> {
    // Check everything before writing anything.
    let (_, manifest) = archive::check(&args.input)?;
    let services = Services::new(ctx)?;
    let limiter = Arc::new(Limiter::new(args.concurrency as usize));
    let pool = args.identity_pool_id.clone();
    let mut groups = Groups::new(Reader::open(&args.input)?);
    groups.pool_line()?;
    let datasets = groups.flat_map(|g| match g {
        Ok((_, ds)) => ds.into_iter().map(Ok).collect::<Vec<_>>(),
        Err(e) => vec![Err(e)],
    });
    let mut report = Report {
        input: args.input.display().to_string(),
        identity_pool_id: pool.clone(),
        ..Report::default()
    };
    let mut progress = Progress::new(
        "datasets imported",
        Some(manifest.datasets),
        ctx.global.quiet,
    );
    let overwrite = args.overwrite;
    let mut results = stream::iter(datasets)
        .map(|d| {
            let client = services.sync.clone();
            let limiter = Arc::clone(&limiter);
            let pool = pool.clone();
            async move {
                let d = d?;
                import_dataset(&client, &limiter, &pool, &d, overwrite).await
            }
        })
        .buffer_unordered((args.concurrency as usize).max(1));
    while let Some(r) = results.next().await {
        let o = r?;
        report.datasets += 1;
        report.datasets_written += u64::from(o.written > 0);
        report.records_written += o.written;
        report.records_unchanged += o.unchanged;
        for c in o.conflicts {
            report.conflict_count += 1;
            if report.conflicts.len() < MAX_LISTED {
                report.conflicts.push(c);
            }
        }
        progress.set(report.datasets);
    }
    progress.finish();
    let conflicts = report.conflict_count;
    super::print_json(&report);
    if conflicts > 0 {
        return Err(Failure::new(
            exit::DIFFERENCES,
            format!(
                "{conflicts} record(s) changed on the server after the archive was taken were kept; pass --overwrite to replace them"
            ),
        ));
    }
    Ok(())
}
