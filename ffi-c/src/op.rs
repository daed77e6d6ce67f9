//! Non-blocking operations: start -> handle; poll / wait; finish; free.
//!
//! An operation runs as a task on the shared runtime. Its handle is an
//! `Arc` given to C; the task holds another reference, so the pointer handed
//! to a completion callback is valid for the whole callback even if the
//! caller frees the handle meanwhile.

use std::any::{Any, TypeId};
use std::ffi::{c_char, c_void, CStr};
use std::future::Future;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use futures_util::future::{AbortHandle, Abortable};

use crate::dispatch::DispatchQueue;
use crate::error::{FfiError, FfiResult};
use crate::gate::Gate;
use crate::runtime::{self, CallbackScope};
use crate::status::cognito_sync_status;

/// Completion callback of a non-blocking operation.
///
/// Called at most once, after the operation finished (successfully or not),
/// on one of the library's worker threads (never on the thread that called
/// `_start`, never concurrently for the same operation). `user_data` is the
/// pointer given to `_start`; `op` is the operation's handle, valid during the
/// call (its result can be taken with the matching `_finish` right there);
/// `status` is what `cognito_sync_op_poll` would return.
///
/// Not called at all if the operation or its client was freed before it
/// completed. Keep it short: it runs on a thread that serves other requests.
/// Blocking library calls made from it return `COGNITO_SYNC_STATUS_REENTRANT_CALL`;
/// non-blocking ones (`_start`, `_poll`, `_finish`, `_free`) are allowed. It
/// must not unwind (no C++ exception may escape it).
#[allow(non_camel_case_types)]
pub type cognito_sync_callback = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        op: *mut cognito_sync_op,
        status: cognito_sync_status,
    ),
>;

/// A C callback and its user data, carried to a worker thread.
#[derive(Clone, Copy)]
pub(crate) struct Callback {
    func: unsafe extern "C" fn(*mut c_void, *mut cognito_sync_op, cognito_sync_status),
    user_data: *mut c_void,
}

// SAFETY: the caller of `_start` promises that user_data may be used from the
// library's worker threads (documented on cognito_sync_callback).
unsafe impl Send for Callback {}
// SAFETY: as for Send, and the library never hands out `&mut` to it.
unsafe impl Sync for Callback {}

impl Callback {
    pub(crate) fn new(func: cognito_sync_callback, user_data: *mut c_void) -> Option<Self> {
        func.map(|func| Self { func, user_data })
    }
}

/// The result of a finished operation, type-erased until `_finish` takes it.
type Outcome = FfiResult<Box<dyn Any + Send>>;

enum Slot {
    Running,
    Done(Outcome),
    Taken(cognito_sync_status),
}

struct OpState {
    slot: Slot,
    freed: bool,
    callback_thread: Option<ThreadId>,
}

/// A non-blocking operation in flight or finished.
///
/// Ownership: returned by a `cognito_sync_<operation>_start` function, owned by
/// the caller, released with `cognito_sync_op_free` (which cancels it if it is
/// still running). Any thread may poll, wait on or free it, but free it once
/// and only when no other thread is still using it.
pub struct cognito_sync_op {
    name: &'static CStr,
    state: Mutex<OpState>,
    changed: Condvar,
    abort: AbortHandle,
    callback: Option<Callback>,
    client_gate: Arc<Gate>,
    /// The client's host-dispatch queue, when callbacks wait for its pump.
    dispatch: Option<Weak<DispatchQueue>>,
}

impl cognito_sync_op {
    fn lock(&self) -> MutexGuard<'_, OpState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Stores the outcome, wakes waiters, then runs the callback if nobody
    /// freed the operation or its client.
    fn complete(self: &Arc<Self>, outcome: Outcome) {
        let status = match &outcome {
            Ok(_) => cognito_sync_status::Ok,
            Err(e) => e.status(),
        };
        {
            let mut state = self.lock();
            if state.freed {
                return;
            }
            state.slot = Slot::Done(outcome);
        }
        self.changed.notify_all();

        if self.callback.is_none() {
            return;
        }
        if let Some(queue) = &self.dispatch {
            // Host dispatch: the callback runs in cognito_sync_client_dispatch.
            if let Some(queue) = queue.upgrade() {
                queue.push(Arc::clone(self), status);
            }
            return;
        }
        self.run_callback(status);
    }

