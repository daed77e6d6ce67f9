//! Callback gates: the mechanism behind "after free returns, no callback for
//! this object runs".
//!
//! A callback runs only while it holds a pass from its gate; closing the gate
//! refuses new passes and waits until the passes already out are returned.
//! When the closing thread is itself running a library callback it does not
//! wait (it could be waiting for itself, or for a callback that waits for
//! it): new callbacks are still refused, and that case is documented.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use crate::runtime;

#[derive(Default)]
struct GateState {
    closed: bool,
    running: usize,
}

/// A gate shared by an owner (client, log hook, store) and its callbacks.
#[derive(Default)]
pub(crate) struct Gate {
    state: Mutex<GateState>,
    changed: Condvar,
}

/// Proof that a callback may run; returned to the gate when dropped.
pub(crate) struct GatePass(Arc<Gate>);

impl Gate {
    fn lock(&self) -> MutexGuard<'_, GateState> {
        // Callbacks run outside the lock and under catch_unwind, so the
        // lock is never poisoned by user code; recover anyway.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A pass, or `None` once the gate is closed.
    pub(crate) fn enter(self: &Arc<Self>) -> Option<GatePass> {
        let mut state = self.lock();
        if state.closed {
            return None;
        }
        state.running += 1;
        Some(GatePass(Arc::clone(self)))
    }

    /// Refuses new passes; waits for the outstanding ones unless the calling
    /// thread is running a library callback.
    pub(crate) fn close(&self) {
        let mut state = self.lock();
        state.closed = true;
        if runtime::in_callback() {
            return;
        }
        while state.running > 0 {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    #[cfg(test)]
    pub(crate) fn is_closed(&self) -> bool {
        self.lock().closed
    }
}

impl Drop for GatePass {
    fn drop(&mut self) {
        let mut state = self.0.lock();
        state.running = state.running.saturating_sub(1);
        drop(state);
        self.0.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    #[test]
    fn close_waits_for_a_running_callback_and_refuses_new_ones() {
        let gate = Arc::new(Gate::default());
        let pass = gate.enter().unwrap();
        let finished = Arc::new(AtomicBool::new(false));
        let worker = {
            let finished = Arc::clone(&finished);
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(50));
                finished.store(true, Ordering::SeqCst);
                drop(pass);
            })
        };
        gate.close();
        assert!(
            finished.load(Ordering::SeqCst),
            "close returned before the callback ended"
        );
        assert!(gate.enter().is_none());
        worker.join().unwrap();
    }

    #[test]
    fn close_from_inside_a_callback_does_not_wait() {
        let gate = Arc::new(Gate::default());
        let _pass = gate.enter().unwrap();
        let _scope = runtime::CallbackScope::enter();
        gate.close(); // would deadlock if it waited for our own pass
        assert!(gate.is_closed());
    }
}
