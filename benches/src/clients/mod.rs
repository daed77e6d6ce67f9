//! The clients under test, each behind [`crate::runner::AsyncCall`] or
//! [`crate::runner::BlockingCall`], all making the same calls with the same data.

pub mod aws;
pub mod floor;
pub mod ours;
