//! C ABI of the Cognito Sync client: one header (`include/cognito_sync.h`,
//! generated from this crate by cbindgen), one library (`libcognito_sync`,
//! shared and static).
//!
//! Conventions (the header repeats them for C users):
//! - every symbol starts with `cognito_sync_` (types) or `COGNITO_SYNC_` (constants);
//! - fallible functions return a `cognito_sync_status` (0 = OK) and take an
//!   optional trailing `cognito_sync_error **err_out`; out-parameters are
//!   written only on success;
//! - every object the library returns has exactly one `_free` function, and
//!   freeing NULL does nothing;
//! - strings are NUL-terminated UTF-8; borrowed strings live as long as their owner;
//! - no panic crosses the boundary: each export runs inside `ffi_guard!`;
//! - raw pointers are turned into references only in [`ffi`].
// Every unsafe operation sits in its own `unsafe {}` block with a `// SAFETY:` comment
// (workspace lints `unsafe_op_in_unsafe_fn`, `clippy::undocumented_unsafe_blocks`).
#![allow(non_camel_case_types)]
// The header documents every pointer rule; repeating "# Safety" on each of
// ~200 exports would only duplicate it.
#![allow(clippy::missing_safety_doc)]

pub mod panic;

pub mod allocator;
mod call;
pub mod client;
mod cstr;
mod dispatch;
pub mod error;
mod ffi;
mod gate;
pub mod inputs;
pub mod log;
pub mod op;
pub mod operations;
mod runtime;
pub mod shapes;
pub mod status;
pub mod strings;
pub mod sync;
mod time;
pub mod version;

/// The host's allocator once it set one (`cognito_sync_set_allocator`), else the
/// system allocator, named: each Rust allocation then calls `malloc` from the
/// allocator entry point itself; with the default one, a shared library keeps a second
/// out-of-line shim call per allocation (~0.6 k instructions per ListRecords, issue 7).
#[global_allocator]
static ALLOCATOR: allocator::HostAllocator = allocator::HostAllocator;
