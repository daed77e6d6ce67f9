//! Operations on every dataset of the active identity: refresh the list from
//! the service, synchronize them all.

use std::ffi::{c_void, CStr};

use crate::client::Cancelled;
use crate::cstr::CStrBuf;
use crate::error::{cognito_sync_error, FfiError};
use crate::ffi;
use crate::op::{self, cognito_sync_callback, cognito_sync_op};
use crate::runtime;
use crate::status::cognito_sync_status;
use crate::sync::lists::cognito_sync_string_list;
use crate::sync::manager::cognito_sync_manager;

/// Fetches the identity's dataset list from the service (ListDatasets),
/// creating local entries for datasets this store lacks (e.g. a new device),
/// blocking. On success writes the names of the local datasets afterwards
/// (pending deletions excluded) to `*names_out`; free it with
/// `cognito_sync_string_list_free`. Refused with
/// `COGNITO_SYNC_STATUS_REENTRANT_CALL` inside a library callback.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_refresh_datasets(
    manager: *const cognito_sync_manager,
    names_out: *mut *mut cognito_sync_string_list,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `manager` is NULL or a live object from this library, per the header.
        let manager = unsafe { ffi::try_ref(manager, "manager") }?;
        ffi::check_out(names_out, "names_out")?;
        let m = manager.manager.clone();
        let future = async move { m.refresh_datasets().await.map_err(FfiError::from) };
        let cancelled = Cancelled::new(manager.cancel.subscribe());
        let list = runtime::block_on(cancelled.guard(future))??;
        let items = list
            .into_iter()
            .filter(|d| !d.pending_delete)
            .map(|d| CStrBuf::from(d.name))
            .collect();
        // SAFETY: `names_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(names_out, ffi::into_raw(cognito_sync_string_list { items })) };
        Ok(())
    })
}

const SYNCHRONIZE_ALL: &CStr = c"manager_synchronize_all";

/// The names of the datasets whose synchronize failed.
fn failed_names(
    outcomes: Vec<(
        String,
        cognito_sync_core::sync::Result<cognito_sync_core::sync::SyncReport>,
    )>,
) -> cognito_sync_string_list {
    let items = outcomes
        .into_iter()
        .filter(|(_, outcome)| outcome.is_err())
        .map(|(name, _)| CStrBuf::from(name))
        .collect();
    cognito_sync_string_list { items }
}

/// Refreshes the dataset list from the service, then synchronizes every
/// dataset of the active identity (local deletions first), one after the
/// other, all under one identity id; blocking. Fails as a whole only if the
/// identity or the list cannot be obtained. Otherwise returns
/// `COGNITO_SYNC_STATUS_OK` and writes to `*failed_out` the names of the
/// datasets whose synchronize failed (empty when all succeeded; free it with
/// `cognito_sync_string_list_free`); each dataset's outcome, with its report
/// or error, is also queued as a SYNC_SUCCEEDED / SYNC_FAILED event. Refused
/// with `COGNITO_SYNC_STATUS_REENTRANT_CALL` inside a library callback.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_synchronize_all(
    manager: *const cognito_sync_manager,
    failed_out: *mut *mut cognito_sync_string_list,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `manager` is NULL or a live object from this library, per the header.
        let manager = unsafe { ffi::try_ref(manager, "manager") }?;
        ffi::check_out(failed_out, "failed_out")?;
        let m = manager.manager.clone();
        let future = async move { m.synchronize_all().await.map_err(FfiError::from) };
        let cancelled = Cancelled::new(manager.cancel.subscribe());
        let outcomes = runtime::block_on(cancelled.guard(future))??;
        // SAFETY: `failed_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(failed_out, ffi::into_raw(failed_names(outcomes))) };
        Ok(())
    })
}

/// Synchronize-all, non-blocking: returns at once with an operation handle
/// (`cognito_sync_op_poll` each frame, `cognito_sync_op_wait`, free with
/// `cognito_sync_op_free`, which cancels it) and calls `callback` (if not
/// NULL) on a library worker thread when it ends, as the operations do. Take
/// the result with `cognito_sync_manager_synchronize_all_finish`.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_synchronize_all_start(
    manager: *const cognito_sync_manager,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `manager` is NULL or a live object from this library, per the header.
        let manager = unsafe { ffi::try_ref(manager, "manager") }?;
        ffi::check_out(op_out, "op_out")?;
        let m = manager.manager.clone();
        let future = async move {
            m.synchronize_all()
                .await
                .map(failed_names)
                .map_err(FfiError::from)
        };
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        unsafe {
            op::start_into(
                SYNCHRONIZE_ALL,
                manager.launch(),
                future,
                callback,
                user_data,
                op_out,
            )
        }
    })
}

/// Takes the result of `cognito_sync_manager_synchronize_all_start`, as the
/// operations' `_finish` functions do (`COGNITO_SYNC_STATUS_PENDING` while it
/// runs). On success writes the names of the datasets whose synchronize
/// failed to `*failed_out`, as `cognito_sync_manager_synchronize_all` does.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_synchronize_all_finish(
    op: *mut cognito_sync_op,
    failed_out: *mut *mut cognito_sync_string_list,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        ffi::check_out(failed_out, "failed_out")?;
        // SAFETY: each pointer argument is NULL or valid as the header requires.
        let failed = unsafe { op::finish::<cognito_sync_string_list>(op, SYNCHRONIZE_ALL) }?;
        // SAFETY: `failed_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(failed_out, Box::into_raw(failed)) };
        Ok(())
    })
}