    /// Runs the completion callback unless the operation or its client was
    /// freed (on a worker thread, or on the host's pumping thread).
    pub(crate) fn run_callback(self: &Arc<Self>, status: cognito_sync_status) -> bool {
        let Some(callback) = self.callback else {
            return false;
        };
        let Some(_pass) = self.client_gate.enter() else {
            return false; // the client was freed: no callback any more
        };
        {
            let mut state = self.lock();
            if state.freed {
                return false;
            }
            state.callback_thread = Some(std::thread::current().id());
        }
        {
            let _scope = CallbackScope::enter();
            let op = Arc::as_ptr(self).cast_mut();
            // The callback is extern "C": it cannot unwind into us.
            // SAFETY: func/user_data come from the caller of _start; op is
            // alive because this task holds a reference.
            unsafe { (callback.func)(callback.user_data, op, status) };
        }
        self.lock().callback_thread = None;
        self.changed.notify_all();
        true
    }

    fn status(&self) -> cognito_sync_status {
        match &self.lock().slot {
            Slot::Running => cognito_sync_status::Pending,
            Slot::Done(Ok(_)) => cognito_sync_status::Ok,
            Slot::Done(Err(e)) => e.status(),
            Slot::Taken(status) => *status,
        }
    }

    /// Takes the result if the operation is `name` and has finished.
    pub(crate) fn take<T: 'static>(&self, name: &'static CStr) -> FfiResult<Box<T>> {
        self.take_erased(name, TypeId::of::<T>())?
            .downcast::<T>()
            .map_err(|_| unexpected_type())
    }

    /// The body of [`take`](Self::take), compiled once for every result
    /// type: the result is taken only if it is a `want`.
    fn take_erased(&self, name: &'static CStr, want: TypeId) -> FfiResult<Box<dyn Any + Send>> {
        if self.name != name {
            let mine = self.name.to_str().unwrap_or_default();
            return Err(FfiError::new(
                cognito_sync_status::WrongOperation,
                format!(
                    "this handle belongs to `{mine}`, not to `{}`; use cognito_sync_{mine}_finish",
                    name.to_str().unwrap_or_default()
                ),
            ));
        }
        let mut state = self.lock();
        match std::mem::replace(&mut state.slot, Slot::Running) {
            Slot::Running => Err(FfiError::new(
                cognito_sync_status::Pending,
                "operation still running",
            )),
            Slot::Taken(status) => {
                state.slot = Slot::Taken(status);
                Err(FfiError::new(
                    cognito_sync_status::AlreadyUsed,
                    "the result of this operation was already taken",
                ))
            }
            Slot::Done(Err(error)) => {
                state.slot = Slot::Taken(error.status());
                Err(error)
            }
            // `Any::type_id` of the value, not of its box.
            Slot::Done(Ok(value)) if Any::type_id(&*value) == want => {
                state.slot = Slot::Taken(cognito_sync_status::Ok);
                Ok(value)
            }
            Slot::Done(Ok(value)) => {
                state.slot = Slot::Done(Ok(value));
                Err(unexpected_type())
            }
        }
    }
}

fn unexpected_type() -> FfiError {
    FfiError::new(
        cognito_sync_status::Internal,
        "operation result has an unexpected type",
    )
}

/// Where an operation runs and what cancels it: taken from the client.
pub(crate) struct Launch {
    pub(crate) client_gate: Arc<Gate>,
    pub(crate) cancelled: crate::client::Cancelled,
    /// Set for a client in host-dispatch mode (weak: the client owns it).
    pub(crate) dispatch: Option<Weak<DispatchQueue>>,
}

/// The result of an operation with its type erased: each operation's value
/// is boxed once (the box later handed to C or stored in the handle).
pub(crate) type ErasedResult = FfiResult<Box<dyn Any + Send>>;

