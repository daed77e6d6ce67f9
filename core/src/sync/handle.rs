//! Handles on synchronizes running in the background.

use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::error::Result;
use super::report::SyncReport;

/// A synchronize started with
/// [`Dataset::synchronize_in_background`](crate::sync::Dataset::synchronize_in_background).
/// Poll it from a game loop ([`try_result`](Self::try_result)) or wait for it. Dropping
/// the handle does not cancel the synchronize. Cheap to clone.
#[derive(Clone)]
pub struct SyncHandle {
    state: Arc<State>,
}

struct State {
    result: Mutex<Option<Result<SyncReport>>>,
    done: Condvar,
}

impl std::fmt::Debug for SyncHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncHandle")
            .field("finished", &self.is_finished())
            .finish()
    }
}

impl SyncHandle {
    pub(crate) fn new() -> Self {
        SyncHandle {
            state: Arc::new(State {
                result: Mutex::new(None),
                done: Condvar::new(),
            }),
        }
    }

    pub(crate) fn complete(&self, result: Result<SyncReport>) {
        let mut r = self.state.result.lock().unwrap_or_else(|e| e.into_inner());
        *r = Some(result);
        drop(r);
        self.state.done.notify_all();
    }

    /// Whether the synchronize has ended.
    pub fn is_finished(&self) -> bool {
        self.state
            .result
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// The outcome, if the synchronize has ended (never blocks).
    pub fn try_result(&self) -> Option<Result<SyncReport>> {
        self.state
            .result
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Waits for the outcome. Blocks the calling thread: do not call it on an async
    /// runtime thread.
    pub fn wait(&self) -> Result<SyncReport> {
        let mut r = self.state.result.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(result) = r.as_ref() {
                return result.clone();
            }
            r = self.state.done.wait(r).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Waits at most `timeout` for the outcome.
    pub fn wait_timeout(&self, timeout: Duration) -> Option<Result<SyncReport>> {
        let deadline = Instant::now() + timeout;
        let mut r = self.state.result.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(result) = r.as_ref() {
                return Some(result.clone());
            }
            let now = Instant::now();
            if now >= deadline {
                return None;
            }
            r = self
                .state
                .done
                .wait_timeout(r, deadline - now)
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
        }
    }
}
