//! Client configuration: retries, timeouts, region and endpoint, user agent.

use std::time::Duration;

use crate::env::{env, env_bool};
use crate::shared_config;

/// The `User-Agent` of every request: this library and its version.
pub const USER_AGENT: &str = concat!("cognito-sync-rust/", env!("CARGO_PKG_VERSION"));

/// The SigV4 signing name of the service.
pub(crate) const SIGNING_NAME: &str = "cognito-sync";

/// Retry policy with the semantics of the AWS SDKs' "standard" mode: a bounded number
/// of attempts, exponential backoff with full jitter under a cap, retrying throttling
/// (`TooManyRequests`, `LambdaThrottled`, HTTP 429), 5xx and connection errors, never
/// other 4xx; a client-wide retry quota stops retry storms when the service is down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl RetryConfig {
    /// Standard mode: 3 attempts, backoff base 1 s, cap 20 s.
    pub fn standard() -> Self {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }

    /// No retries: every call makes exactly one attempt.
    pub fn disabled() -> Self {
        RetryConfig::standard().with_max_attempts(1)
    }

    /// Sets the total number of attempts, first one included (at least 1).
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// Sets the base of the exponential backoff (the n-th retry waits a random time up
    /// to `initial_backoff * 2^(n-1)`, capped by `max_backoff`).
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// Sets the cap of the backoff.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// Total number of attempts per call.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Base of the backoff.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// Cap of the backoff.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The wait before retry number `retry` (1 for the first retry): full jitter over
    /// `min(cap, base * 2^(retry-1))`.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exp = self
            .initial_backoff
            .saturating_mul(1u32 << retry.saturating_sub(1).min(30));
        let ceiling = exp.min(self.max_backoff);
        ceiling.mul_f64(fastrand::f64())
    }
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig::standard()
    }
}

/// The region from `AWS_REGION`, `AWS_DEFAULT_REGION`, or the shared config profile.
pub(crate) fn region_from_env() -> Option<String> {
    env("AWS_REGION")
        .or_else(|| env("AWS_DEFAULT_REGION"))
        .or_else(shared_config::region_from_config)
}

/// The endpoint override for a service from the environment: the service-specific
/// variable (`AWS_ENDPOINT_URL_COGNITO_SYNC`), else `AWS_ENDPOINT_URL`; both ignored
/// when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true.
pub(crate) fn endpoint_from_env(service_var: &str) -> Option<String> {
    if env_bool("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") == Some(true) {
        return None;
    }
    env(service_var).or_else(|| env("AWS_ENDPOINT_URL"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_full_jitter_under_the_cap() {
        let r = RetryConfig::standard()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(350));
        for _ in 0..200 {
            assert!(r.backoff(1) <= Duration::from_millis(100));
            assert!(r.backoff(2) <= Duration::from_millis(200));
            assert!(r.backoff(3) <= Duration::from_millis(350));
            assert!(r.backoff(40) <= Duration::from_millis(350));
        }
        // Jitter: not every draw is the ceiling.
        assert!((0..50).any(|_| r.backoff(3) < Duration::from_millis(300)));
    }

    #[test]
    fn attempts_are_at_least_one() {
        assert_eq!(RetryConfig::standard().max_attempts(), 3);
        assert_eq!(
            RetryConfig::standard().with_max_attempts(0).max_attempts(),
            1
        );
        assert_eq!(RetryConfig::disabled().max_attempts(), 1);
    }
}
