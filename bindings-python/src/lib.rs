//! `cognito_sync._native`: the compiled half of the `cognito_sync` Python package.
//!
//! The public API is re-exported (and documented) by the pure-Python package; this
//! module holds the clients, the result and input classes, and the runtime glue. Every
//! call goes to the Rust core (`cognito_sync` crate): nothing here re-implements an
//! operation.

use pyo3::prelude::*;

mod boto;
mod client;
mod config;
mod errors;
mod fields;
mod inputs;
mod local;
mod logging;
mod models;
mod runtime;
mod shutdown;
mod sync;
mod time;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    logging::install();
    runtime::install();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<client::Client>()?;
    m.add_class::<client::AsyncClient>()?;
    m.add_class::<boto::BotoClient>()?;
    m.add_class::<boto::AsyncBotoClient>()?;
    m.add_class::<inputs::RecordPatch>()?;
    models::register(m)?;
    sync::register(m)?;
    m.add_function(wrap_pyfunction!(runtime::set_worker_threads, m)?)?;
    m.add_function(wrap_pyfunction!(runtime::_after_fork_in_child, m)?)?;
    m.add_function(wrap_pyfunction!(config::_setting_names, m)?)?;
    m.add_function(wrap_pyfunction!(logging::_refresh_log_level, m)?)?;
    m.add_function(wrap_pyfunction!(shutdown::_shutdown, m)?)?;
    Ok(())
}
