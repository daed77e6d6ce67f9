//! The runtime behind blocking and background synchronizes.
//!
//! Async callers use their own runtime. Blocking and background calls run on the
//! runtime handle given to the builder, or on the crate's lazily created process-wide
//! runtime ([`crate::embedding::runtime`]).

use std::future::Future;

use tokio::runtime::{Handle, RuntimeFlavor};

use super::error::{Error, ErrorKind, Result};

/// The shared runtime's handle: [`crate::embedding::runtime`], so a process has one
/// runtime for the client, the sync manager, the C and Python layers and the CLI.
pub(crate) fn shared_handle() -> Result<Handle> {
    match crate::embedding::runtime() {
        Ok(rt) => Ok(rt.handle().clone()),
        Err(e) => Err(Error::new(
            ErrorKind::Runtime,
            format!("could not start the runtime: {}", e.message()),
        )),
    }
}

/// Checks that a handle can drive futures from a foreign thread.
pub(crate) fn check_handle(handle: &Handle) -> Result<()> {
    if handle.runtime_flavor() == RuntimeFlavor::CurrentThread {
        return Err(Error::new(
            ErrorKind::Runtime,
            "the sync manager needs a multi-thread tokio runtime handle",
        ));
    }
    Ok(())
}

/// Fails if the calling thread is an async runtime thread, where blocking would stall
/// (or deadlock) the runtime, or runs a library callback of the C or Python layer
/// ([`crate::embedding::blocking_forbidden`]).
pub(crate) fn ensure_blocking_allowed() -> Result<()> {
    if crate::embedding::blocking_forbidden() {
        return Err(Error::new(
            ErrorKind::Runtime,
            "blocking call made from inside an async runtime; use the async method",
        ));
    }
    Ok(())
}

/// Runs `fut` to completion on `handle`, from a thread that is not a runtime thread.
pub(crate) fn block_on<F: Future>(handle: &Handle, fut: F) -> Result<F::Output> {
    ensure_blocking_allowed()?;
    Ok(handle.block_on(fut))
}
