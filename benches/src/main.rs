//! Benchmark harness: our Cognito Sync clients against aws-sdk-cognitosync, boto3 and a bare
//! HTTP floor, on a canned-response server and on the emulator. `scripts/bench.sh` builds
//! everything and runs `suite`; the other subcommands are the pieces it spawns.

mod callgrind;
mod canned;
mod clients;
mod emulator_server;
mod fixtures;
mod footprint;
mod raw;
mod report;
mod run;
mod runner;
mod server_control;
mod servers;
mod stats;
mod suite;

use clap::{Parser, Subcommand};
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser)]
#[command(about = "Cognito Sync client benchmarks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve canned responses on 127.0.0.1:0 until standard input closes.
    ServeCanned,
    /// Serve the emulator (seeded) on 127.0.0.1:0 until standard input closes.
    ServeEmulator,
    /// Measure everything and write the report.
    Suite(SuiteArgs),
    /// One measured run of one client; prints one JSON line.
    Run {
        /// floor, reqwest, core, blocking or aws.
        #[arg(long)]
        client: String,
        /// list or update.
        #[arg(long)]
        op: String,
        /// Calls in flight.
        #[arg(long, default_value_t = 1)]
        conc: usize,
        /// Calls in the measured window.
        #[arg(long, default_value_t = 10_000)]
        calls: usize,
        /// Calls per worker before the window.
        #[arg(long, default_value_t = 20)]
        warmup: usize,
        /// Longest window, seconds.
        #[arg(long, default_value_t = 1.0)]
        max_time: f64,
        /// canned or emulator.
        #[arg(long, default_value = "canned")]
        target: String,
        /// Server endpoint.
        #[arg(long)]
        endpoint: String,
        /// Identity pool id.
        #[arg(long, default_value = fixtures::CANNED_POOL)]
        pool: String,
        /// Comma-separated identity ids (one per worker slot).
        #[arg(long, default_value = fixtures::CANNED_IDENTITY)]
        identities: String,
    },
}

#[derive(clap::Args)]
struct SuiteArgs {
    /// Repetitions of every cell (interleaved).
    #[arg(long, default_value_t = 5)]
    reps: usize,
    /// Longest measured window of one run, seconds.
    #[arg(long, default_value_t = 0.4)]
    window: f64,
    /// Servers: canned, emulator.
    #[arg(long, default_value = "canned,emulator", value_delimiter = ',')]
    targets: Vec<String>,
    /// Operations: list, update.
    #[arg(long, default_value = "list,update", value_delimiter = ',')]
    ops: Vec<String>,
    /// Calls in flight.
    #[arg(long, default_value = "1,16,64", value_delimiter = ',')]
    concs: Vec<usize>,
    /// Only these clients (floor, reqwest, core, blocking, aws, c-blocking, c-nonblocking,
    /// py-socket, py-sync, py-asyncio, py-boto3compat, boto3).
    #[arg(long, value_delimiter = ',')]
    clients: Option<Vec<String>>,
    /// The C driver executable (built by scripts/bench.sh).
    #[arg(long)]
    c_driver: Option<std::path::PathBuf>,
    /// Python interpreter with cognito_sync and boto3 installed.
    #[arg(long)]
    python: Option<std::path::PathBuf>,
    /// Skip the callgrind instruction counts.
    #[arg(long)]
    no_callgrind: bool,
    /// Also measure clean build times, minimal programs and peak memory (slow).
    #[arg(long)]
    footprint: bool,
    /// Repository root.
    #[arg(long, default_value = ".")]
    root: std::path::PathBuf,
    /// Where to write the Markdown report.
    #[arg(long, default_value = "benches/RESULTS.md")]
    out: std::path::PathBuf,
}

