//! Renders the results as one Markdown document: the targets and whether they are met, one
//! table per (server, operation), instructions per call, and the footprint.

use crate::callgrind::IrRow;
use crate::footprint::Footprint;
use crate::run::TargetKind;
use crate::runner::Op;
use crate::stats::median;
use crate::suite::{label, Cell, ClientDef, Sample, Summary};
use std::fmt::Write;
use std::process::Command;

/// The current UTC time as `YYYY-MM-DD HH:MM UTC`.
pub fn now_utc() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown date".to_string())
}

/// CPU model, cores and memory of this machine.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem_gib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0 / 1024.0);
    format!("{cpu}, {cores} cores, {mem_gib:.0} GiB")
}

/// The 1-minute load average now.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".to_string())
}

fn fmt_ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "–".to_string(), |r| format!("{r:.2}×"))
}

fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        "–".to_string()
    } else if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / 1024.0 / 1024.0)
}

/// Everything the report shows.
pub struct Report<'a> {
    /// The command that produced it.
    pub command: String,
    /// When the run started.
    pub started: String,
    /// Load average when it started.
    pub load_at_start: String,
    /// Repetitions and window length.
    pub reps: usize,
    /// Longest measured window, seconds.
    pub window: f64,
    /// Measured cells.
    pub cells: &'a [Cell],
    /// Clients measured.
    pub clients: &'a [ClientDef],
    /// Instructions per call, when valgrind ran.
    pub callgrind: Option<&'a [Result<IrRow, String>]>,
    /// Footprint figures.
    pub footprint: &'a Footprint,
    /// Notes on what could not be measured.
    pub missing: Vec<String>,
}

/// A target check: what, measured, goal, met.
struct Check {
    what: String,
    measured: String,
    goal: String,
    met: Option<bool>,
    /// A figure shown against a target's threshold for reference only, and why (instructions,
    /// where the target is CPU time; a floor): no verdict.
    reference: Option<&'static str>,
}

