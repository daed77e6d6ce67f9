//! Sync manager notifications, drained by the host on the thread it chooses.

use std::ffi::c_char;

use cognito_sync_core::sync::{ChangeSource, Event, SyncPhase};

use crate::cstr::{self, CStrBuf};
use crate::error::{cognito_sync_error, FfiError};
use crate::ffi;
use crate::shapes::present;
use crate::sync::report::cognito_sync_sync_report;

/// What an event reports (`cognito_sync_event_get_kind`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cognito_sync_event_kind {
    /// An event of a kind this version does not know.
    Other = 0,
    /// Values changed in a dataset: keys, source.
    Changed = 1,
    /// A synchronize started: sync id.
    SyncStarted = 2,
    /// A synchronize entered a phase: sync id, phase.
    SyncProgress = 3,
    /// A synchronize succeeded: sync id, report.
    SyncSucceeded = 4,
    /// A synchronize failed (local data intact): sync id, error.
    SyncFailed = 5,
    /// The service reported datasets merged into this one: keys = their names.
    DatasetsMerged = 6,
    /// A dataset was deleted locally (source local) or because the service
    /// reported it deleted (source remote).
    DatasetDeleted = 7,
    /// The active identity changed: identity id = the new one, previous
    /// identity id, keys = datasets moved.
    IdentityChanged = 8,
    /// The queue was full: `dropped_count` older events were dropped.
    EventsDropped = 9,
}

/// Where a change came from (`cognito_sync_event_source`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cognito_sync_change_source {
    /// Not applicable to this event.
    None = 0,
    /// A write through this store.
    Local = 1,
    /// A change pulled from the service.
    Remote = 2,
}

/// A step of a synchronize (`cognito_sync_event_phase`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cognito_sync_sync_phase {
    /// Not a progress event.
    None = 0,
    /// Deleting on the service a dataset deleted locally.
    DeletingRemote = 1,
    /// Reading the service's changes.
    Pulling = 2,
    /// Sending local changes.
    Pushing = 3,
    /// Waiting before another attempt after a conflicting write.
    Retrying = 4,
}

/// One notification. Ownership: from `cognito_sync_manager_poll_event` /
/// `_wait_event`, owned by the caller, released with `cognito_sync_event_free`.
/// Everything read from it is borrowed and valid until then.
pub struct cognito_sync_event {
    kind: cognito_sync_event_kind,
    identity_id: Option<CStrBuf>,
    previous_identity_id: Option<CStrBuf>,
    dataset: Option<CStrBuf>,
    source: cognito_sync_change_source,
    phase: cognito_sync_sync_phase,
    keys: Vec<CStrBuf>,
    sync_id: Option<u64>,
    report: Option<cognito_sync_sync_report>,
    error: Option<FfiError>,
    dropped: u64,
}

fn source(s: ChangeSource) -> cognito_sync_change_source {
    match s {
        ChangeSource::Local => cognito_sync_change_source::Local,
        ChangeSource::Remote => cognito_sync_change_source::Remote,
    }
}

impl From<Event> for cognito_sync_event {
    fn from(event: Event) -> Self {
        let mut e = cognito_sync_event {
            kind: cognito_sync_event_kind::Other,
            identity_id: None,
            previous_identity_id: None,
            dataset: None,
            source: cognito_sync_change_source::None,
            phase: cognito_sync_sync_phase::None,
            keys: Vec::new(),
            sync_id: None,
            report: None,
            error: None,
            dropped: 0,
        };
        let names = |v: Vec<String>| v.into_iter().map(CStrBuf::from).collect();
        match event {
            Event::Changed {
                identity_id,
                dataset,
                source: s,
                keys,
            } => {
                e.kind = cognito_sync_event_kind::Changed;
                e.identity_id = Some(identity_id.into());
                e.dataset = Some(dataset.into());
                e.source = source(s);
                e.keys = names(keys);
            }
            Event::SyncStarted {
                identity_id,
                dataset,
                sync_id,
            } => {
                e.kind = cognito_sync_event_kind::SyncStarted;
                e.identity_id = Some(identity_id.into());
                e.dataset = Some(dataset.into());
                e.sync_id = Some(sync_id);
            }
            Event::SyncProgress {
                identity_id,
                dataset,
                sync_id,
                phase,
            } => {
                e.kind = cognito_sync_event_kind::SyncProgress;
                e.identity_id = Some(identity_id.into());
                e.dataset = Some(dataset.into());
                e.sync_id = Some(sync_id);
                e.phase = match phase {
                    SyncPhase::DeletingRemote => cognito_sync_sync_phase::DeletingRemote,
                    SyncPhase::Pulling => cognito_sync_sync_phase::Pulling,
                    SyncPhase::Pushing => cognito_sync_sync_phase::Pushing,
                    SyncPhase::Retrying => cognito_sync_sync_phase::Retrying,
                };
            }
            Event::SyncSucceeded {
                identity_id,
                dataset,
                sync_id,
                report,
            } => {
                e.kind = cognito_sync_event_kind::SyncSucceeded;
                e.identity_id = Some(identity_id.into());
                e.dataset = Some(dataset.into());
                e.sync_id = Some(sync_id);
                e.report = Some(report.into());
            }
            Event::SyncFailed {
                identity_id,
                dataset,
                sync_id,
                error,
            } => {
                e.kind = cognito_sync_event_kind::SyncFailed;
                e.identity_id = Some(identity_id.into());
                e.dataset = Some(dataset.into());
                e.sync_id = Some(sync_id);
                e.error = Some(error.into());
            }
            Event::DatasetsMerged {
                identity_id,
                dataset,
                merged,
            } => {
                e.kind = cognito_sync_event_kind::DatasetsMerged;
                e.identity_id = Some(identity_id.into());
                e.dataset = Some(dataset.into());
                e.keys = names(merged);
            }
            Event::DatasetDeleted {
                identity_id,
                dataset,
                source: s,
            } => {
                e.kind = cognito_sync_event_kind::DatasetDeleted;
                e.identity_id = Some(identity_id.into());
                e.dataset = Some(dataset.into());
                e.source = source(s);
            }
            Event::IdentityChanged { from, to, moved } => {
                e.kind = cognito_sync_event_kind::IdentityChanged;
                e.identity_id = Some(to.into());
                e.previous_identity_id = from.map(CStrBuf::from);
                e.keys = names(moved);
            }
            Event::EventsDropped { count } => {
                e.kind = cognito_sync_event_kind::EventsDropped;
                e.dropped = count;
            }
            _ => {}
        }
        e
    }
}

