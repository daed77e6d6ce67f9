//! [`SyncManager`]: the entry point of the offline-first sync manager.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tokio::runtime::Handle;

use super::conflict::{ConflictPolicy, DatasetDeletedHandler, DatasetsMergedHandler};
use super::dataset::Dataset;
use super::engine::{Engine, SyncConfig};
use super::error::{Error, ErrorKind, Result};
use super::events::{Event, EventHub, Listener, ListenerId};
use super::identity::{
    FixedIdentity, IdentitySource, IdentitySwitch, IdentitySwitchReport, UNRESOLVED_IDENTITY,
};
use super::limits::{validate_dataset_name, Limits};
use super::record::DatasetInfo;
use super::remote::Remote;
use super::report::SyncReport;
use super::runtime;
use super::store::{Durability, Store, StoreLocation};
use super::store::{OnCollision, Transfer};
use super::time::Clock;

/// The offline-first sync manager: a local store of datasets per identity, and
/// synchronize with the service. Cheap to clone (shared state); `Send + Sync`.
///
/// ```no_run
/// # async fn demo(client: cognito_sync::Client) -> Result<(), cognito_sync::sync::Error> {
/// use cognito_sync::sync::{ConflictPolicy, SyncManager};
/// let manager = SyncManager::builder()
///     .client(client)
///     .identity_pool_id("us-east-1:0000aaaa-0000-0000-0000-000000000000")
///     .identity_id("us-east-1:1111bbbb-0000-0000-0000-000000000000")
///     .store_path("game-data.db")
///     .conflict_policy(ConflictPolicy::LastWriterWins)
///     .build()?;
/// let save = manager.open_dataset("save")?;
/// save.put("level", "12")?;                 // works offline
/// let report = save.synchronize().await?;   // pull, merge, push
/// println!("{} pushed, {} changed", report.pushed, report.changed_keys.len());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct SyncManager {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) store: Store,
    remote: Option<Remote>,
    identity_source: RwLock<Option<Arc<dyn IdentitySource>>>,
    /// The source is the builder's fixed identity id: an explicit switch replaces it.
    fixed_identity: bool,
    active: Mutex<Active>,
    pub(crate) events: EventHub,
    policy: RwLock<ConflictPolicy>,
    on_deleted: RwLock<Option<DatasetDeletedHandler>>,
    on_merged: RwLock<Option<DatasetsMergedHandler>>,
    config: SyncConfig,
    pub(crate) limits: Limits,
    pub(crate) clock: Clock,
    runtime: Option<Handle>,
    slots: Mutex<HashMap<(String, String), Arc<Slot>>>,
    next_sync_id: AtomicU64,
}

struct Active {
    id: String,
    /// Bumped by every explicit identity switch: dataset handles opened before it fail.
    epoch: u64,
}

/// Serializes synchronizes of one dataset and shares results with calls that were
/// waiting (coalescing).
struct Slot {
    lock: tokio::sync::Mutex<()>,
    seq: AtomicU64,
    last: Mutex<Option<(u64, Result<SyncReport>)>>,
}

impl fmt::Debug for SyncManager {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SyncManager")
            .field("identity_id", &self.identity_id())
            .finish_non_exhaustive()
    }
}

/// Builds a [`SyncManager`]; see [`SyncManager::builder`].
#[must_use]
pub struct SyncManagerBuilder {
    client: Option<crate::Client>,
    identity_pool_id: Option<String>,
    identity_id: Option<String>,
    identity_source: Option<Arc<dyn IdentitySource>>,
    location: StoreLocation,
    durability: Durability,
    busy_timeout: Duration,
    policy: ConflictPolicy,
    on_deleted: Option<DatasetDeletedHandler>,
    on_merged: Option<DatasetsMergedHandler>,
    config: SyncConfig,
    limits: Limits,
    clock: Clock,
    device_id: Option<String>,
    queue_capacity: usize,
    runtime: Option<Handle>,
}

