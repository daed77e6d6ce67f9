//! The process-wide tokio runtime, how blocking calls wait on it, and fork safety.
//!
//! Every call runs on one lazily built multi-thread runtime. A blocking call waits with
//! the GIL released (other Python threads run meanwhile) and wakes every
//! [`SIGNAL_POLL`] to run Python's signal handlers, so Ctrl-C cancels the request and
//! raises `KeyboardInterrupt`.
//!
//! Fork: tokio's worker threads do not survive `fork()`. The Python package registers
//! [`after_fork_in_child`] with `os.register_at_fork`; it forgets the parent's runtime
//! (leaked on purpose: dropping it would wait for threads that do not exist) and bumps a
//! generation counter, so the child lazily builds a new runtime and every client rebuilds
//! its connection pool before its next call.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicPtr, AtomicU64, Ordering};
use std::sync::Mutex;
use std::task::{Context, Waker};
use std::time::Duration;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use tokio::runtime::Runtime;

/// How often a blocked call wakes to let Python handle signals (Ctrl-C).
const SIGNAL_POLL: Duration = Duration::from_millis(50);

/// The current runtime, leaked so that references to it are `'static`; null until first use
/// and after a fork.
static RUNTIME: AtomicPtr<Runtime> = AtomicPtr::new(std::ptr::null_mut());
/// Serialises building the runtime.
static BUILD_LOCK: Mutex<()> = Mutex::new(());
/// Bumped in a forked child: clients built in an older generation rebuild themselves.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// The current fork generation.
pub fn generation() -> u64 {
    GENERATION.load(Ordering::Acquire)
}

/// The process-wide runtime, built on first use.
pub fn runtime() -> PyResult<&'static Runtime> {
    let ptr = RUNTIME.load(Ordering::Acquire);
    if !ptr.is_null() {
        // SAFETY: non-null pointers stored in RUNTIME come from Box::leak below and are
        // never freed.
        return Ok(unsafe { &*ptr });
    }
    let _guard = BUILD_LOCK.lock().unwrap_or_else(|p| p.into_inner());
    let ptr = RUNTIME.load(Ordering::Acquire);
    if !ptr.is_null() {
        // SAFETY: as above.
        return Ok(unsafe { &*ptr });
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        // One I/O thread: it drives the connections and the calls' small CPU work, while
        // asyncio's one thread runs the Python side. A second worker only added
        // hand-offs: per sequential async call 2 futex calls and 1.5 context switches
        // more, with no more calls per second at 16 or 64 in flight (perf stat).
        .worker_threads(1)
        .thread_name("cognito-sync-io")
        .enable_all()
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start the I/O runtime: {e}")))?;
    let leaked: &'static mut Runtime = Box::leak(Box::new(rt));
    RUNTIME.store(leaked as *mut Runtime, Ordering::Release);
    Ok(leaked)
}

/// Called in the child process after `os.fork()`: the parent's runtime threads are
/// gone, so forget it (never drop it) and make every client rebuild.
#[pyfunction]
pub fn _after_fork_in_child() {
    RUNTIME.store(std::ptr::null_mut(), Ordering::Release);
    GENERATION.fetch_add(1, Ordering::AcqRel);
    // The lock may have been held by a thread that does not exist in the child.
    if BUILD_LOCK.is_poisoned() {
        BUILD_LOCK.clear_poison();
    }
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
    if tokio::runtime::Handle::try_current().is_ok() {
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
