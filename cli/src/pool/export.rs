//! `cognito-sync export`: a whole pool (or the identities given) into an archive.
//!
//! The archive's content is canonical (identities sorted by ID, datasets by name, records as
//! listed), so it is the same whether the export ran in one go or was killed and resumed.
//! It is written in chunks (the header and pool line; then every 64 identities or 4 MiB):
//! each chunk is appended to `OUTPUT.partial` (one gzip member per chunk with
//! `--compress gzip`), fsynced, and only then recorded in `OUTPUT.journal`. A rerun with the
//! same arguments checks the partial file against the journal, cuts what came after the last
//! checkpoint, and goes on from the next identity. The archive appears under its name (a
//! rename) only once the manifest is written.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use clap::ValueEnum;
use cognito_sync::model::{
    DescribeIdentityPoolUsageInput, GetCognitoEventsInput, GetIdentityPoolConfigurationInput,
};
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use futures_util::stream::{self, StreamExt};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::archive::{self, Header, IdentityLine, Line, Manifest, PoolLine, Totals};
use super::journal::{sync_dir, Files, Journal};
use super::limiter::{Limiter, LimiterStats};
use super::progress::Progress;
use super::spool::{self, SpoolWriter};
use super::{fetch, Services};
use crate::context::Context;
use crate::exit::Failure;

/// Identities per checkpoint (and at most [`CHUNK_BYTES`] of lines).
const CHUNK_IDENTITIES: u64 = 64;
const CHUNK_BYTES: usize = 4 << 20;

/// Compression of the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Compress {
    /// Plain JSON Lines.
    None,
    /// gzip (one member per checkpoint; `gzip -d`, `zcat` and every gzip reader read it).
    Gzip,
}

/// `cognito-sync export`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The identity pool, e.g. us-east-1:00000000-0000-0000-0000-000000000001.
    #[arg(long, value_name = "ID")]
    pub identity_pool_id: String,

    /// The archive to write. Working files `PATH.partial`, `PATH.journal` and `PATH.ids` are
    /// kept beside it until it is complete.
    #[arg(long, value_name = "PATH")]
    pub output: PathBuf,

    /// Export only this identity (repeatable) instead of listing the pool's identities.
    #[arg(long = "identity-id", value_name = "ID")]
    pub identity_ids: Vec<String>,

    /// Export only the identities listed in this file (one ID a line; blank lines and lines
    /// starting with # are skipped).
    #[arg(long, value_name = "FILE", conflicts_with = "identity_ids")]
    pub identities: Option<PathBuf>,

    /// Compress the archive.
    #[arg(long, value_enum, default_value = "none")]
    pub compress: Compress,

    /// Calls in flight at most; fewer while the service throttles.
    #[arg(long, default_value_t = 8, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub concurrency: u32,

    /// Replace PATH if it already exists.
    #[arg(long)]
    pub force: bool,
}

/// What an export did (printed as JSON on stdout).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Summary {
    /// The archive.
    pub output: String,
    /// The manifest.
    pub manifest: Manifest,
    /// Whether this run continued an interrupted one.
    pub resumed: bool,
    /// Identities fetched by this run (the others came from the interrupted run).
    pub identities_fetched: u64,
    /// Calls made, throttled and retried by this run.
    pub calls: u64,
    /// Calls refused by throttling.
    pub throttled: u64,
    /// Calls retried.
    pub retried: u64,
    /// Wall-clock seconds of this run.
    pub seconds: f64,
}

fn io(path: &Path, what: &str, e: std::io::Error) -> Failure {
    let hint = if e.raw_os_error() == Some(28) || e.raw_os_error() == Some(27) {
        " (the disk or the file size limit is full; free space and run the same command again to resume)"
    } else {
        ""
    };
    Failure::other(format!("cannot {what} {}: {e}{hint}", path.display()))
}

/// Appends checkpointed chunks to the partial file.
struct ChunkWriter {
    path: PathBuf,
    file: File,
    gzip: bool,
    chunk: Vec<u8>,
    offset: u64,
    totals: Totals,
}

impl ChunkWriter {
    fn push(&mut self, line: &Line) {
        let bytes = archive::encode(line);
        self.totals.add(line, &bytes);
        self.chunk.extend_from_slice(&bytes);
    }