impl Report<'_> {
    fn cell(&self, target: TargetKind, op: Op, conc: usize) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| c.target == target && c.op == op && c.conc == conc)
    }

    fn summary(&self, target: TargetKind, op: Op, conc: usize, key: &str) -> Option<Summary> {
        let def = self.clients.iter().find(|d| d.key == key)?;
        self.cell(target, op, conc)?.summary(def)
    }

    fn ir(&self, key: &str, op: Op) -> Option<f64> {
        self.callgrind?
            .iter()
            .flatten()
            .find(|r| r.key == key && r.op == op)
            .map(|r| r.ir_per_call)
    }

    /// `key`'s 16 threads against its sequential runs: calls/s (the paired ratio, then the
    /// two cells' ratio) and CPU per call of both (paired medians), goal ≥ 1.8×.
    fn thread_check(
        &self,
        target: TargetKind,
        op: Op,
        key: &str,
        what: String,
        reference: Option<&'static str>,
    ) -> Check {
        let rate = |s: &Sample| s.run.rate();
        let cpu = |s: &Sample| s.run.cpu_per_call_us();
        let cell = self.cell(target, op, 16);
        let sequential = format!("{key}@1");
        let paired = cell.and_then(|c| c.ratio(key, &sequential, rate));
        let t16 = self.summary(target, op, 16, key);
        let t1 = self.summary(target, op, 1, key);
        let between_cells = t16.as_ref().zip(t1).map(|(a, b)| a.rate / b.rate);
        let ratio = paired.or(between_cells);
        let mut measured = match (paired, between_cells) {
            (Some(p), Some(c)) => format!("{p:.2}× (cells: {c:.2}×)"),
            _ => fmt_ratio(ratio),
        };
        let cpu_seq = cell.and_then(|c| median(&c.values(&sequential, cpu)));
        if let (Some(a), Some(b)) = (cpu_seq, t16.map(|s| s.cpu_us)) {
            let _ = write!(measured, "; CPU µs/call {a:.0} → {b:.0}");
        }
        Check {
            what,
            measured,
            goal: "≥ 1.8×".into(),
            met: ratio.map(|r| r >= 1.8),
            reference,
        }
    }

    fn checks(&self) -> Vec<Check> {
        let mut out = Vec::new();
        // Targets are stated against the canned server; fall back to the emulator.
        let target = if self.cells.iter().any(|c| c.target == TargetKind::Canned) {
            TargetKind::Canned
        } else {
            TargetKind::Emulator
        };
        let ratio_check = |what: String, r: Option<f64>, goal: f64, at_most: bool| Check {
            what,
            measured: fmt_ratio(r),
            goal: format!("{} {goal}×", if at_most { "≤" } else { "≥" }),
            met: r.map(|r| if at_most { r <= goal } else { r >= goal }),
            reference: None,
        };
        for op in [Op::List, Op::Update] {
            let name = match op {
                Op::List => "ListRecords",
                Op::Update => "UpdateRecords",
            };
            let seq = self.summary(target, op, 1, "core");
            out.push(ratio_check(
                format!("Rust core CPU/call vs aws-sdk, sequential {name}"),
                seq.as_ref().and_then(|s| s.cpu_vs_peer),
                0.4,
                true,
            ));
            out.push(ratio_check(
                format!("Rust core CPU/call vs bare-reqwest floor, sequential {name}"),
                seq.as_ref().and_then(|s| s.cpu_vs_reqwest),
                2.0,
                true,
            ));
            out.push(ratio_check(
                format!("Rust core CPU/call vs bare-hyper floor (stricter), sequential {name}"),
                seq.as_ref().and_then(|s| s.cpu_vs_floor),
                2.0,
                true,
            ));
            // The targets are CPU time; instruction ratios against the same thresholds are
            // shown for reference (valgrind runs SHA-256 in software, inflating signing).
            let reference = |c: Check| Check {
                reference: Some("target is CPU time"),
                ..c
            };
            if let (Some(a), Some(b)) = (self.ir("core", op), self.ir("aws", op)) {
                out.push(reference(ratio_check(
                    format!("Rust core instructions/call vs aws-sdk, {name} (callgrind)"),
                    Some(a / b),
                    0.4,
                    true,
                )));
            }
            for (floor, what) in [
                ("reqwest", "bare-reqwest floor"),
                ("floor", "bare-hyper floor"),
            ] {
                if let (Some(a), Some(b)) = (self.ir("core", op), self.ir(floor, op)) {
                    out.push(reference(ratio_check(
                        format!("Rust core instructions/call vs {what}, {name} (callgrind)"),
                        Some(a / b),
                        2.0,
                        true,
                    )));
                }
            }
            out.push(ratio_check(
                format!("Rust core calls/s vs aws-sdk, 64 in flight, {name}"),
                self.summary(target, op, 64, "core")
                    .and_then(|s| s.rate_vs_peer),
                2.5,
                false,
            ));
            // Both run in the same cell: the median of same-repetition differences.
            let cpu = |s: &Sample| s.run.cpu_per_call_us();
            let added = self
                .cell(target, op, 1)
                .and_then(|c| c.difference("c-blocking", "blocking", cpu));
            out.push(Check {
                what: format!("C ABI blocking: CPU µs added per call over Rust blocking, {name}"),
                measured: added.map_or_else(|| "–".into(), |a| format!("{a:+.1} µs")),
                goal: "≤ 5 µs".into(),
                met: added.map(|a| a <= 5.0),
                reference: None,
            });
            out.push(ratio_check(
                format!("Python sync calls/s vs boto3, sequential {name}"),
                self.summary(target, op, 1, "py-sync")
                    .and_then(|s| s.rate_vs_peer),
                20.0,
                false,
            ));
            // Paired with the sequential runs made in the 16-thread cell's own repetitions
            // (see `SEQUENTIAL_REFERENCES`); the ratio of the two cells' medians is shown
            // too, and used when the paired runs are missing. The Python sockets floor's
            // figures follow, for reference: what the GIL leaves to any Python client.
            for (key, who, reference) in [
                ("py-sync", "Python", None),
                ("py-socket", "floor: Python sockets,", Some("floor")),
            ] {
                let what = format!("{who} 16 threads vs sequential calls/s, {name}");
                let check = self.thread_check(target, op, key, what, reference);
                // The target's row always shows; the floor's only when it was measured.
                if reference.is_none() || check.met.is_some() {
                    out.push(check);
                }
            }
        }
        let f = self.footprint;
        if let Some(p) = &f.py_ours {
            let total = p.import_ms + p.create_ms;
            out.push(Check {
                what: "Python import + client creation".into(),
                measured: format!("{total:.1} ms"),
                goal: "≤ 20 ms".into(),
                met: Some(total <= 20.0),
                reference: None,
            });
            out.push(Check {
                what: "Python memory after creating a client".into(),
                measured: format!("{:.1} MiB", p.rss_mib),
                goal: "≤ 15 MiB".into(),
                met: Some(p.rss_mib <= 15.0),
                reference: None,
            });
        }
        if let (Some(a), Some(b)) = (f.core_build_s, f.aws_build_s) {
            out.push(ratio_check(
                "Clean release build time vs aws-sdk-cognitosync".into(),
                Some(a / b),
                0.5,
                true,
            ));
        }
        if let Some(n) = f.core_crates {
            out.push(Check {
                what: "Crates built for the core".into(),
                measured: n.to_string(),
                goal: "≤ 100".into(),
                met: Some(n <= 100),
                reference: None,
            });
        }
        if let Some(b) = f.c_lib_bytes {
            out.push(Check {
                what: "Stripped C shared library".into(),
                measured: mib(b),
                goal: "≤ 4 MiB".into(),
                met: Some(b <= 4 * 1024 * 1024),
                reference: None,
            });
        }
        out
    }

    /// The whole Markdown document.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "# Benchmark results\n");
        let _ = writeln!(
            s,
            "Measured {} on {} (load average {} at the start, other work running), with \
             `{}`: {} interleaved repetitions per cell, each run a fresh process with a \
             window of at most {} s; figures are medians, ratios are medians of \
             same-repetition ratios (the C ABI's added CPU: of same-repetition differences; \
             Python's 16 threads against sequential runs made in the 16-thread cell's own \
             repetitions). See `benches/README.md` for what each column means.\n",
            self.started,
            machine(),
            self.load_at_start,
            self.command.trim(),
            self.reps,
            self.window
        );
        let _ = writeln!(s, "## Targets\n");
        let _ = writeln!(
            s,
            "| target | measured | goal | met |\n|---|---:|---:|:---:|"
        );
        for c in self.checks() {
            let met = match (c.reference, c.met) {
                (Some(why), _) => format!("reference ({why})"),
                (None, Some(true)) => "yes".into(),
                (None, Some(false)) => "**no**".into(),
                (None, None) => "not measured".into(),
            };
            let _ = writeln!(s, "| {} | {} | {} | {} |", c.what, c.measured, c.goal, met);
        }
        let _ = writeln!(s);
        for target in [TargetKind::Canned, TargetKind::Emulator] {
            for op in [Op::List, Op::Update] {
                self.render_table(&mut s, target, op);
            }
        }
        self.render_callgrind(&mut s);
        self.render_footprint(&mut s);
        if !self.missing.is_empty() {
            let _ = writeln!(
                s,
                "## Not measured, or measured with problems, in this run\n"
            );
            for m in &self.missing {
                let _ = writeln!(s, "- {m}");
            }
            let _ = writeln!(s);
        }
        s
    }

    fn render_table(&self, s: &mut String, target: TargetKind, op: Op) {
        let cells: Vec<&Cell> = self
            .cells
            .iter()
            .filter(|c| c.target == target && c.op == op)
            .collect();
        if cells.is_empty() {
            return;
        }
        let (op_name, what) = match op {
            Op::List => ("ListRecords", "10 records of 100-byte values"),
            Op::Update => ("UpdateRecords", "10 replace patches"),
        };
        let server = match target {
            TargetKind::Canned => "canned-response server",
            TargetKind::Emulator => "emulator (cognito-sync-local)",
        };
        let _ = writeln!(s, "## {op_name} ({what}), {server}\n");
        let _ = writeln!(
            s,
            "| in flight | client | calls/s | p50 µs | p99 µs | client CPU µs/call | \
             server CPU µs/call | CPU × peer | calls/s × peer | CPU × floor |"
        );
        let _ = writeln!(s, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for cell in cells {
            for def in self.clients {
                match cell.summary(def) {
                    Some(m) => {
                        let _ = writeln!(
                            s,
                            "| {} | {} | {:.0} | {} | {} | {} | {} | {} | {} | {} |",
                            cell.conc,
                            label(def.key, cell.conc),
                            m.rate,
                            fmt_num(m.p50_us),
                            fmt_num(m.p99_us),
                            fmt_num(m.cpu_us),
                            fmt_num(m.server_us),
                            fmt_ratio(m.cpu_vs_peer),
                            fmt_ratio(m.rate_vs_peer),
                            fmt_ratio(m.cpu_vs_floor),
                        );
                    }
                    None => {
                        if let Some(e) = cell.errors.get(def.key) {
                            let short: String = e.chars().take(120).collect();
                            let _ = writeln!(
                                s,
                                "| {} | {} | failed: {} |  |  |  |  |  |  |  |",
                                cell.conc,
                                label(def.key, cell.conc),
                                short.replace('|', "/")
                            );
                        }
                    }
                }
            }
        }
        let _ = writeln!(s);
    }

    fn render_callgrind(&self, s: &mut String) {
        let Some(rows) = self.callgrind else {
            return;
        };
        let _ = writeln!(
            s,
            "## Instructions per call (callgrind, sequential, canned server)\n\n\
             Client process only; (instructions of 600 calls − of 100 calls) / 500. \
             valgrind does not emulate the SHA extensions, so SHA-256 runs in software here: \
             the clients that sign each call (all but the floor) count more instructions for \
             signing than they execute natively (where `sha2` uses SHA-NI).\n"
        );
        let _ = writeln!(
            s,
            "| client | ListRecords | × aws-sdk | × floor | UpdateRecords | × aws-sdk | × floor |"
        );
        let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|");
        for def in self.clients {
            let l = self.ir(def.key, Op::List);
            let u = self.ir(def.key, Op::Update);
            if l.is_none() && u.is_none() {
                continue;
            }
            let cols = |v: Option<f64>, op: Op| {
                let vs = |k: &str| v.zip(self.ir(k, op)).map(|(a, b)| a / b);
                format!(
                    "{} | {} | {}",
                    v.map_or_else(|| "–".into(), |v| format!("{v:.0}")),
                    fmt_ratio(vs("aws")),
                    fmt_ratio(vs("floor"))
                )
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                label(def.key, 1),
                cols(l, Op::List),
                cols(u, Op::Update)
            );
        }
        for e in rows.iter().filter_map(|r| r.as_ref().err()) {
            let _ = writeln!(s, "\nNot measured: {e}");
        }
        let _ = writeln!(s);
    }

    fn render_footprint(&self, s: &mut String) {
        let f = self.footprint;
        let opt = |v: Option<String>| v.unwrap_or_else(|| "not measured".into());
        let _ = writeln!(s, "## Footprint\n");
        if let Some(at) = &f.slow_measured_at {
            let _ = writeln!(
                s,
                "Build times, minimal programs and peak memory measured {at} \
                 (`scripts/bench.sh --footprint`).\n"
            );
        }
        let _ = writeln!(s, "| figure | cognito-sync | aws-sdk-cognitosync | ratio |");
        let _ = writeln!(s, "|---|---:|---:|---:|");
        let ratio = |a: Option<f64>, b: Option<f64>| fmt_ratio(a.zip(b).map(|(a, b)| a / b));
        let _ = writeln!(
            s,
            "| clean release build (2 cores) | {} | {} | {} |",
            opt(f.core_build_s.map(|v| format!("{v:.0} s"))),
            opt(f.aws_build_s.map(|v| format!("{v:.0} s"))),
            ratio(f.core_build_s, f.aws_build_s)
        );
        let _ = writeln!(
            s,
            "| crates built (normal + build deps) | {} | {} | {} |",
            opt(f.core_crates.map(|v| v.to_string())),
            opt(f.aws_crates.map(|v| v.to_string())),
            ratio(
                f.core_crates.map(|v| v as f64),
                f.aws_crates.map(|v| v as f64)
            )
        );
        let _ = writeln!(
            s,
            "| stripped minimal program making calls | {} | {} | {} |",
            opt(f.min_ours_bytes.map(mib)),
            opt(f.min_aws_bytes.map(mib)),
            ratio(
                f.min_ours_bytes.map(|v| v as f64),
                f.min_aws_bytes.map(|v| v as f64)
            )
        );
        let _ = writeln!(
            s,
            "| peak RSS, 1,000 ListRecords calls | {} | {} | {} |",
            opt(f
                .rss_ours_kib
                .map(|v| format!("{:.1} MiB", v as f64 / 1024.0))),
            opt(f
                .rss_aws_kib
                .map(|v| format!("{:.1} MiB", v as f64 / 1024.0))),
            ratio(
                f.rss_ours_kib.map(|v| v as f64),
                f.rss_aws_kib.map(|v| v as f64)
            )
        );
        let _ = writeln!(
            s,
            "| stripped C shared library | {} | – | – |\n",
            opt(f.c_lib_bytes.map(mib))
        );
        if f.py_ours.is_some() || f.py_boto3.is_some() {
            let _ = writeln!(
                s,
                "| Python (fresh interpreter, median of 5) | cognito_sync | boto3 | ratio | \
                 bare interpreter |"
            );
            let _ = writeln!(s, "|---|---:|---:|---:|---:|");
            let (o, b, bare) = (f.py_ours.as_ref(), f.py_boto3.as_ref(), f.py_bare.as_ref());
            for (name, get) in [
                (
                    "import, ms",
                    (|p| p.import_ms) as fn(&crate::footprint::PyFootprint) -> f64,
                ),
                ("client creation, ms", |p| p.create_ms),
                ("RSS after creating a client, MiB", |p| p.rss_mib),
            ] {
                let a = o.map(get);
                let c = b.map(get);
                let _ = writeln!(
                    s,
                    "| {name} | {} | {} | {} | {} |",
                    opt(a.map(|v| format!("{v:.1}"))),
                    opt(c.map(|v| format!("{v:.1}"))),
                    ratio(a, c),
                    opt(bare.map(get).map(|v| format!("{v:.1}")))
                );
            }
            let _ = writeln!(s);
        }
    }
}
