//! The fast path of blocking calls: each calling thread drives its own calls.
//!
//! A blocking call on a shared multi-thread runtime hands the request to an I/O thread and
//! the response back: two thread wake-ups per call, which cost more CPU than the rest of
//! the call. So every thread that makes blocking calls gets a small single-thread runtime,
//! and, per blocking client, a core client with that client's settings, credentials cache
//! and retry quota but the thread's own connections (a pooled connection's task runs on
//! the runtime that opened it, so pools are never shared between these runtimes). A call
//! then runs start to finish on the calling thread.
//!
//! After a `fork` the child's copy of a thread's runtime and connections is forgotten
//! (never dropped: their sockets and epoll instance belong to the parent too) and built
//! again on the child's first call.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use crate::client::{Client, WeakClient};
use crate::error::Error;

struct ThreadRuntime {
    /// The process that built this runtime; another one after a fork.
    pid: u32,
    rt: tokio::runtime::Runtime,
    /// This thread's client for each blocking client that made calls on it.
    clients: RefCell<Vec<(WeakClient, Client)>>,
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<ThreadRuntime>>> = const { RefCell::new(None) };
}

/// This thread's runtime, built on first use and again in a forked child.
fn current() -> Result<Rc<ThreadRuntime>, Error> {
    let pid = std::process::id();
    CURRENT
        .try_with(|cell| {
            let mut slot = cell.borrow_mut();
            if let Some(existing) = slot.as_ref() {
                if existing.pid == pid {
                    return Ok(Rc::clone(existing));
                }
            }
            if let Some(inherited) = slot.take() {
                // Built by the parent before a fork: its sockets are the parent's too.
                std::mem::forget(inherited);
            }
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| Error::runtime(format!("cannot start a thread runtime: {e}")))?;
            let built = Rc::new(ThreadRuntime {
                pid,
                rt,
                clients: RefCell::new(Vec::new()),
            });
            *slot = Some(Rc::clone(&built));
            Ok(built)
        })
        .map_err(|_| Error::runtime("blocking call made while this thread is exiting"))?
}

impl ThreadRuntime {
    /// This thread's client for `shared`, made on first use.
    fn client_for(&self, shared: &Client) -> Client {
        let mut clients = self.clients.borrow_mut();
        if let Some((_, own)) = clients.iter().find(|(of, _)| of.is(shared)) {
            return own.clone();
        }
        // Forget the connections of blocking clients that are gone.
        clients.retain(|(of, _)| of.alive());
        let own = shared.with_own_connections();
        clients.push((shared.downgrade(), own.clone()));
        own
    }
}

/// Runs `call` with this thread's client for `shared`, to completion, on this thread.
pub(crate) fn run<F, Fut, T>(shared: &Client, call: F) -> Result<T, Error>
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = T>,
{
    if crate::embedding::blocking_forbidden() {
        return Err(super::refused());
    }
    let local = current()?;
    let client = local.client_for(shared);
    Ok(local.rt.block_on(call(client)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocking::tests::offline_client as client;
    use crate::ErrorKind;

    fn own_clients() -> usize {
        current().unwrap().clients.borrow().len()
    }

    #[test]
    fn a_thread_keeps_one_client_per_live_blocking_client() {
        let a = client();
        let a2 = a.clone();
        assert_eq!(run(&a, |_| async { 1 }).unwrap(), 1);
        assert_eq!(run(&a2, |_| async { 2 }).unwrap(), 2);
        assert_eq!(own_clients(), 1, "clones share the thread's client");
        let b = client();
        run(&b, |_| async {}).unwrap();
        assert_eq!(own_clients(), 2);
        drop((a, a2));
        let c = client();
        run(&c, |_| async {}).unwrap();
        assert_eq!(
            own_clients(),
            2,
            "the dropped client's connections are forgotten"
        );
    }

    #[test]
    fn the_call_gets_a_client_with_its_own_pool_and_shared_settings() {
        let shared = client();
        let own = run(&shared, |c| async move { c }).unwrap();
        assert!(!shared.downgrade().is(&own));
        assert_eq!(own.endpoint(), shared.endpoint());
    }

    #[test]
    fn nested_runs_are_refused() {
        let c = client();
        let inner = run(&c, |_| async { run(&c, |_| async {}) }).unwrap();
        assert_eq!(inner.unwrap_err().kind(), ErrorKind::Runtime);
    }
}