    /// Writes the chunk and makes it durable.
    fn checkpoint(&mut self) -> Result<(), Failure> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        let data = if self.gzip {
            let mut enc = GzEncoder::new(Vec::new(), Compression::default());
            enc.write_all(&self.chunk)
                .and_then(|_| enc.finish())
                .map_err(|e| io(&self.path, "compress", e))?
        } else {
            std::mem::take(&mut self.chunk)
        };
        self.file
            .write_all(&data)
            .and_then(|_| self.file.sync_data())
            .map_err(|e| io(&self.path, "write", e))?;
        self.offset += data.len() as u64;
        self.chunk.clear();
        Ok(())
    }
}

/// A fingerprint of what is exported, so a rerun with other arguments does not continue it.
fn arguments_key(args: &Args) -> Result<String, Failure> {
    let source = if let Some(f) = &args.identities {
        let bytes = fs::read(f).map_err(|e| io(f, "read", e))?;
        format!("file:{}", archive::hex(&Sha256::digest(&bytes)))
    } else if !args.identity_ids.is_empty() {
        let mut ids = args.identity_ids.clone();
        ids.sort();
        ids.dedup();
        format!("ids:{}", archive::hex(&Sha256::digest(ids.join("\n"))))
    } else {
        "pool".to_owned()
    };
    Ok(format!(
        "pool={} identities={source} compress={:?} format={}",
        args.identity_pool_id,
        args.compress,
        archive::VERSION
    ))
}

pub(crate) async fn pool_line(
    s: &Services,
    limiter: &Limiter,
    pool: &str,
) -> Result<PoolLine, Failure> {
    let hint = |f: Failure| {
        if f.message.contains("NotAuthorized") || f.message.contains("AccessDenied") {
            Failure::new(
                f.code,
                format!(
                    "{}\nExporting a pool needs developer (IAM) credentials; temporary credentials of an identity cannot read the pool's configuration or list its identities.",
                    f.message
                ),
            )
        } else {
            f
        }
    };
    let config = limiter
        .run(|| {
            s.sync
                .get_identity_pool_configuration(GetIdentityPoolConfigurationInput {
                    identity_pool_id: pool.to_owned(),
                })
        })
        .await
        .map_err(|e| {
            hint(Failure::from_call(
                "GetIdentityPoolConfiguration",
                s.sync.endpoint(),
                &e,
            ))
        })?;
    let events = limiter
        .run(|| {
            s.sync.get_cognito_events(GetCognitoEventsInput {
                identity_pool_id: pool.to_owned(),
            })
        })
        .await
        .map_err(|e| {
            hint(Failure::from_call(
                "GetCognitoEvents",
                s.sync.endpoint(),
                &e,
            ))
        })?;
    let usage = limiter
        .run(|| {
            s.sync
                .describe_identity_pool_usage(DescribeIdentityPoolUsageInput {
                    identity_pool_id: pool.to_owned(),
                })
        })
        .await
        .map_err(|e| {
            hint(Failure::from_call(
                "DescribeIdentityPoolUsage",
                s.sync.endpoint(),
                &e,
            ))
        })?;
    let mut configuration = match serde_json::to_value(&config) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    configuration.remove("IdentityPoolId");
    let cognito_events = events
        .events
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, Value::String(v)))
        .collect();
    Ok(PoolLine {
        identity_pool_id: pool.to_owned(),
        configuration,
        cognito_events,
        usage: usage
            .identity_pool_usage
            .and_then(|u| serde_json::to_value(u).ok()),
    })
}

