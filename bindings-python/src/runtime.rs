//! How Python uses the core's process-wide runtime ([`cognito_sync::embedding`]): its
//! worker-thread count, blocking calls that wait on it, and fork safety.
//!
//! Async calls, the sync manager and `Client.identity_id()` run on the core's one
//! lazily built multi-thread runtime. A blocking call waits with the GIL released (other
//! Python threads run meanwhile) and wakes every [`SIGNAL_POLL`] to run Python's signal
//! handlers, so Ctrl-C cancels the request and raises `KeyboardInterrupt`.
//!
//! Fork: tokio's worker threads do not survive `fork()`. The Python package registers
//! [`_after_fork_in_child`] with `os.register_at_fork`; the core then forgets the
//! parent's runtime and bumps its generation, so the child lazily builds a new runtime
//! and every client rebuilds its connection pool before its next call.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Waker};
use std::time::Duration;

use cognito_sync::embedding::{self, StartOptions, WorkerThreadsError};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyInt;
use tokio::runtime::Runtime;

/// How often a blocked call wakes to let Python handle signals (Ctrl-C).
pub const SIGNAL_POLL: Duration = Duration::from_millis(50);

/// Python's worker-thread count unless `set_worker_threads` chose one.
///
/// One I/O thread: it drives the connections and the calls' small CPU work, while
/// asyncio's one thread runs the Python side. A second worker only added hand-offs: per
/// sequential async call 2 futex calls and 1.5 context switches more, with no more calls
/// per second at 16 or 64 in flight (perf stat).
const DEFAULT_WORKER_THREADS: usize = 1;

/// Python's start options, for whichever call starts the runtime.
static START: StartOptions = StartOptions {
    default_worker_threads: || DEFAULT_WORKER_THREADS,
    on_start: None,
};

/// At module import: Python's default, in case something else starts the runtime.
pub fn install() {
    embedding::set_default_worker_threads(DEFAULT_WORKER_THREADS);
}

/// The process-wide runtime, built on first use.
pub fn runtime() -> PyResult<&'static Runtime> {
    embedding::runtime_with(&START).map_err(|e| crate::errors::runtime_error(e.message()))
}

/// Sets how many worker threads the library's process-wide I/O runtime runs (1 to 64;
/// default 1), shared by every client, ``AsyncClient`` call and sync manager. Call it
/// before the first client is created: once the runtime has started it raises
/// ``ClientRuntimeError`` (a ``RuntimeError``), and a count out of range raises
/// ``ValidationError`` (a ``ValueError``).
#[pyfunction]
pub fn set_worker_threads(py: Python<'_>, threads: &Bound<'_, PyInt>) -> PyResult<()> {
    let Ok(n) = threads.extract::<usize>() else {
        return Err(crate::errors::validation_error(
            py,
            format!(
                "worker threads must be 1-{}, not {threads}",
                embedding::runtime::MAX_WORKER_THREADS
            ),
        ));
    };
    embedding::set_worker_threads(n).map_err(|e| match e {
        WorkerThreadsError::OutOfRange(_) => crate::errors::validation_error(py, e.to_string()),
        WorkerThreadsError::AlreadyStarted { .. } => {
            crate::errors::runtime_error(&format!("set_worker_threads: {e}"))
        }
    })
}

/// Called in the child process after `os.fork()`: the parent's runtime threads are
/// gone, so the core forgets its runtime (never dropping it) and every client rebuilds.
#[pyfunction]
pub fn _after_fork_in_child() {
    embedding::after_fork_in_child();
}

/// Runs `fut` to completion on the runtime with the GIL released, waking periodically to
/// run Python's signal handlers; a raising handler cancels the future and its exception
/// is returned.
///
/// The future runs as a task on the runtime (next to the connection tasks it talks to);
/// the calling thread sleeps on a channel, so the GIL-holding part of a call is only
/// argument extraction and result wrapping.
pub fn block_on<F, T>(py: Python<'_>, fut: F) -> PyResult<T>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    if embedding::blocking_forbidden() {
        return Err(crate::errors::runtime_error(
            "a blocking cognito_sync call was made from a thread of the library's own \
             runtime (e.g. from a logging handler); use AsyncClient or another thread",
        ));
    }
    crate::logging::maybe_refresh(py);
    let rt = runtime()?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<T>(1);
    let task = rt.spawn(async move {
        let _ = tx.send(fut.await);
    });
    let mut rx = rx;
    loop {
        // The receiver is Send but not Sync: move it into the GIL-free closure and back.
        let (received, back) = py.detach(move || (rx.recv_timeout(SIGNAL_POLL), rx));
        rx = back;
        match received {
            Ok(out) => return Ok(out),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                if let Err(e) = py.check_signals() {
                    task.abort();
                    return Err(e);
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Err(PyRuntimeError::new_err(
                    "internal error in cognito_sync: the call's task ended without a result",
                ))
            }
        }
    }
}

/// Aborts a spawned task when dropped: an awaiting coroutine that is cancelled (or
/// garbage-collected) cancels its request too.
pub struct AbortOnDrop<T>(pub tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Runs `fut` on the runtime and awaits it from any executor (here: a Python coroutine
/// driven by asyncio). Dropping the returned future cancels the task.
///
/// The task completes on a runtime thread, so the awaiting coroutine's waker (which
/// takes the GIL) is called through [`crate::shutdown`]'s gate; once the interpreter is
/// exiting, new calls fail at once.
pub async fn spawn_and_wait<F, T>(fut: F) -> PyResult<T>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    if crate::shutdown::closed() {
        return Err(PyRuntimeError::new_err(
            "cognito_sync: the interpreter is exiting, no new call can start",
        ));
    }
    let mut guard = AbortOnDrop(runtime()?.spawn(fut));
    // The gated waker is rebuilt only when the executor hands over a different waker.
    let mut gated: Option<(Waker, Waker)> = None;
    let joined = std::future::poll_fn(|cx| {
        let outer = cx.waker();
        let waker = match &gated {
            Some((last, wrapped)) if last.will_wake(outer) => wrapped,
            _ => {
                let wrapped = crate::shutdown::GatedWaker::wrap(outer);
                &gated.insert((outer.clone(), wrapped)).1
            }
        };
        Pin::new(&mut guard.0).poll(&mut Context::from_waker(waker))
    })
    .await;
    match joined {
        Ok(out) => Ok(out),
        Err(e) if e.is_cancelled() => Err(PyRuntimeError::new_err("the call was cancelled")),
        Err(e) => Err(PyRuntimeError::new_err(format!(
            "internal error in cognito_sync: {e}"
        ))),
    }
}
