//! `cognito-sync migrate`: a pool's data into another store. One target so far: DynamoDB.

pub mod dynamodb;

use clap::Subcommand;

use crate::context::Context;
use crate::exit::Failure;

/// Where to migrate to.
#[derive(Debug, Subcommand)]
pub enum Target {
    /// Write every record into a DynamoDB table (single-table schema documented in
    /// cli/ARCHIVE.md): from an archive (--input) or straight from a live pool
    /// (--identity-pool-id, exported to a temporary archive first).
    Dynamodb(dynamodb::Args),
}

/// Runs a migration.
pub async fn run(target: Target, ctx: &Context) -> Result<(), Failure> {
    match target {
        Target::Dynamodb(a) => dynamodb::run(a, ctx).await,
    }
}
