//! The `suite` subcommand's measurements: every client against every server, operation and
//! concurrency, each run in its own process, runs of one cell interleaved (the order rotates
//! every repetition) so drift on this shared machine hits every client alike, then medians
//! and same-repetition ratios against the peers.

use crate::run::{Target, TargetKind};
use crate::runner::Op;
use crate::servers::ServerChild;
use crate::stats::{median, RunResult};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// Which implementation a client's driver is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// A `run` process of this harness.
    Rust,
    /// The C driver compiled by `scripts/bench.sh` against the C ABI.
    C,
    /// `benches/python/bench_clients.py` in the repository's `.venv`.
    Python,
}

/// One client of the table.
#[derive(Debug, Clone, Copy)]
pub struct ClientDef {
    /// Name given to the driver's `--client`.
    pub key: &'static str,
    /// Its driver.
    pub family: Family,
    /// The peer its ratios are taken against.
    pub peer: &'static str,
}

/// Every client, in table order.
pub const CLIENTS: &[ClientDef] = &[
    ClientDef {
        key: "floor",
        family: Family::Rust,
        peer: "aws",
    },
    ClientDef {
        key: "reqwest",
        family: Family::Rust,
        peer: "aws",
    },
    ClientDef {
        key: "core",
        family: Family::Rust,
        peer: "aws",
    },
    ClientDef {
        key: "blocking",
        family: Family::Rust,
        peer: "aws",
    },
    ClientDef {
        key: "aws",
        family: Family::Rust,
        peer: "aws",
    },
    ClientDef {
        key: "c-blocking",
        family: Family::C,
        peer: "aws",
    },
    ClientDef {
        key: "c-nonblocking",
        family: Family::C,
        peer: "aws",
    },
    ClientDef {
        key: "py-socket",
        family: Family::Python,
        peer: "boto3",
    },
    ClientDef {
        key: "py-sync",
        family: Family::Python,
        peer: "boto3",
    },
    ClientDef {
        key: "py-asyncio",
        family: Family::Python,
        peer: "boto3",
    },
    ClientDef {
        key: "py-boto3compat",
        family: Family::Python,
        peer: "boto3",
    },
    ClientDef {
        key: "boto3",
        family: Family::Python,
        peer: "boto3",
    },
];

/// Clients whose own one-call-at-a-time rate is the reference of a target ("16 threads ≥
/// 1.8× our sequential rate"): every cell with more than one call in flight also runs them
/// one call at a time, under the second name, in the same rotation. The ratio then pairs
/// runs of the same repetition, seconds apart, instead of runs of two cells that are
/// minutes apart while the shared machine's speed drifts.
pub const SEQUENTIAL_REFERENCES: &[(&str, &str)] =
    &[("py-sync", "py-sync@1"), ("py-socket", "py-socket@1")];

/// Human name of a client at a concurrency.
pub fn label(key: &str, conc: usize) -> String {
    let threads = |name: &str| {
        if conc > 1 {
            format!("{name}, {conc} threads")
        } else {
            name.to_string()
        }
    };
    match key {
        "floor" => "floor: bare hyper, pre-signed".to_string(),
        "reqwest" => "floor: bare reqwest, pre-signed".to_string(),
        "core" => "**cognito-sync** async".to_string(),
        "blocking" => threads("**cognito-sync** blocking"),
        "aws" => "aws-sdk-cognitosync 1.120".to_string(),
        "c-blocking" => threads("**C ABI** blocking"),
        "c-nonblocking" => "**C ABI** non-blocking (poll)".to_string(),
        "py-sync" => threads("**Python** sync"),
        "py-asyncio" => "**Python** asyncio".to_string(),
        "py-boto3compat" => threads("**Python** boto3-compatible (`cognito_sync.client`)"),
        "boto3" => threads("boto3"),
        "py-socket" => threads("floor: Python sockets, pre-built request"),
        other => other.to_string(),
    }
}