/// Lists the identities to export into the sorted spool file; returns how many.
async fn list_identities(
    args: &Args,
    s: &Services,
    limiter: &Limiter,
    ids: &Path,
    quiet: bool,
) -> Result<u64, Failure> {
    let mut spool = SpoolWriter::new(ids);
    let plain = |id: &str| IdentityLine {
        identity_id: id.to_owned(),
        logins: None,
        creation_date: None,
        last_modified_date: None,
    };
    if let Some(f) = &args.identities {
        let text = fs::read_to_string(f).map_err(|e| io(f, "read", e))?;
        for l in text.lines().map(str::trim) {
            if !l.is_empty() && !l.starts_with('#') {
                spool.push(&plain(l))?;
            }
        }
    } else if !args.identity_ids.is_empty() {
        for id in &args.identity_ids {
            spool.push(&plain(id))?;
        }
    } else {
        let mut progress = Progress::new("identities listed", None, quiet);
        let mut token: Option<String> = None;
        let mut n = 0;
        loop {
            let (page, next) = limiter
                .run(|| {
                    s.identities
                        .list_page(&args.identity_pool_id, token.as_deref())
                })
                .await
                .map_err(|e| e.failure())?;
            for d in page {
                spool.push(&IdentityLine {
                    identity_id: d.identity_id,
                    logins: d.logins.filter(|l| !l.is_empty()),
                    creation_date: d.creation_date,
                    last_modified_date: d.last_modified_date,
                })?;
                n += 1;
            }
            progress.set(n);
            match next {
                Some(t) if Some(&t) != token.as_ref() => token = Some(t),
                _ => break,
            }
        }
        progress.finish();
    }
    spool.finish()
}

/// Re-reads the durable prefix of the partial file and checks it against the journal.
fn reopen(files: &Files, j: &Journal, gzip: bool) -> Result<ChunkWriter, Failure> {
    let path = &files.partial;
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(|e| {
            Failure::other(format!(
                "cannot resume: {} ({e}); remove {} to start over",
                path.display(),
                files.journal.display()
            ))
        })?;
    let len = file.metadata().map_err(|e| io(path, "read", e))?.len();
    if len < j.offset {
        return Err(Failure::other(format!(
            "cannot resume: {} is shorter ({len} bytes) than its journal says ({}); remove {} and {} to start over",
            path.display(),
            j.offset,
            path.display(),
            files.journal.display()
        )));
    }
    // What came after the last checkpoint was never recorded: cut it.
    file.set_len(j.offset)
        .map_err(|e| io(path, "truncate", e))?;
    file.seek(SeekFrom::Start(0))
        .map_err(|e| io(path, "read", e))?;
    let mut totals = Totals::default();
    let mut prefix: Box<dyn Read> = if gzip {
        Box::new(MultiGzDecoder::new((&file).take(j.offset)))
    } else {
        Box::new((&file).take(j.offset))
    };
    let mut buf = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let n = prefix.read(&mut buf).map_err(|e| io(path, "read", e))?;
        if n == 0 {
            break;
        }
        totals.add_raw(&buf[..n]);
        bytes += n as u64;
    }
    drop(prefix);
    if bytes != j.totals.bytes || totals.digest() != j.totals.sha256 {
        return Err(Failure::other(format!(
            "cannot resume: {} does not match its journal (changed since?); remove {}, {} and {} to start over",
            path.display(),
            path.display(),
            files.journal.display(),
            files.ids.display()
        )));
    }
    totals.counts = j.totals.clone();
    file.seek(SeekFrom::End(0))
        .map_err(|e| io(path, "seek", e))?;
    Ok(ChunkWriter {
        path: path.clone(),
        file,
        gzip,
        chunk: Vec::new(),
        offset: j.offset,
        totals,
    })
}

fn save(j: &mut Journal, w: &ChunkWriter, files: &Files) -> Result<(), Failure> {
    j.offset = w.offset;
    j.totals = w.totals.manifest();
    j.save(&files.journal)
}

