//! Instructions per call, counted by valgrind's callgrind: two runs of the same sequential
//! client against the canned server, with N1 and N2 calls and no warm-up; the difference of
//! their instruction totals divided by N2 − N1 is the cost of one call, start-up and
//! connection set-up cancelled out. Unlike CPU time it does not move with the machine's load.

use crate::run::TargetKind;
use crate::runner::Op;
use crate::servers::ServerChild;
use crate::suite::{ClientDef, Family, Options};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Calls in the short and the long run.
const N1: usize = 100;
const N2: usize = 600;

/// Instructions per call of one client and operation.
#[derive(Debug, Clone)]
pub struct IrRow {
    /// Client key.
    pub key: &'static str,
    /// Operation.
    pub op: Op,
    /// Instructions per call (client process only; the server is another process).
    pub ir_per_call: f64,
}

/// Whether valgrind can be run here.
pub fn available() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The total instruction count callgrind wrote to `file`.
fn read_total(file: &Path) -> Result<u64, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    text.lines()
        .find_map(|l| {
            l.strip_prefix("totals:")
                .or_else(|| l.strip_prefix("summary:"))
        })
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("no totals in {}", file.display()))
}

/// One callgrind run of `def` making `calls` calls; returns the instruction total.
fn count(
    def: &ClientDef,
    opts: &Options,
    server: &ServerChild,
    op: Op,
    calls: usize,
    out_dir: &Path,
) -> Result<u64, String> {
    let out = out_dir.join(format!("callgrind.{}.{}.{calls}.out", def.key, op.as_str()));
    let mut cmd = Command::new("valgrind");
    cmd.arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg("-q");
    match def.family {
        Family::Rust => {
            cmd.arg(std::env::current_exe().map_err(|e| e.to_string())?)
                .arg("run");
        }
        Family::C => {
            cmd.arg(opts.c_driver.as_ref().ok_or("no C driver")?);
        }
        Family::Python => return Err("not measured under valgrind".into()),
    }
    let t = &server.target;
    cmd.args(["--client", def.key, "--op", op.as_str(), "--conc", "1"])
        .args([
            "--calls",
            &calls.to_string(),
            "--warmup",
            "0",
            "--max-time",
            "100000",
        ])
        .args(["--target", t.kind.as_str(), "--endpoint", &t.endpoint])
        .args(["--pool", &t.pool, "--identities", &t.identities.join(",")]);
    let status = cmd.output().map_err(|e| format!("valgrind: {e}"))?;
    if !status.status.success() {
        return Err(format!(
            "valgrind {}: {}",
            status.status,
            String::from_utf8_lossy(&status.stderr).trim()
        ));
    }
    read_total(&out)
}

/// Measures every sequential Rust and C client on the canned server.
pub fn measure(
    opts: &Options,
    clients: &[ClientDef],
    out_dir: &Path,
) -> Vec<Result<IrRow, String>> {
    let server = match ServerChild::start(TargetKind::Canned) {
        Ok(s) => s,
        Err(e) => return vec![Err(e)],
    };
    let mut rows = Vec::new();
    for &op in &opts.ops {
        for def in clients.iter().filter(|d| d.family != Family::Python) {
            eprintln!("  callgrind {} {}", def.key, op.as_str());
            let row = count(def, opts, &server, op, N1, out_dir).and_then(|a| {
                let b = count(def, opts, &server, op, N2, out_dir)?;
                Ok(IrRow {
                    key: def.key,
                    op,
                    ir_per_call: (b as f64 - a as f64) / (N2 - N1) as f64,
                })
            });
            rows.push(row.map_err(|e| format!("{} {}: {e}", def.key, op.as_str())));
        }
    }
    rows
}

/// Where callgrind output files go (kept for `callgrind_annotate`).
pub fn out_dir(root: &Path) -> PathBuf {
    root.join("target").join("bench")
}
