//! `cognito-sync migrate dynamodb`: every record of an archive (or of a live pool, exported
//! first to a temporary archive) into one DynamoDB table.
//!
//! Schema (cli/ARCHIVE.md, "DynamoDB"): partition key `pk` = `IDENTITY_ID#DATASET_NAME`
//! (neither may contain `#`), sort key `sk` = the record key; attributes `IdentityId`,
//! `DatasetName`, `Key`, `Value` (absent for a tombstone), `SyncCount`, `LastModifiedDate`,
//! `LastModifiedBy`, `DeviceLastModifiedDate` (epoch seconds), `Deleted` (true for a
//! tombstone) and `DatasetSyncCount`. Writes are PutRequests (idempotent: a rerun writes the
//! same items), in BatchWriteItem calls of 25, several in flight, unprocessed items retried
//! with backoff.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_dynamodb::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType, PutRequest,
    ScalarAttributeType, TableStatus, WriteRequest,
};
use aws_sdk_dynamodb::Client;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use futures_util::stream::{self, StreamExt};
use serde::Serialize;

use crate::context::Context;
use crate::exit::{self, Failure};
use crate::pool::archive::{DatasetLine, Reader};
use crate::pool::export;
use crate::pool::progress::Progress;
use crate::pool::verify::Groups;

/// Items per BatchWriteItem (the service's maximum).
const BATCH: usize = 25;
/// Rounds of retrying unprocessed items before giving up.
const MAX_ROUNDS: u32 = 12;

/// `cognito-sync migrate dynamodb`.
#[derive(Debug, Clone, clap::Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["input", "identity_pool_id"])))]
pub struct Args {
    /// An archive written by `cognito-sync export` (plain or gzip).
    #[arg(long, value_name = "PATH")]
    pub input: Option<PathBuf>,

    /// A live pool instead: it is exported first (to a temporary archive next to the
    /// system's temporary directory), then migrated.
    #[arg(long, value_name = "ID")]
    pub identity_pool_id: Option<String>,

    /// The DynamoDB table.
    #[arg(long, value_name = "NAME")]
    pub table: String,

    /// Create the table (on-demand billing) if it does not exist, and wait until it is active.
    #[arg(long)]
    pub create_table: bool,

    /// Leave deleted records (tombstones) out.
    #[arg(long)]
    pub drop_tombstones: bool,

    /// The DynamoDB endpoint (default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, else the
    /// region's endpoint).
    #[arg(long, value_name = "URL")]
    pub dynamodb_endpoint_url: Option<String>,

    /// BatchWriteItem calls in flight at most.
    #[arg(long, default_value_t = 8, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub concurrency: u32,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "PascalCase")]
struct Report {
    table: String,
    datasets: u64,
    items_written: u64,
    tombstones_dropped: u64,
    batches: u64,
    unprocessed_retries: u64,
    seconds: f64,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

async fn client(args: &Args, ctx: &Context) -> Result<Client, Failure> {
    let creds = ctx
        .credentials_provider()
        .provide_credentials()
        .await
        .map_err(|e| {
            Failure::configuration(format!("Unable to locate credentials: {}", e.message()))
        })?;
    let region = ctx.region().unwrap_or_else(|| "us-east-1".to_owned());
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
        .build_https();
    let mut conf = aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region))
        .credentials_provider(Credentials::new(
            creds.access_key_id.clone(),
            creds.secret_access_key.clone(),
            creds.session_token.clone(),
            creds.expiry,
            "cognito-sync-cli",
        ))
        .http_client(http);
    let ignore =
        env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let endpoint = args.dynamodb_endpoint_url.clone().or_else(|| {
        if ignore {
            None
        } else {
            env("AWS_ENDPOINT_URL_DYNAMODB").or_else(|| env("AWS_ENDPOINT_URL"))
        }
    });
    if let Some(url) = endpoint {
        conf = conf.endpoint_url(url);
    }
    Ok(Client::from_conf(conf.build()))
}

