//! Switching the store's active identity (e.g. a guest signing in).

use std::ffi::c_char;

use cognito_sync_core::sync::IdentitySwitch;

use crate::cstr::CStrBuf;
use crate::error::{cognito_sync_error, FfiError};
use crate::ffi;
use crate::runtime;
use crate::status::cognito_sync_status;
use crate::sync::lists::cognito_sync_string_list;
use crate::sync::manager::cognito_sync_manager;

/// What `cognito_sync_manager_switch_identity` does with the previous
/// identity's local data.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cognito_sync_identity_switch {
    /// Leave it under the previous identity (unsynced changes included; they
    /// sync if that identity becomes active again). The new identity sees only
    /// its own data. Right for a different user signing in.
    KeepSeparate = 0,
    /// Move every dataset to the new identity as local changes, pushed by the
    /// next synchronizes (conflicts settled by the conflict policy). Fails with
    /// `COGNITO_SYNC_STATUS_IDENTITY_COLLISION`, changing nothing, if the new
    /// identity already has a local dataset of the same name. Right for
    /// carrying a guest's progress into the account they signed in to.
    MoveData = 1,
    /// Delete the previous identity's local data, unsynced changes included
    /// ("sign out and forget").
    DiscardPrevious = 2,
}

/// Makes `identity_id` the store's active identity, in one transaction: on
/// failure nothing changed. `mode` is a `cognito_sync_identity_switch`. Local:
/// no network. On success writes the names of the datasets moved to the new
/// identity to `*moved_out` (empty unless data moved; free it with
/// `cognito_sync_string_list_free`). Dataset handles opened before fail with
/// `COGNITO_SYNC_STATUS_IDENTITY_CHANGED` afterwards; synchronizes already
/// running finish under the identity they started with. Refused with
/// `COGNITO_SYNC_STATUS_REENTRANT_CALL` inside a library callback.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_manager_switch_identity(
    manager: *const cognito_sync_manager,
    identity_id: *const c_char,
    mode: u32,
    moved_out: *mut *mut cognito_sync_string_list,
    err_out: *mut *mut cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        // SAFETY: `manager` is NULL or a live object from this library, per the header.
        let manager = unsafe { ffi::try_ref(manager, "manager") }?;
        // SAFETY: `identity_id` is NULL or a NUL-terminated string, per the header.
        let identity_id = unsafe { ffi::try_str(identity_id, "identity_id") }?;
        ffi::check_out(moved_out, "moved_out")?;
        let mode = match mode {
            0 => IdentitySwitch::KeepSeparate,
            1 => IdentitySwitch::MoveData,
            2 => IdentitySwitch::DiscardPrevious,
            other => {
                return Err(FfiError::invalid_argument(format!(
                    "mode {other} is not a cognito_sync_identity_switch"
                )))
            }
        };
        if runtime::blocking_forbidden() {
            return Err(FfiError::reentrant());
        }
        let report = manager.manager.switch_identity(identity_id, mode)?;
        let items = report.moved.into_iter().map(CStrBuf::from).collect();
        // SAFETY: `moved_out` is NULL (skipped) or a writable out-parameter, per the header.
        unsafe { ffi::write_out(moved_out, ffi::into_raw(cognito_sync_string_list { items })) };
        Ok(())
    })
}