/// What `suite` measures and with what.
#[derive(Debug, Clone)]
pub struct Options {
    /// Repetitions of every cell.
    pub reps: usize,
    /// Longest measured window of one run, seconds.
    pub window: f64,
    /// Servers.
    pub targets: Vec<TargetKind>,
    /// Operations.
    pub ops: Vec<Op>,
    /// Calls in flight.
    pub concs: Vec<usize>,
    /// Only these clients, when set.
    pub only: Option<Vec<String>>,
    /// The C driver executable, when built.
    pub c_driver: Option<PathBuf>,
    /// Python interpreter (of `.venv`) and the driver script, when available.
    pub python: Option<(PathBuf, PathBuf)>,
}

/// One run's figures and the server's CPU per call during it.
#[derive(Debug, Clone)]
pub struct Sample {
    /// The driver's report.
    pub run: RunResult,
    /// Server CPU µs per call (warm-up included).
    pub server_us_per_call: f64,
}

/// A (server, operation, concurrency) cell: every client's samples by repetition.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Server.
    pub target: TargetKind,
    /// Operation.
    pub op: Op,
    /// Calls in flight.
    pub conc: usize,
    /// `samples[client][rep]`.
    pub samples: BTreeMap<&'static str, Vec<Option<Sample>>>,
    /// First error of each failing client.
    pub errors: BTreeMap<&'static str, String>,
    /// Runs that printed a result and then failed (e.g. crashed at exit): client, count, last.
    pub warnings: BTreeMap<&'static str, (usize, String)>,
}

/// A client's medians in one cell.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Calls per second.
    pub rate: f64,
    /// Median latency, µs.
    pub p50_us: f64,
    /// 99th percentile latency, µs.
    pub p99_us: f64,
    /// Client CPU µs per call.
    pub cpu_us: f64,
    /// Server CPU µs per call.
    pub server_us: f64,
    /// Client CPU over the peer's, median of same-repetition ratios.
    pub cpu_vs_peer: Option<f64>,
    /// Calls/s over the peer's.
    pub rate_vs_peer: Option<f64>,
    /// Client CPU over the (bare hyper) floor's.
    pub cpu_vs_floor: Option<f64>,
    /// Client CPU over the bare reqwest floor's (the floor).
    pub cpu_vs_reqwest: Option<f64>,
}

impl Cell {
    /// `f` of `key`'s successful runs.
    pub fn values(&self, key: &str, f: impl Fn(&Sample) -> f64) -> Vec<f64> {
        self.samples
            .get(key)
            .map(|v| v.iter().flatten().map(&f).collect())
            .unwrap_or_default()
    }

    /// Median over repetitions of `g(f(client), f(other))`, pairing runs of the same
    /// repetition.
    fn paired(
        &self,
        key: &str,
        other: &str,
        f: impl Fn(&Sample) -> f64,
        g: impl Fn(f64, f64) -> f64,
    ) -> Option<f64> {
        let (a, b) = (self.samples.get(key)?, self.samples.get(other)?);
        let values: Vec<f64> = a
            .iter()
            .zip(b)
            .filter_map(|(x, y)| Some(g(f(x.as_ref()?), f(y.as_ref()?))))
            .collect();
        median(&values)
    }

    /// Median over repetitions of `f(client) / f(other)`, pairing runs of the same repetition.
    pub fn ratio(&self, key: &str, other: &str, f: impl Fn(&Sample) -> f64) -> Option<f64> {
        self.paired(key, other, f, |a, b| a / b)
    }

    /// Median over repetitions of `f(client) - f(other)`, pairing runs of the same repetition.
    pub fn difference(&self, key: &str, other: &str, f: impl Fn(&Sample) -> f64) -> Option<f64> {
        self.paired(key, other, f, |a, b| a - b)
    }