fn service_failure<E>(what: &str, table: &str, e: &aws_sdk_dynamodb::error::SdkError<E>) -> Failure
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    let code = if e.code().is_some() {
        exit::SERVICE
    } else {
        exit::OTHER
    };
    Failure::new(
        code,
        format!(
            "DynamoDB {what} on table {table} failed: {}",
            DisplayErrorContext(e)
        ),
    )
}

async fn create_table(db: &Client, table: &str) -> Result<(), Failure> {
    let key = |name: &str, t: KeyType| {
        KeySchemaElement::builder()
            .attribute_name(name)
            .key_type(t)
            .build()
            .map_err(|e| Failure::other(e.to_string()))
    };
    let attr = |name: &str| {
        AttributeDefinition::builder()
            .attribute_name(name)
            .attribute_type(ScalarAttributeType::S)
            .build()
            .map_err(|e| Failure::other(e.to_string()))
    };
    let created = db
        .create_table()
        .table_name(table)
        .key_schema(key("pk", KeyType::Hash)?)
        .key_schema(key("sk", KeyType::Range)?)
        .attribute_definitions(attr("pk")?)
        .attribute_definitions(attr("sk")?)
        .billing_mode(BillingMode::PayPerRequest)
        .send()
        .await;
    if let Err(e) = created {
        if e.code() != Some("ResourceInUseException") {
            return Err(service_failure("CreateTable", table, &e));
        }
    }
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let d = db
            .describe_table()
            .table_name(table)
            .send()
            .await
            .map_err(|e| service_failure("DescribeTable", table, &e))?;
        if d.table().and_then(|t| t.table_status()) == Some(&TableStatus::Active) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(Failure::other(format!(
                "table {table} did not become ACTIVE within 5 minutes"
            )));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

fn n(v: impl ToString) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

/// The items of one dataset.
fn items(
    d: &DatasetLine,
    drop_tombstones: bool,
    dropped: &mut u64,
) -> Result<Vec<WriteRequest>, Failure> {
    let mut out = Vec::with_capacity(d.records.len());
    for r in &d.records {
        if r.value.is_none() && drop_tombstones {
            *dropped += 1;
            continue;
        }
        let mut item = HashMap::new();
        item.insert(
            "pk".to_owned(),
            AttributeValue::S(format!("{}#{}", d.identity_id, d.dataset_name)),
        );
        item.insert("sk".to_owned(), AttributeValue::S(r.key.clone()));
        item.insert(
            "IdentityId".to_owned(),
            AttributeValue::S(d.identity_id.clone()),
        );
        item.insert(
            "DatasetName".to_owned(),
            AttributeValue::S(d.dataset_name.clone()),
        );
        item.insert("Key".to_owned(), AttributeValue::S(r.key.clone()));
        match &r.value {
            Some(v) => {
                item.insert("Value".to_owned(), AttributeValue::S(v.clone()));
            }
            None => {
                item.insert("Deleted".to_owned(), AttributeValue::Bool(true));
            }
        }
        item.insert("SyncCount".to_owned(), n(r.sync_count));
        item.insert("LastModifiedDate".to_owned(), n(r.last_modified_date));
        if let Some(by) = &r.last_modified_by {
            item.insert("LastModifiedBy".to_owned(), AttributeValue::S(by.clone()));
        }
        if let Some(t) = r.device_last_modified_date {
            item.insert("DeviceLastModifiedDate".to_owned(), n(t));
        }
        item.insert("DatasetSyncCount".to_owned(), n(d.dataset_sync_count));
        let put = PutRequest::builder()
            .set_item(Some(item))
            .build()
            .map_err(|e| Failure::other(e.to_string()))?;
        out.push(WriteRequest::builder().put_request(put).build());
    }
    Ok(out)
}

/// Writes one batch, retrying its unprocessed items; returns how many retry rounds it took.
async fn write_batch(db: &Client, table: &str, batch: Vec<WriteRequest>) -> Result<u64, Failure> {
    let mut pending = batch;
    let mut rounds = 0u32;
    loop {
        let out = db
            .batch_write_item()
            .request_items(table, pending)
            .send()
            .await
            .map_err(|e| service_failure("BatchWriteItem", table, &e))?;
        let left = out
            .unprocessed_items()
            .and_then(|m| m.get(table))
            .cloned()
            .unwrap_or_default();
        if left.is_empty() {
            return Ok(u64::from(rounds));
        }
        rounds += 1;
        if rounds >= MAX_ROUNDS {
            return Err(Failure::other(format!(
                "DynamoDB kept {} item(s) unprocessed on table {table} after {MAX_ROUNDS} attempts; run the migration again (it is idempotent)",
                left.len()
            )));
        }
        // Exponential backoff with full jitter, as AWS advises for unprocessed items.
        let ceiling = Duration::from_millis(50)
            .saturating_mul(1 << rounds.min(10))
            .min(Duration::from_secs(10));
        tokio::time::sleep(ceiling.mul_f64(fastrand::f64())).await;
        pending = left;
    }
}

/// The command.
pub async fn run(args: Args, ctx: &Context) -> Result<(), Failure> {
    let started = Instant::now();
    let mut temp = None;
    let input = match (&args.input, &args.identity_pool_id) {
        (Some(p), _) => p.clone(),
        (None, Some(pool)) => {
            let path = std::env::temp_dir().join(format!(
                "cognito-sync-migrate-{}-{}.jsonl",
                pool.replace(':', "_"),
                std::process::id()
            ));
            let e = export::Args {
                identity_pool_id: pool.clone(),
                output: path.clone(),
                identity_ids: Vec::new(),
                identities: None,
                compress: export::Compress::None,
                concurrency: args.concurrency,
                force: true,
            };
            export::export(&e, ctx).await?;
            temp = Some(path.clone());
            path
        }
        (None, None) => {
            return Err(Failure::invalid_parameter(
                "--input or --identity-pool-id is required",
            ))
        }
    };
    let result = migrate(&args, ctx, &input, started).await;
    if let Some(t) = temp {
        let _ = std::fs::remove_file(t);
    }
    result
}

async fn migrate(
    args: &Args,
    ctx: &Context,
    input: &std::path::Path,
    started: Instant,
) -> Result<(), Failure> {
    // A damaged archive writes nothing.
    let (_, manifest) = crate::pool::archive::check(input)?;
    let db = client(args, ctx).await?;
    if args.create_table {
        create_table(&db, &args.table).await?;
    }
    let mut groups = Groups::new(Reader::open(input)?);
    groups.pool_line()?;
    let mut report = Report {
        table: args.table.clone(),
        ..Report::default()
    };
    // Batches are filled in archive order; one dataset's items may span batches.
    let mut dropped = 0u64;
    let mut datasets = 0u64;
    let mut buffer: Vec<WriteRequest> = Vec::new();
    let batches = std::iter::from_fn(|| loop {
        if buffer.len() >= BATCH {
            return Some(Ok(buffer.drain(..BATCH).collect::<Vec<_>>()));
        }
        match groups.next_group() {
            Err(e) => return Some(Err(e)),
            Ok(Some((_, ds))) => {
                for d in &ds {
                    datasets += 1;
                    match items(d, args.drop_tombstones, &mut dropped) {
                        Ok(mut i) => buffer.append(&mut i),
                        Err(e) => return Some(Err(e)),
                    }
                }
            }
            Ok(None) => {
                if buffer.is_empty() {
                    return None;
                }
                return Some(Ok(std::mem::take(&mut buffer)));
            }
        }
    });
    let mut progress = Progress::new("records migrated", Some(manifest.records), ctx.global.quiet);
    let table = args.table.clone();
    let mut results = stream::iter(batches)
        .map(|b| {
            let db = db.clone();
            let table = table.clone();
            async move {
                let b = b?;
                let len = b.len() as u64;
                write_batch(&db, &table, b).await.map(|r| (len, r))
            }
        })
        .buffer_unordered(args.concurrency as usize);
    while let Some(r) = results.next().await {
        let (len, retries) = r?;
        report.items_written += len;
        report.batches += 1;
        report.unprocessed_retries += retries;
        progress.set(report.items_written);
    }
    progress.finish();
    drop(results);
    report.datasets = datasets;
    report.tombstones_dropped = dropped;
    report.seconds = started.elapsed().as_secs_f64();
    crate::pool::print_json(&report);
    Ok(())
}
