//! Routes the core's `tracing` events to Python's `logging`.
//!
//! Events of target `cognito_sync::http` go to the logger `cognito_sync.http`, and so
//! on. To stay off the hot path, the subscriber compares each event with a cached level:
//! the most verbose level the `cognito_sync` logger has enabled, read when a client is
//! created and then at most once a second (cheaply, while a call holds the GIL anyway).
//! The GIL is taken only for events that pass that test.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyAny;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// Python's numeric levels.
const DEBUG: u8 = 10;
const INFO: u8 = 20;
const WARNING: u8 = 30;
const ERROR: u8 = 40;
const DISABLED: u8 = 255;

/// Lowest Python level that is emitted (`DISABLED`: nothing).
static MIN_LEVEL: AtomicU8 = AtomicU8::new(WARNING);
/// Milliseconds since `START` at the last refresh.
static LAST_REFRESH_MS: AtomicU64 = AtomicU64::new(0);
static START: OnceLock<Instant> = OnceLock::new();

static GET_LOGGER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn py_level(level: &Level) -> u8 {
    match *level {
        Level::ERROR => ERROR,
        Level::WARN => WARNING,
        Level::INFO => INFO,
        // Python has no TRACE: both map to DEBUG (5 would hide them from DEBUG loggers).
        Level::DEBUG | Level::TRACE => DEBUG,
    }
}

fn get_logger(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    GET_LOGGER
        .get_or_try_init(py, || {
            Ok(py.import("logging")?.getattr("getLogger")?.unbind())
        })
        .map(|f| f.bind(py))
}

/// Whether the application has imported `logging` at all. Until it does, nothing is
/// configured: Python would only print WARNING and above (its "last resort" handler),
/// so that is the level, and importing `logging` (milliseconds) is left for the first
/// warning.
fn logging_imported(py: Python<'_>) -> bool {
    py.import("sys")
        .and_then(|sys| sys.getattr("modules"))
        .and_then(|m| m.contains("logging"))
        .unwrap_or(true)
}

/// Re-reads which levels the `cognito_sync` logger has enabled.
pub fn refresh(py: Python<'_>) {
    let start = START.get_or_init(Instant::now);
    LAST_REFRESH_MS.store(start.elapsed().as_millis() as u64, Ordering::Relaxed);
    if !logging_imported(py) {
        MIN_LEVEL.store(WARNING, Ordering::Relaxed);
        return;
    }
    let level = (|| -> PyResult<u8> {
        let logger = get_logger(py)?.call1(("cognito_sync",))?;
        for level in [DEBUG, INFO, WARNING, ERROR] {
            if logger.call_method1("isEnabledFor", (level,))?.is_truthy()? {
                return Ok(level);
            }
        }
        Ok(DISABLED)
    })()
    .unwrap_or(WARNING);
    MIN_LEVEL.store(level, Ordering::Relaxed);
}

/// Refreshes the cached level if the last refresh is more than a second old.
pub fn maybe_refresh(py: Python<'_>) {
    let start = START.get_or_init(Instant::now);
    let now = start.elapsed().as_millis() as u64;
    if now.saturating_sub(LAST_REFRESH_MS.load(Ordering::Relaxed)) >= 1000 {
        refresh(py);
    }
}

/// Forces a refresh of the cached level now (after changing logging configuration).
#[pyfunction]
pub fn _refresh_log_level(py: Python<'_>) {
    refresh(py);
}

/// Formats an event's fields: the message, then `key=value` for the others.
#[derive(Default)]
struct Message {
    text: String,
    extra: String,
}

impl Visit for Message {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.text.push_str(value);
        } else {
            let _ = write!(self.extra, " {}={:?}", field.name(), value);
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.text, "{value:?}");
        } else {
            let _ = write!(self.extra, " {}={:?}", field.name(), value);
        }
    }
}

/// The subscriber: no spans, events to Python.
struct PythonLogging;

impl Subscriber for PythonLogging {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        py_level(metadata.level()) >= MIN_LEVEL.load(Ordering::Relaxed)
    }

    fn register_callsite(
        &self,
        _metadata: &'static Metadata<'static>,
    ) -> tracing::subscriber::Interest {
        // The level can change at run time: ask `enabled` every time.
        tracing::subscriber::Interest::sometimes()
    }

    fn new_span(&self, _span: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _span: &Id, _values: &Record<'_>) {}

    fn record_follows_from(&self, _span: &Id, _follows: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let meta = event.metadata();
        let level = py_level(meta.level());
        let mut msg = Message::default();
        event.record(&mut msg);
        msg.text.push_str(&msg.extra);
        let logger_name = meta.target().replace("::", ".");
        // Events that come once the interpreter is exiting are dropped (see `shutdown`).
        let _ = crate::shutdown::with_python(|py| {
            let r = get_logger(py).and_then(|get| {
                get.call1((logger_name.as_str(),))?
                    .call_method1("log", (level, msg.text.as_str()))
            });
            if let Err(e) = r {
                // A failing handler must not break the call that logged.
                e.print(py);
            }
        });
    }

    fn enter(&self, _span: &Id) {}

    fn exit(&self, _span: &Id) {}
}

/// Installs the subscriber as this library's global default (the core linked into this
/// extension is private to it: no other Rust code shares its `tracing` registry).
pub fn install() {
    let _ = tracing::subscriber::set_global_default(PythonLogging);
}
