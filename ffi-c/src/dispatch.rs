//! Host-pumped completion callbacks: with `cognito_sync_config_set_host_dispatch`
//! a client's finished operations wait in its queue, and their callbacks run
//! only inside `cognito_sync_client_dispatch`, on the thread that calls it (a
//! game's main thread), never on a worker thread.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use crate::op::cognito_sync_op;
use crate::status::cognito_sync_status;

/// Finished operations whose callbacks wait for the host's pump.
#[derive(Default)]
pub(crate) struct DispatchQueue {
    ready: Mutex<VecDeque<(Arc<cognito_sync_op>, cognito_sync_status)>>,
}

impl DispatchQueue {
    pub(crate) fn push(&self, op: Arc<cognito_sync_op>, status: cognito_sync_status) {
        self.ready
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push_back((op, status));
    }

    /// The oldest waiting callback; the lock is not held while it runs.
    pub(crate) fn pop(&self) -> Option<(Arc<cognito_sync_op>, cognito_sync_status)> {
        self.ready
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop_front()
    }
}
