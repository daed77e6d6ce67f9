//! The export's journal, `OUTPUT.journal`: how far the partial archive (`OUTPUT.partial`) is
//! complete and durable. It is replaced atomically (temporary file, fsync, rename, fsync of
//! the directory) after each checkpoint of the archive, so after a crash or `kill -9` it
//! always describes a prefix of the partial file that reached the disk.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::archive::Manifest;
use crate::exit::Failure;

/// The journal's content.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Journal {
    /// What the export is of (pool, identities source, compression): a rerun must match.
    pub arguments: String,
    /// The identity list (`OUTPUT.ids`) is complete.
    pub identities_listed: bool,
    /// Identities in the list.
    pub identities_total: u64,
    /// Identities whose lines are in the durable prefix.
    pub identities_done: u64,
    /// Bytes of the durable prefix of the partial file (compressed, if it is).
    pub offset: u64,
    /// Counts and SHA-256 of the uncompressed lines of that prefix.
    pub totals: Manifest,
}

/// Paths of one export's files, all beside the output.
#[derive(Debug, Clone)]
pub struct Files {
    /// The archive, once complete.
    pub output: PathBuf,
    /// The archive being written.
    pub partial: PathBuf,
    /// The journal.
    pub journal: PathBuf,
    /// The sorted identity list.
    pub ids: PathBuf,
}

impl Files {
    /// The files of an export to `output`.
    pub fn new(output: &Path) -> Files {
        let with = |suffix: &str| {
            let mut s = output.as_os_str().to_owned();
            s.push(suffix);
            PathBuf::from(s)
        };
        Files {
            output: output.to_owned(),
            partial: with(".partial"),
            journal: with(".journal"),
            ids: with(".ids"),
        }
    }

    /// Removes the working files.
    pub fn clean(&self) {
        for p in [&self.partial, &self.journal, &self.ids] {
            let _ = fs::remove_file(p);
        }
    }
}

fn io(path: &Path, e: std::io::Error) -> Failure {
    Failure::other(format!("cannot write {}: {e}", path.display()))
}

/// Fsyncs the directory holding `path`, so a rename in it is durable.
pub fn sync_dir(path: &Path) -> Result<(), Failure> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io(dir, e))
}

impl Journal {
    /// Reads the journal, if there is one.
    pub fn load(path: &Path) -> Result<Option<Journal>, Failure> {
        match fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
                Failure::other(format!(
                    "the export journal {} is unreadable ({e}); remove it and the .partial and .ids files beside it to start over",
                    path.display()
                ))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Failure::other(format!("cannot read {}: {e}", path.display()))),
        }
    }

    /// Replaces the journal atomically and durably.
    pub fn save(&self, path: &Path) -> Result<(), Failure> {
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        let text = serde_json::to_vec_pretty(self).unwrap_or_default();
        let mut f = File::create(&tmp).map_err(|e| io(&tmp, e))?;
        f.write_all(&text).map_err(|e| io(&tmp, e))?;
        f.sync_all().map_err(|e| io(&tmp, e))?;
        fs::rename(&tmp, path).map_err(|e| io(path, e))?;
        sync_dir(path)
    }
}
