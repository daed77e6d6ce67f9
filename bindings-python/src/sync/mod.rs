//! The offline-first sync manager for Python: `SyncManager`, a mapping-like
//! `SyncDataset`, blocking and asyncio `synchronize`, a Python callable as conflict
//! resolver, and event polling. Everything delegates to `cognito_sync::sync`.
//!
//! Laid out like the C layer's `ffi-c/src/sync/`: one file per concept.

use pyo3::prelude::*;

mod conflict;
mod dataset;
mod error;
mod event;
mod handlers;
mod identity;
mod manager;
mod report;

/// Adds the sync manager's classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<manager::SyncManager>()?;
    m.add_class::<dataset::SyncDataset>()?;
    m.add_class::<report::SyncRecord>()?;
    m.add_class::<report::SyncReport>()?;
    m.add_class::<event::SyncEvent>()?;
    m.add_class::<conflict::Conflict>()?;
    m.add_class::<conflict::Resolution>()?;
    m.add_class::<report::DatasetInfo>()?;
    m.add_class::<identity::IdentitySwitchReport>()?;
    Ok(())
}
