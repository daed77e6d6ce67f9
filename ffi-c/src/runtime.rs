//! The one process-wide async runtime and the one blocking helper.
//!
//! The runtime is built lazily on first use, so no global init call is
//! needed, and never torn down (its threads end with the process), so no
//! shutdown call is needed either and nothing races with `atexit`.

use std::cell::Cell;
use std::future::Future;
use std::sync::{Mutex, OnceLock};

use tokio::runtime::Runtime;

use crate::error::{FfiError, FfiResult};
use crate::status::cognito_sync_status;

static RUNTIME: OnceLock<Result<Runtime, String>> = OnceLock::new();

/// The host's worker thread count (None: the default) and whether the runtime
/// has read it; one lock so a late setter cannot slip in while it is built.
static WORKERS: Mutex<(Option<usize>, bool)> = Mutex::new((None, false));

/// Most worker threads a host may ask for.
const MAX_WORKERS: u32 = 64;

thread_local! {
    /// How many library callbacks are running on this thread (nested ones count).
    static CALLBACK_DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// The shared runtime, built on first use.
pub(crate) fn runtime() -> FfiResult<&'static Runtime> {
    let built = RUNTIME.get_or_init(|| {
        // The library starts: the allocator cannot change from now on.
        crate::allocator::lock();
        // Two to four workers: requests are I/O-bound, and a game or app
        // host owns the machine's other cores.
        let chosen = {
            let mut state = WORKERS.lock().unwrap_or_else(|e| e.into_inner());
            state.1 = true;
            state.0
        };
        let workers = chosen.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .clamp(2, 4)
        });
        // Tokio starts the workers first, through the same thread factory as its blocking
        // pool (DNS look-ups, file work); naming the threads after the first `workers`
        // differently lets a host (and tests/c/test_threads.c) tell the workers apart.
        let spawned = std::sync::atomic::AtomicUsize::new(0);
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            .thread_name_fn(move || {
                if spawned.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < workers {
                    "cognito-sync-worker".to_owned()
                } else {
                    "cognito-sync-blocking".to_owned()
                }
            })
            .enable_all()
            .build()
            .map_err(|e| format!("could not start the async runtime: {e}"))
    });
    built
        .as_ref()
        .map_err(|message| FfiError::new(cognito_sync_status::Runtime, message.clone()))
}

/// Sets how many worker threads the library's one process-wide runtime runs
/// (1-64; default: the number of cores clamped to 2-4). All network I/O and
/// non-blocking operations run on these threads (named
/// `cognito-sync-worker`; short-lived helper threads for DNS look-ups and file work are
/// named `cognito-sync-blocking`). Call it before anything else that uses the runtime
/// (building a client or a sync manager): once the runtime has started, it
/// returns `COGNITO_SYNC_STATUS_INVALID_ARGUMENT` and changes nothing; 0 or
/// more than 64 is `COGNITO_SYNC_STATUS_INVALID_ARGUMENT` too. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_set_worker_threads(
    threads: u32,
    err_out: *mut *mut crate::error::cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        if threads == 0 || threads > MAX_WORKERS {
            return Err(FfiError::invalid_argument(format!(
                "threads must be 1-{MAX_WORKERS}, not {threads}"
            )));
        }
        let mut state = WORKERS.lock().unwrap_or_else(|e| e.into_inner());
        if state.1 {
            return Err(FfiError::invalid_argument(
                "the worker thread count must be set before the first client or sync manager is built",
            ));
        }
        state.0 = Some(threads as usize);
        Ok(())
    })
}

/// True while this thread runs a library callback (completion, log,
/// conflict resolver), where blocking on the library would deadlock.
pub(crate) fn in_callback() -> bool {
    CALLBACK_DEPTH.with(|d| d.get() > 0)
}

/// True when blocking here is refused: inside a library callback or on a
/// thread of any tokio runtime (ours or the host's).
pub(crate) fn blocking_forbidden() -> bool {
    in_callback() || tokio::runtime::Handle::try_current().is_ok()
}

/// Marks the current thread as running a callback until dropped.
pub(crate) struct CallbackScope(());

impl CallbackScope {
    pub(crate) fn enter() -> Self {
        CALLBACK_DEPTH.with(|d| d.set(d.get().saturating_add(1)));
        Self(())
    }
}

impl Drop for CallbackScope {
    fn drop(&mut self) {
        CALLBACK_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Runs a future to completion on the calling thread, driving I/O on the
/// shared runtime. Refuses (with the re-entrant-call status) where blocking
/// would deadlock or panic.
pub(crate) fn block_on<F: Future>(future: F) -> FfiResult<F::Output> {
    if blocking_forbidden() {
        return Err(FfiError::reentrant());
    }
    Ok(runtime()?.block_on(future))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_on_inside_a_callback_is_refused() {
        let _scope = CallbackScope::enter();
        let err = block_on(async {}).unwrap_err();
        assert_eq!(err.status(), cognito_sync_status::ReentrantCall);
    }

    #[test]
    fn block_on_inside_a_runtime_is_refused() {
        let rt = runtime().unwrap();
        let status = rt.block_on(async { block_on(async {}).map(|_| ()).map_err(|e| e.status()) });
        assert_eq!(status, Err(cognito_sync_status::ReentrantCall));
    }

    #[test]
    fn block_on_from_a_plain_thread_works() {
        assert_eq!(block_on(async { 7 }).unwrap(), 7);
    }
}
