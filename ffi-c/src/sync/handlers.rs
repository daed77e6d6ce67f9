//! The "dataset deleted remotely" and "datasets merged" handlers as C callbacks.

use std::ffi::{c_char, c_void};
use std::sync::Arc;

use cognito_sync_core::sync::{DatasetDeletedAction, DatasetDeletedHandler, DatasetsMergedHandler};

use crate::cstr::CStrBuf;
use crate::error::cognito_sync_error;
use crate::ffi;
use crate::gate::Gate;
use crate::runtime::CallbackScope;
use crate::status::cognito_sync_status;
use crate::sync::manager::cognito_sync_manager;

/// What happens to the local copy of a dataset someone deleted on the service
/// (the return value of a `cognito_sync_dataset_deleted_handler`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cognito_sync_dataset_deleted_action {
    /// Delete the local copy too, unsynced changes included; the synchronize
    /// succeeds and its report says the dataset was deleted remotely.
    DeleteLocal = 1,
    /// Drop what was synced, keep the local changes never pushed and push
    /// them (the dataset is re-created with just those). The default without
    /// a handler; also what any value not listed here means.
    KeepUnsynced = 2,
    /// Re-create the dataset on the service from the whole local copy.
    RestoreFromLocal = 3,
}

/// Decides what happens to a dataset deleted on the service after this store
/// had synced it. Receives the identity id and the dataset name (valid only
/// during the call); returns a `cognito_sync_dataset_deleted_action`.
///
/// Called during a synchronize on the thread running it: a library worker
/// thread, or the thread calling a blocking synchronize. Several synchronizes
/// may call it concurrently, so it must be thread-safe. Blocking library
/// calls inside it return `COGNITO_SYNC_STATUS_REENTRANT_CALL`. Never called
/// after `cognito_sync_manager_free` (or a replacing set call) returned,
/// except as `cognito_sync_manager_free` documents. It must not unwind.
#[allow(non_camel_case_types)]
pub type cognito_sync_dataset_deleted_handler = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        identity_id: *const c_char,
        dataset: *const c_char,
    ) -> u32,
>;

/// Told that the service reports datasets merged into `dataset` after two
/// identities were merged (`merged` holds `merged_count` names, each
/// `<dataset>.<merged identity id>`; all valid only during the call). Purely
/// informational: the synchronize goes on either way. The merged datasets are
/// ordinary datasets of this identity: open and synchronize them to read
/// them, copy what you want, then delete them. Same thread and re-entrancy
/// rules as `cognito_sync_dataset_deleted_handler`.
#[allow(non_camel_case_types)]
pub type cognito_sync_datasets_merged_handler = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        identity_id: *const c_char,
        dataset: *const c_char,
        merged: *const *const c_char,
        merged_count: usize,
    ),
>;

/// The host's user_data pointer, sent to the threads running synchronizes.
#[derive(Clone, Copy)]
struct UserData(*mut c_void);

// SAFETY: the host promises the handler and its user_data are thread-safe
// (documented on the handler types).
unsafe impl Send for UserData {}
// SAFETY: as for Send, and the library never hands out `&mut` to it.
unsafe impl Sync for UserData {}

impl UserData {
    // A method, so closures capture the whole (Send) wrapper, not its field.
    fn get(self) -> *mut c_void {
        self.0
    }
}

fn deleted_handler(
    func: unsafe extern "C" fn(*mut c_void, *const c_char, *const c_char) -> u32,
    user_data: UserData,
    gate: Arc<Gate>,
) -> DatasetDeletedHandler {
    Arc::new(move |identity_id: &str, dataset: &str| {
        let Some(_pass) = gate.enter() else {
            return DatasetDeletedAction::KeepUnsynced; // the manager is being freed
        };
        let identity_id = CStrBuf::from(identity_id);
        let dataset = CStrBuf::from(dataset);
        let answer = {
            let _scope = CallbackScope::enter();
            // SAFETY: registered by the host; the strings live during the call.
            unsafe { func(user_data.get(), identity_id.as_ptr(), dataset.as_ptr()) }
        };
        match answer {
            1 => DatasetDeletedAction::DeleteLocal,
            3 => DatasetDeletedAction::RestoreFromLocal,
            _ => DatasetDeletedAction::KeepUnsynced,
        }
    })
}

type MergedFn =
    unsafe extern "C" fn(*mut c_void, *const c_char, *const c_char, *const *const c_char, usize);

fn merged_handler(func: MergedFn, user_data: UserData, gate: Arc<Gate>) -> DatasetsMergedHandler {
    Arc::new(move |identity_id: &str, dataset: &str, merged: &[String]| {
        let Some(_pass) = gate.enter() else {
            return; // the manager is being freed
        };
        let identity_id = CStrBuf::from(identity_id);
        let dataset = CStrBuf::from(dataset);
        let names: Vec<CStrBuf> = merged.iter().map(|n| CStrBuf::from(n.as_str())).collect();
        let pointers: Vec<*const c_char> = names.iter().map(CStrBuf::as_ptr).collect();
        let _scope = CallbackScope::enter();
        // SAFETY: registered by the host; the strings and the array live during the call.
        unsafe {
            func(
                user_data.get(),
                identity_id.as_ptr(),
                dataset.as_ptr(),
                pointers.as_ptr(),
                pointers.len(),
            )
        }
    })
}

/// Sets (or with NULL `handler`, removes: then the default
/// `COGNITO_SYNC_DATASET_DELETED_ACTION_KEEP_UNSYNCED` applies) the handler of
/// datasets deleted on the service. Applies to synchronizes starting
/// afterwards. `user_data` is passed to `handler` and must stay valid until
/// the handler is replaced or the manager freed. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_set_dataset_deleted_handler(
    manager: *const cognito_sync_manager,
    handler: cognito_sync_dataset_deleted_handler,
    user_data: *mut c_void,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `manager` is NULL or a live object from this library, per the header.
        let manager = unsafe { ffi::try_ref(manager, "manager") }?;
        let handler =
            handler.map(|f| deleted_handler(f, UserData(user_data), Arc::clone(&manager.gate)));
        manager.manager.set_dataset_deleted_handler(handler);
        Ok(())
    })
}

/// Sets (or with NULL `handler`, removes) the handler told about datasets
/// merged on the service. Merged datasets are also reported as a
/// `COGNITO_SYNC_EVENT_KIND_DATASETS_MERGED` event and in the sync report,
/// handler or not. `user_data` as for the deleted handler. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_set_datasets_merged_handler(
    manager: *const cognito_sync_manager,
    handler: cognito_sync_datasets_merged_handler,
    user_data: *mut c_void,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `manager` is NULL or a live object from this library, per the header.
        let manager = unsafe { ffi::try_ref(manager, "manager") }?;
        let handler =
            handler.map(|f| merged_handler(f, UserData(user_data), Arc::clone(&manager.gate)));
        manager.manager.set_datasets_merged_handler(handler);
        Ok(())
    })
}
