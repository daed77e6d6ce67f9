//! The fast path of blocking calls: each Python thread drives its own calls.
//!
//! A blocking call on the shared multi-thread runtime hands the request to an I/O thread
//! and the response back, two thread wake-ups that cost more than the rest of a call.
//! So sync calls go through the core's [`cognito_sync::blocking::Client::run`]: every
//! thread gets a small single-thread runtime and its own connections, sharing the Python
//! client's settings, credentials cache and Cognito identity, and a call runs start to
//! finish on the calling thread with the GIL released. The core forgets a thread's
//! runtime in a forked child (its sockets are the parent's too) and builds a new one;
//! [`Shared::client`] does the same for the client. `AsyncClient` and the sync manager
//! stay on the shared runtime.

use std::future::Future;
use std::sync::Arc;

use pyo3::prelude::*;

use crate::config::Shared;
use crate::runtime::SIGNAL_POLL;

/// Runs `call(client)` on this thread's runtime with the GIL released, waking every
/// [`SIGNAL_POLL`] to run Python's signal handlers (a raising handler cancels the call).
pub fn block_on<F, Fut, T>(
    py: Python<'_>,
    shared: &Arc<Shared>,
    call: F,
) -> PyResult<Result<T, cognito_sync::Error>>
where
    F: FnOnce(cognito_sync::Client) -> Fut + Send,
    Fut: Future<Output = Result<T, cognito_sync::Error>> + Send,
    T: Send,
{
    if cognito_sync::embedding::blocking_forbidden() {
        return Err(crate::errors::runtime_error(
            "a blocking cognito_sync call was made from inside another one on the same \
             thread (e.g. from a logging handler); use another thread",
        ));
    }
    crate::logging::maybe_refresh(py);
    let client = match shared.client() {
        Ok((client, _)) => cognito_sync::blocking::Client::new(client),
        Err(e) => return Ok(Err(e)),
    };
    let ran = py.detach(|| {
        client.run(|client| async move {
            let fut = call(client);
            tokio::pin!(fut);
            loop {
                tokio::select! {
                    biased;
                    out = &mut fut => return Ok(out),
                    _ = tokio::time::sleep(SIGNAL_POLL) => {
                        Python::attach(|py| py.check_signals())?;
                    }
                }
            }
        })
    });
    match ran {
        Ok(out) => out,
        // The thread runtime could not be used (not built, or the thread is exiting).
        Err(e) => Ok(Err(e)),
    }
}
