//! The shared bodies of the operation exports: read the C request, run the
//! core call blocking or as a non-blocking operation, hand the result out.

use std::any::Any;
use std::cell::Cell;
use std::ffi::{c_void, CStr};
use std::future::Future;

use crate::client::cognito_sync_client;
use crate::error::{FfiError, FfiResult};
use crate::ffi;
use crate::op::{self, cognito_sync_callback, cognito_sync_op};
use crate::status::cognito_sync_status;

/// One operation of the service as seen from C.
pub(crate) trait OpSpec {
    /// The snake_case name, also the name of the exports.
    const NAME: &'static CStr;
    /// The `#[repr(C)]` request struct C fills.
    type Request;
    /// The core's input.
    type Input: Send + 'static;
    /// The result handle given to C (`()` when the operation returns nothing).
    type Output: Send + 'static;

    /// Copies and checks the C request (NULL, UTF-8, enum values).
    unsafe fn read(request: &Self::Request) -> FfiResult<Self::Input>;

    /// The core call, converting its output for C.
    fn call(
        client: cognito_sync_core::Client,
        input: Self::Input,
    ) -> impl Future<Output = FfiResult<Self::Output>> + Send + 'static;
}

unsafe fn prepare<'a, O: OpSpec>(
    client: *const cognito_sync_client,
    request: *const O::Request,
) -> FfiResult<(&'a cognito_sync_client, O::Input)> {
    // SAFETY: `client` is NULL or a live object from this library, per the header.
    let client = unsafe { ffi::try_ref(client, "client") }?;
    // SAFETY: `request` is NULL or points to a request the caller filled, per the header.
    let request = unsafe { ffi::try_ref(request, "request") }?;
    // SAFETY: `request` is a request C filled: its pointer members follow the header's rules.
    let input = unsafe { O::read(request) }?;
    Ok((client, input))
}

/// Runs the operation on the calling thread; its result comes back boxed
/// (the box C receives), through the one type-erased blocking path.
///
/// The operation's future (several KB: the core's request, connection and
/// response states) is built where it is polled, inside a future pinned on
/// this stack, and never moved: no heap copy of it per call. The core hands
/// its per-thread client over only when it starts the call, hence the cell.
unsafe fn run<O: OpSpec>(
    client: *const cognito_sync_client,
    request: *const O::Request,
) -> FfiResult<Box<O::Output>> {
    // SAFETY: our caller passes the export's `client` and `request`, valid per the header.
    let (client, input) = unsafe { prepare::<O>(client, request) }?;
    let core = Cell::new(None);
    let future = std::pin::pin!(async {
        let Some(core) = core.take() else {
            return Err(FfiError::new(
                cognito_sync_status::Internal,
                "blocking call started without a client",
            ));
        };
        let call = std::pin::pin!(O::call(core, input));
        call.await
            .map(|value| Box::new(value) as Box<dyn Any + Send>)
    });
    let output = client.run_erased(|thread_core| {
        core.set(Some(thread_core));
        future
    })?;
    output.downcast::<O::Output>().map_err(|_| {
        FfiError::new(
            cognito_sync_status::Internal,
            "operation result has an unexpected type",
        )
    })
}

/// Blocking call writing a result handle to `out`.
pub(crate) unsafe fn blocking<O: OpSpec>(
    client: *const cognito_sync_client,
    request: *const O::Request,
    out: *mut *mut O::Output,
) -> FfiResult<()> {
    ffi::check_out(out, "out")?;
    // SAFETY: our caller passes the export's `client` and `request`, valid per the header.
    let output = unsafe { run::<O>(client, request) }?;
    // SAFETY: `out` is NULL (skipped) or a writable out-parameter, per the header.
    unsafe { ffi::write_out(out, Box::into_raw(output)) };
    Ok(())
}

/// Blocking call of an operation without result members.
pub(crate) unsafe fn blocking_unit<O: OpSpec<Output = ()>>(
    client: *const cognito_sync_client,
    request: *const O::Request,
) -> FfiResult<()> {
    // SAFETY: our caller passes the export's `client` and `request`, valid per the header.
    unsafe { run::<O>(client, request) }.map(drop)
}

/// Starts the operation; writes its handle to `op_out`.
pub(crate) unsafe fn start<O: OpSpec>(
    client: *const cognito_sync_client,
    request: *const O::Request,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
) -> FfiResult<()> {
    ffi::check_out(op_out, "op_out")?;
    // SAFETY: our caller passes the export's `client` and `request`, valid per the header.
    let (client, input) = unsafe { prepare::<O>(client, request) }?;
    let future = O::call(client.core().clone(), input);
    // SAFETY: each pointer argument is NULL or valid as the header requires.
    unsafe {
        op::start_into(
            O::NAME,
            client.launch(),
            future,
            callback,
            user_data,
            op_out,
        )
    }
}

/// Takes the result of a finished operation into `out`.
pub(crate) unsafe fn finish<O: OpSpec>(
    op: *mut cognito_sync_op,
    out: *mut *mut O::Output,
) -> FfiResult<()> {
    ffi::check_out(out, "out")?;
    // The box the result was stored in is the one handed to C.
    // SAFETY: each pointer argument is NULL or valid as the header requires.
    let output = unsafe { op::finish::<O::Output>(op, O::NAME) }?;
    // SAFETY: `out` is NULL (skipped) or a writable out-parameter, per the header.
    unsafe { ffi::write_out(out, Box::into_raw(output)) };
    Ok(())
}

/// Takes the outcome of a finished operation without result members.
pub(crate) unsafe fn finish_unit<O: OpSpec<Output = ()>>(
    op: *mut cognito_sync_op,
) -> FfiResult<()> {
    // SAFETY: each pointer argument is NULL or valid as the header requires.
    unsafe { op::finish::<()>(op, O::NAME) }.map(drop)
}
