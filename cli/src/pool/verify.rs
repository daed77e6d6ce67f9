//! `cognito-sync verify`: checks an archive (every line, the manifest's counts, bytes and
//! SHA-256), then compares it with the live pool: identities (for a whole-pool archive),
//! datasets, sync counts, sizes and every record. Differences are printed on stdout; the
//! exit code is 1 if there is any.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use futures_util::stream::{self, StreamExt};
use serde::Serialize;
use serde_json::{json, Value};

use super::archive::{self, DatasetLine, IdentityLine, Line, Manifest, Reader};
use super::limiter::Limiter;
use super::progress::Progress;
use super::{fetch, Services};
use crate::context::Context;
use crate::exit::{self, Failure};

/// Differences listed in full; the others are only counted.
const MAX_LISTED: usize = 1000;

/// `cognito-sync verify`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The archive (plain or gzip).
    #[arg(long, value_name = "PATH")]
    pub input: PathBuf,

    /// The live pool to compare with.
    #[arg(long, value_name = "ID")]
    pub identity_pool_id: String,

    /// Calls in flight at most; fewer while the service throttles.
    #[arg(long, default_value_t = 8, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub concurrency: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Report {
    input: String,
    identity_pool_id: String,
    archive: Manifest,
    identities_compared: u64,
    datasets_compared: u64,
    records_compared: u64,
    difference_count: u64,
    differences: Vec<Value>,
}

/// Reads an archive as identity groups: each identity line with its dataset lines.
pub struct Groups {
    reader: Reader,
    pending: Option<IdentityLine>,
}

impl Groups {
    /// Groups of `reader` (after its header).
    pub fn new(reader: Reader) -> Groups {
        Groups {
            reader,
            pending: None,
        }
    }

    /// The underlying reader.
    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    /// The pool line, when it comes next (call once, first).
    pub fn pool_line(&mut self) -> Result<Option<archive::PoolLine>, Failure> {
        match self.reader.next_line()? {
            Some(Line::Pool(p)) => Ok(Some(p)),
            Some(Line::Identity(i)) => {
                self.pending = Some(i);
                Ok(None)
            }
            Some(_) => Err(self.misplaced()),
            None => Ok(None),
        }
    }

    fn misplaced(&self) -> Failure {
        Failure::new(
            exit::INVALID_PARAMETER,
            format!(
                "archive {}, line {}: line out of place (expected the pool line, an identity or a dataset of the identity before it)",
                self.reader.path(),
                self.reader.line_no()
            ),
        )
    }

    /// The next identity and its datasets.
    pub fn next_group(&mut self) -> Result<Option<(IdentityLine, Vec<DatasetLine>)>, Failure> {
        let identity = match self.pending.take() {
            Some(i) => i,
            None => match self.reader.next_line()? {
                None => return Ok(None),
                Some(Line::Identity(i)) => i,
                Some(_) => return Err(self.misplaced()),
            },
        };
        let mut datasets = Vec::new();
        loop {
            match self.reader.next_line()? {
                None => break,
                Some(Line::Identity(i)) => {
                    self.pending = Some(i);
                    break;
                }
                Some(Line::Dataset(d)) if d.identity_id == identity.identity_id => datasets.push(d),
                Some(_) => return Err(self.misplaced()),
            }
        }
        Ok(Some((identity, datasets)))
    }
}

impl Iterator for Groups {
    type Item = Result<(IdentityLine, Vec<DatasetLine>), Failure>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_group().transpose()
    }
}

/// Differences between an archived identity and the live one.
fn compare(identity: &str, archived: &[DatasetLine], live: &[DatasetLine]) -> Vec<Value> {
    let mut out = Vec::new();
    let live: BTreeMap<&str, &DatasetLine> =
        live.iter().map(|d| (d.dataset_name.as_str(), d)).collect();
    let mut seen = Vec::new();
    for a in archived {
        let Some(l) = live.get(a.dataset_name.as_str()) else {
            out.push(json!({"IdentityId": identity, "DatasetName": a.dataset_name, "Difference": "dataset missing from the pool"}));
            continue;
        };
        seen.push(a.dataset_name.as_str());
        let checks = [
            (
                "DatasetSyncCount",
                json!(a.dataset_sync_count),
                json!(l.dataset_sync_count),
            ),
            ("NumRecords", json!(a.num_records), json!(l.num_records)),
            ("DataStorage", json!(a.data_storage), json!(l.data_storage)),
            (
                "RecordCount",
                json!(a.records.len()),
                json!(l.records.len()),
            ),
        ];
        for (name, av, lv) in checks {
            if av != lv {
                out.push(json!({"IdentityId": identity, "DatasetName": a.dataset_name, "Difference": format!("{name} differs"), "Archive": av, "Pool": lv}));
            }
        }
        let lrec: BTreeMap<&str, &archive::RecordLine> =
            l.records.iter().map(|r| (r.key.as_str(), r)).collect();
        for r in &a.records {
            match lrec.get(r.key.as_str()) {
                None => out.push(json!({"IdentityId": identity, "DatasetName": a.dataset_name, "Key": r.key, "Difference": "record missing from the pool"})),
                Some(lr) if lr.value != r.value || lr.sync_count != r.sync_count => out.push(json!({
                    "IdentityId": identity, "DatasetName": a.dataset_name, "Key": r.key,
                    "Difference": if lr.value != r.value { "value differs" } else { "SyncCount differs" },
                    "Archive": {"Value": r.value, "SyncCount": r.sync_count},
                    "Pool": {"Value": lr.value, "SyncCount": lr.sync_count},
                })),
                Some(_) => {}
            }
        }
        let akeys: std::collections::BTreeSet<&str> =
            a.records.iter().map(|r| r.key.as_str()).collect();
        for r in &l.records {
            if !akeys.contains(r.key.as_str()) {
                out.push(json!({"IdentityId": identity, "DatasetName": a.dataset_name, "Key": r.key, "Difference": "record not in the archive"}));
            }
        }
    }
    for name in live.keys() {
        if !seen.contains(name) {
            out.push(json!({"IdentityId": identity, "DatasetName": name, "Difference": "dataset not in the archive"}));
        }
    }
    out
}

