//! What one synchronize did.

use std::ffi::c_char;

use cognito_sync_core::sync::SyncReport;

use crate::cstr::CStrBuf;
use crate::ffi;

/// The report of a successful synchronize. Ownership: from
/// `cognito_sync_dataset_synchronize`/`_finish`, owned by the caller, released
/// with `cognito_sync_sync_report_free`; or borrowed from an event.
pub struct cognito_sync_sync_report {
    dataset: CStrBuf,
    identity_id: CStrBuf,
    sync_id: u64,
    changed_keys: Vec<CStrBuf>,
    pushed: u64,
    conflicts: u64,
    attempts: u32,
    requests: u32,
    last_sync_count: i64,
    merged_datasets: Vec<CStrBuf>,
    deleted: bool,
    deleted_remotely: bool,
    coalesced: bool,
}

impl From<SyncReport> for cognito_sync_sync_report {
    fn from(r: SyncReport) -> Self {
        Self {
            dataset: CStrBuf::from(r.dataset),
            identity_id: CStrBuf::from(r.identity_id),
            sync_id: r.sync_id,
            changed_keys: r.changed_keys.into_iter().map(CStrBuf::from).collect(),
            pushed: r.pushed as u64,
            conflicts: r.conflicts as u64,
            attempts: r.attempts,
            requests: r.requests,
            last_sync_count: r.last_sync_count,
            merged_datasets: r.merged_datasets.into_iter().map(CStrBuf::from).collect(),
            deleted: r.deleted,
            deleted_remotely: r.deleted_remotely,
            coalesced: r.coalesced,
        }
    }
}

/// The dataset synchronized; NULL when `report` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_dataset(
    report: *const cognito_sync_sync_report,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }.map_or(std::ptr::null(), |r| r.dataset.as_ptr())
    })
}

/// The identity the run was pinned to; NULL when `report` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_identity_id(
    report: *const cognito_sync_sync_report,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }.map_or(std::ptr::null(), |r| r.identity_id.as_ptr())
    })
}

/// The run's id (also in its events); 0 when `report` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_sync_id(
    report: *const cognito_sync_sync_report,
) -> u64 {
    crate::ffi_guard_value!(0, {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }.map_or(0, |r| r.sync_id)
    })
}

/// Number of keys whose local value changed because of the service.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_changed_key_count(
    report: *const cognito_sync_sync_report,
) -> usize {
    crate::ffi_guard_value!(0, {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }.map_or(0, |r| r.changed_keys.len())
    })
}

/// Changed key `index`; NULL when out of range.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_changed_key(
    report: *const cognito_sync_sync_report,
    index: usize,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }
            .and_then(|r| r.changed_keys.get(index))
            .map_or(std::ptr::null(), CStrBuf::as_ptr)
    })
}

/// Local changes the service acknowledged.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_pushed(
    report: *const cognito_sync_sync_report,
) -> u64 {
    crate::ffi_guard_value!(0, {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }.map_or(0, |r| r.pushed)
    })
}

/// Conflicts settled by the conflict policy or resolver.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_conflicts(
    report: *const cognito_sync_sync_report,
) -> u64 {
    crate::ffi_guard_value!(0, {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }.map_or(0, |r| r.conflicts)
    })
}

/// Attempts made (more than 1 after conflicting writes by others).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_attempts(
    report: *const cognito_sync_sync_report,
) -> u32 {
    crate::ffi_guard_value!(0, {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }.map_or(0, |r| r.attempts)
    })
}

/// Requests sent to the service.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_requests(
    report: *const cognito_sync_sync_report,
) -> u32 {
    crate::ffi_guard_value!(0, {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }.map_or(0, |r| r.requests)
    })
}

/// The dataset's sync count at the end; -1 when `report` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_last_sync_count(
    report: *const cognito_sync_sync_report,
) -> i64 {
    crate::ffi_guard_value!(-1, {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }.map_or(-1, |r| r.last_sync_count)
    })
}

/// Number of datasets the service reports as merged into this one.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_merged_dataset_count(
    report: *const cognito_sync_sync_report,
) -> usize {
    crate::ffi_guard_value!(0, {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }.map_or(0, |r| r.merged_datasets.len())
    })
}

/// Merged dataset `index`; NULL when out of range.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_merged_dataset(
    report: *const cognito_sync_sync_report,
    index: usize,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }
            .and_then(|r| r.merged_datasets.get(index))
            .map_or(std::ptr::null(), CStrBuf::as_ptr)
    })
}

/// True when the dataset no longer exists locally (a local deletion reached
/// the service, or a remote deletion removed the local copy).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_deleted(
    report: *const cognito_sync_sync_report,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }.is_some_and(|r| r.deleted)
    })
}

/// True when the service reported the dataset deleted by someone else.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_deleted_remotely(
    report: *const cognito_sync_sync_report,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }.is_some_and(|r| r.deleted_remotely)
    })
}

/// True when this call got the result of a concurrent synchronize of the same
/// dataset instead of running its own.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_coalesced(
    report: *const cognito_sync_sync_report,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `report` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(report) }.is_some_and(|r| r.coalesced)
    })
}

/// Frees a report you own (not one borrowed from an event). NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_sync_report_free(report: *mut cognito_sync_sync_report) {
    crate::ffi_guard_value!((), {
        // SAFETY: `report` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(report) }
    })
}
