//! The logging hook: a `tracing` subscriber that forwards each event's level,
//! target and message to one process-wide C callback.
//!
//! Hand-written rather than `tracing-subscriber`'s registry and a layer: the
//! hook needs events only (spans are ignored, as the layer did), and the
//! registry's span storage (sharded slab, thread-local pools) was ~40 KB of
//! the C library for nothing.

use std::ffi::{c_char, c_void};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{OnceLock, RwLock};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata, Subscriber};

use crate::cstr::CStrBuf;
use crate::error::FfiError;
use crate::runtime::{self, CallbackScope};
use crate::status::cognito_sync_status;

/// Log levels, most severe first. A callback registered with a maximum level
/// receives that level and every more severe one.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum cognito_sync_log_level {
    /// Nothing is logged.
    Off = 0,
    /// Failures the application should know about.
    Error = 1,
    /// Something unexpected that was handled (e.g. a retry).
    Warn = 2,
    /// Coarse progress.
    Info = 3,
    /// Requests and responses (never secrets).
    Debug = 4,
    /// Everything.
    Trace = 5,
}

impl cognito_sync_log_level {
    fn of(level: &Level) -> Self {
        match *level {
            Level::ERROR => Self::Error,
            Level::WARN => Self::Warn,
            Level::INFO => Self::Info,
            Level::DEBUG => Self::Debug,
            Level::TRACE => Self::Trace,
        }
    }
}

/// Receives one log line. `level` is a `cognito_sync_log_level` value;
/// `target` names the module that logged (e.g. "cognito_sync::http");
/// `message` is the formatted line, fields included. Both strings are valid
/// only during the call.
///
/// Called on whichever thread logged: the library's worker threads and any
/// thread that calls the library, possibly concurrently, so it must be
/// thread-safe. Lines logged while it runs on the same thread are dropped.
/// Library calls that block return `COGNITO_SYNC_STATUS_REENTRANT_CALL` from
/// inside it. It must not unwind.
#[allow(non_camel_case_types)]
pub type cognito_sync_log_callback = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        level: cognito_sync_log_level,
        target: *const c_char,
        message: *const c_char,
    ),
>;

#[derive(Clone, Copy)]
struct Hook {
    func: unsafe extern "C" fn(*mut c_void, cognito_sync_log_level, *const c_char, *const c_char),
    user_data: *mut c_void,
}

// SAFETY: the caller of cognito_sync_set_log_callback promises the callback
// and its user_data may be used from any thread (documented).
unsafe impl Send for Hook {}
// SAFETY: as for Send, and the library never hands out `&mut` to it.
unsafe impl Sync for Hook {}

/// The current hook. Readers hold the read lock while calling it, so
/// replacing it (write lock) waits for calls in progress.
static HOOK: RwLock<Option<Hook>> = RwLock::new(None);
/// The maximum level as a `cognito_sync_log_level` number; checked before
/// any formatting so disabled logging costs one atomic load.
static MAX_LEVEL: AtomicU32 = AtomicU32::new(0);
/// Whether our subscriber became the process-wide default.
static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();

/// The process-wide subscriber: events go to the hook, spans are ignored.
struct CallbackSubscriber;

fn level_enabled(metadata: &Metadata<'_>) -> bool {
    (cognito_sync_log_level::of(metadata.level()) as u32) <= MAX_LEVEL.load(Ordering::Relaxed)
}

impl Subscriber for CallbackSubscriber {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
        // Cached per callsite; `cognito_sync_set_log_callback` rebuilds the
        // cache whenever the level changes.
        if level_enabled(metadata) {
            Interest::always()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        level_enabled(metadata)
    }

    fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
        use tracing::level_filters::LevelFilter;
        Some(match MAX_LEVEL.load(Ordering::Relaxed) {
            0 => LevelFilter::OFF,
            1 => LevelFilter::ERROR,
            2 => LevelFilter::WARN,
            3 => LevelFilter::INFO,
            4 => LevelFilter::DEBUG,
            _ => LevelFilter::TRACE,
        })
    }

    fn new_span(&self, _span: &Attributes<'_>) -> Id {
        // Spans are not tracked, so one id serves them all (as tracing's own
        // no-op subscriber does).
        Id::from_u64(1)
    }

    fn record(&self, _span: &Id, _values: &Record<'_>) {}

    fn record_follows_from(&self, _span: &Id, _follows: &Id) {}

    fn event(&self, event: &Event<'_>) {
        if runtime::in_callback() {
            return; // a line logged from inside a callback: drop, never recurse
        }
        let Ok(hook) = HOOK.read() else {
            return;
        };
        let Some(hook) = *hook else {
            return;
        };
        let mut line = MessageVisitor(String::new());
        event.record(&mut line);
        let metadata = event.metadata();
        let level = cognito_sync_log_level::of(metadata.level());
        let target = CStrBuf::from(metadata.target());
        let message = CStrBuf::from(line.0);
        let _scope = CallbackScope::enter();
        // SAFETY: func/user_data were registered by the host; strings live
        // until the call returns.
        unsafe { (hook.func)(hook.user_data, level, target.as_ptr(), message.as_ptr()) };
    }

    fn enter(&self, _span: &Id) {}

    fn exit(&self, _span: &Id) {}
}

/// Formats the `message` field first, then `name=value` for the others.
struct MessageVisitor(String);

impl Visit for MessageVisitor {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.0.insert_str(0, value);
        } else {
            let _ = write!(self.0, " {}={}", field.name(), value);
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let text = format!("{value:?}");
            self.0.insert_str(0, &text);
        } else {
            let _ = write!(self.0, " {}={:?}", field.name(), value);
        }
    }
}

fn install() -> Result<(), FfiError> {
    let installed = INSTALLED.get_or_init(|| {
        tracing::subscriber::set_global_default(CallbackSubscriber).map_err(|_| {
            "another tracing subscriber is already the process-wide default; \
             the library's log lines go to it"
                .to_owned()
        })
    });
    installed
        .clone()
        .map_err(|message| FfiError::new(cognito_sync_status::Internal, message))
}

/// Routes the library's log lines to `callback` (process-wide), for levels
/// up to `max_level` (a `cognito_sync_log_level`: 0 off ... 5 trace).
/// Pass a NULL callback or `COGNITO_SYNC_LOG_LEVEL_OFF` to stop logging.
///
/// After this returns, the previous callback is not called any more and is
/// not running on another thread. Calling it from inside the log callback
/// returns `COGNITO_SYNC_STATUS_REENTRANT_CALL`. `max_level` above 5 is
/// `COGNITO_SYNC_STATUS_INVALID_ARGUMENT`. Thread-safe. No log line ever
/// contains a secret key or session token.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_set_log_callback(
    callback: cognito_sync_log_callback,
    max_level: u32,
    user_data: *mut c_void,
    err_out: *mut *mut crate::error::cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        if max_level > cognito_sync_log_level::Trace as u32 {
            return Err(FfiError::invalid_argument(format!(
                "max_level {max_level} is not a cognito_sync_log_level (0-5)"
            )));
        }
        if runtime::in_callback() {
            return Err(FfiError::reentrant());
        }
        let hook = callback.map(|func| Hook { func, user_data });
        let level = if hook.is_some() { max_level } else { 0 };
        if hook.is_some() {
            install()?;
        }
        {
            let mut current = HOOK.write().unwrap_or_else(|e| e.into_inner());
            *current = hook;
            MAX_LEVEL.store(level, Ordering::Relaxed);
        }
        // Callsites cache whether they are enabled: recompute after a change.
        tracing::callsite::rebuild_interest_cache();
        Ok(())
    })
}