    /// Medians and ratios of `key`, when it has at least one successful run.
    pub fn summary(&self, def: &ClientDef) -> Option<Summary> {
        let key = def.key;
        if self.values(key, |_| 0.0).is_empty() {
            return None;
        }
        let cpu = |s: &Sample| s.run.cpu_per_call_us();
        let rate = |s: &Sample| s.run.rate();
        let vs = |other: &str, f: &dyn Fn(&Sample) -> f64| {
            (other != key).then(|| self.ratio(key, other, f)).flatten()
        };
        Some(Summary {
            rate: median(&self.values(key, rate))?,
            p50_us: median(&self.values(key, |s| s.run.p50_us))?,
            p99_us: median(&self.values(key, |s| s.run.p99_us))?,
            cpu_us: median(&self.values(key, cpu))?,
            server_us: median(&self.values(key, |s| s.server_us_per_call)).unwrap_or(f64::NAN),
            cpu_vs_peer: vs(def.peer, &cpu),
            rate_vs_peer: vs(def.peer, &rate),
            cpu_vs_floor: vs("floor", &cpu),
            cpu_vs_reqwest: vs("reqwest", &cpu),
        })
    }
}

/// Calls offered to one run (the window's time limit usually ends it first).
fn calls_for(key: &str, target: TargetKind, op: Op) -> usize {
    match key {
        "boto3" => 20_000,
        k if k.starts_with("py-") => 100_000,
        // The floor signs every emulator UpdateRecords call before the window: keep it sane.
        "floor" | "reqwest" if target == TargetKind::Emulator && op == Op::Update => 40_000,
        _ => 300_000,
    }
}

/// boto3 makes a few hundred calls a second: a longer window keeps its p99 meaningful.
fn window_for(key: &str, window: f64) -> f64 {
    if key == "boto3" {
        window.max(1.0)
    } else {
        window
    }
}

fn warmup_for(key: &str) -> usize {
    match key {
        "boto3" => 3,
        k if k.starts_with("py-") => 10,
        _ => 20,
    }
}

/// The command that makes one run of `def`, or `None` when its driver is not available.
fn command(
    def: &ClientDef,
    opts: &Options,
    target: &Target,
    op: Op,
    conc: usize,
) -> Option<Command> {
    // The Python floor does not sign: the emulator would refuse it.
    if def.key == "py-socket" && target.kind != TargetKind::Canned {
        return None;
    }
    let mut cmd = match def.family {
        Family::Rust => {
            let mut c = Command::new(std::env::current_exe().ok()?);
            c.arg("run");
            c
        }
        Family::C => Command::new(opts.c_driver.as_ref()?),
        Family::Python => {
            let (python, script) = opts.python.as_ref()?;
            let mut c = Command::new(python);
            c.arg(script).arg("run");
            c
        }
    };
    cmd.args(["--client", def.key, "--op", op.as_str()])
        .args(["--conc", &conc.to_string()])
        .args(["--calls", &calls_for(def.key, target.kind, op).to_string()])
        .args(["--warmup", &warmup_for(def.key).to_string()])
        .args(["--max-time", &window_for(def.key, opts.window).to_string()])
        .args(["--target", target.kind.as_str()])
        .args(["--endpoint", &target.endpoint])
        .args(["--pool", &target.pool])
        .args(["--identities", &target.identities.join(",")]);
    Some(cmd)
}

/// Runs one driver process and reads its JSON line. A driver that printed its result and
/// then failed (crashed at exit) still counts, with the failure returned as a warning.
fn run_one(mut cmd: Command) -> Result<(RunResult, Option<String>), String> {
    let out = cmd.output().map_err(|e| format!("spawn: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let failure = (!out.status.success()).then(|| {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
        format!("{}: {}", out.status, last.unwrap_or("(no output)").trim())
    });
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'));
    match (line, failure) {
        (Some(line), warning) => serde_json::from_str(line)
            .map(|r| (r, warning))
            .map_err(|e| format!("bad JSON {line:?}: {e}")),
        (None, Some(failure)) => Err(failure),
        (None, None) => Err(format!("no JSON line in {stdout:?}")),
    }
}

