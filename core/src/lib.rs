//! A fast native client for Amazon Cognito Sync.
//!
//! Every operation of the service (2014-06-30) is a method of the async [`Client`]
//! (tokio) and of the [`blocking::Client`]. Requests are validated against the service
//! model before they are sent, signed with SigV4 (`aws-sigv4`), retried with the AWS
//! SDKs' standard policy, and sent over a pooled HTTP/1.1 connection (hyper, rustls).
//!
//! ```no_run
//! # async fn demo() -> Result<(), cognito_sync::Error> {
//! use cognito_sync::model::{ListRecordsInput, RecordPatch, UpdateRecordsInput};
//!
//! let client = cognito_sync::Client::builder()
//!     .region("us-east-1")
//!     .endpoint_url("http://127.0.0.1:8080") // e.g. cognito-sync-local
//!     .credentials(cognito_sync::Credentials::new("test", "test", None))
//!     .build()?;
//! let pool = "us-east-1:00000000-0000-0000-0000-000000000000";
//! let id = "us-east-1:11111111-1111-1111-1111-111111111111";
//! let listed = client
//!     .list_records(ListRecordsInput {
//!         identity_pool_id: pool.into(),
//!         identity_id: id.into(),
//!         dataset_name: "settings".into(),
//!         last_sync_count: Some(0),
//!         ..Default::default()
//!     })
//!     .await?;
//! client
//!     .update_records(UpdateRecordsInput {
//!         identity_pool_id: pool.into(),
//!         identity_id: id.into(),
//!         dataset_name: "settings".into(),
//!         record_patches: Some(vec![RecordPatch::replace("volume", "11", 0)]),
//!         sync_session_token: listed.sync_session_token.unwrap_or_default(),
//!         ..Default::default()
//!     })
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! The offline-first sync manager, `cognito_sync::sync`, is behind the `sync` cargo
//! feature (it brings SQLite); the client alone builds without it.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[macro_use]
mod operation_list;

pub mod blocking;
mod client;
pub mod config;
pub mod credentials;
pub mod embedding;
mod endpoint;
mod env;
mod error;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod http;
pub mod metadata;
pub mod model;
mod operations;
mod shared_config;
#[cfg(feature = "sync")]
pub mod sync;
mod validate;

pub use client::{Client, ClientBuilder, PageStream};
pub use config::RetryConfig;
pub use credentials::{Credentials, ProvideCredentials};
pub use error::{Error, ErrorKind};
