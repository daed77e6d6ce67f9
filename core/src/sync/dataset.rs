//! [`Dataset`]: a handle on one local dataset.

use std::collections::BTreeMap;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use tokio::runtime::Handle;

use super::error::Result;
use super::events::{ChangeSource, Event};
use super::handle::SyncHandle;
use super::limits::record_size;
use super::manager::{join, SyncManager};
use super::record::{DatasetInfo, Record};
use super::report::SyncReport;
use super::runtime;

/// A completion callback of a background synchronize.
type Completion = Box<dyn FnOnce(&Result<SyncReport>) + Send>;

/// A dataset of the active identity: string keys to string values, readable and
/// writable offline, synchronized with [`synchronize`](Self::synchronize).
///
/// Local operations are synchronous, short SQLite transactions that never touch the
/// network. A handle is bound to the identity active when it was opened: after an
/// explicit [`SyncManager::switch_identity`] its operations fail with
/// [`ErrorKind::IdentityChanged`](crate::sync::ErrorKind::IdentityChanged) (reopen the
/// dataset), so a write can never land in another user's data. Cheap to clone.
#[derive(Clone)]
pub struct Dataset {
    manager: SyncManager,
    name: String,
    epoch: u64,
}

impl fmt::Debug for Dataset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dataset").field("name", &self.name).finish()
    }
}

impl Dataset {
    pub(crate) fn new(manager: SyncManager, name: String, epoch: u64) -> Self {
        Dataset {
            manager,
            name,
            epoch,
        }
    }

    /// The dataset name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The manager this handle belongs to.
    pub fn manager(&self) -> &SyncManager {
        &self.manager
    }

    fn id(&self) -> Result<String> {
        self.manager.identity_for(self.epoch)
    }

    /// The value of `key`, or `None` if absent or removed.
    pub fn get(&self, key: &str) -> Result<Option<String>> {
        let id = self.id()?;
        self.manager.inner.store.get(&id, &self.name, key)
    }

    /// The stored record of `key`, removed records included (their `value` is `None`).
    pub fn get_record(&self, key: &str) -> Result<Option<Record>> {
        let id = self.id()?;
        Ok(self
            .manager
            .inner
            .store
            .row(&id, &self.name, key)?
            .map(|r| r.to_record()))
    }

    /// Sets `key` to `value` (an empty string is a value). Writing the value a key
    /// already has changes nothing. Fails, writing nothing, on an invalid key or value
    /// or if the dataset would exceed its limits.
    pub fn put(&self, key: &str, value: &str) -> Result<()> {
        self.write(vec![(key.to_owned(), Some(value.to_owned()))])
    }

    /// Removes `key`. The removal is kept as a tombstone until the service has it.
    pub fn remove(&self, key: &str) -> Result<()> {
        self.write(vec![(key.to_owned(), None)])
    }

    /// Applies several writes (`None` removes) in one transaction: all or nothing.
    pub fn put_all<K, V>(&self, entries: impl IntoIterator<Item = (K, Option<V>)>) -> Result<()>
    where
        K: Into<String>,
        V: Into<String>,
    {
        self.write(
            entries
                .into_iter()
                .map(|(k, v)| (k.into(), v.map(Into::into)))
                .collect(),
        )
    }

    fn write(&self, entries: Vec<(String, Option<String>)>) -> Result<()> {
        let limits = &self.manager.inner.limits;
        for (k, v) in &entries {
            limits.validate_key(k)?;
            if let Some(v) = v {
                limits.validate_value(k, v)?;
            }
        }
        let id = self.id()?;
        let out = self.manager.inner.store.write(
            &id,
            &self.name,
            &entries,
            self.manager.inner.clock.now_ms(),
            limits,
        )?;
        if !out.changed.is_empty() {
            self.manager.inner.events.emit(Event::Changed {
                identity_id: id,
                dataset: self.name.clone(),
                source: ChangeSource::Local,
                keys: out.changed,
            });
        }
        Ok(())
    }

    /// Every key with a value.
    pub fn get_all(&self) -> Result<BTreeMap<String, String>> {
        let id = self.id()?;
        self.manager.inner.store.get_all(&id, &self.name)
    }

    /// Every stored record, removed ones included, by key.
    pub fn records(&self) -> Result<Vec<Record>> {
        let id = self.id()?;
        Ok(self
            .manager
            .inner
            .store
            .rows(&id, &self.name)?
            .iter()
            .map(|r| r.to_record())
            .collect())
    }

    /// Size in bytes as the service counts it: UTF-8 bytes of every key and value.
    pub fn size_in_bytes(&self) -> Result<u64> {
        let id = self.id()?;
        Ok(self.manager.inner.store.size_and_count(&id, &self.name)?.0)
    }

    /// Bytes `key` counts towards the dataset's size (0 if absent or removed).
    pub fn size_of(&self, key: &str) -> Result<u64> {
        Ok(record_size(key, self.get(key)?.as_deref()))
    }

    /// Number of keys with a value.
    pub fn count(&self) -> Result<u64> {
        let id = self.id()?;
        Ok(self.manager.inner.store.size_and_count(&id, &self.name)?.1)
    }

    /// Whether the dataset has local changes (or a deletion) the service has not
    /// acknowledged yet.
    pub fn has_unsynced_changes(&self) -> Result<bool> {
        let id = self.id()?;
        Ok(self
            .manager
            .inner
            .store
            .dataset_info(&id, &self.name)?
            .is_some_and(|d| d.has_unsynced_changes()))
    }

