//! Keeps the runtime's threads out of Python once the interpreter starts to exit.
//!
//! When `Py_FinalizeEx` has begun, a thread that is not the finalizing one and takes the
//! GIL (or takes it back after releasing it around a socket write, as asyncio's
//! `call_soon_threadsafe` does) is ended with `pthread_exit`. On a tokio worker that
//! forced unwind crosses Rust frames that cannot unwind and the process aborts (SIGABRT
//! after the program's output). pyo3's "is finalizing" check cannot close that race: the
//! thread may pass it and then block on the GIL until finalization has started.
//!
//! So every entry into Python from a runtime thread goes through [`with_python`], which
//! counts the threads inside, and the package's `atexit` hook calls [`_shutdown`]
//! (atexit hooks run before finalization starts): it closes the gate, then waits with
//! the GIL released until the threads already inside have left. After that no runtime
//! thread enters Python again: wake-ups of asyncio futures and log events are dropped,
//! and new async calls fail at once.
//!
//! A runtime thread keeps the Python thread state it first enters with ([`KeptState`]):
//! without one, each entry (every asyncio call's wake-up, every log event) would create a
//! thread state and delete it again, and deleting one unmaps its 16 KiB frame stack, a
//! TLB shootdown that interrupts the other cores.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Wake, Waker};
use std::time::{Duration, Instant};

use pyo3::ffi;
use pyo3::prelude::*;

/// Set by the `atexit` hook: no runtime thread may enter Python any more.
static CLOSED: AtomicBool = AtomicBool::new(false);
/// Threads between their check of `CLOSED` and their exit from Python.
static INSIDE: AtomicUsize = AtomicUsize::new(0);
/// Upper bound on the wait in `_shutdown`: a handler stuck forever must not hang exit.
const DRAIN_LIMIT: Duration = Duration::from_secs(5);

/// Whether the interpreter is exiting (the gate is closed).
pub fn closed() -> bool {
    CLOSED.load(Ordering::SeqCst)
}

/// Runs `f` attached to Python unless the interpreter is exiting (then `None`).
///
/// Safe on any thread; on a thread already attached it only nests.
pub fn with_python<R>(f: impl for<'py> FnOnce(Python<'py>) -> R) -> Option<R> {
    // SeqCst on both sides: either `_shutdown` sees this thread counted, or this thread
    // sees the gate closed.
    INSIDE.fetch_add(1, Ordering::SeqCst);
    let out = if CLOSED.load(Ordering::SeqCst) {
        None
    } else {
        KeptState::keep();
        Python::try_attach(f)
    };
    INSIDE.fetch_sub(1, Ordering::SeqCst);
    out
}

/// The Python thread state of a runtime thread, created on its first entry into Python
/// and kept, released (GIL not held), until the thread exits.
struct KeptState {
    gil: ffi::PyGILState_STATE,
    tstate: *mut ffi::PyThreadState,
}

thread_local! {
    static KEPT: RefCell<Option<KeptState>> = const { RefCell::new(None) };
}

impl KeptState {
    /// Gives this thread a lasting thread state if it has none (a thread Python did not
    /// start); later entries then only take the GIL. Called inside the gate, not attached.
    fn keep() {
        let _ = KEPT.try_with(|kept| {
            let Ok(mut kept) = kept.try_borrow_mut() else {
                return;
            };
            // SAFETY: the thread-state calls below are valid without the GIL; the state is
            // created only on a thread that has none (so it is not attached either), and the
            // GIL taken by `PyGILState_Ensure` is released at once, keeping the state.
            unsafe {
                if kept.is_some()
                    || ffi::Py_IsInitialized() == 0
                    || !ffi::PyGILState_GetThisThreadState().is_null()
                {
                    return;
                }
                let gil = ffi::PyGILState_Ensure();
                let tstate = ffi::PyEval_SaveThread();
                *kept = Some(KeptState { gil, tstate });
            }
        });
    }
}

impl Drop for KeptState {
    /// The thread is exiting: delete its thread state while the interpreter is alive (once
    /// it is exiting, finalization deletes it).
    fn drop(&mut self) {
        INSIDE.fetch_add(1, Ordering::SeqCst);
        if !CLOSED.load(Ordering::SeqCst) {
            // SAFETY: `tstate` is this thread's, saved by `keep` and not attached; taking it
            // back and releasing the `PyGILState_Ensure` deletes it. The gate keeps
            // finalization from starting meanwhile.
            unsafe {
                ffi::PyEval_RestoreThread(self.tstate);
                ffi::PyGILState_Release(self.gil);
            }
        }
        INSIDE.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Called by the package's `atexit` hook: closes the gate and waits for the runtime
/// threads inside Python to leave.
#[pyfunction]
pub fn _shutdown(py: Python<'_>) {
    CLOSED.store(true, Ordering::SeqCst);
    py.detach(|| {
        let deadline = Instant::now() + DRAIN_LIMIT;
        while INSIDE.load(Ordering::SeqCst) != 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
    });
}

/// A waker that forwards to `inner` (pyo3's asyncio waker, which takes the GIL) through
/// the gate: once the interpreter is exiting, the wake-up is dropped.
pub struct GatedWaker(pub Waker);

impl GatedWaker {
    /// `inner` wrapped as a [`Waker`].
    pub fn wrap(inner: &Waker) -> Waker {
        Waker::from(Arc::new(GatedWaker(inner.clone())))
    }
}

impl Wake for GatedWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // Attaching here makes pyo3's own `Python::attach` in `inner` a cheap nest
        // inside the counted section.
        let _ = with_python(|_py| self.0.wake_by_ref());
    }
}
