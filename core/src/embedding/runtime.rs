//! The one process-wide multi-thread tokio runtime, its worker-thread count and fork.
//!
//! Built lazily by the first call that needs it and never torn down (its threads end with
//! the process, so nothing races with `atexit`). Its worker threads are named
//! [`WORKER_THREAD_NAME`] and the threads of its blocking pool (DNS look-ups, file work)
//! [`BLOCKING_THREAD_NAME`], so a host can tell them apart (tests/c/test_threads.c does).
//!
//! **Worker threads.** The count is process-wide and fixed when the runtime starts:
//! [`set_worker_threads`] (1 to [`MAX_WORKER_THREADS`]) is refused once it has started;
//! [`set_default_worker_threads`] sets a layer's default that an explicit count overrides;
//! without either, the [`StartOptions`] of the call that starts the runtime decide
//! ([`runtime`]: [`DEFAULT_WORKER_THREADS`]).
//!
//! **Fork.** tokio's threads do not survive `fork()`. A layer that supports forking (Python)
//! calls [`after_fork_in_child`] in the child: it forgets the parent's runtime (never drops
//! it: dropping would wait for threads that do not exist, and its sockets are the parent's
//! too) and bumps [`generation`], so the next use builds a new runtime and the layer can
//! rebuild its clients.
//!
//! **Design (no `unsafe`).** The runtime is leaked (`&'static`, never dropped). The first
//! process's is kept in a plain `OnceLock`: the hot path is one atomic load of the
//! generation more than before. A forked child's generation is an `Arc` holding its own
//! `OnceLock`, kept in an [`ArcSwapOption`]: loading and swapping it are lock-free, so no
//! thread that vanished in a fork can leave it locked, and a build a vanished thread left
//! half done belongs to an older generation, which the child abandons.

use std::fmt;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use arc_swap::ArcSwapOption;
use tokio::runtime::Runtime;

use crate::error::Error;

/// The most worker threads the runtime may run.
pub const MAX_WORKER_THREADS: usize = 64;

/// The worker-thread count of [`runtime`] when nothing else chose one.
pub const DEFAULT_WORKER_THREADS: usize = 2;

/// The name of the runtime's worker threads (Linux truncates it to 15 characters).
pub const WORKER_THREAD_NAME: &str = "cognito-sync-worker";

/// The name of the threads of the runtime's blocking pool.
pub const BLOCKING_THREAD_NAME: &str = "cognito-sync-blocking";

/// What the call that starts the runtime contributes, used only if it is the first:
/// each layer passes its own (a `static`, so the fast path costs nothing).
#[derive(Debug)]
pub struct StartOptions {
    /// The worker-thread count when neither [`set_worker_threads`] nor
    /// [`set_default_worker_threads`] chose one (clamped to 1..=[`MAX_WORKER_THREADS`]).
    pub default_worker_threads: fn() -> usize,
    /// Runs right before the runtime is built (again in a forked child), e.g. the C
    /// layer's allocator lock: the library has started.
    pub on_start: Option<fn()>,
}

/// The core's own start options: [`DEFAULT_WORKER_THREADS`], no hook.
pub static CORE_START: StartOptions = StartOptions {
    default_worker_threads: || DEFAULT_WORKER_THREADS,
    on_start: None,
};

// The worker-thread state in one word, so setters and the start never race: a count in
// the low bits (0: none chosen yet), whether it was set explicitly, whether the runtime
// started (the count is then the one it runs).
const STARTED: usize = 1 << (usize::BITS - 1);
const EXPLICIT: usize = 1 << (usize::BITS - 2);
const COUNT: usize = EXPLICIT - 1;
static WORKERS: AtomicUsize = AtomicUsize::new(0);

/// Why a worker-thread count was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerThreadsError {
    /// Not within 1..=[`MAX_WORKER_THREADS`].
    OutOfRange(usize),
    /// The runtime already runs this many worker threads.
    AlreadyStarted {
        /// The count it runs.
        running: usize,
    },
}

impl fmt::Display for WorkerThreadsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkerThreadsError::OutOfRange(n) => {
                write!(f, "worker threads must be 1-{MAX_WORKER_THREADS}, not {n}")
            }
            WorkerThreadsError::AlreadyStarted { running } => write!(
                f,
                "the runtime already started with {running} worker threads; \
                 set the count before the first client or sync manager is built"
            ),
        }
    }
}

impl std::error::Error for WorkerThreadsError {}

fn check_range(threads: usize) -> Result<(), WorkerThreadsError> {
    if (1..=MAX_WORKER_THREADS).contains(&threads) {
        Ok(())
    } else {
        Err(WorkerThreadsError::OutOfRange(threads))
    }
}