/// The clients `opts` asks for whose drivers exist.
pub fn available(opts: &Options) -> Vec<ClientDef> {
    CLIENTS
        .iter()
        .filter(|d| match d.family {
            Family::Rust => true,
            Family::C => opts.c_driver.is_some(),
            Family::Python => opts.python.is_some(),
        })
        .filter(|d| {
            opts.only
                .as_ref()
                .is_none_or(|only| only.iter().any(|k| k == d.key))
        })
        .copied()
        .collect()
}

/// Measures every cell; a server that cannot start is noted in `missing` and skipped.
pub fn measure(opts: &Options, missing: &mut Vec<String>) -> Result<Vec<Cell>, String> {
    let clients = available(opts);
    let mut cells = Vec::new();
    for &kind in &opts.targets {
        let mut server = match ServerChild::start(kind) {
            Ok(s) => s,
            Err(e) => {
                missing.push(format!("{} server: {e}", kind.as_str()));
                continue;
            }
        };
        for &op in &opts.ops {
            for &conc in &opts.concs {
                let mut cell = Cell {
                    target: kind,
                    op,
                    conc,
                    samples: BTreeMap::new(),
                    errors: BTreeMap::new(),
                    warnings: BTreeMap::new(),
                };
                // (client, the name its samples are kept under, calls in flight)
                let mut runs: Vec<(&ClientDef, &'static str, usize)> =
                    clients.iter().map(|d| (d, d.key, conc)).collect();
                if conc > 1 {
                    for &(base, key) in SEQUENTIAL_REFERENCES {
                        if let Some(d) = clients.iter().find(|d| d.key == base) {
                            runs.push((d, key, 1));
                        }
                    }
                }
                for rep in 0..opts.reps {
                    for i in 0..runs.len() {
                        let (def, key, run_conc) = runs[(i + rep) % runs.len()];
                        let slot = cell.samples.entry(key).or_default();
                        if cell.errors.contains_key(key) {
                            slot.push(None);
                            continue;
                        }
                        let Some(cmd) = command(def, opts, &server.target, op, run_conc) else {
                            continue;
                        };
                        let before = server.cpu()?;
                        let outcome = run_one(cmd);
                        let after = server.cpu()?;
                        let sample = match outcome {
                            Ok((run, warning)) => {
                                if let Some(w) = warning {
                                    eprintln!(
                                        "  {} {} x{run_conc} {key}: result printed, then {w}",
                                        kind.as_str(),
                                        op.as_str(),
                                    );
                                    let entry = cell.warnings.entry(key).or_default();
                                    entry.0 += 1;
                                    entry.1 = w;
                                }
                                let total = run.calls + (warmup_for(def.key) * run_conc) as u64;
                                let server_us = (after.total_us() - before.total_us()) as f64
                                    / total.max(1) as f64;
                                Some(Sample {
                                    run,
                                    server_us_per_call: server_us,
                                })
                            }
                            Err(e) => {
                                eprintln!(
                                    "  {} {} x{run_conc} {key}: FAILED {e}",
                                    kind.as_str(),
                                    op.as_str(),
                                );
                                cell.errors.insert(key, e);
                                None
                            }
                        };
                        if let Some(s) = &sample {
                            eprintln!(
                                "  {} {} x{conc} rep {} {:<14} {:>9.0} calls/s {:>8.1} µs CPU/call",
                                kind.as_str(),
                                op.as_str(),
                                rep + 1,
                                key,
                                s.run.rate(),
                                s.run.cpu_per_call_us()
                            );
                        }
                        cell.samples.entry(key).or_default().push(sample);
                    }
                }
                cells.push(cell);
            }
        }
    }
    Ok(cells)
}
