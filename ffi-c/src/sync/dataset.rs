//! A local dataset: reads and writes that work offline, and synchronize.

use std::ffi::{c_char, c_void, CStr};

use cognito_sync_core::sync::Dataset;

use crate::cstr::CStrBuf;
use crate::error::{cognito_sync_error, FfiError};
use crate::ffi;
use crate::op::{self, cognito_sync_callback, cognito_sync_op, Launch};
use crate::runtime;
use crate::status::cognito_sync_status;
use crate::sync::lists::cognito_sync_key_values;
use crate::sync::report::cognito_sync_sync_report;

/// A dataset of the manager's active identity: string keys to string values.
///
/// Ownership: from `cognito_sync_manager_open_dataset`, owned by the caller,
/// released with `cognito_sync_dataset_free`. Thread-safe. Reads and writes
/// are local (an SQLite transaction each) and never use the network.
pub struct cognito_sync_dataset {
    dataset: Dataset,
    gate: std::sync::Arc<crate::gate::Gate>,
    cancelled: crate::client::Cancelled,
    /// The manager's client's host-dispatch queue, if any.
    dispatch: Option<std::sync::Weak<crate::dispatch::DispatchQueue>>,
}

impl cognito_sync_dataset {
    pub(crate) fn new(dataset: Dataset, launch: Launch) -> Self {
        Self {
            dataset,
            gate: launch.client_gate,
            cancelled: launch.cancelled,
            dispatch: launch.dispatch,
        }
    }

    fn launch(&self) -> Launch {
        Launch {
            client_gate: std::sync::Arc::clone(&self.gate),
            cancelled: self.cancelled.clone(),
            dispatch: self.dispatch.clone(),
        }
    }
}

/// Frees a dataset handle (the data stays in the store). NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_free(dataset: *mut cognito_sync_dataset) {
    crate::ffi_guard_value!((), {
        // SAFETY: `dataset` is NULL or from this library, and freed only once, per the header.
        unsafe { ffi::free_box(dataset) }
    })
}

/// Reads `key`: on success writes a new string to `*value_out` (free it with
/// `cognito_sync_string_free`), or NULL when the key is absent or removed.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_get(
    dataset: *const cognito_sync_dataset,
    key: *const c_char,
    value_out: *mut *mut c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `dataset` is NULL or a live object from this library, per the header.
        let dataset = unsafe { ffi::try_ref(dataset, "dataset") }?;
        // SAFETY: `key` is NULL or a NUL-terminated string, per the header.
        let key = unsafe { ffi::try_str(key, "key") }?;
        ffi::check_out(value_out, "value_out")?;
        let value = dataset.dataset.get(key)?;
        // SAFETY: `value_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe {
            ffi::write_out(
                value_out,
                value.map_or(std::ptr::null_mut(), crate::strings::into_c_string),
            )
        };
        Ok(())
    })
}

/// Writes `key` = `value` locally (pushed by the next synchronize).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_put(
    dataset: *const cognito_sync_dataset,
    key: *const c_char,
    value: *const c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `dataset` is NULL or a live object from this library, per the header.
        let dataset = unsafe { ffi::try_ref(dataset, "dataset") }?;
        // SAFETY: `key` is NULL or a NUL-terminated string, per the header.
        let key = unsafe { ffi::try_str(key, "key") }?;
        // SAFETY: `value` is NULL or a NUL-terminated string, per the header.
        let value = unsafe { ffi::try_str(value, "value") }?;
        dataset.dataset.put(key, value)?;
        Ok(())
    })
}

/// Removes `key` locally (the removal is pushed by the next synchronize).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_remove(
    dataset: *const cognito_sync_dataset,
    key: *const c_char,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `dataset` is NULL or a live object from this library, per the header.
        let dataset = unsafe { ffi::try_ref(dataset, "dataset") }?;
        // SAFETY: `key` is NULL or a NUL-terminated string, per the header.
        let key = unsafe { ffi::try_str(key, "key") }?;
        dataset.dataset.remove(key)?;
        Ok(())
    })
}

