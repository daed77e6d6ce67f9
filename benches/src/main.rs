//! Benchmark harness: our Cognito Sync clients against aws-sdk-cognitosync, boto3 and a bare
//! HTTP floor, on a canned-response server and on the emulator. `scripts/bench.sh` builds
//! everything and runs `suite`; the other subcommands are the pieces it spawns.

mod canned;
mod clients;
mod fixtures;
mod raw;
mod run;
mod runner;
mod server_control;
mod stats;

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
    /// One measured run of one client; prints one JSON line.
    Run {
        /// floor, core, blocking or aws.
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::ServeCanned => canned::serve(),
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
