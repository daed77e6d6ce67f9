//! Conflict resolution by a C callback.

use std::ffi::{c_char, c_void};
use std::sync::Arc;

use cognito_sync_core::sync::{Conflict, ConflictResolver, Record, Resolution};

use crate::cstr::{self, CStrBuf};
use crate::error::{cognito_sync_error, FfiError};
use crate::ffi;
use crate::gate::Gate;
use crate::runtime::CallbackScope;
use crate::shapes::present;
use crate::status::cognito_sync_status;
use crate::time;

/// Built-in conflict policies (values of `cognito_sync_manager_options.conflict_policy`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cognito_sync_conflict_policy {
    /// The version written last, by device clock, wins (the default; ties go
    /// to the service's version).
    LastWriterWins = 0,
    /// The service's version wins.
    RemoteWins = 1,
    /// The local version wins.
    LocalWins = 2,
    /// `conflict_resolver` decides each conflict.
    Custom = 3,
}

/// What a conflict resolver decides (its return value).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cognito_sync_resolution {
    /// Keep the local version; it is pushed over the service's.
    KeepLocal = 1,
    /// Take the service's version; the local change is dropped.
    KeepRemote = 2,
    /// Store the value given with `cognito_sync_conflict_set_value` (e.g. a
    /// merge of both) and push it.
    UseValue = 3,
    /// Remove the record everywhere.
    Remove = 4,
    /// Stop this synchronize: it fails with `COGNITO_SYNC_STATUS_SYNC_ABORTED`
    /// and nothing of this attempt is applied. Any value not listed here, and
    /// `USE_VALUE` without a value, abort too: no data is dropped by mistake.
    Abort = 5,
}

/// One record changed both locally and on the service, with different values;
/// valid only during the resolver call that receives it.
pub struct cognito_sync_conflict {
    identity_id: CStrBuf,
    dataset: CStrBuf,
    key: CStrBuf,
    local: Side,
    remote: Side,
    chosen: Option<String>,
}

struct Side {
    value: Option<CStrBuf>,
    sync_count: i64,
    device_last_modified: Option<i64>,
    last_modified: Option<i64>,
    last_modified_by: Option<CStrBuf>,
}

impl From<&Record> for Side {
    fn from(r: &Record) -> Self {
        Self {
            value: r.value.as_deref().map(CStrBuf::from),
            sync_count: r.sync_count,
            device_last_modified: r.device_last_modified.map(time::to_millis),
            last_modified: r.last_modified.map(time::to_millis),
            last_modified_by: r.last_modified_by.as_deref().map(CStrBuf::from),
        }
    }
}

/// Decides one conflict. Return a `cognito_sync_resolution`.
///
/// Called during a synchronize, once per conflicting record, on the thread
/// running it: a library worker thread, or the thread calling the blocking
/// `cognito_sync_dataset_synchronize`. Several synchronizes (of different
/// datasets) may call it concurrently, so it must be thread-safe. `conflict`
/// and the strings read from it are valid only during the call. It may read
/// the conflict, call `cognito_sync_conflict_set_value`, and use datasets
/// locally (get/put), but blocking library calls return
/// `COGNITO_SYNC_STATUS_REENTRANT_CALL`. Never called after
/// `cognito_sync_manager_free` returned. It must not unwind.
#[allow(non_camel_case_types)]
pub type cognito_sync_conflict_resolver = Option<
    unsafe extern "C" fn(user_data: *mut c_void, conflict: *mut cognito_sync_conflict) -> u32,
>;

/// A C resolver behind the core's trait.
pub(crate) struct CResolver {
    func: unsafe extern "C" fn(*mut c_void, *mut cognito_sync_conflict) -> u32,
    user_data: *mut c_void,
    gate: Arc<Gate>,
}

// SAFETY: the host promises the resolver and its user_data are thread-safe
// (documented on cognito_sync_conflict_resolver).
unsafe impl Send for CResolver {}
// SAFETY: as for Send, and the library never hands out `&mut` to it.
unsafe impl Sync for CResolver {}

impl CResolver {
    pub(crate) fn new(
        func: unsafe extern "C" fn(*mut c_void, *mut cognito_sync_conflict) -> u32,
        user_data: *mut c_void,
        gate: Arc<Gate>,
    ) -> Self {
        Self {
            func,
            user_data,
            gate,
        }
    }
}

impl ConflictResolver for CResolver {
    fn resolve(&self, c: &Conflict) -> Resolution {
        let Some(_pass) = self.gate.enter() else {
            return Resolution::Abort; // the manager is being freed
        };
        let mut conflict = cognito_sync_conflict {
            identity_id: CStrBuf::from(c.identity_id.as_str()),
            dataset: CStrBuf::from(c.dataset.as_str()),
            key: CStrBuf::from(c.key.as_str()),
            local: Side::from(&c.local),
            remote: Side::from(&c.remote),
            chosen: None,
        };
        let answer = {
            let _scope = CallbackScope::enter();
            // SAFETY: registered by the host; `conflict` lives during the call.
            unsafe { (self.func)(self.user_data, &mut conflict) }
        };
        match answer {
            1 => Resolution::KeepLocal,
            2 => Resolution::KeepRemote,
            3 => match conflict.chosen.take() {
                Some(value) => Resolution::Value(value),
                None => Resolution::Abort,
            },
            4 => Resolution::Remove,
            _ => Resolution::Abort,
        }
    }
}