impl Default for SyncManagerBuilder {
    fn default() -> Self {
        SyncManagerBuilder {
            client: None,
            identity_pool_id: None,
            identity_id: None,
            identity_source: None,
            location: StoreLocation::Memory,
            durability: Durability::Normal,
            busy_timeout: Duration::from_secs(5),
            policy: ConflictPolicy::default(),
            on_deleted: None,
            on_merged: None,
            config: SyncConfig::default(),
            limits: Limits::default(),
            clock: Clock::system(),
            device_id: None,
            queue_capacity: 10_000,
            runtime: None,
        }
    }
}

impl SyncManagerBuilder {
    /// The client used to talk to the service. Without one the manager is local-only
    /// and synchronize fails with [`ErrorKind::InvalidArgument`].
    pub fn client(mut self, client: crate::Client) -> Self {
        self.client = Some(client);
        self
    }

    /// The identity pool (`REGION:GUID`); required with a client.
    pub fn identity_pool_id(mut self, id: impl Into<String>) -> Self {
        self.identity_pool_id = Some(id.into());
        self
    }

    /// A fixed identity id. If the store's active identity is another real identity,
    /// building switches to this one with [`IdentitySwitch::KeepSeparate`] (the other
    /// identity's data stays apart); data written before any identity was known is
    /// adopted. [`SyncManager::switch_identity`] later replaces it.
    pub fn identity_id(mut self, id: impl Into<String>) -> Self {
        self.identity_id = Some(id.into());
        self
    }

    /// Where each synchronize gets its identity id, e.g. a
    /// [`CognitoIdentityProvider`](crate::credentials::CognitoIdentityProvider). Local
    /// operations never call it: they use the store's active identity.
    pub fn identity_source(mut self, source: Arc<dyn IdentitySource>) -> Self {
        self.identity_source = Some(source);
        self
    }

