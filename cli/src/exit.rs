//! Exit codes, in one place. Scripts can rely on them; they follow the AWS CLI v2's
//! return codes (`aws help return-codes`), so a script written for `aws cognito-sync`
//! keeps working.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success |
//! | 1 | the command ran, but found what it reports as a failure: `verify` found differences, `import` found conflicts it did not overwrite |
//! | 2 | the command line could not be parsed: unknown subcommand or option, missing required option (clap's usage error, as the AWS CLI) |
//! | 130 | interrupted (SIGINT) |
//! | 252 | a parameter value is invalid and nothing was sent: bad JSON in `--record-patches`, unknown key, a value the service model forbids |
//! | 253 | configuration or credentials: no credentials found, unknown profile, no region, invalid endpoint |
//! | 254 | the service answered with an error (`ResourceNotFoundException`, `ResourceConflictException`...) |
//! | 255 | anything else: connection refused, timeout, unreadable response, a local file that cannot be read or written |
//!
//! The AWS CLI v1 (PyPI `awscli`) exits 255 for every failure past parsing; these codes
//! refine that without changing success (0) or usage errors (2).

use std::fmt;

use cognito_sync::{Error, ErrorKind};

/// Success.
pub const OK: i32 = 0;
/// The command ran and reports differences or conflicts (verify, import).
pub const DIFFERENCES: i32 = 1;
/// The command line could not be parsed (clap's own exit code for usage errors).
pub const USAGE: i32 = 2;
/// Interrupted by SIGINT.
pub const INTERRUPTED: i32 = 130;
/// A parameter value is invalid; nothing was sent.
pub const INVALID_PARAMETER: i32 = 252;
/// Configuration or credentials are missing or invalid.
pub const CONFIGURATION: i32 = 253;
/// The service returned an error.
pub const SERVICE: i32 = 254;
/// Anything else: transport, timeout, local I/O.
pub const OTHER: i32 = 255;

/// An error that ends the command: what to print on stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// The exit code, one of the constants of this module.
    pub code: i32,
    /// The message printed on stderr (no secrets).
    pub message: String,
}

impl Failure {
    /// A failure with an explicit code.
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
        }
    }

    /// An invalid parameter value (exit 252).
    pub fn invalid_parameter(message: impl Into<String>) -> Self {
        Failure::new(INVALID_PARAMETER, message)
    }

    /// A configuration or credentials problem (exit 253).
    pub fn configuration(message: impl Into<String>) -> Self {
        Failure::new(CONFIGURATION, message)
    }

    /// A local I/O or other failure (exit 255).
    pub fn other(message: impl Into<String>) -> Self {
        Failure::new(OTHER, message)
    }

    /// A failure of the core's call `operation` (PascalCase, e.g. `ListRecords`) to
    /// `endpoint`, worded as the AWS CLI words it.
    pub fn from_call(operation: &str, endpoint: &str, e: &Error) -> Self {
        match e.kind_ref() {
            ErrorKind::Validation => {
                Failure::invalid_parameter(format!("Parameter validation failed:\n{}", e.message()))
            }
            ErrorKind::Credentials => Failure::configuration(match e.code() {
                // A credentials provider that got a service error (e.g. Cognito Identity).
                Some(code) => format!(
                    "Unable to get credentials ({code}) when calling the {operation} operation: {}",
                    e.message()
                ),
                None => format!("Unable to locate credentials: {}", e.message()),
            }),
            ErrorKind::Transport if e.message().contains("connect") => Failure::other(format!(
                "Could not connect to the endpoint URL: \"{endpoint}\" ({operation}): {}",
                e.message()
            )),
            ErrorKind::Timeout => Failure::other(format!(
                "Read timeout on endpoint URL: \"{endpoint}\" ({operation}): {}",
                e.message()
            )),
            ErrorKind::Transport | ErrorKind::Runtime => Failure::other(format!(
                "Could not complete the {operation} operation on \"{endpoint}\": {e}"
            )),
            _ => Failure::new(
                SERVICE,
                format!(
                    "An error occurred ({}) when calling the {operation} operation: {}",
                    e.code().unwrap_or("Unknown"),
                    e.message()
                ),
            ),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}
