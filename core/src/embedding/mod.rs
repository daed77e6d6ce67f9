//! What the layers that embed the core share: the C ABI (`ffi-c/`), the Python package
//! (`bindings-python/`), the command line (`cli/`), and the core's own blocking client
//! and sync manager. One place for what each of them used to write for itself:
//!
//! - [`Settings`] ([`settings.rs`](settings)): every way a client can be configured, as
//!   plain data, building the [`Client`](crate::Client) and, for Cognito Identity, its
//!   [`CognitoIdentityProvider`](crate::credentials::CognitoIdentityProvider);
//! - [`runtime()`] ([`runtime.rs`](runtime)): the one process-wide multi-thread runtime
//!   (built lazily, worker-thread count settable before it starts, rebuilt after a fork
//!   with [`after_fork_in_child`]);
//! - [`blocking_forbidden()`] and [`block_on()`] ([`blocking.rs`](blocking)): the one
//!   rule of where a blocking call is refused (inside a library callback, marked with
//!   [`CallbackScope`], or on a tokio runtime thread), which each layer maps to its own
//!   error.
//!
//! Blocking client calls do not use the shared runtime: they run on their caller's thread
//! ([`crate::blocking::Client::run`]). The shared runtime runs async calls, paginators,
//! the sync manager's background work and the layers' non-blocking operations.
//!
//! ```
//! use cognito_sync::embedding::{self, CredentialSource, Settings};
//!
//! let settings = Settings {
//!     region: Some("us-east-1".into()),
//!     endpoint_url: Some("http://127.0.0.1:4566".into()),
//!     credentials: CredentialSource::Static(cognito_sync::Credentials::new("test", "test", None)),
//!     max_attempts: Some(5),
//!     ..Settings::default()
//! };
//! let built = settings.build()?; // no network traffic yet
//! assert_eq!(built.client.retry_config().max_attempts(), 5);
//! assert!(built.identity.is_none());
//! assert_eq!(
//!     settings.describe(&built.client),
//!     r#"region="us-east-1", endpoint_url="http://127.0.0.1:4566", credentials=static keys"#
//! );
//!
//! // Blocking on the shared runtime from a plain thread; refused on a runtime thread.
//! assert_eq!(embedding::block_on(async { 41 + 1 }).ok(), Some(42));
//! let refused = embedding::runtime()?
//!     .block_on(async { tokio::spawn(async { embedding::blocking_forbidden() }).await });
//! assert_eq!(refused.ok(), Some(true));
//! # Ok::<(), cognito_sync::Error>(())
//! ```

pub mod blocking;
mod names;
pub mod runtime;
pub mod settings;

pub use blocking::{block_on, blocking_forbidden, in_callback, BlockOnError, CallbackScope};
pub use runtime::{
    after_fork_in_child, generation, runtime, runtime_with, set_default_worker_threads,
    set_worker_threads, worker_threads, StartOptions, WorkerThreadsError,
};
pub use settings::{Built, CognitoIdentitySettings, CredentialSource, Settings};
