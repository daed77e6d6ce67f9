//! The archive format, version 1 (cli/ARCHIVE.md): JSON Lines, one object per line, each with
//! a `Type`: a `header`, a `pool` line, then for each identity (sorted by ID) an `identity`
//! line followed by its `dataset` lines (sorted by name), and a final `manifest` whose counts,
//! byte count and SHA-256 cover every line before it. Optionally gzip (one or more members).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::exit::Failure;

/// The `Format` of the header.
pub const FORMAT: &str = "cognito-sync-archive";
/// The format version written and read.
pub const VERSION: u64 = 1;

/// The first line.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Header {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u64,
    /// The pool exported.
    pub identity_pool_id: String,
    /// `pool` (every identity of the pool) or `identities` (those given).
    pub scope: String,
}

/// The pool's configuration, events and usage (a snapshot taken when the export started).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PoolLine {
    /// The pool.
    pub identity_pool_id: String,
    /// GetIdentityPoolConfiguration: `PushSync`, `CognitoStreams`.
    pub configuration: Map<String, Value>,
    /// GetCognitoEvents: event type to Lambda ARN.
    pub cognito_events: Map<String, Value>,
    /// DescribeIdentityPoolUsage.
    pub usage: Option<Value>,
}

/// One identity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IdentityLine {
    /// The identity ID.
    pub identity_id: String,
    /// Linked login providers (ListIdentities), when listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logins: Option<Vec<String>>,
    /// Epoch seconds, when listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_date: Option<f64>,
    /// Epoch seconds, when listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date: Option<f64>,
}

/// One record, as ListRecords returns it (a `null` Value is a tombstone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RecordLine {
    /// The key.
    pub key: String,
    /// The value; `null` for a deleted record.
    pub value: Option<String>,
    /// The record's sync count.
    pub sync_count: i64,
    /// Epoch seconds.
    pub last_modified_date: f64,
    /// Who wrote it last.
    pub last_modified_by: Option<String>,
    /// The device's clock when it was written, epoch seconds.
    pub device_last_modified_date: Option<f64>,
}

/// One dataset with every record (tombstones included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DatasetLine {
    /// The identity.
    pub identity_id: String,
    /// The dataset.
    pub dataset_name: String,
    /// Epoch seconds.
    pub creation_date: f64,
    /// Epoch seconds.
    pub last_modified_date: f64,
    /// Who changed it last.
    pub last_modified_by: Option<String>,
    /// Bytes of keys and values (ListDatasets).
    pub data_storage: i64,
    /// Live records (ListDatasets).
    pub num_records: i64,
    /// The dataset's sync count (ListRecords' `DatasetSyncCount`).
    pub dataset_sync_count: i64,
    /// Datasets merged into this one (ListRecords' `MergedDatasetNames`).
    pub merged_dataset_names: Option<Vec<String>>,
    /// Every record, ordered by sync count then key, as listed.
    pub records: Vec<RecordLine>,
}

/// The last line.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Manifest {
    /// Lines before the manifest.
    pub lines: u64,
    /// Identity lines.
    pub identities: u64,
    /// Dataset lines.
    pub datasets: u64,
    /// Records, tombstones included.
    pub records: u64,
    /// Of which tombstones.
    pub tombstones: u64,
    /// Bytes (uncompressed) of the lines before the manifest, newlines included.
    pub bytes: u64,
    /// Lowercase hex SHA-256 of those bytes.
    pub sha256: String,
}

/// Any line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "Type", rename_all = "lowercase")]
pub enum Line {
    /// See [`Header`].
    Header(Header),
    /// See [`PoolLine`].
    Pool(PoolLine),
    /// See [`IdentityLine`].
    Identity(IdentityLine),
    /// See [`DatasetLine`].
    Dataset(DatasetLine),
    /// See [`Manifest`].
    Manifest(Manifest),
}

/// Serialises a line, newline included.
pub fn encode(line: &Line) -> Vec<u8> {
    // Serialising these plain structs cannot fail (string keys, finite numbers).
    let mut out = serde_json::to_vec(line).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Running totals of the lines before the manifest.
#[derive(Clone, Default)]
pub struct Totals {
    /// The counts (its `sha256` is filled by [`Totals::manifest`]).
    pub counts: Manifest,
    hasher: Sha256,
}

impl Totals {
    /// Adds one encoded line.
    pub fn add(&mut self, line: &Line, bytes: &[u8]) {
        self.hasher.update(bytes);
        let c = &mut self.counts;
        c.bytes += bytes.len() as u64;
        c.lines += 1;
        match line {
            Line::Identity(_) => c.identities += 1,
            Line::Dataset(d) => {
                c.datasets += 1;
                c.records += d.records.len() as u64;
                c.tombstones += d.records.iter().filter(|r| r.value.is_none()).count() as u64;
            }
            _ => {}
        }
    }

    /// Adds raw bytes already counted elsewhere (a resumed prefix).
    pub fn add_raw(&mut self, bytes: &[u8]) {
        self.hasher.update(bytes);
    }

    /// The SHA-256 so far.
    pub fn digest(&self) -> String {
        hex(&self.hasher.clone().finalize())
    }

    /// The manifest of everything added.
    pub fn manifest(&self) -> Manifest {
        Manifest {
            sha256: self.digest(),
            ..self.counts.clone()
        }
    }
}

/// Opens a file for reading, decompressing gzip (detected by its magic bytes).
pub fn open_decompressed(path: &Path) -> Result<Box<dyn BufRead + Send>, Failure> {
    let shown = path.display();
    let mut file = File::open(path)
        .map_err(|e| Failure::other(format!("cannot open archive {shown}: {e}")))?;
    let mut magic = [0u8; 2];
    let n = file
        .read(&mut magic)
        .map_err(|e| Failure::other(format!("cannot read archive {shown}: {e}")))?;
    let file = File::open(path)
        .map_err(|e| Failure::other(format!("cannot open archive {shown}: {e}")))?;
    Ok(if n == 2 && magic == [0x1f, 0x8b] {
        Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(BufReader::new(file)),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, file))
    })
}

