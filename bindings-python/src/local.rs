//! The fast path of blocking calls: each Python thread drives its own calls.
//!
//! A blocking call on the shared multi-thread runtime hands the request to an I/O thread
//! and the response back, two thread wake-ups that cost more than the rest of a call.
//! So, for clients whose credentials need no network of their own (static keys, the
//! environment, shared files), every Python thread that makes calls gets a small
//! single-thread runtime and its own core client (its own connections): a call then runs
//! start to finish on the calling thread, with the GIL released. Clients using Cognito
//! Identity credentials stay on the shared runtime (their credential cache and identity
//! must be shared by all threads), as do `AsyncClient` and the sync manager.
//!
//! After a fork the thread's runtime and clients are forgotten (never dropped: their
//! sockets and epoll instance are shared with the parent) and built again.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;
use std::sync::{Arc, Weak};
use std::time::Duration;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use tokio::runtime::Runtime;

use crate::config::Shared;
use crate::runtime;

/// How often a blocked call wakes to let Python handle signals (Ctrl-C).
const SIGNAL_POLL: Duration = Duration::from_millis(50);

struct ThreadState {
    generation: u64,
    rt: Runtime,
    clients: RefCell<HashMap<u64, (Weak<Shared>, cognito_sync::Client)>>,
}

thread_local! {
    static STATE: RefCell<Option<Rc<ThreadState>>> = const { RefCell::new(None) };
}

/// This thread's runtime, (re)built on first use and after a fork.
fn state() -> PyResult<Rc<ThreadState>> {
    let generation = runtime::generation();
    STATE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if let Some(s) = slot.as_ref() {
            if s.generation == generation {
                return Ok(Rc::clone(s));
            }
        }
        if let Some(old) = slot.take() {
            // Built before a fork: its sockets belong to the parent too.
            std::mem::forget(old);
        }
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start an I/O runtime: {e}")))?;
        let s = Rc::new(ThreadState {
            generation,
            rt,
            clients: RefCell::new(HashMap::new()),
        });
        *slot = Some(Rc::clone(&s));
        Ok(s)
    })
}

/// This thread's core client for `shared`, built on first use.
fn client_for(
    state: &ThreadState,
    shared: &Arc<Shared>,
) -> Result<cognito_sync::Client, cognito_sync::Error> {
    let mut clients = state.clients.borrow_mut();
    if let Some((_, c)) = clients.get(&shared.id) {
        return Ok(c.clone());
    }
    // Forget the clients of Python clients that are gone.
    clients.retain(|_, (owner, _)| owner.strong_count() > 0);
    let built = shared.settings.build()?;
    clients.insert(shared.id, (Arc::downgrade(shared), built.client.clone()));
    Ok(built.client)
}

/// Whether calls of `shared` take the per-thread path.
pub fn eligible(shared: &Shared) -> bool {
    shared.settings.cognito.is_none()
}

/// Runs `call(client)` on this thread's runtime with the GIL released, waking every
/// [`SIGNAL_POLL`] to run Python's signal handlers (a raising handler cancels the call).
pub fn block_on<F, Fut, T>(
    py: Python<'_>,
    shared: &Arc<Shared>,
    call: F,
) -> PyResult<Result<T, cognito_sync::Error>>
where
    F: FnOnce(cognito_sync::Client) -> Fut,
    Fut: Future<Output = Result<T, cognito_sync::Error>> + Send,
    T: Send,
{
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(crate::errors::runtime_error(
            "a blocking cognito_sync call was made from inside another one on the same \
             thread (e.g. from a logging handler); use another thread",
        ));
    }
    crate::logging::maybe_refresh(py);
    let state = state()?;
    let client = match client_for(&state, shared) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let fut = call(client);
    let rt = &state.rt;
    py.detach(|| {
        rt.block_on(async {
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
    })
}