/// An operation's future with its type erased, so the task, guard and
/// runtime machinery is compiled once for all operations instead of once per
/// operation (a large part of the library's size), at the cost of one box.
pub(crate) type ErasedFuture = std::pin::Pin<Box<dyn Future<Output = ErasedResult> + Send>>;

/// An operation's future with its type erased, pinned where its owner keeps
/// it (a blocking call: on the caller's stack, no box).
pub(crate) type ErasedRef<'f> = std::pin::Pin<&'f mut (dyn Future<Output = ErasedResult> + 'f)>;

/// Boxes `future` as an [`ErasedFuture`].
pub(crate) fn erase<T, F>(future: F) -> ErasedFuture
where
    T: Send + 'static,
    F: Future<Output = FfiResult<T>> + Send + 'static,
{
    use futures_util::FutureExt;
    // A combinator, not an `async` block: the block would move the (large)
    // future once more, from its capture into its await slot, on first poll.
    Box::pin(future.map(|result| result.map(|value| Box::new(value) as Box<dyn Any + Send>)))
}

/// Spawns `future` as operation `name` and returns the handle for C.
pub(crate) fn start<T, F>(
    name: &'static CStr,
    launch: Launch,
    future: F,
    callback: Option<Callback>,
) -> FfiResult<*mut cognito_sync_op>
where
    T: Send + 'static,
    F: Future<Output = FfiResult<T>> + Send + 'static,
{
    start_erased(name, launch, erase(future), callback)
}

/// The body of [`start`], shared by every operation.
fn start_erased(
    name: &'static CStr,
    launch: Launch,
    future: ErasedFuture,
    callback: Option<Callback>,
) -> FfiResult<*mut cognito_sync_op> {
    let runtime = runtime::runtime()?;
    let (abort, registration) = AbortHandle::new_pair();
    let op = Arc::new(cognito_sync_op {
        name,
        state: Mutex::new(OpState {
            slot: Slot::Running,
            freed: false,
            callback_thread: None,
        }),
        changed: Condvar::new(),
        abort,
        callback,
        client_gate: launch.client_gate,
        dispatch: launch.dispatch,
    });
    let task_op = Arc::clone(&op);
    let cancelled = launch.cancelled;
    runtime.spawn(async move {
        let guarded = cancelled.guard(catch_panics(future));
        if let Ok(outcome) = Abortable::new(guarded, registration).await {
            task_op.complete(outcome);
        }
    });
    Ok(Arc::into_raw(op).cast_mut())
}

/// Wraps a future so that a panic inside it becomes the panic status instead
/// of a task that silently never completes.
pub(crate) async fn catch_panics<T>(future: impl Future<Output = FfiResult<T>>) -> FfiResult<T> {
    use futures_util::FutureExt;
    match std::panic::AssertUnwindSafe(future).catch_unwind().await {
        Ok(result) => result,
        Err(payload) => Err(FfiError::new(
            cognito_sync_status::Panic,
            crate::panic::panic_message(&*payload),
        )),
    }
}

/// Reports progress without blocking: `COGNITO_SYNC_STATUS_PENDING` while the
/// operation runs, then its final status (`COGNITO_SYNC_STATUS_OK` or the
/// error's status), also after the result was taken. Call it every frame from
/// a game loop. `COGNITO_SYNC_STATUS_NULL_ARGUMENT` when `op` is NULL.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_op_poll(op: *const cognito_sync_op) -> cognito_sync_status {
    crate::ffi_guard_value!(cognito_sync_status::Panic, {
        // SAFETY: `op` is NULL or a live object from this library, per the header.
        match unsafe { crate::ffi::opt_ref(op) } {
            Some(op) => op.status(),
            None => cognito_sync_status::NullArgument,
        }
    })
}