/// A file-size limit (`ulimit -f`) must end in a write error we can report, not a signal.
/// The standard library has no safe call that sets a signal's disposition.
#[allow(unsafe_code)]
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN has no memory-safety requirement.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// Runs an export; returns its summary (also printed on stdout by the command).
pub async fn export(args: &Args, ctx: &Context) -> Result<Summary, Failure> {
    ignore_file_size_signal();
    let started = Instant::now();
    let quiet = ctx.global.quiet;
    let files = Files::new(&args.output);
    let gzip = args.compress == Compress::Gzip;
    let arguments = arguments_key(args)?;
    let found = Journal::load(&files.journal)?;
    let resumed = found.is_some();
    let mut j = match found {
        Some(j) if j.arguments == arguments => j,
        Some(_) => {
            return Err(Failure::invalid_parameter(format!(
                "an export with other arguments is in progress at {} ({}); run it again with its arguments, or remove {}, {} and {} to start over",
                args.output.display(),
                files.journal.display(),
                files.journal.display(),
                files.partial.display(),
                files.ids.display()
            )))
        }
        None => {
            if args.output.exists() && !args.force {
                return Err(Failure::invalid_parameter(format!(
                    "{} already exists; pass --force to replace it",
                    args.output.display()
                )));
            }
            Journal {
                arguments,
                ..Journal::default()
            }
        }
    };
    let services = Services::new(ctx)?;
    let limiter = Arc::new(Limiter::new(args.concurrency as usize));
    let pool = args.identity_pool_id.as_str();

    let mut w = if resumed {
        reopen(&files, &j, gzip)?
    } else {
        // Nothing is written before the pool is known to exist and be readable.
        let line = pool_line(&services, &limiter, pool).await?;
        let _ = fs::remove_file(&files.ids);
        let file = File::create(&files.partial).map_err(|e| io(&files.partial, "create", e))?;
        let mut w = ChunkWriter {
            path: files.partial.clone(),
            file,
            gzip,
            chunk: Vec::new(),
            offset: 0,
            totals: Totals::default(),
        };
        let scope = if args.identities.is_some() || !args.identity_ids.is_empty() {
            "identities"
        } else {
            "pool"
        };
        w.push(&Line::Header(Header {
            format: archive::FORMAT.to_owned(),
            version: archive::VERSION,
            identity_pool_id: pool.to_owned(),
            scope: scope.to_owned(),
        }));
        w.push(&Line::Pool(line));
        w.checkpoint()?;
        sync_dir(&files.partial)?;
        save(&mut j, &w, &files)?;
        w
    };

    if !j.identities_listed {
        j.identities_total = list_identities(args, &services, &limiter, &files.ids, quiet).await?;
        j.identities_listed = true;
        sync_dir(&files.ids)?;
        save(&mut j, &w, &files)?;
    }

    let start_at = j.identities_done;
    let mut progress = Progress::new("identities exported", Some(j.identities_total), quiet);
    progress.set(start_at);
    let ids = spool::read_from(&files.ids, start_at)?;
    let window = (args.concurrency as usize * 2).max(2);
    let mut results = stream::iter(ids)
        .map(|line| {
            let client = services.sync.clone();
            let limiter = Arc::clone(&limiter);
            let pool = pool.to_owned();
            async move {
                let line = line?;
                let datasets = fetch::identity(&client, &limiter, &pool, &line.identity_id).await?;
                Ok::<_, Failure>((line, datasets))
            }
        })
        .buffered(window);
    let mut done = start_at;
    let mut in_chunk = 0;
    while let Some(r) = results.next().await {
        let (identity, datasets) = r?;
        w.push(&Line::Identity(identity));
        for d in datasets {
            w.push(&Line::Dataset(d));
        }
        done += 1;
        in_chunk += 1;
        if in_chunk >= CHUNK_IDENTITIES || w.chunk.len() >= CHUNK_BYTES {
            w.checkpoint()?;
            j.identities_done = done;
            save(&mut j, &w, &files)?;
            in_chunk = 0;
        }
        progress.set(done);
    }
    progress.finish();
    w.checkpoint()?;
    let manifest = w.totals.manifest();
    w.push(&Line::Manifest(manifest.clone()));
    w.checkpoint()?;
    drop(w);
    fs::rename(&files.partial, &args.output).map_err(|e| io(&args.output, "write", e))?;
    sync_dir(&args.output)?;
    files.clean();
    let LimiterStats {
        calls,
        throttled,
        retried,
        ..
    } = limiter.stats();
    Ok(Summary {
        output: args.output.display().to_string(),
        manifest,
        resumed,
        identities_fetched: done - start_at,
        calls,
        throttled,
        retried,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The command: exports, then prints the summary as JSON.
pub async fn run(args: Args, ctx: &Context) -> Result<Summary, Failure> {
    let summary = export(&args, ctx).await?;
    crate::pool::print_json(&summary);
    Ok(summary)
}