/// Lists the live pool's identities (sorted) into a temporary spool file.
async fn live_identities(
    services: &Services,
    limiter: &Limiter,
    pool: &str,
    spool_path: &std::path::Path,
) -> Result<u64, Failure> {
    let mut spool = super::spool::SpoolWriter::new(spool_path);
    let mut token: Option<String> = None;
    loop {
        let (page, next) = limiter
            .run(|| services.identities.list_page(pool, token.as_deref()))
            .await
            .map_err(|e| e.failure())?;
        for d in page {
            spool.push(&IdentityLine {
                identity_id: d.identity_id,
                logins: None,
                creation_date: None,
                last_modified_date: None,
            })?;
        }
        match next {
            Some(t) if Some(&t) != token.as_ref() => token = Some(t),
            _ => break,
        }
    }
    spool.finish()
}

/// The command.
pub async fn run(args: Args, ctx: &Context) -> Result<(), Failure> {
    // Pass 1: the archive alone. A damaged archive is a failed verification (exit 1).
    let (header, manifest) = archive::check(&args.input).map_err(|f| {
        Failure::new(
            exit::DIFFERENCES,
            format!("verification failed: {}", f.message),
        )
    })?;
    let services = Services::new(ctx)?;
    let limiter = Arc::new(Limiter::new(args.concurrency as usize));
    let pool = args.identity_pool_id.clone();
    let mut differences = Vec::new();
    let mut count = 0u64;
    let mut note = |d: Value, differences: &mut Vec<Value>| {
        count += 1;
        if differences.len() < MAX_LISTED {
            differences.push(d);
        }
    };

    // The pool's configuration and events (usage changes with every sync: not compared).
    let mut groups = Groups::new(Reader::open(&args.input)?);
    let live_pool = super::export::pool_line(&services, &limiter, &pool).await?;
    if let Some(p) = groups.pool_line()? {
        if p.configuration != live_pool.configuration {
            note(
                json!({"Difference": "pool configuration differs", "Archive": p.configuration, "Pool": live_pool.configuration}),
                &mut differences,
            );
        }
        if p.cognito_events != live_pool.cognito_events {
            note(
                json!({"Difference": "Cognito events differ", "Archive": p.cognito_events, "Pool": live_pool.cognito_events}),
                &mut differences,
            );
        }
    }

    // A whole-pool archive should hold exactly the pool's identities.
    let spool_path =
        std::env::temp_dir().join(format!("cognito-sync-verify-{}.ids", std::process::id()));
    let mut live_ids = None;
    if header.scope == "pool" {
        live_identities(&services, &limiter, &pool, &spool_path).await?;
        live_ids = Some(super::spool::read_from(&spool_path, 0)?.peekable());
    }

    let mut progress = Progress::new(
        "identities verified",
        Some(manifest.identities),
        ctx.global.quiet,
    );
    let window = (args.concurrency as usize * 2).max(2);
    let mut results = stream::iter(groups)
        .map(|g| {
            let client = services.sync.clone();
            let limiter = Arc::clone(&limiter);
            let pool = pool.clone();
            async move {
                let (identity, archived) = g?;
                let live = fetch::identity(&client, &limiter, &pool, &identity.identity_id).await?;
                Ok::<_, Failure>((identity, archived, live))
            }
        })
        .buffered(window);
    let (mut identities, mut datasets, mut records) = (0u64, 0u64, 0u64);
    while let Some(r) = results.next().await {
        let (identity, archived, live) = r?;
        let id = identity.identity_id.as_str();
        if let Some(ids) = live_ids.as_mut() {
            while let Some(Ok(next)) = ids.peek() {
                if next.identity_id.as_str() >= id {
                    break;
                }
                note(
                    json!({"IdentityId": next.identity_id, "Difference": "identity not in the archive"}),
                    &mut differences,
                );
                ids.next();
            }
            match ids.peek() {
                Some(Ok(next)) if next.identity_id == id => {
                    ids.next();
                }
                Some(Err(_)) => {
                    if let Some(Err(e)) = ids.next() {
                        return Err(e);
                    }
                }
                _ => note(
                    json!({"IdentityId": id, "Difference": "identity missing from the pool"}),
                    &mut differences,
                ),
            }
        }
        identities += 1;
        datasets += archived.len() as u64;
        records += archived.iter().map(|d| d.records.len() as u64).sum::<u64>();
        for d in compare(id, &archived, &live) {
            note(d, &mut differences);
        }
        progress.set(identities);
    }
    progress.finish();
    if let Some(ids) = live_ids.as_mut() {
        for rest in ids {
            let rest = rest?;
            note(
                json!({"IdentityId": rest.identity_id, "Difference": "identity not in the archive"}),
                &mut differences,
            );
        }
    }
    drop(results);
    let _ = std::fs::remove_file(&spool_path);

    super::print_json(&Report {
        input: args.input.display().to_string(),
        identity_pool_id: args.identity_pool_id.clone(),
        archive: manifest,
        identities_compared: identities,
        datasets_compared: datasets,
        records_compared: records,
        difference_count: count,
        differences,
    });
    if count > 0 {
        return Err(Failure::new(
            exit::DIFFERENCES,
            format!(
                "{count} difference(s) between {} and pool {}",
                args.input.display(),
                args.identity_pool_id
            ),
        ));
    }
    Ok(())
}
