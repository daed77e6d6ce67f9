//! The export's list of identities on disk, sorted by ID and without duplicates (the
//! archive's canonical order), whatever order the service lists them in: sorted runs of a
//! bounded size, merged, so memory stays flat whatever the pool's size.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Lines, Write};
use std::path::{Path, PathBuf};

use super::archive::IdentityLine;
use crate::exit::Failure;

/// Lines held in memory before a sorted run goes to disk (about 1.5 MiB): the export's
/// memory does not grow with the pool past this many identities.
const RUN_LINES: usize = 10_000;

fn io(path: &Path, what: &str, e: std::io::Error) -> Failure {
    Failure::other(format!("cannot {what} {}: {e}", path.display()))
}

/// Collects identities, then writes them sorted to the spool file.
pub struct SpoolWriter {
    dest: PathBuf,
    buf: Vec<String>,
    runs: Vec<PathBuf>,
    run_lines: usize,
}

impl SpoolWriter {
    /// A writer of `dest` (its sorted runs go beside it).
    pub fn new(dest: &Path) -> SpoolWriter {
        SpoolWriter {
            dest: dest.to_owned(),
            buf: Vec::new(),
            runs: Vec::new(),
            run_lines: RUN_LINES,
        }
    }

    /// Adds one identity.
    pub fn push(&mut self, line: &IdentityLine) -> Result<(), Failure> {
        let json = serde_json::to_string(line).unwrap_or_default();
        // The ID first, then a tab (below every ID character): sorting lines sorts IDs.
        self.buf.push(format!("{}\t{json}", line.identity_id));
        if self.buf.len() >= self.run_lines {
            self.flush_run()?;
        }
        Ok(())
    }

    fn flush_run(&mut self) -> Result<(), Failure> {
        self.buf.sort_unstable();
        let path = self.dest.with_extension(format!("run{}", self.runs.len()));
        write_lines(&path, self.buf.drain(..))?;
        self.runs.push(path);
        Ok(())
    }

    /// Writes the sorted, de-duplicated spool (fsynced); returns how many identities it holds.
    pub fn finish(mut self) -> Result<u64, Failure> {
        let tmp = self.dest.with_extension("ids.tmp");
        let count;
        if self.runs.is_empty() {
            self.buf.sort_unstable();
            self.buf.dedup_by(|a, b| same_id(a, b));
            count = self.buf.len() as u64;
            write_lines(&tmp, self.buf.drain(..))?;
        } else {
            if !self.buf.is_empty() {
                self.flush_run()?;
            }
            count = merge(&self.runs, &tmp)?;
            for r in &self.runs {
                let _ = fs::remove_file(r);
            }
        }
        fs::rename(&tmp, &self.dest).map_err(|e| io(&self.dest, "write", e))?;
        Ok(count)
    }
}

fn id_of(line: &str) -> &str {
    line.split('\t').next().unwrap_or(line)
}

fn same_id(a: &str, b: &str) -> bool {
    id_of(a) == id_of(b)
}

fn write_lines(path: &Path, lines: impl Iterator<Item = String>) -> Result<(), Failure> {
    let file = File::create(path).map_err(|e| io(path, "create", e))?;
    let mut w = BufWriter::new(file);
    for l in lines {
        w.write_all(l.as_bytes())
            .and_then(|_| w.write_all(b"\n"))
            .map_err(|e| io(path, "write", e))?;
    }
    let file = w
        .into_inner()
        .map_err(|e| io(path, "write", e.into_error()))?;
    file.sync_all().map_err(|e| io(path, "write", e))
}

fn merge(runs: &[PathBuf], dest: &Path) -> Result<u64, Failure> {
    let mut readers: Vec<Lines<BufReader<File>>> = Vec::new();
    for r in runs {
        let f = File::open(r).map_err(|e| io(r, "read", e))?;
        readers.push(BufReader::new(f).lines());
    }
    let mut heap = BinaryHeap::new();
    for (i, r) in readers.iter_mut().enumerate() {
        if let Some(l) = r.next() {
            heap.push(Reverse((l.map_err(|e| io(&runs[i], "read", e))?, i)));
        }
    }
    let file = File::create(dest).map_err(|e| io(dest, "create", e))?;
    let mut w = BufWriter::new(file);
    let mut last: Option<String> = None;
    let mut count = 0;
    while let Some(Reverse((line, i))) = heap.pop() {
        if let Some(l) = readers[i].next() {
            heap.push(Reverse((l.map_err(|e| io(&runs[i], "read", e))?, i)));
        }
        if last.as_deref().is_some_and(|p| same_id(p, &line)) {
            continue;
        }
        w.write_all(line.as_bytes())
            .and_then(|_| w.write_all(b"\n"))
            .map_err(|e| io(dest, "write", e))?;
        count += 1;
        last = Some(line);
    }
    let file = w
        .into_inner()
        .map_err(|e| io(dest, "write", e.into_error()))?;
    file.sync_all().map_err(|e| io(dest, "write", e))?;
    Ok(count)
}

/// Reads the spool from identity number `skip` (0-based) on.
pub fn read_from(
    path: &Path,
    skip: u64,
) -> Result<impl Iterator<Item = Result<IdentityLine, Failure>>, Failure> {
    let f = File::open(path).map_err(|e| io(path, "read", e))?;
    let shown = path.to_owned();
    Ok(BufReader::new(f).lines().skip(skip as usize).map(move |l| {
        let l = l.map_err(|e| io(&shown, "read", e))?;
        let json = l.split_once('\t').map(|(_, j)| j).unwrap_or_default();
        serde_json::from_str(json).map_err(|e| {
            Failure::other(format!("{}: corrupted identity list: {e}", shown.display()))
        })
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_merged_sorted_without_duplicates() {
        let dir = std::env::temp_dir().join(format!("spool-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let dest = dir.join("x.ids");
        let mut w = SpoolWriter::new(&dest);
        w.run_lines = 3;
        let ids = ["e", "b", "a", "d", "b", "c", "a", "f"];
        for id in ids {
            w.push(&IdentityLine {
                identity_id: format!("us-east-1:{id}"),
                logins: None,
                creation_date: None,
                last_modified_date: None,
            })
            .unwrap();
        }
        assert_eq!(w.finish().unwrap(), 6);
        let got: Vec<String> = read_from(&dest, 1)
            .unwrap()
            .map(|l| l.unwrap().identity_id)
            .collect();
        assert_eq!(
            got,
            ["b", "c", "d", "e", "f"].map(|i| format!("us-east-1:{i}"))
        );
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "runs removed");
        fs::remove_dir_all(&dir).unwrap();
    }
}