/// Every key with a value, sorted by key. Free with `cognito_sync_key_values_free`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_get_all(
    dataset: *const cognito_sync_dataset,
    values_out: *mut *mut cognito_sync_key_values,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `dataset` is NULL or a live object from this library, per the header.
        let dataset = unsafe { ffi::try_ref(dataset, "dataset") }?;
        ffi::check_out(values_out, "values_out")?;
        let pairs = dataset
            .dataset
            .get_all()?
            .into_iter()
            .map(|(k, v)| (CStrBuf::from(k), CStrBuf::from(v)))
            .collect();
        // SAFETY: `values_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(values_out, ffi::into_raw(cognito_sync_key_values { pairs })) };
        Ok(())
    })
}

/// Number of keys with a value.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_count(
    dataset: *const cognito_sync_dataset,
    count_out: *mut u64,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `dataset` is NULL or a live object from this library, per the header.
        let dataset = unsafe { ffi::try_ref(dataset, "dataset") }?;
        ffi::check_out(count_out, "count_out")?;
        let count = dataset.dataset.count()?;
        // SAFETY: `count_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(count_out, count) };
        Ok(())
    })
}

/// Size in bytes as the service counts it (keys and values, UTF-8).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_size_in_bytes(
    dataset: *const cognito_sync_dataset,
    size_out: *mut u64,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `dataset` is NULL or a live object from this library, per the header.
        let dataset = unsafe { ffi::try_ref(dataset, "dataset") }?;
        ffi::check_out(size_out, "size_out")?;
        let size = dataset.dataset.size_in_bytes()?;
        // SAFETY: `size_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(size_out, size) };
        Ok(())
    })
}

/// Whether local changes wait to be pushed.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_has_unsynced_changes(
    dataset: *const cognito_sync_dataset,
    unsynced_out: *mut bool,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `dataset` is NULL or a live object from this library, per the header.
        let dataset = unsafe { ffi::try_ref(dataset, "dataset") }?;
        ffi::check_out(unsynced_out, "unsynced_out")?;
        let unsynced = dataset.dataset.has_unsynced_changes()?;
        // SAFETY: `unsynced_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(unsynced_out, unsynced) };
        Ok(())
    })
}

/// Deletes the dataset locally; the deletion reaches the service with the
/// next synchronize of this dataset.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_delete(
    dataset: *const cognito_sync_dataset,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `dataset` is NULL or a live object from this library, per the header.
        let dataset = unsafe { ffi::try_ref(dataset, "dataset") }?;
        dataset.dataset.delete()?;
        Ok(())
    })
}

/// A run over the whole dataset, in its three C forms (blocking, `_start`, `_finish`).
#[derive(Clone, Copy)]
enum Run {
    Synchronize,
    FullResync,
}

impl Run {
    /// The operation's name, as operation handles carry it.
    fn name(self) -> &'static CStr {
        match self {
            Run::Synchronize => c"dataset_synchronize",
            Run::FullResync => c"dataset_full_resync",
        }
    }

    async fn on(self, dataset: Dataset) -> Result<cognito_sync_sync_report, FfiError> {
        let report = match self {
            Run::Synchronize => dataset.synchronize().await,
            Run::FullResync => dataset.full_resync().await,
        };
        report
            .map(cognito_sync_sync_report::from)
            .map_err(FfiError::from)
    }

    /// The blocking form: the report is written to `*report_out`.
    unsafe fn blocking(
        self,
        dataset: *const cognito_sync_dataset,
        report_out: *mut *mut cognito_sync_sync_report,
    ) -> Result<(), FfiError> {
        // SAFETY: `dataset` is NULL or a live object from this library, per the header.
        let dataset = unsafe { ffi::try_ref(dataset, "dataset") }?;
        ffi::check_out(report_out, "report_out")?;
        let future = self.on(dataset.dataset.clone());
        let report = runtime::block_on(dataset.cancelled.clone().guard(future))??;
        // SAFETY: `report_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(report_out, ffi::into_raw(report)) };
        Ok(())
    }

    /// The non-blocking form: an operation handle is written to `*op_out`.
    unsafe fn start(
        self,
        dataset: *const cognito_sync_dataset,
        callback: cognito_sync_callback,
        user_data: *mut c_void,
        op_out: *mut *mut cognito_sync_op,
    ) -> Result<(), FfiError> {
        // SAFETY: `dataset` is NULL or a live object from this library, per the header.
        let dataset = unsafe { ffi::try_ref(dataset, "dataset") }?;
        ffi::check_out(op_out, "op_out")?;
        let future = self.on(dataset.dataset.clone());
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe {
            op::start_into(
                self.name(),
                dataset.launch(),
                future,
                callback,
                user_data,
                op_out,
            )
        }
    }

    /// Takes the report of the non-blocking form.
    unsafe fn finish(
        self,
        op: *mut cognito_sync_op,
        report_out: *mut *mut cognito_sync_sync_report,
    ) -> Result<(), FfiError> {
        ffi::check_out(report_out, "report_out")?;
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        let report = unsafe { op::finish::<cognito_sync_sync_report>(op, self.name()) }?;
        // SAFETY: `report_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(report_out, Box::into_raw(report)) };
        Ok(())
    }
}