/// The identity owning the dataset. NULL when `conflict` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_conflict_identity_id(
    conflict: *const cognito_sync_conflict,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `conflict` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(conflict) }.map_or(std::ptr::null(), |c| c.identity_id.as_ptr())
    })
}

/// The dataset. NULL when `conflict` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_conflict_dataset(
    conflict: *const cognito_sync_conflict,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `conflict` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(conflict) }.map_or(std::ptr::null(), |c| c.dataset.as_ptr())
    })
}

/// The record key. NULL when `conflict` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_conflict_key(
    conflict: *const cognito_sync_conflict,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `conflict` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(conflict) }.map_or(std::ptr::null(), |c| c.key.as_ptr())
    })
}

/// The local value; NULL when the record was removed locally.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_conflict_local_value(
    conflict: *const cognito_sync_conflict,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `conflict` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(conflict) }
            .map_or(std::ptr::null(), |c| cstr::opt_ptr(&c.local.value))
    })
}

/// The service's value; NULL when the record was removed on the service.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_conflict_remote_value(
    conflict: *const cognito_sync_conflict,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `conflict` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(conflict) }
            .map_or(std::ptr::null(), |c| cstr::opt_ptr(&c.remote.value))
    })
}

/// The service's sync count of each version (`local` true: the version the
/// local change was based on). -1 when `conflict` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_conflict_sync_count(
    conflict: *const cognito_sync_conflict,
    local: bool,
) -> i64 {
    crate::ffi_guard_value!(-1, {
        // SAFETY: `conflict` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(conflict) }.map_or(-1, |c| {
            if local {
                c.local.sync_count
            } else {
                c.remote.sync_count
            }
        })
    })
}

/// The device clock of the last change of the local (`local` true) or remote
/// version, in milliseconds since the Unix epoch. Returns false (writing
/// nothing) when unknown.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_conflict_device_last_modified(
    conflict: *const cognito_sync_conflict,
    local: bool,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `conflict` is NULL or a live object from this library, per the header.
        let side = unsafe { ffi::opt_ref(conflict) }.and_then(|c| {
            if local {
                c.local.device_last_modified
            } else {
                c.remote.device_last_modified
            }
        });
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(side, value) }
    })
}

/// When the service last changed the remote version, in milliseconds since
/// the Unix epoch. Returns false (writing nothing) when unknown.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_conflict_remote_last_modified(
    conflict: *const cognito_sync_conflict,
    value: *mut i64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `conflict` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(conflict) }.and_then(|c| c.remote.last_modified);
        // SAFETY: `value` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, value) }
    })
}

/// Who last changed the remote version, per the service; NULL when unknown.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_conflict_remote_last_modified_by(
    conflict: *const cognito_sync_conflict,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `conflict` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(conflict) }.map_or(std::ptr::null(), |c| {
            cstr::opt_ptr(&c.remote.last_modified_by)
        })
    })
}

/// Sets the value to keep when the resolver returns
/// `COGNITO_SYNC_RESOLUTION_USE_VALUE` (copied; a later call replaces it).
/// Only valid during the resolver call.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_conflict_set_value(
    conflict: *mut cognito_sync_conflict,
    value: *const c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `conflict` is NULL or a live object from this library that no other thread uses
        // meanwhile, per the header.
        let conflict = unsafe { ffi::try_mut(conflict, "conflict") }?;
        // SAFETY: `value` is NULL or a NUL-terminated string, per the header.
        conflict.chosen = Some(unsafe { ffi::try_str(value, "value") }?.to_owned());
        Ok(())
    })
}

/// Rejects resolver settings that do not fit the policy.
pub(crate) fn check_policy(policy: u32, has_resolver: bool) -> Result<(), FfiError> {
    match (policy, has_resolver) {
        (0..=2, false) | (3, true) => Ok(()),
        (3, false) => Err(FfiError::invalid_argument(
            "conflict_policy COGNITO_SYNC_CONFLICT_POLICY_CUSTOM needs a conflict_resolver",
        )),
        (0..=2, true) => Err(FfiError::invalid_argument(
            "a conflict_resolver is only used with COGNITO_SYNC_CONFLICT_POLICY_CUSTOM",
        )),
        (other, _) => Err(FfiError::invalid_argument(format!(
            "conflict_policy {other} is not a cognito_sync_conflict_policy"
        ))),
    }
}
