//! The sync manager handle: one local store, its identity, its policy.

use std::ffi::{c_char, c_void};
use std::sync::Arc;
use std::time::Duration;

use cognito_sync_core::sync::{ConflictPolicy, SyncManager};
use tokio::sync::watch;

use crate::client::{cognito_sync_client, Cancelled};
use crate::cstr::CStrBuf;
use crate::error::{cognito_sync_error, FfiError, FfiResult};
use crate::ffi;
use crate::gate::Gate;
use crate::op::Launch;
use crate::runtime;
use crate::status::cognito_sync_status;
use crate::sync::conflict::{check_policy, cognito_sync_conflict_resolver, CResolver};
use crate::sync::dataset::cognito_sync_dataset;
use crate::sync::event::cognito_sync_event;
use crate::sync::lists::cognito_sync_string_list;

/// Settings of a new sync manager. Fill it (unset members are zero/NULL) and
/// pass it to `cognito_sync_manager_new`; it is only read during that call.
#[repr(C)]
pub struct cognito_sync_manager_options {
    /// The client used to synchronize; NULL for a local-only store (then
    /// synchronize fails with `COGNITO_SYNC_STATUS_VALIDATION`). The manager
    /// keeps its own reference: the client may be freed afterwards.
    pub client: *const cognito_sync_client,
    /// The identity pool ("REGION:GUID"); required with a client.
    pub identity_pool_id: *const c_char,
    /// Optional (NULL = absent): a fixed identity id. When NULL and the client
    /// uses Cognito Identity credentials, each synchronize asks the client's
    /// Cognito Identity provider (cached after the first time).
    pub identity_id: *const c_char,
    /// Optional (NULL = in memory): the SQLite file of the store, created if
    /// missing; several processes may share it.
    pub store_path: *const c_char,
    /// Optional (NULL = absent): the device id from RegisterDevice, sent with
    /// each push.
    pub device_id: *const c_char,
    /// A `cognito_sync_conflict_policy` value (0 = last writer wins).
    pub conflict_policy: u32,
    /// The resolver of `COGNITO_SYNC_CONFLICT_POLICY_CUSTOM` (NULL otherwise).
    pub conflict_resolver: cognito_sync_conflict_resolver,
    /// Passed to `conflict_resolver`; must stay valid until the manager is freed.
    pub conflict_resolver_user_data: *mut c_void,
}

/// An offline-first store of datasets that synchronize with the service.
///
/// Ownership: created by `cognito_sync_manager_new`, owned by the caller,
/// released with `cognito_sync_manager_free`. Thread-safe.
pub struct cognito_sync_manager {
    pub(crate) manager: SyncManager,
    pub(crate) gate: Arc<Gate>,
    pub(crate) cancel: watch::Sender<bool>,
    /// The client's host-dispatch queue, when it has one: completion callbacks of
    /// this manager's (and its datasets') non-blocking calls wait there too.
    dispatch: Option<std::sync::Weak<crate::dispatch::DispatchQueue>>,
}

impl cognito_sync_manager {
    pub(crate) fn launch(&self) -> Launch {
        Launch {
            client_gate: Arc::clone(&self.gate),
            cancelled: Cancelled::new(self.cancel.subscribe()),
            dispatch: self.dispatch.clone(),
        }
    }
}

unsafe fn build(options: &cognito_sync_manager_options) -> FfiResult<cognito_sync_manager> {
    check_policy(options.conflict_policy, options.conflict_resolver.is_some())?;
    let gate = Arc::new(Gate::default());
    let rt = runtime::runtime()?;
    let mut builder = SyncManager::builder().runtime(rt.handle().clone());
    // SAFETY: `options.client` is NULL or a live object from this library, per the header.
    let client = unsafe { ffi::opt_ref(options.client) };
    let dispatch = client.and_then(|c| c.dispatch_queue());
    if let Some(client) = client {
        builder = builder.client(client.core().clone());
        if options.identity_id.is_null() {
            if let Some(provider) = client.identity_provider() {
                builder = builder.identity_source(Arc::new(provider.clone()));
            }
        }
    }
    // SAFETY: `options.identity_pool_id` is NULL or a NUL-terminated string, per the header.
    if let Some(pool) = unsafe { ffi::opt_str(options.identity_pool_id, "identity_pool_id") }? {
        builder = builder.identity_pool_id(pool);
    }
    // SAFETY: `options.identity_id` is NULL or a NUL-terminated string, per the header.
    if let Some(id) = unsafe { ffi::opt_str(options.identity_id, "identity_id") }? {
        builder = builder.identity_id(id);
    }
    // SAFETY: `options.store_path` is NULL or a NUL-terminated string, per the header.
    builder = match unsafe { ffi::opt_str(options.store_path, "store_path") }? {
        Some(path) => builder.store_path(path),
        None => builder.in_memory(),
    };
    // SAFETY: `options.device_id` is NULL or a NUL-terminated string, per the header.
    if let Some(device) = unsafe { ffi::opt_str(options.device_id, "device_id") }? {
        builder = builder.device_id(device);
    }
    let policy = match (options.conflict_policy, options.conflict_resolver) {
        (1, _) => ConflictPolicy::RemoteWins,
        (2, _) => ConflictPolicy::LocalWins,
        (3, Some(func)) => ConflictPolicy::custom(CResolver::new(
            func,
            options.conflict_resolver_user_data,
            Arc::clone(&gate),
        )),
        _ => ConflictPolicy::LastWriterWins,
    };
    let manager = builder.conflict_policy(policy).build()?;
    let (cancel, _) = watch::channel(false);
    Ok(cognito_sync_manager {
        manager,
        gate,
        cancel,
        dispatch,
    })
}