    /// Keeps the store in this SQLite file (created if missing; may be shared by
    /// several processes).
    pub fn store_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.location = StoreLocation::Path(path.into());
        self
    }

    /// Keeps the store in memory (the default): nothing survives the manager.
    pub fn in_memory(mut self) -> Self {
        self.location = StoreLocation::Memory;
        self
    }

    /// Durability of commits to the file; see [`Durability`].
    pub fn durability(mut self, durability: Durability) -> Self {
        self.durability = durability;
        self
    }

    /// How long a write waits for another process holding the file's write lock.
    /// Default 5 s.
    pub fn busy_timeout(mut self, timeout: Duration) -> Self {
        self.busy_timeout = timeout;
        self
    }

    /// How conflicts are settled. Default [`ConflictPolicy::LastWriterWins`].
    pub fn conflict_policy(mut self, policy: ConflictPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Decides what happens to a dataset deleted on the service by someone else.
    pub fn on_dataset_deleted(mut self, handler: DatasetDeletedHandler) -> Self {
        self.on_deleted = Some(handler);
        self
    }

    /// Told about datasets the service reports as merged into a synchronized one.
    pub fn on_datasets_merged(mut self, handler: DatasetsMergedHandler) -> Self {
        self.on_merged = Some(handler);
        self
    }

    /// Synchronize tuning (attempts, backoff, page sizes).
    pub fn sync_config(mut self, config: SyncConfig) -> Self {
        self.config = config;
        self
    }

    /// Client-side limits; default: the service's.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The device clock stamping local writes. Default: the system clock.
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The device id from RegisterDevice, sent with every UpdateRecords so push
    /// notifications skip the device that made the change.
    pub fn device_id(mut self, id: impl Into<String>) -> Self {
        self.device_id = Some(id.into());
        self
    }

    /// Capacity of the event queue (oldest events are dropped beyond it, and an
    /// [`Event::EventsDropped`] says how many). 0 disables the queue (listeners only).
    /// Default 10,000.
    pub fn event_queue_capacity(mut self, capacity: usize) -> Self {
        self.queue_capacity = capacity;
        self
    }

    /// The tokio runtime (multi-thread) for blocking and background synchronizes.
    /// Default: the process's one runtime ([`crate::embedding::runtime`]).
    pub fn runtime(mut self, handle: Handle) -> Self {
        self.runtime = Some(handle);
        self
    }

    /// Opens (creating or migrating) the store and builds the manager. Never uses the
    /// network.
    pub fn build(self) -> Result<SyncManager> {
        if let Some(h) = &self.runtime {
            runtime::check_handle(h)?;
        }
        let remote = match self.client {
            Some(client) => {
                let pool = self
                    .identity_pool_id
                    .clone()
                    .ok_or_else(|| Error::invalid("identity_pool_id is required to synchronize"))?;
                Some(Remote {
                    client,
                    identity_pool_id: pool,
                    device_id: self.device_id.clone(),
                    page_size: self.config.page_size.max(1),
                })
            }
            None => None,
        };
        let store = Store::open(&self.location, self.busy_timeout, self.durability)?;
        let stored = store.active_identity()?;
        let now = self.clock.now_ms();
        let mut switched: Option<(Option<String>, String, Vec<String>)> = None;
        let active_id = match (&self.identity_id, stored) {
            (Some(fixed), stored) => {
                check_identity_id(fixed)?;
                if stored.as_deref() != Some(fixed.as_str()) {
                    // Data from before any identity belongs to this device's user;
                    // another real identity's data stays apart.
                    let from = stored.clone().unwrap_or_else(|| UNRESOLVED_IDENTITY.into());
                    let transfer = if from == UNRESOLVED_IDENTITY {
                        Transfer::Move(OnCollision::LeaveBehind)
                    } else {
                        Transfer::Keep
                    };
                    let moved = store.switch_identity(Some(&from), fixed, transfer, now)?;
                    switched = Some((stored, fixed.clone(), moved.moved));
                }
                fixed.clone()
            }
            (None, Some(stored)) => stored,
            (None, None) => UNRESOLVED_IDENTITY.to_owned(),
        };
        let fixed_identity = self.identity_source.is_none() && self.identity_id.is_some();
        let identity_source = match (self.identity_source, &self.identity_id) {
            (Some(s), _) => Some(s),
            (None, Some(id)) => {
                Some(Arc::new(FixedIdentity(id.clone())) as Arc<dyn IdentitySource>)
            }
            (None, None) => None,
        };
        let manager = SyncManager {
            inner: Arc::new(Inner {
                store,
                remote,
                identity_source: RwLock::new(identity_source),
                fixed_identity,
                active: Mutex::new(Active {
                    id: active_id,
                    epoch: 0,
                }),
                events: EventHub::new(self.queue_capacity),
                policy: RwLock::new(self.policy),
                on_deleted: RwLock::new(self.on_deleted),
                on_merged: RwLock::new(self.on_merged),
                config: self.config,
                limits: self.limits,
                clock: self.clock,
                runtime: self.runtime,
                slots: Mutex::new(HashMap::new()),
                next_sync_id: AtomicU64::new(1),
            }),
        };
        if let Some((from, to, moved)) = switched {
            // A fresh store taking its first identity is not news.
            if from.is_none() && moved.is_empty() {
                return Ok(manager);
            }
            manager
                .inner
                .events
                .emit(Event::IdentityChanged { from, to, moved });
        }
        Ok(manager)
    }
}