/// Sets how many worker threads the runtime runs. Refused once it has started (even with
/// the same count: the C ABI's rule) and outside 1..=[`MAX_WORKER_THREADS`].
pub fn set_worker_threads(threads: usize) -> Result<(), WorkerThreadsError> {
    check_range(threads)?;
    WORKERS
        .fetch_update(Ordering::AcqRel, Ordering::Acquire, |state| {
            (state & STARTED == 0).then_some(EXPLICIT | threads)
        })
        .map(|_| ())
        .map_err(|state| WorkerThreadsError::AlreadyStarted {
            running: state & COUNT,
        })
}

/// Like [`set_worker_threads`], but a runtime already running exactly `threads` worker
/// threads is fine: what a [`Settings`](super::Settings) with a count needs.
pub fn require_worker_threads(threads: usize) -> Result<(), WorkerThreadsError> {
    check_range(threads)?;
    match WORKERS.fetch_update(Ordering::AcqRel, Ordering::Acquire, |state| {
        (state & STARTED == 0).then_some(EXPLICIT | threads)
    }) {
        Ok(_) => Ok(()),
        Err(state) if state & COUNT == threads => Ok(()),
        Err(state) => Err(WorkerThreadsError::AlreadyStarted {
            running: state & COUNT,
        }),
    }
}

/// Sets a layer's default count (e.g. Python's 1, at module init): used unless
/// [`set_worker_threads`] chose one. Returns whether it applies (false once the runtime
/// started or a count was set explicitly). Clamped to 1..=[`MAX_WORKER_THREADS`].
pub fn set_default_worker_threads(threads: usize) -> bool {
    let threads = threads.clamp(1, MAX_WORKER_THREADS);
    WORKERS
        .fetch_update(Ordering::AcqRel, Ordering::Acquire, |state| {
            (state & (STARTED | EXPLICIT) == 0).then_some(threads)
        })
        .is_ok()
}

/// The worker-thread count of the running runtime; `None` before it starts.
pub fn worker_threads() -> Option<usize> {
    let state = WORKERS.load(Ordering::Acquire);
    (state & STARTED != 0).then_some(state & COUNT)
}

/// Marks the runtime started and returns its worker-thread count (the recorded one after
/// a fork: the child's runtime runs as many as the parent's).
fn claim_workers(start: &StartOptions) -> usize {
    let mut claimed = 0;
    let _ = WORKERS.fetch_update(Ordering::AcqRel, Ordering::Acquire, |state| {
        claimed = count_to_start(state, start);
        Some(STARTED | (state & EXPLICIT) | claimed)
    });
    claimed
}

/// The count a runtime starting in `state` runs: the chosen one, else `start`'s default.
fn count_to_start(state: usize, start: &StartOptions) -> usize {
    match state & COUNT {
        0 => (start.default_worker_threads)().clamp(1, MAX_WORKER_THREADS),
        chosen => chosen,
    }
}

/// One process's runtime: a new generation after each fork.
struct Generation {
    runtime: OnceLock<Result<&'static Runtime, String>>,
}

impl Generation {
    fn new() -> Arc<Generation> {
        Arc::new(Generation {
            runtime: OnceLock::new(),
        })
    }
}

/// The runtime of generation 0, the process that loaded the library: the hot path is one
/// atomic load more than a plain `OnceLock`.
static FIRST: OnceLock<Result<&'static Runtime, String>> = OnceLock::new();
/// The generation of a forked child (empty until the first fork).
static CURRENT: ArcSwapOption<Generation> = ArcSwapOption::const_empty();
/// Bumped in a forked child.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// The current fork generation: 0, plus one per [`after_fork_in_child`].
pub fn generation() -> u64 {
    GENERATION.load(Ordering::Acquire)
}

/// The shared runtime, built on first use with the core's [`CORE_START`] options.
pub fn runtime() -> Result<&'static Runtime, Error> {
    runtime_with(&CORE_START)
}

/// The shared runtime, built on first use; `start` applies only if this call starts it.
#[inline]
pub fn runtime_with(start: &StartOptions) -> Result<&'static Runtime, Error> {
    let built = if GENERATION.load(Ordering::Acquire) == 0 {
        FIRST.get_or_init(|| build(start))
    } else {
        &forked_runtime(start)
    };
    match built {
        Ok(rt) => Ok(*rt),
        Err(message) => Err(Error::runtime(message.clone())),
    }
}

/// The runtime of a forked child's generation, built on first use.
fn forked_runtime(start: &StartOptions) -> Result<&'static Runtime, String> {
    // A guard, not a clone of the `Arc`: no shared reference count touched per call.
    if let Some(generation) = &*CURRENT.load() {
        return generation.runtime.get_or_init(|| build(start)).clone();
    }
    current_generation()
        .runtime
        .get_or_init(|| build(start))
        .clone()
}

