//! The C layer's side of the core's process runtime and blocking rule
//! (`cognito_sync_core::embedding`): the runtime is built lazily on first use, so no
//! global init call is needed, and never torn down (its threads end with the process),
//! so no shutdown call is needed either and nothing races with `atexit`. This file only
//! adds the C layer's defaults, its start hook and its status codes.

use std::future::Future;

use cognito_sync_core::embedding::{self, StartOptions};
use tokio::runtime::Runtime;

use crate::error::{FfiError, FfiResult};
use crate::status::cognito_sync_status;

pub(crate) use cognito_sync_core::embedding::{blocking_forbidden, in_callback, CallbackScope};

/// Most worker threads a host may ask for.
const MAX_WORKERS: u32 = embedding::runtime::MAX_WORKER_THREADS as u32;

/// How the C layer starts the runtime when it is the first to use it.
static C_START: StartOptions = StartOptions {
    default_worker_threads: default_workers,
    // The library starts: the allocator cannot change from now on.
    on_start: Some(crate::allocator::lock),
};

/// Two to four workers: requests are I/O-bound, and a game or app host owns the
/// machine's other cores.
fn default_workers() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(2, 4)
}

/// The shared runtime, built on first use.
pub(crate) fn runtime() -> FfiResult<&'static Runtime> {
    embedding::runtime_with(&C_START)
        .map_err(|e| FfiError::new(cognito_sync_status::Runtime, e.message().to_owned()))
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
        embedding::set_worker_threads(threads as usize).map_err(|_| {
            FfiError::invalid_argument(
                "the worker thread count must be set before the first client or sync manager is built",
            )
        })
    })
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