/// Opens (creating or migrating) the local store and returns a manager. Never
/// uses the network: works offline, including on first start. On success
/// writes the manager to `*manager_out`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_new(
    options: *const cognito_sync_manager_options,
    manager_out: *mut *mut cognito_sync_manager,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `options` is NULL or points to options the caller filled, per the header.
        let options = unsafe { ffi::try_ref(options, "options") }?;
        ffi::check_out(manager_out, "manager_out")?;
        // SQLite starts here: the allocator cannot change from now on.
        crate::allocator::lock();
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        let manager = unsafe { build(options) }?;
        // SAFETY: `manager_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(manager_out, ffi::into_raw(manager)) };
        Ok(())
    })
}

/// Frees a manager. Synchronizes still running are cancelled (local data
/// stays consistent; their handles report `COGNITO_SYNC_STATUS_CANCELLED`).
/// After it returns neither the conflict resolver nor any completion callback
/// of this manager runs (same exception as `cognito_sync_client_free` when
/// called from inside a library callback). Free the manager's datasets too:
/// they keep the store open. Freeing NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_free(manager: *mut cognito_sync_manager) {
    crate::ffi_guard_value!((), {
        // SAFETY: `manager` is NULL or from this library, and freed only once, per the header.
        if let Some(manager) = unsafe { ffi::take_box(manager) } {
            manager.gate.close();
            manager.cancel.send_replace(true);
            drop(manager);
        }
    })
}

/// Opens a dataset of the active identity, creating it locally if needed
/// (name: 1-128 of `[a-zA-Z0-9_.:-]`). Local: no network. On success writes
/// a handle to `*dataset_out`; free it with `cognito_sync_dataset_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_open_dataset(
    manager: *const cognito_sync_manager,
    name: *const c_char,
    dataset_out: *mut *mut cognito_sync_dataset,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `manager` is NULL or a live object from this library, per the header.
        let manager = unsafe { ffi::try_ref(manager, "manager") }?;
        // SAFETY: `name` is NULL or a NUL-terminated string, per the header.
        let name = unsafe { ffi::try_str(name, "name") }?;
        ffi::check_out(dataset_out, "dataset_out")?;
        let dataset = manager.manager.open_dataset(name)?;
        let handle = cognito_sync_dataset::new(dataset, manager.launch());
        // SAFETY: `dataset_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(dataset_out, ffi::into_raw(handle)) };
        Ok(())
    })
}

/// The names of the active identity's local datasets (pending deletions
/// excluded). Local. Free the list with `cognito_sync_string_list_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_list_datasets(
    manager: *const cognito_sync_manager,
    names_out: *mut *mut cognito_sync_string_list,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `manager` is NULL or a live object from this library, per the header.
        let manager = unsafe { ffi::try_ref(manager, "manager") }?;
        ffi::check_out(names_out, "names_out")?;
        let items = manager
            .manager
            .list_datasets()?
            .into_iter()
            .filter(|d| !d.pending_delete)
            .map(|d| CStrBuf::from(d.name))
            .collect();
        // SAFETY: `names_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(names_out, ffi::into_raw(cognito_sync_string_list { items })) };
        Ok(())
    })
}

/// The store's active identity id (a placeholder until the first identity is
/// known). Free the string with `cognito_sync_string_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_identity_id(
    manager: *const cognito_sync_manager,
    identity_id_out: *mut *mut c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `manager` is NULL or a live object from this library, per the header.
        let manager = unsafe { ffi::try_ref(manager, "manager") }?;
        ffi::check_out(identity_id_out, "identity_id_out")?;
        let id = manager.manager.identity_id();
        // SAFETY: `identity_id_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(identity_id_out, crate::strings::into_c_string(id)) };
        Ok(())
    })
}

/// Deletes every local dataset of every identity (the service is untouched).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_wipe(
    manager: *const cognito_sync_manager,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `manager` is NULL or a live object from this library, per the header.
        let manager = unsafe { ffi::try_ref(manager, "manager") }?;
        manager.manager.wipe()?;
        Ok(())
    })
}

/// Takes the oldest pending event without waiting: writes it to `*event_out`
/// (free it with `cognito_sync_event_free`), or NULL when there is none, and
/// returns `COGNITO_SYNC_STATUS_OK`. Call it e.g. once per frame.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_poll_event(
    manager: *const cognito_sync_manager,
    event_out: *mut *mut cognito_sync_event,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `manager` is NULL or a live object from this library, per the header.
        let manager = unsafe { ffi::try_ref(manager, "manager") }?;
        ffi::check_out(event_out, "event_out")?;
        let event = manager.manager.poll_event();
        let raw = event.map_or(std::ptr::null_mut(), |e| {
            ffi::into_raw(cognito_sync_event::from(e))
        });
        // SAFETY: `event_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(event_out, raw) };
        Ok(())
    })
}

/// Like `cognito_sync_manager_poll_event` but waits up to `timeout_ms`
/// milliseconds for an event (writes NULL on timeout). Refused with
/// `COGNITO_SYNC_STATUS_REENTRANT_CALL` inside a library callback.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_wait_event(
    manager: *const cognito_sync_manager,
    timeout_ms: u32,
    event_out: *mut *mut cognito_sync_event,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `manager` is NULL or a live object from this library, per the header.
        let manager = unsafe { ffi::try_ref(manager, "manager") }?;
        ffi::check_out(event_out, "event_out")?;
        if runtime::blocking_forbidden() {
            return Err(FfiError::reentrant());
        }
        let event = manager
            .manager
            .wait_event(Duration::from_millis(u64::from(timeout_ms)));
        let raw = event.map_or(std::ptr::null_mut(), |e| {
            ffi::into_raw(cognito_sync_event::from(e))
        });
        // SAFETY: `event_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(event_out, raw) };
        Ok(())
    })
}