/// The current forked generation (made here should a caller bump [`GENERATION`] without
/// [`after_fork_in_child`]).
fn current_generation() -> Arc<Generation> {
    if let Some(generation) = CURRENT.load_full() {
        return generation;
    }
    let fresh = Generation::new();
    let previous = CURRENT.compare_and_swap(&None::<Arc<Generation>>, Some(Arc::clone(&fresh)));
    match &*previous {
        Some(won) => Arc::clone(won),
        None => fresh,
    }
}

fn build(start: &StartOptions) -> Result<&'static Runtime, String> {
    if let Some(hook) = start.on_start {
        hook();
    }
    let workers = claim_workers(start);
    // Tokio starts the workers first, through the same thread factory as its blocking
    // pool: the first `workers` threads are the workers.
    let spawned = AtomicUsize::new(0);
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .thread_name_fn(move || {
            if spawned.fetch_add(1, Ordering::Relaxed) < workers {
                WORKER_THREAD_NAME.to_owned()
            } else {
                BLOCKING_THREAD_NAME.to_owned()
            }
        })
        .enable_all()
        .build()
        // Never dropped: its threads end with the process.
        .map(|rt| &*Box::leak(Box::new(rt)))
        .map_err(|e| format!("could not start the async runtime: {e}"))
}

/// Call in a forked child, before anything else uses the library (Python registers it
/// with `os.register_at_fork`): forgets the parent's runtime, whose threads are gone
/// (never dropping it), and bumps [`generation`]; the next use builds a new runtime with
/// the same worker-thread count.
pub fn after_fork_in_child() {
    let number = GENERATION.load(Ordering::Acquire).wrapping_add(1);
    let parents = CURRENT.swap(Some(Generation::new()));
    // The parent's generation may be referenced by threads that no longer exist.
    std::mem::forget(parents);
    GENERATION.store(number, Ordering::Release);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_runtime_per_generation_with_named_threads() {
        let a = runtime().unwrap();
        let b = runtime_with(&StartOptions {
            default_worker_threads: || 7,
            on_start: None,
        })
        .unwrap();
        assert!(std::ptr::eq(a, b), "one runtime whichever layer asks");
        let running = worker_threads().unwrap();
        assert!((1..=MAX_WORKER_THREADS).contains(&running));
        let name = a.block_on(async {
            tokio::spawn(async { std::thread::current().name().map(str::to_owned) })
                .await
                .unwrap()
        });
        assert_eq!(name.as_deref(), Some(WORKER_THREAD_NAME));
        let blocking = a
            .block_on(a.spawn_blocking(|| std::thread::current().name().map(str::to_owned)))
            .unwrap();
        assert_eq!(blocking.as_deref(), Some(BLOCKING_THREAD_NAME));
    }

    #[test]
    fn worker_counts_are_refused_out_of_range_and_after_start() {
        assert_eq!(
            set_worker_threads(0),
            Err(WorkerThreadsError::OutOfRange(0))
        );
        assert_eq!(
            set_worker_threads(65),
            Err(WorkerThreadsError::OutOfRange(65))
        );
        runtime().unwrap();
        let running = worker_threads().unwrap();
        assert_eq!(
            set_worker_threads(running),
            Err(WorkerThreadsError::AlreadyStarted { running })
        );
        assert_eq!(require_worker_threads(running), Ok(()));
        let other = if running == 1 { 2 } else { 1 };
        assert_eq!(
            require_worker_threads(other),
            Err(WorkerThreadsError::AlreadyStarted { running })
        );
        assert!(!set_default_worker_threads(3), "too late for a default");
        assert_eq!(worker_threads(), Some(running));
    }

    #[test]
    fn explicit_beats_default_beats_start_options() {
        let start = StartOptions {
            default_worker_threads: || 9,
            on_start: None,
        };
        let huge = StartOptions {
            default_worker_threads: || 1000,
            on_start: None,
        };
        assert_eq!(count_to_start(0, &start), 9);
        assert_eq!(count_to_start(0, &huge), MAX_WORKER_THREADS);
        assert_eq!(count_to_start(3, &start), 3, "a layer default");
        assert_eq!(count_to_start(EXPLICIT | 5, &start), 5);
        assert_eq!(count_to_start(STARTED | 4, &start), 4, "after a fork");
    }

    #[test]
    fn generation_objects_start_empty() {
        let fresh = Generation::new();
        assert!(fresh.runtime.get().is_none());
    }
}