fn check_identity_id(id: &str) -> Result<()> {
    if id.is_empty() || id == UNRESOLVED_IDENTITY {
        return Err(Error::invalid(format!("{id:?} is not an identity id")));
    }
    Ok(())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl SyncManager {
    /// A builder with defaults: in-memory store, last-writer-wins, service limits.
    pub fn builder() -> SyncManagerBuilder {
        SyncManagerBuilder::default()
    }

    /// The active identity: whose data local operations read and write
    /// ([`UNRESOLVED_IDENTITY`] until an identity id was ever known).
    pub fn identity_id(&self) -> String {
        lock(&self.inner.active).id.clone()
    }

    /// The active identity, if `epoch` (of a dataset handle) is still current.
    pub(crate) fn identity_for(&self, epoch: u64) -> Result<String> {
        let a = lock(&self.inner.active);
        if a.epoch != epoch {
            return Err(Error::new(
                ErrorKind::IdentityChanged,
                format!(
                    "the active identity changed to {} after this dataset was opened; reopen it",
                    a.id
                ),
            ));
        }
        Ok(a.id.clone())
    }

    /// Opens a dataset of the active identity, creating it locally if needed (no
    /// network). Fails on an invalid name or beyond the datasets-per-identity limit.
    pub fn open_dataset(&self, name: &str) -> Result<Dataset> {
        validate_dataset_name(name)?;
        let (id, epoch) = {
            let a = lock(&self.inner.active);
            (a.id.clone(), a.epoch)
        };
        self.inner.store.ensure_dataset(
            &id,
            name,
            self.inner.clock.now_ms(),
            &self.inner.limits,
        )?;
        Ok(Dataset::new(self.clone(), name.to_owned(), epoch))
    }

    /// The active identity's local datasets by name (datasets deleted locally and not
    /// yet synced are left out).
    pub fn list_datasets(&self) -> Result<Vec<DatasetInfo>> {
        self.inner.store.list_datasets(&self.identity_id(), false)
    }

    /// Whether the active identity has anything not yet on the service.
    pub fn has_unsynced_changes(&self) -> Result<bool> {
        self.inner.store.identity_has_unsynced(&self.identity_id())
    }

    /// Identities owning data in this store.
    pub fn identities(&self) -> Result<Vec<String>> {
        self.inner.store.identities()
    }

    /// Deletes all local data of every identity, unsynced changes included (check
    /// [`has_unsynced_changes`](Self::has_unsynced_changes) first). The service is not
    /// touched. The active identity stays.
    pub fn wipe(&self) -> Result<()> {
        self.inner.store.wipe_all()
    }

    /// Deletes all local data of one identity (not the active one's settings), unsynced
    /// changes included. The service is not touched.
    pub fn wipe_identity(&self, identity_id: &str) -> Result<()> {
        self.inner.store.wipe_identity(identity_id)
    }

    /// Makes `identity_id` the active identity, in one transaction; `mode` says what
    /// happens to the previous identity's data (see [`IdentitySwitch`]). Dataset
    /// handles opened before fail with [`ErrorKind::IdentityChanged`] afterwards;
    /// synchronizes already running finish under the identity they were pinned to.
    pub fn switch_identity(
        &self,
        identity_id: &str,
        mode: IdentitySwitch,
    ) -> Result<IdentitySwitchReport> {
        check_identity_id(identity_id)?;
        let mut a = lock(&self.inner.active);
        let from = a.id.clone();
        let transfer = match mode {
            IdentitySwitch::KeepSeparate => Transfer::Keep,
            IdentitySwitch::MoveData => Transfer::Move(OnCollision::Fail),
            IdentitySwitch::DiscardPrevious => Transfer::Discard,
        };
        let moved = self.inner.store.switch_identity(
            Some(&from),
            identity_id,
            transfer,
            self.inner.clock.now_ms(),
        )?;
        let changed = from != identity_id;
        a.id = identity_id.to_owned();
        if self.inner.fixed_identity {
            *self
                .inner
                .identity_source
                .write()
                .unwrap_or_else(|e| e.into_inner()) =
                Some(Arc::new(FixedIdentity(identity_id.to_owned())));
        }
        if changed {
            a.epoch += 1;
        }
        drop(a);
        let report = IdentitySwitchReport {
            from: Some(from.clone()),
            to: identity_id.to_owned(),
            moved: moved.moved,
            left_behind: moved.left_behind,
        };
        if changed {
            self.inner.events.emit(Event::IdentityChanged {
                from: Some(from),
                to: identity_id.to_owned(),
                moved: report.moved.clone(),
            });
        }
        Ok(report)
    }

    /// Resolves the identity a synchronize is pinned to, before any local read.
    async fn resolve_identity(&self, epoch: Option<u64>) -> Result<String> {
        let source = self
            .inner
            .identity_source
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let resolved = match source {
            Some(source) => source.identity_id().await?,
            None => {
                let id = self.identity_id();
                if id == UNRESOLVED_IDENTITY {
                    return Err(Error::new(
                        ErrorKind::Identity,
                        "no identity id: configure identity_id or an identity source",
                    ));
                }
                id
            }
        };
        check_identity_id(&resolved)?;
        let mut a = lock(&self.inner.active);
        if let Some(e) = epoch {
            if e != a.epoch {
                return Err(Error::new(
                    ErrorKind::IdentityChanged,
                    format!(
                        "the active identity changed to {} after this dataset was opened; reopen it",
                        a.id
                    ),
                ));
            }
        }
        if a.id == resolved {
            return Ok(resolved);
        }
        if a.id != UNRESOLVED_IDENTITY {
            return Err(Error::new(
                ErrorKind::IdentityChanged,
                format!(
                    "the identity id is now {resolved} but the store's active identity is {}; \
                     call switch_identity to choose what happens to the local data",
                    a.id
                ),
            ));
        }
        // First identity ever resolved: it adopts the data written before.
        let moved = self.inner.store.switch_identity(
            Some(UNRESOLVED_IDENTITY),
            &resolved,
            Transfer::Move(OnCollision::LeaveBehind),
            self.inner.clock.now_ms(),
        )?;
        a.id = resolved.clone();
        drop(a);
        self.inner.events.emit(Event::IdentityChanged {
            from: None,
            to: resolved.clone(),
            moved: moved.moved,
        });
        Ok(resolved)
    }

    fn slot(&self, id: &str, dataset: &str) -> Arc<Slot> {
        lock(&self.inner.slots)
            .entry((id.to_owned(), dataset.to_owned()))
            .or_insert_with(|| {
                Arc::new(Slot {
                    lock: tokio::sync::Mutex::new(()),
                    seq: AtomicU64::new(0),
                    last: Mutex::new(None),
                })
            })
            .clone()
    }

    fn remote(&self) -> Result<&Remote> {
        self.inner
            .remote
            .as_ref()
            .ok_or_else(|| Error::invalid("this sync manager has no client: it cannot synchronize"))
    }

    /// One synchronize, from identity resolution to the terminal event.
    pub(crate) async fn run_sync(
        &self,
        dataset: String,
        epoch: Option<u64>,
        pinned: Option<String>,
        full: bool,
    ) -> Result<SyncReport> {
        let sync_id = self.inner.next_sync_id.fetch_add(1, Ordering::Relaxed);
        let events = &self.inner.events;
        let failed = |id: String, error: &Error| {
            events.emit(Event::SyncStarted {
                identity_id: id.clone(),
                dataset: dataset.clone(),
                sync_id,
            });
            events.emit(Event::SyncFailed {
                identity_id: id,
                dataset: dataset.clone(),
                sync_id,
                error: error.clone(),
            });
        };
        // A local-only manager (no client) fails as documented, with a validation error,
        // before an identity is looked for: without a client there may be none to find.
        let resolved = match (self.remote(), pinned) {
            (Err(e), _) => Err(e),
            (Ok(_), Some(id)) => Ok(id),
            (Ok(_), None) => self.resolve_identity(epoch).await,
        };
        let id = match resolved {
            Ok(id) => id,
            Err(e) => {
                failed(self.identity_id(), &e);
                return Err(e);
            }
        };
        let slot = self.slot(&id, &dataset);
        let ticket = slot.seq.fetch_add(1, Ordering::SeqCst) + 1;
        let _guard = slot.lock.lock().await;
        if !full {
            if let Some((started, result)) = lock(&slot.last).as_ref() {
                if *started > ticket {
                    // A synchronize that began after this call ended meanwhile: its
                    // snapshot saw everything this call was asked to sync.
                    return result.clone().map(|mut r| {
                        r.coalesced = true;
                        r
                    });
                }
            }
        }
        let started = slot.seq.fetch_add(1, Ordering::SeqCst) + 1;
        events.emit(Event::SyncStarted {
            identity_id: id.clone(),
            dataset: dataset.clone(),
            sync_id,
        });
        let result = match self.remote() {
            Ok(remote) => {
                let engine = Engine {
                    store: &self.inner.store,
                    remote,
                    events,
                    config: &self.inner.config,
                    policy: self
                        .inner
                        .policy
                        .read()
                        .unwrap_or_else(|e| e.into_inner())
                        .clone(),
                    on_deleted: self
                        .inner
                        .on_deleted
                        .read()
                        .unwrap_or_else(|e| e.into_inner())
                        .clone(),
                    on_merged: self
                        .inner
                        .on_merged
                        .read()
                        .unwrap_or_else(|e| e.into_inner())
                        .clone(),
                    clock: &self.inner.clock,
                };
                engine.run(&id, &dataset, sync_id, full).await
            }
            Err(e) => Err(e),
        };
        *lock(&slot.last) = Some((started, result.clone()));
        match &result {
            Ok(report) => events.emit(Event::SyncSucceeded {
                identity_id: id,
                dataset: dataset.clone(),
                sync_id,
                report: report.clone(),
            }),
            Err(error) => events.emit(Event::SyncFailed {
                identity_id: id,
                dataset: dataset.clone(),
                sync_id,
                error: error.clone(),
            }),
        }
        result
    }

    /// The runtime for blocking and background work.
    pub(crate) fn runtime_handle(&self) -> Result<Handle> {
        match &self.inner.runtime {
            Some(h) => Ok(h.clone()),
            None => runtime::shared_handle(),
        }
    }

    /// Spawns a synchronize as its own task, so it always runs to its terminal event
    /// even if the caller stops waiting.
    pub(crate) fn spawn_sync(
        &self,
        handle: &Handle,
        dataset: String,
        epoch: Option<u64>,
        pinned: Option<String>,
        full: bool,
    ) -> tokio::task::JoinHandle<Result<SyncReport>> {
        let me = self.clone();
        handle.spawn(async move { me.run_sync(dataset, epoch, pinned, full).await })
    }

    /// Synchronizes one dataset of the active identity by name (see
    /// [`Dataset::synchronize`]).
    pub async fn synchronize(&self, dataset: &str) -> Result<SyncReport> {
        validate_dataset_name(dataset)?;
        let handle = Handle::try_current().or_else(|_| self.runtime_handle())?;
        join(self.spawn_sync(&handle, dataset.to_owned(), None, None, false)).await
    }

    /// Fetches the service's list of the identity's datasets, creating local entries
    /// for those this store lacks (a new device) and recording the service's figures.
    /// Returns the local list afterwards.
    pub async fn refresh_datasets(&self) -> Result<Vec<DatasetInfo>> {
        let id = self.resolve_identity(None).await?;
        self.refresh_for(&id).await?;
        self.inner.store.list_datasets(&id, false)
    }

    async fn refresh_for(&self, id: &str) -> Result<()> {
        let remote = self.remote()?;
        let list = remote.list_datasets(id).await?;
        self.inner
            .store
            .store_remote_datasets(id, &list, self.inner.clock.now_ms())?;
        Ok(())
    }

    /// Refreshes the dataset list from the service, then synchronizes every dataset
    /// of the identity, local deletions first, one after the other, all pinned to one
    /// identity id. Fails as a whole only if the identity or the list cannot be
    /// obtained; otherwise returns each dataset's own outcome.
    pub async fn synchronize_all(&self) -> Result<Vec<(String, Result<SyncReport>)>> {
        let id = self.resolve_identity(None).await?;
        self.refresh_for(&id).await?;
        let names = self.inner.store.dataset_names_for_sync(&id)?;
        let handle = Handle::try_current().or_else(|_| self.runtime_handle())?;
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            let r =
                join(self.spawn_sync(&handle, name.clone(), None, Some(id.clone()), false)).await;
            out.push((name, r));
        }
        Ok(out)
    }

    /// [`synchronize_all`](Self::synchronize_all), blocking the calling thread (which
    /// must not be an async runtime thread).
    pub fn synchronize_all_blocking(&self) -> Result<Vec<(String, Result<SyncReport>)>> {
        runtime::ensure_blocking_allowed()?;
        let handle = self.runtime_handle()?;
        let me = self.clone();
        let task = handle.spawn(async move { me.synchronize_all().await });
        runtime::block_on(&handle, join(task))?
    }

    /// [`refresh_datasets`](Self::refresh_datasets), blocking.
    pub fn refresh_datasets_blocking(&self) -> Result<Vec<DatasetInfo>> {
        runtime::ensure_blocking_allowed()?;
        let handle = self.runtime_handle()?;
        let me = self.clone();
        let task = handle.spawn(async move { me.refresh_datasets().await });
        runtime::block_on(&handle, join(task))?
    }

    /// The next queued event, if any (never blocks). Drain it from the thread that
    /// should handle notifications, e.g. once per frame.
    pub fn poll_event(&self) -> Option<Event> {
        self.inner.events.poll()
    }

    /// The next queued event, waiting at most `timeout`.
    pub fn wait_event(&self, timeout: Duration) -> Option<Event> {
        self.inner.events.wait(timeout)
    }

    /// Every queued event, oldest first.
    pub fn drain_events(&self) -> Vec<Event> {
        self.inner.events.drain()
    }

    /// Calls `listener` with every event, synchronously on the thread producing it
    /// (see [`Event`] for the delivery rules).
    pub fn subscribe(&self, listener: impl Fn(&Event) + Send + Sync + 'static) -> ListenerId {
        self.inner.events.subscribe(Arc::new(listener) as Listener)
    }

    /// Removes a listener; returns whether it was registered.
    pub fn unsubscribe(&self, id: ListenerId) -> bool {
        self.inner.events.unsubscribe(id)
    }

    /// Replaces the conflict policy (applies to synchronizes starting afterwards).
    pub fn set_conflict_policy(&self, policy: ConflictPolicy) {
        *self.inner.policy.write().unwrap_or_else(|e| e.into_inner()) = policy;
    }

    /// Replaces the dataset-deleted handler (`None`: the default action).
    pub fn set_dataset_deleted_handler(&self, handler: Option<DatasetDeletedHandler>) {
        *self
            .inner
            .on_deleted
            .write()
            .unwrap_or_else(|e| e.into_inner()) = handler;
    }

    /// Replaces the datasets-merged handler.
    pub fn set_datasets_merged_handler(&self, handler: Option<DatasetsMergedHandler>) {
        *self
            .inner
            .on_merged
            .write()
            .unwrap_or_else(|e| e.into_inner()) = handler;
    }

    /// The limits enforced on local writes.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }
}

/// Awaits a spawned synchronize; a panic inside it (a bug) becomes an error.
pub(crate) async fn join<T>(task: tokio::task::JoinHandle<Result<T>>) -> Result<T> {
    match task.await {
        Ok(r) => r,
        Err(e) => Err(Error::new(
            ErrorKind::Runtime,
            format!("the synchronize task failed: {e}"),
        )),
    }
}