/// Reads an archive line by line, checking each line and, at the end, the manifest.
pub struct Reader {
    path: String,
    input: Box<dyn BufRead + Send>,
    totals: Totals,
    line_no: u64,
    header: Header,
    done: bool,
    buf: Vec<u8>,
}

impl Reader {
    /// Opens `path` and reads its header.
    pub fn open(path: &Path) -> Result<Reader, Failure> {
        let mut r = Reader {
            path: path.display().to_string(),
            input: open_decompressed(path)?,
            totals: Totals::default(),
            line_no: 0,
            header: Header::default(),
            done: false,
            buf: Vec::with_capacity(1 << 16),
        };
        match r.next_line()? {
            Some(Line::Header(h)) => r.header = h,
            _ => return Err(r.error(1, "the first line is not the archive header")),
        }
        Ok(r)
    }

    /// The header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The counts so far.
    pub fn totals(&self) -> &Manifest {
        &self.totals.counts
    }

    fn error(&self, line: u64, msg: &str) -> Failure {
        Failure::new(
            crate::exit::INVALID_PARAMETER,
            format!("archive {}, line {line}: {msg}", self.path),
        )
    }

    /// The next line before the manifest; `None` once the manifest has been read and matched.
    pub fn next_line(&mut self) -> Result<Option<Line>, Failure> {
        if self.done {
            return Ok(None);
        }
        self.buf.clear();
        let n = self.line_no + 1;
        let read = self
            .input
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| self.error(n, &format!("read error (corrupted file?): {e}")))?;
        if read == 0 {
            return Err(self.error(
                n,
                "unexpected end of file: the archive is truncated (no manifest line)",
            ));
        }
        if self.buf.last() != Some(&b'\n') {
            return Err(self.error(
                n,
                "truncated line (no newline at the end): the archive is incomplete",
            ));
        }
        let line: Line = match serde_json::from_slice(&self.buf) {
            Ok(l) => l,
            Err(e) => return Err(self.error(n, &format!("not a valid archive line: {e}"))),
        };
        match &line {
            Line::Header(h) => {
                if n != 1 {
                    return Err(self.error(n, "a second header"));
                }
                if h.format != FORMAT {
                    return Err(self.error(n, &format!("not a {FORMAT} (Format {:?})", h.format)));
                }
                if h.version != VERSION {
                    return Err(self.error(
                        n,
                        &format!(
                            "unsupported format version {} (this tool reads version {VERSION})",
                            h.version
                        ),
                    ));
                }
            }
            Line::Manifest(m) => {
                let mine = self.totals.manifest();
                if *m != mine {
                    return Err(self.error(
                        n,
                        &format!(
                            "the manifest does not match the content (lines {} vs {}, bytes {} vs {}, records {} vs {}, sha256 {} vs {}): the archive is corrupted",
                            m.lines, mine.lines, m.bytes, mine.bytes, m.records, mine.records, m.sha256, mine.sha256
                        ),
                    ));
                }
                let mut rest = [0u8; 1];
                let extra = self.input.read(&mut rest).map_err(|e| {
                    self.error(n + 1, &format!("read error (corrupted file?): {e}"))
                })?;
                if extra != 0 {
                    return Err(self.error(n + 1, "data after the manifest"));
                }
                self.done = true;
                return Ok(None);
            }
            _ if n == 1 => return Err(self.error(1, "the first line is not the archive header")),
            _ => {}
        }
        self.line_no = n;
        let bytes = std::mem::take(&mut self.buf);
        self.totals.add(&line, &bytes);
        self.buf = bytes;
        Ok(Some(line))
    }

    /// The number of the last line returned.
    pub fn line_no(&self) -> u64 {
        self.line_no
    }

    /// The archive's path as shown in messages.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// Reads a whole archive, checking every line and the manifest; returns the header and the
/// manifest. Memory stays flat (one line at a time).
pub fn check(path: &Path) -> Result<(Header, Manifest), Failure> {
    let mut r = Reader::open(path)?;
    while r.next_line()?.is_some() {}
    let header = r.header().clone();
    Ok((header, r.totals.manifest()))
}