/// Waits until the operation finishes or `timeout_ms` milliseconds pass
/// (negative: no limit; 0: same as poll). Returns `COGNITO_SYNC_STATUS_PENDING`
/// on timeout, else the final status as `cognito_sync_op_poll`.
///
/// Waiting with a non-zero timeout inside a library callback or on an async
/// runtime thread returns `COGNITO_SYNC_STATUS_REENTRANT_CALL` without waiting.
/// Thread-safe; several threads may wait on the same operation.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_op_wait(
    op: *const cognito_sync_op,
    timeout_ms: i64,
) -> cognito_sync_status {
    crate::ffi_guard_value!(cognito_sync_status::Panic, {
        // SAFETY: `op` is NULL or a live object from this library, per the header.
        let op = unsafe { crate::ffi::opt_ref(op) };
        let Some(op) = op else {
            return cognito_sync_status::NullArgument;
        };
        if timeout_ms != 0 && runtime::blocking_forbidden() {
            return cognito_sync_status::ReentrantCall;
        }
        let deadline = u64::try_from(timeout_ms)
            .ok()
            .map(|ms| Instant::now() + Duration::from_millis(ms));
        let mut state = op.lock();
        loop {
            if !matches!(state.slot, Slot::Running) {
                break;
            }
            match deadline {
                None => state = op.changed.wait(state).unwrap_or_else(|e| e.into_inner()),
                Some(deadline) => {
                    let now = Instant::now();
                    if now >= deadline {
                        break;
                    }
                    state = op
                        .changed
                        .wait_timeout(state, deadline - now)
                        .map(|(s, _)| s)
                        .unwrap_or_else(|e| e.into_inner().0);
                }
            }
        }
        drop(state);
        op.status()
    })
}

/// The name of the operation (e.g. "list_records"), static; "" when `op` is NULL.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_op_name(op: *const cognito_sync_op) -> *const c_char {
    crate::ffi_guard_value!(c"".as_ptr(), {
        // SAFETY: `op` is NULL or a live object from this library, per the header.
        match unsafe { crate::ffi::opt_ref(op) } {
            Some(op) => op.name.as_ptr(),
            None => c"".as_ptr(),
        }
    })
}

/// Frees an operation handle. If the operation is still running it is
/// cancelled (its request is abandoned; the service may or may not have
/// applied it). After this returns, its completion callback will not start,
/// and is not running on another thread, except when `cognito_sync_op_free`
/// is itself called from inside a library callback, in which case a callback
/// of this operation already running elsewhere may still be finishing.
/// Freeing NULL does nothing. Free each handle exactly once; it may be freed
/// from inside its own completion callback (then do not use `op` after).
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_op_free(op: *mut cognito_sync_op) {
    crate::ffi_guard_value!((), {
        // SAFETY: `op` is NULL or a handle from a `_start` function, freed only once, per the
        // header.
        let op = unsafe { crate::ffi::take_arc(op) };
        let Some(op) = op else {
            return;
        };
        let mut state = op.lock();
        state.freed = true;
        op.abort.abort();
        if !runtime::in_callback() {
            while state.callback_thread.is_some() {
                state = op.changed.wait(state).unwrap_or_else(|e| e.into_inner());
            }
        }
        drop(state);
        drop(op);
    })
}

/// Shared body of every `_finish` function: checks the handle and the
/// out-parameter, takes the result, converts it.
pub(crate) unsafe fn finish<T: 'static>(
    op: *mut cognito_sync_op,
    name: &'static CStr,
) -> FfiResult<Box<T>> {
    // SAFETY: `op` is NULL or a live handle from a `_start` function, per the header.
    let op = unsafe { crate::ffi::try_ref(op.cast_const(), "op") }?;
    op.take::<T>(name)
}

/// Shared body of every `_start` function after its request was read.
pub(crate) unsafe fn start_into<T, F>(
    name: &'static CStr,
    launch: Launch,
    future: F,
    callback: cognito_sync_callback,
    user_data: *mut c_void,
    op_out: *mut *mut cognito_sync_op,
) -> FfiResult<()>
where
    T: Send + 'static,
    F: Future<Output = FfiResult<T>> + Send + 'static,
{
    let handle = start(name, launch, future, Callback::new(callback, user_data))?;
    // SAFETY: `op_out` is NULL (skipped) or a writable out-parameter, per the header.
    unsafe { crate::ffi::write_out(op_out, handle) };
    Ok(())
}