    /// Whether `key` has a local change not yet acknowledged.
    pub fn is_modified(&self, key: &str) -> Result<bool> {
        Ok(self.get_record(key)?.is_some_and(|r| r.modified_locally))
    }

    /// The dataset's description and sync state. A dataset whose deletion has reached
    /// the service no longer exists locally: it reads as empty and never synced (and
    /// comes back if written to).
    pub fn info(&self) -> Result<DatasetInfo> {
        let id = self.id()?;
        if let Some(info) = self.manager.inner.store.dataset_info(&id, &self.name)? {
            return Ok(info);
        }
        let now = self.manager.inner.clock.now();
        Ok(DatasetInfo {
            name: self.name.clone(),
            identity_id: id,
            created: now,
            last_modified: now,
            last_sync: None,
            last_sync_count: 0,
            record_count: 0,
            size_bytes: 0,
            unsynced_records: 0,
            pending_delete: false,
            remote: None,
        })
    }

    /// Deletes the dataset: its records go at once; the deletion reaches the service
    /// on the next synchronize (until then the dataset counts as having unsynced
    /// changes). Writing to it afterwards starts a new dataset of the same name.
    pub fn delete(&self) -> Result<()> {
        let id = self.id()?;
        let keys = self.manager.inner.store.delete_dataset(
            &id,
            &self.name,
            self.manager.inner.clock.now_ms(),
        )?;
        let events = &self.manager.inner.events;
        if !keys.is_empty() {
            events.emit(Event::Changed {
                identity_id: id.clone(),
                dataset: self.name.clone(),
                source: ChangeSource::Local,
                keys,
            });
        }
        events.emit(Event::DatasetDeleted {
            identity_id: id,
            dataset: self.name.clone(),
            source: ChangeSource::Local,
        });
        Ok(())
    }

    /// Synchronizes with the service: pulls remote changes, settles conflicts, pushes
    /// local changes. Always ends in exactly one outcome (and one
    /// `SyncSucceeded`/`SyncFailed` event), even if this future is dropped: the work
    /// runs as its own task. Concurrent calls on the same dataset wait for each other;
    /// a call that waited while a later-started synchronize completed gets that result
    /// (`coalesced`).
    pub async fn synchronize(&self) -> Result<SyncReport> {
        let handle = Handle::try_current().or_else(|_| self.manager.runtime_handle())?;
        join(
            self.manager
                .spawn_sync(&handle, self.name.clone(), Some(self.epoch), None, false),
        )
        .await
    }

    /// [`synchronize`](Self::synchronize), blocking the calling thread (which must not
    /// be an async runtime thread: that fails with
    /// [`ErrorKind::Runtime`](crate::sync::ErrorKind::Runtime)).
    pub fn synchronize_blocking(&self) -> Result<SyncReport> {
        self.blocking(false)
    }

    /// Starts a synchronize on the manager's runtime and returns at once; poll or wait
    /// on the handle, or watch the event queue.
    pub fn synchronize_in_background(&self) -> SyncHandle {
        self.background(false, None)
    }

    /// Like [`synchronize_in_background`](Self::synchronize_in_background), and calls
    /// `on_done` with the outcome on the runtime thread when it ends.
    pub fn synchronize_in_background_with(
        &self,
        on_done: impl FnOnce(&Result<SyncReport>) + Send + 'static,
    ) -> SyncHandle {
        self.background(false, Some(Box::new(on_done)))
    }

    /// Pulls the whole dataset again (from sync count 0) and reconciles it with the
    /// local copy, then pushes local changes: recovers from any doubt about the local
    /// state. Local changes not yet pushed are kept (conflicts go to the policy).
    pub async fn full_resync(&self) -> Result<SyncReport> {
        let handle = Handle::try_current().or_else(|_| self.manager.runtime_handle())?;
        join(
            self.manager
                .spawn_sync(&handle, self.name.clone(), Some(self.epoch), None, true),
        )
        .await
    }

    /// [`full_resync`](Self::full_resync), blocking.
    pub fn full_resync_blocking(&self) -> Result<SyncReport> {
        self.blocking(true)
    }

    fn blocking(&self, full: bool) -> Result<SyncReport> {
        runtime::ensure_blocking_allowed()?;
        let handle = self.manager.runtime_handle()?;
        let task =
            self.manager
                .spawn_sync(&handle, self.name.clone(), Some(self.epoch), None, full);
        runtime::block_on(&handle, join(task))?
    }

    fn background(&self, full: bool, on_done: Option<Completion>) -> SyncHandle {
        let sync = SyncHandle::new();
        let handle = match self.manager.runtime_handle() {
            Ok(h) => h,
            Err(e) => {
                let r = Err(e);
                if let Some(f) = on_done {
                    f(&r);
                }
                sync.complete(r);
                return sync;
            }
        };
        let task =
            self.manager
                .spawn_sync(&handle, self.name.clone(), Some(self.epoch), None, full);
        let done = sync.clone();
        handle.spawn(async move {
            let r = join(task).await;
            if let Some(f) = on_done {
                if catch_unwind(AssertUnwindSafe(|| f(&r))).is_err() {
                    tracing::error!("synchronize completion callback panicked; ignored");
                }
            }
            done.complete(r);
        });
        sync
    }
}