/// The kind of event (a `cognito_sync_event_kind`); 0 when `event` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_event_get_kind(
    event: *const cognito_sync_event,
) -> cognito_sync_event_kind {
    crate::ffi_guard_value!(cognito_sync_event_kind::Other, {
        // SAFETY: `event` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(event) }.map_or(cognito_sync_event_kind::Other, |e| e.kind)
    })
}

/// The identity concerned (the new one for IDENTITY_CHANGED); NULL if none.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_event_identity_id(
    event: *const cognito_sync_event,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `event` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(event) }.map_or(std::ptr::null(), |e| cstr::opt_ptr(&e.identity_id))
    })
}

/// For IDENTITY_CHANGED, the previous identity; NULL otherwise or if none.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_event_previous_identity_id(
    event: *const cognito_sync_event,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `event` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(event) }
            .map_or(std::ptr::null(), |e| cstr::opt_ptr(&e.previous_identity_id))
    })
}

/// The dataset concerned; NULL if none.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_event_dataset(
    event: *const cognito_sync_event,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `event` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(event) }.map_or(std::ptr::null(), |e| cstr::opt_ptr(&e.dataset))
    })
}

/// Where the change came from (a `cognito_sync_change_source`).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_event_source(
    event: *const cognito_sync_event,
) -> cognito_sync_change_source {
    crate::ffi_guard_value!(cognito_sync_change_source::None, {
        // SAFETY: `event` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(event) }.map_or(cognito_sync_change_source::None, |e| e.source)
    })
}

/// The phase of a SYNC_PROGRESS event (a `cognito_sync_sync_phase`).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_event_phase(
    event: *const cognito_sync_event,
) -> cognito_sync_sync_phase {
    crate::ffi_guard_value!(cognito_sync_sync_phase::None, {
        // SAFETY: `event` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(event) }.map_or(cognito_sync_sync_phase::None, |e| e.phase)
    })
}

/// Number of keys: changed keys (CHANGED), merged dataset names
/// (DATASETS_MERGED) or moved datasets (IDENTITY_CHANGED).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_event_key_count(event: *const cognito_sync_event) -> usize {
    crate::ffi_guard_value!(0, {
        // SAFETY: `event` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(event) }.map_or(0, |e| e.keys.len())
    })
}

/// Key `index`; NULL when out of range.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_event_key(
    event: *const cognito_sync_event,
    index: usize,
) -> *const c_char {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `event` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(event) }
            .and_then(|e| e.keys.get(index))
            .map_or(std::ptr::null(), CStrBuf::as_ptr)
    })
}

/// The synchronize run of SYNC_* events: true and `*sync_id` written, else false.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_event_sync_id(
    event: *const cognito_sync_event,
    sync_id: *mut u64,
) -> bool {
    crate::ffi_guard_value!(false, {
        // SAFETY: `event` is NULL or a live object from this library, per the header.
        let found = unsafe { ffi::opt_ref(event) }.and_then(|e| e.sync_id);
        // SAFETY: `sync_id` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { present(found, sync_id) }
    })
}

/// The report of a SYNC_SUCCEEDED event, borrowed (do not free it); NULL otherwise.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_event_report(
    event: *const cognito_sync_event,
) -> *const cognito_sync_sync_report {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `event` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(event) }
            .and_then(|e| e.report.as_ref())
            .map_or(std::ptr::null(), |r| r as *const cognito_sync_sync_report)
    })
}

/// The error of a SYNC_FAILED event, borrowed (do not free it); NULL otherwise.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_event_error(
    event: *const cognito_sync_event,
) -> *const cognito_sync_error {
    crate::ffi_guard_value!(std::ptr::null(), {
        // SAFETY: `event` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(event) }
            .and_then(|e| e.error.as_ref())
            .map_or(std::ptr::null(), FfiError::as_ptr)
    })
}

/// How many events were dropped (EVENTS_DROPPED); 0 otherwise.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_event_dropped_count(event: *const cognito_sync_event) -> u64 {
    crate::ffi_guard_value!(0, {
        // SAFETY: `event` is NULL or a live object from this library, per the header.
        unsafe { ffi::opt_ref(event) }.map_or(0, |e| e.dropped)
    })
}

/// Frees an event. Freeing NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_event_free(event: *mut cognito_sync_event) {
    crate::ffi_guard_value!((), {
        // SAFETY: `event` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(event) }
    })
}
