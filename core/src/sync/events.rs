//! Change and sync notifications.
//!
//! Every [`Event`] goes two ways:
//! - into a bounded queue the host drains **on the thread it chooses**
//!   ([`SyncManager::poll_event`](crate::sync::SyncManager::poll_event), e.g. once per
//!   frame from a game loop, or [`wait_event`](crate::sync::SyncManager::wait_event));
//! - to listeners ([`SyncManager::subscribe`](crate::sync::SyncManager::subscribe)),
//!   called synchronously **on the thread that produced the event** (the caller of a
//!   local write, or the runtime thread running a synchronize). Listeners must return
//!   quickly; a panicking listener is contained and does not affect the others.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use super::error::Error;
use super::report::SyncReport;

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeSource {
    /// A write through this store (this process or another sharing the file).
    Local,
    /// A change pulled from the service (another device, or the service itself).
    Remote,
}

/// A step of a synchronize, reported as it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyncPhase {
    /// Deleting on the service a dataset deleted locally.
    DeletingRemote,
    /// Reading the service's changes (ListRecords).
    Pulling,
    /// Sending local changes (UpdateRecords).
    Pushing,
    /// Waiting before another attempt after a conflicting write.
    Retrying,
}

/// A notification from the sync manager.
///
/// Every event goes both into a bounded queue the host drains on the thread it chooses
/// ([`SyncManager::poll_event`](crate::sync::SyncManager::poll_event) once per frame,
/// [`wait_event`](crate::sync::SyncManager::wait_event) from a worker), and to
/// listeners ([`SyncManager::subscribe`](crate::sync::SyncManager::subscribe)), which
/// are called synchronously on the thread producing the event: the caller of a local
/// write, or the runtime thread running a synchronize. Listeners must return quickly;
/// a panicking listener is contained and does not affect the others.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Event {
    /// Values changed in a dataset.
    Changed {
        /// Owner of the dataset.
        identity_id: String,
        /// The dataset.
        dataset: String,
        /// Who changed them.
        source: ChangeSource,
        /// The keys whose value changed (added, updated or removed).
        keys: Vec<String>,
    },
    /// A synchronize started.
    SyncStarted {
        /// Owner of the dataset.
        identity_id: String,
        /// The dataset.
        dataset: String,
        /// Identifies this run in later events.
        sync_id: u64,
    },
    /// A synchronize entered a phase.
    SyncProgress {
        /// Owner of the dataset.
        identity_id: String,
        /// The dataset.
        dataset: String,
        /// The run.
        sync_id: u64,
        /// The phase starting now.
        phase: SyncPhase,
    },
    /// The service reported datasets merged into this one (see
    /// [`DatasetsMergedHandler`](crate::sync::DatasetsMergedHandler)).
    DatasetsMerged {
        /// Owner of the dataset.
        identity_id: String,
        /// The dataset.
        dataset: String,
        /// The merged datasets' names.
        merged: Vec<String>,
    },
    /// A dataset was deleted: locally by the host (`Local`), or locally because the
    /// service reported it deleted by someone else (`Remote`).
    DatasetDeleted {
        /// Owner of the dataset.
        identity_id: String,
        /// The dataset.
        dataset: String,
        /// Who deleted it.
        source: ChangeSource,
    },
    /// A synchronize succeeded. Exactly one of `SyncSucceeded` / `SyncFailed` follows
    /// each `SyncStarted`.
    SyncSucceeded {
        /// Owner of the dataset.
        identity_id: String,
        /// The dataset.
        dataset: String,
        /// The run.
        sync_id: u64,
        /// What it did.
        report: SyncReport,
    },
    /// A synchronize failed; local data is intact and a later synchronize resumes.
    SyncFailed {
        /// Owner of the dataset.
        identity_id: String,
        /// The dataset.
        dataset: String,
        /// The run.
        sync_id: u64,
        /// Why.
        error: Error,
    },
    /// The active identity changed.
    IdentityChanged {
        /// The previous identity, if any.
        from: Option<String>,
        /// The new identity.
        to: String,
        /// Datasets moved from `from` to `to`.
        moved: Vec<String>,
    },
    /// The queue was full and this many older events were dropped.
    EventsDropped {
        /// How many.
        count: u64,
    },
}

/// A listener registered with [`SyncManager::subscribe`](crate::sync::SyncManager::subscribe).
pub type Listener = Arc<dyn Fn(&Event) + Send + Sync>;