/// The `suite` subcommand: measure, then print and write the report.
fn run_suite(args: SuiteArgs) -> Result<(), String> {
    let started = report::now_utc();
    let load_at_start = report::load_average();
    let root = args.root.clone();
    let script = root.join("benches/python/bench_clients.py");
    let mut missing = Vec::new();
    let python = match &args.python {
        Some(p) if p.exists() && script.exists() => Some((p.clone(), script)),
        _ => {
            missing.push("Python clients: no interpreter with the packages (.venv)".to_string());
            None
        }
    };
    let c_driver = match &args.c_driver {
        Some(p) if p.exists() => Some(p.clone()),
        _ => {
            missing.push("C ABI clients: the C driver was not built".to_string());
            None
        }
    };
    let opts = suite::Options {
        reps: args.reps.max(1),
        window: args.window,
        targets: args
            .targets
            .iter()
            .map(|t| run::TargetKind::parse(t))
            .collect::<Result<_, _>>()?,
        ops: args
            .ops
            .iter()
            .map(|o| runner::Op::parse(o))
            .collect::<Result<_, _>>()?,
        concs: args.concs.clone(),
        only: args.clients.clone(),
        c_driver,
        python,
    };
    let clients = suite::available(&opts);
    eprintln!("== throughput, latency and CPU per call");
    let cells = suite::measure(&opts, &mut missing)?;
    for cell in &cells {
        for (key, (n, last)) in &cell.warnings {
            missing.push(format!(
                "{key} ({} {}, {} in flight): {n} of {} runs printed their result and then \
                 exited with {last}",
                cell.target.as_str(),
                cell.op.as_str(),
                cell.conc,
                opts.reps
            ));
        }
    }
    let callgrind_rows = if args.no_callgrind {
        None
    } else if !callgrind::available() {
        missing.push("instructions per call: valgrind is not installed".to_string());
        None
    } else {
        eprintln!("== instructions per call (callgrind)");
        let dir = callgrind::out_dir(&root);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        Some(callgrind::measure(&opts, &clients, &dir))
    };
    eprintln!("== footprint");
    let mut fp = footprint::load(&root);
    footprint::measure_quick(&root, opts.python.as_ref(), &mut fp);
    if args.footprint {
        if let Err(e) = footprint::measure_slow(&root, &mut fp) {
            missing.push(format!("slow footprint: {e}"));
        }
    } else if fp.slow_measured_at.is_none() {
        missing.push(
            "build times, minimal programs, peak RSS: run `scripts/bench.sh --footprint`"
                .to_string(),
        );
    }
    footprint::save(&root, &fp)?;
    let command = std::env::var("BENCH_COMMAND")
        .unwrap_or_else(|_| std::env::args().collect::<Vec<_>>().join(" "));
    let report = report::Report {
        command,
        started,
        load_at_start,
        reps: opts.reps,
        window: opts.window,
        cells: &cells,
        clients: &clients,
        callgrind: callgrind_rows.as_deref(),
        footprint: &fp,
        missing,
    };
    let text = report.render();
    println!("{text}");
    let out = root.join(&args.out);
    std::fs::write(&out, &text).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("== written to {}", out.display());
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::ServeCanned => canned::serve(),
        Command::ServeEmulator => emulator_server::serve(),
        Command::Suite(args) => run_suite(args),
        Command::Run {
            client,
            op,
            conc,
            calls,
            warmup,
            max_time,
            target,
            endpoint,
            pool,
            identities,
        } => (|| {
            let spec = run::RunSpec {
                client,
                op: runner::Op::parse(&op)?,
                conc: conc.max(1),
                plan: runner::Plan {
                    calls,
                    warmup,
                    max_time: Duration::from_secs_f64(max_time),
                },
                target: run::Target {
                    kind: run::TargetKind::parse(&target)?,
                    endpoint,
                    pool,
                    identities: identities.split(',').map(str::to_string).collect(),
                },
            };
            let result = run::run(&spec)?;
            println!(
                "{}",
                serde_json::to_string(&result).map_err(|e| e.to_string())?
            );
            Ok(())
        })(),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