/// Synchronizes the dataset with the service, blocking: pulls the service's
/// changes, settles conflicts, pushes local changes. On success writes a
/// report to `*report_out` (free it with `cognito_sync_sync_report_free`).
/// Concurrent synchronizes of one dataset are coalesced. Exactly one of
/// SYNC_SUCCEEDED / SYNC_FAILED is also queued as an event. Refused with
/// `COGNITO_SYNC_STATUS_REENTRANT_CALL` inside a library callback.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_synchronize(
    dataset: *const cognito_sync_dataset,
    report_out: *mut *mut cognito_sync_sync_report,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { Run::Synchronize.blocking(dataset, report_out) }
    })
}

/// Synchronize, non-blocking: returns at once with an operation handle
/// (`cognito_sync_op_poll` each frame, `cognito_sync_op_wait`, free with
/// `cognito_sync_op_free`, which cancels it) and calls `callback` (if not
/// NULL) on a library worker thread when it ends, as the operations do. Take
/// the report with `cognito_sync_dataset_synchronize_finish`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_synchronize_start(
    dataset: *const cognito_sync_dataset,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { Run::Synchronize.start(dataset, callback, user_data, op_out) }
    })
}

/// Takes the report of `cognito_sync_dataset_synchronize_start`, as the
/// operations' `_finish` functions do (`COGNITO_SYNC_STATUS_PENDING` while it
/// runs). On success writes a report to `*report_out` (free it with
/// `cognito_sync_sync_report_free`).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_synchronize_finish(
    op: *mut cognito_sync_op,
    report_out: *mut *mut cognito_sync_sync_report,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { Run::Synchronize.finish(op, report_out) }
    })
}

/// Pulls the whole dataset again (from sync count 0), reconciles it with the
/// local copy (unpushed local changes are kept; conflicts go to the policy)
/// and pushes: recovers from any doubt about the local state. Blocking, with
/// the rules of `cognito_sync_dataset_synchronize`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_full_resync(
    dataset: *const cognito_sync_dataset,
    report_out: *mut *mut cognito_sync_sync_report,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { Run::FullResync.blocking(dataset, report_out) }
    })
}

/// Full resync, non-blocking: as `cognito_sync_dataset_synchronize_start`;
/// take the report with `cognito_sync_dataset_full_resync_finish`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_full_resync_start(
    dataset: *const cognito_sync_dataset,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { Run::FullResync.start(dataset, callback, user_data, op_out) }
    })
}

/// Takes the report of `cognito_sync_dataset_full_resync_start` (see
/// `cognito_sync_dataset_synchronize_finish`).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_dataset_full_resync_finish(
    op: *mut cognito_sync_op,
    report_out: *mut *mut cognito_sync_sync_report,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe { Run::FullResync.finish(op, report_out) }
    })
}