/// Identifies a listener, to unsubscribe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ListenerId(pub u64);

pub(crate) struct EventHub {
    queue: Mutex<Queue>,
    ready: Condvar,
    capacity: usize,
    listeners: RwLock<Vec<(u64, Listener)>>,
    next_listener: AtomicU64,
}

struct Queue {
    events: VecDeque<Event>,
    dropped: u64,
}

impl EventHub {
    pub(crate) fn new(capacity: usize) -> Self {
        EventHub {
            queue: Mutex::new(Queue {
                events: VecDeque::new(),
                dropped: 0,
            }),
            ready: Condvar::new(),
            capacity,
            listeners: RwLock::new(Vec::new()),
            next_listener: AtomicU64::new(1),
        }
    }

    pub(crate) fn emit(&self, event: Event) {
        let listeners: Vec<Listener> = self
            .listeners
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .map(|(_, l)| l.clone())
            .collect();
        for l in listeners {
            if catch_unwind(AssertUnwindSafe(|| l(&event))).is_err() {
                tracing::error!("sync event listener panicked; ignored");
            }
        }
        if self.capacity == 0 {
            return;
        }
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        while q.events.len() >= self.capacity {
            q.events.pop_front();
            q.dropped += 1;
        }
        q.events.push_back(event);
        drop(q);
        self.ready.notify_all();
    }

    fn take(q: &mut Queue) -> Option<Event> {
        if q.dropped > 0 {
            let count = std::mem::take(&mut q.dropped);
            return Some(Event::EventsDropped { count });
        }
        q.events.pop_front()
    }

    pub(crate) fn poll(&self) -> Option<Event> {
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        Self::take(&mut q)
    }

    pub(crate) fn wait(&self, timeout: Duration) -> Option<Event> {
        let deadline = Instant::now() + timeout;
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(e) = Self::take(&mut q) {
                return Some(e);
            }
            let now = Instant::now();
            if now >= deadline {
                return None;
            }
            q = self
                .ready
                .wait_timeout(q, deadline - now)
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
        }
    }

    pub(crate) fn drain(&self) -> Vec<Event> {
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = Vec::with_capacity(q.events.len() + 1);
        while let Some(e) = Self::take(&mut q) {
            out.push(e);
        }
        out
    }

    pub(crate) fn subscribe(&self, listener: Listener) -> ListenerId {
        let id = self.next_listener.fetch_add(1, Ordering::Relaxed);
        self.listeners
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .push((id, listener));
        ListenerId(id)
    }

    pub(crate) fn unsubscribe(&self, id: ListenerId) -> bool {
        let mut l = self.listeners.write().unwrap_or_else(|e| e.into_inner());
        let before = l.len();
        l.retain(|(i, _)| *i != id.0);
        l.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(i: u64) -> Event {
        Event::SyncStarted {
            identity_id: "i".into(),
            dataset: "d".into(),
            sync_id: i,
        }
    }

    #[test]
    fn queue_is_bounded_and_reports_drops() {
        let hub = EventHub::new(2);
        for i in 0..5 {
            hub.emit(ev(i));
        }
        let got = hub.drain();
        assert!(matches!(got[0], Event::EventsDropped { count: 3 }));
        assert!(matches!(got[1], Event::SyncStarted { sync_id: 3, .. }));
        assert!(matches!(got[2], Event::SyncStarted { sync_id: 4, .. }));
        assert!(hub.poll().is_none());
        assert!(hub.wait(Duration::from_millis(1)).is_none());
    }

    #[test]
    fn listeners_get_events_and_panics_are_contained() {
        let hub = EventHub::new(0);
        let seen = Arc::new(AtomicU64::new(0));
        let s = seen.clone();
        hub.subscribe(Arc::new(|_e: &Event| panic!("listener bug")));
        let id = hub.subscribe(Arc::new(move |_e: &Event| {
            s.fetch_add(1, Ordering::SeqCst);
        }));
        hub.emit(ev(1));
        assert_eq!(seen.load(Ordering::SeqCst), 1);
        assert!(hub.unsubscribe(id));
        hub.emit(ev(2));
        assert_eq!(seen.load(Ordering::SeqCst), 1);
        assert!(hub.poll().is_none(), "capacity 0 disables the queue");
    }
}
