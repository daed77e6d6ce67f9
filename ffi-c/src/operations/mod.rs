//! The 17 operations, each callable blocking (`cognito_sync_<op>`) and
//! non-blocking (`cognito_sync_<op>_start` + `_finish`), one module per area
//! of the service.

pub mod bulk_publish;
pub mod datasets;
pub mod events;
pub mod pool_config;
pub mod push;
pub mod records;
pub mod usage;
