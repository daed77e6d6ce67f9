//! `cognito-sync`: every Amazon Cognito Sync operation from the command line, named and
//! printed as `aws cognito-sync` does, plus whole-pool export, verify, import and migration.
//! Exit codes: see `cli/src/exit.rs`.
#![forbid(unsafe_code)]

use clap::{Parser, Subcommand};
use cognito_sync::embedding::{self, StartOptions};

use cognito_sync_cli::context::{Context, GlobalArgs, OutputFormat};
use cognito_sync_cli::exit::{self, Failure};
use cognito_sync_cli::ops;

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "cognito-sync",
    version,
    about = "Amazon Cognito Sync from the command line: every operation as `aws cognito-sync` \
             names it, plus export, verify, import and migration of whole identity pools",
    after_help = "Exit codes: 0 ok, 1 differences or conflicts found, 2 usage, 130 interrupted, \
                  252 invalid parameter, 253 configuration or credentials, 254 service error, \
                  255 other (connection, timeout, local I/O)."
)]
struct Cli {
    #[command(flatten)]
    global: GlobalArgs,

    /// The output format (only `json`, the AWS CLI's default). Operations also take it after
    /// their name.
    #[arg(long, value_enum, value_name = "FORMAT")]
    output: Option<OutputFormat>,

    #[command(subcommand)]
    command: Command,
}

/// Every subcommand. Each group lives in its own module of the library and is flattened
/// here, so its subcommands appear at the top level (`cognito-sync list-records`).
/// Operations take `--output FORMAT` themselves; commands that write files may use
/// `--output PATH` instead, the format flag then goes before the subcommand.
#[derive(Debug, Subcommand)]
enum Command {
    /// The 17 Cognito Sync operations (cli/src/ops/).
    #[command(flatten)]
    Operation(ops::Operation),
    #[command(flatten)]
    Pool(cognito_sync_cli::pool::Command),
}

fn main() {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(()) => exit::OK,
        Err(f) => {
            // Like the AWS CLI: the message on stderr after an empty line.
            eprintln!("\n{f}");
            f.code
        }
    };
    std::process::exit(code);
}

/// The command line starts the runtime: one worker per core.
static CLI_START: StartOptions = StartOptions {
    default_worker_threads: || std::thread::available_parallelism().map_or(1, |n| n.get()),
    on_start: None,
};

fn run(cli: Cli) -> Result<(), Failure> {
    let output = match &cli.command {
        Command::Operation(op) => op.output(),
        Command::Pool(_) => None,
    }
    .or(cli.output)
    .unwrap_or_default();
    let ctx = Context::new(cli.global, output);
    // The process's one runtime (the core's, shared with the clients' background work),
    // as many workers as cores, like tokio's default.
    let runtime =
        embedding::runtime_with(&CLI_START).map_err(|e| Failure::other(e.message().to_owned()))?;
    runtime.block_on(async move {
        match cli.command {
            Command::Operation(op) => op.run(&ctx).await,
            Command::Pool(cmd) => cmd.run(&ctx).await,
        }
    })
}
