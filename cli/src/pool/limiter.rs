//! The adaptive rate of the pool commands: at most `limit` calls in flight, `limit` halved on
//! throttling (TooManyRequestsException, LimitExceededException) and raised by one per
//! window of successes back up to `--concurrency` (AIMD, as TCP does), and retries with
//! exponential backoff and full jitter.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::Notify;

/// How an error of a call is treated.
pub trait Classify {
    /// The service asked to slow down.
    fn throttling(&self) -> bool;
    /// Trying again may help (throttling, 5xx, connection errors, timeouts).
    fn retryable(&self) -> bool;
}

impl Classify for cognito_sync::Error {
    fn throttling(&self) -> bool {
        self.is_throttling()
            || matches!(
                self.code(),
                Some("TooManyRequestsException" | "LimitExceededException")
            )
    }
    fn retryable(&self) -> bool {
        self.is_retryable() || self.throttling()
    }
}

impl Classify for super::identities::CallError {
    fn throttling(&self) -> bool {
        self.throttling
    }
    fn retryable(&self) -> bool {
        self.retryable
    }
}

/// Attempts per call before its error is final.
const MAX_ATTEMPTS: u32 = 8;
const BASE_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(10);

struct State {
    limit: f64,
    in_flight: usize,
    /// No new call starts before this (set by throttling).
    paused_until: Option<Instant>,
}

/// Shared by every task of one command.
pub struct Limiter {
    max: usize,
    state: Mutex<State>,
    notify: Notify,
    calls: AtomicU64,
    throttled: AtomicU64,
    retried: AtomicU64,
}

/// Counters for the summary.
#[derive(Debug, Clone, Copy, Default)]
pub struct LimiterStats {
    /// Calls made (attempts).
    pub calls: u64,
    /// Attempts refused by throttling.
    pub throttled: u64,
    /// Attempts retried.
    pub retried: u64,
    /// The concurrency reached at the end.
    pub limit: usize,
}

impl Limiter {
    /// At most `max` (≥ 1) calls in flight.
    pub fn new(max: usize) -> Limiter {
        let max = max.max(1);
        Limiter {
            max,
            state: Mutex::new(State {
                limit: max as f64,
                in_flight: 0,
                paused_until: None,
            }),
            notify: Notify::new(),
            calls: AtomicU64::new(0),
            throttled: AtomicU64::new(0),
            retried: AtomicU64::new(0),
        }
    }

    /// The counters so far.
    pub fn stats(&self) -> LimiterStats {
        let limit = self.lock().limit as usize;
        LimiterStats {
            calls: self.calls.load(Ordering::Relaxed),
            throttled: self.throttled.load(Ordering::Relaxed),
            retried: self.retried.load(Ordering::Relaxed),
            limit,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn acquire(&self) {
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let wait = {
                let mut s = self.lock();
                match s.paused_until {
                    Some(t) if t > Instant::now() => Some(t),
                    _ => {
                        s.paused_until = None;
                        if (s.in_flight as f64) < s.limit.floor().max(1.0) {
                            s.in_flight += 1;
                            return;
                        }
                        None
                    }
                }
            };
            match wait {
                Some(t) => tokio::time::sleep_until(t.into()).await,
                None => notified.await,
            }
        }
    }

    fn release(&self, throttled: bool, pause: Duration) {
        {
            let mut s = self.lock();
            s.in_flight = s.in_flight.saturating_sub(1);
            if throttled {
                s.limit = (s.limit / 2.0).max(1.0);
                let until = Instant::now() + pause;
                if s.paused_until.is_none_or(|t| t < until) {
                    s.paused_until = Some(until);
                }
            } else {
                s.limit = (s.limit + 1.0 / s.limit.max(1.0)).min(self.max as f64);
            }
        }
        self.notify.notify_waiters();
    }

    /// Runs `call` under the limit, retrying what may succeed later.
    pub async fn run<T, E, F, Fut>(&self, mut call: F) -> Result<T, E>
    where
        E: Classify,
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            self.acquire().await;
            self.calls.fetch_add(1, Ordering::Relaxed);
            let out = call().await;
            let backoff = backoff(attempt);
            match out {
                Ok(v) => {
                    self.release(false, Duration::ZERO);
                    return Ok(v);
                }
                Err(e) => {
                    let throttled = e.throttling();
                    if throttled {
                        self.throttled.fetch_add(1, Ordering::Relaxed);
                    }
                    self.release(throttled, backoff);
                    if !e.retryable() || attempt >= MAX_ATTEMPTS {
                        return Err(e);
                    }
                    self.retried.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(backoff).await;
                }
            }
        }
    }
}

/// Full jitter: a random wait up to min(cap, base × 2^attempt).
fn backoff(attempt: u32) -> Duration {
    let ceiling = BASE_BACKOFF
        .saturating_mul(1u32 << attempt.min(16))
        .min(MAX_BACKOFF);
    ceiling.mul_f64(fastrand::f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct E(bool);
    impl Classify for E {
        fn throttling(&self) -> bool {
            self.0
        }
        fn retryable(&self) -> bool {
            true
        }
    }

    #[tokio::test]
    async fn throttling_halves_the_limit_and_successes_raise_it() {
        let l = Limiter::new(8);
        let mut n = 0;
        let r: Result<(), E> = l
            .run(|| {
                n += 1;
                let fail = n == 1;
                async move {
                    if fail {
                        Err(E(true))
                    } else {
                        Ok(())
                    }
                }
            })
            .await;
        assert!(r.is_ok());
        let s = l.stats();
        assert_eq!((s.calls, s.throttled, s.retried), (2, 1, 1));
        assert_eq!(s.limit, 4, "halved from 8, then +1/4");
        for _ in 0..40 {
            let _: Result<(), E> = l.run(|| async { Ok(()) }).await;
        }
        assert_eq!(l.stats().limit, 8, "recovered to the maximum");
    }
}
