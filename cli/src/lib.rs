//! The `cognito-sync` command-line tool as a library: the binary (`src/main.rs`) parses the
//! command line with these types and runs it; tests and other tools can do the same.
//!
//! - [`context`]: global options, and the client, region, endpoints and credentials built
//!   from them;
//! - [`exit`]: the exit codes, documented in one place;
//! - [`ops`]: the 17 Cognito Sync operations as subcommands;
//! - [`output`]: printing responses as the AWS CLI does.
// One unsafe call (ignoring SIGXFSZ, pool/export.rs) is allowed at its site.
#![deny(unsafe_code)]

pub mod context;
pub mod exit;
pub mod migrate;
pub mod ops;
pub mod output;
pub mod pool;
