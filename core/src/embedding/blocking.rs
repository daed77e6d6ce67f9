//! Where a blocking call is refused, and blocking on the shared runtime.
//!
//! Blocking is forbidden on a thread that runs a library callback (a host's completion,
//! log or conflict callback: blocking there on the library can deadlock it) and on a
//! thread of any tokio runtime (ours or the host's: blocking would stall it, and tokio
//! panics on a nested `block_on`). Layers mark their callbacks with [`CallbackScope`] and
//! map [`BlockOnError::Forbidden`] to their own error.

use std::cell::Cell;
use std::fmt;
use std::future::Future;

use crate::error::Error;

thread_local! {
    /// How many library callbacks are running on this thread (nested ones count).
    static CALLBACK_DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// True while this thread runs a library callback.
#[inline]
pub fn in_callback() -> bool {
    CALLBACK_DEPTH.with(|d| d.get() > 0)
}

/// True when blocking is refused here: inside a library callback or on a thread of any
/// tokio runtime.
#[inline]
pub fn blocking_forbidden() -> bool {
    in_callback() || tokio::runtime::Handle::try_current().is_ok()
}

/// Marks the current thread as running a library callback until dropped.
#[derive(Debug)]
#[must_use = "the thread is marked only while the scope lives"]
pub struct CallbackScope(());

impl CallbackScope {
    /// Enters a callback (scopes nest).
    pub fn enter() -> Self {
        CALLBACK_DEPTH.with(|d| d.set(d.get().saturating_add(1)));
        CallbackScope(())
    }
}

impl Drop for CallbackScope {
    fn drop(&mut self) {
        CALLBACK_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Why [`block_on`] did not run its future.
#[derive(Debug)]
pub enum BlockOnError {
    /// [`blocking_forbidden`] on this thread.
    Forbidden,
    /// The shared runtime could not start (an [`ErrorKind::Runtime`](crate::ErrorKind::Runtime) error).
    Runtime(Error),
}

impl fmt::Display for BlockOnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BlockOnError::Forbidden => {
                f.write_str("blocking call made from inside a library callback or an async runtime")
            }
            BlockOnError::Runtime(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for BlockOnError {}

/// Runs `fut` to completion on the calling thread, its I/O driven by the shared runtime
/// ([`super::runtime`]); refused where [`blocking_forbidden`].
pub fn block_on<F: Future>(fut: F) -> Result<F::Output, BlockOnError> {
    if blocking_forbidden() {
        return Err(BlockOnError::Forbidden);
    }
    let rt = super::runtime().map_err(BlockOnError::Runtime)?;
    Ok(rt.block_on(fut))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_thread_may_block() {
        assert!(!blocking_forbidden());
        assert_eq!(block_on(async { 7 }).unwrap(), 7);
    }

    #[test]
    fn callback_scopes_nest_and_forbid_blocking() {
        assert!(!in_callback());
        {
            let _outer = CallbackScope::enter();
            {
                let _inner = CallbackScope::enter();
                assert!(in_callback());
            }
            assert!(in_callback(), "still inside the outer callback");
            assert!(blocking_forbidden());
            assert!(matches!(block_on(async {}), Err(BlockOnError::Forbidden)));
        }
        assert!(!in_callback());
        assert!(!blocking_forbidden());
    }

    #[test]
    fn a_runtime_thread_may_not_block() {
        let rt = super::super::runtime().unwrap();
        let refused = rt.block_on(async {
            tokio::spawn(async { matches!(block_on(async {}), Err(BlockOnError::Forbidden)) })
                .await
                .unwrap()
        });
        assert!(refused, "on a worker thread");
        let own = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        assert!(
            own.block_on(async { blocking_forbidden() }),
            "on a host's runtime"
        );
    }
}
