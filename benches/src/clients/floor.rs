//! The floor: the same HTTP requests, signed before the window opens, replayed by hyper's
//! pooled client with no SDK in between. No client doing real work can beat it here.

use crate::raw::{self, HttpClient, Presigned};
use crate::runner::{AsyncCall, Worker};

/// Replays pre-signed requests; for UpdateRecords on the emulator one request per call (the
/// sync count changes every call), otherwise one request per worker.
pub struct Floor {
    http: HttpClient,
    requests: Vec<Vec<Presigned>>,
    update: bool,
}

impl Floor {
    /// A floor replaying `requests[worker][call]` (the last one again once past the end, which
    /// only happens where the server does not care).
    pub fn new(requests: Vec<Vec<Presigned>>, update: bool) -> Self {
        Floor {
            http: raw::http_client(),
            requests,
            update,
        }
    }
}

impl AsyncCall for Floor {
    async fn call(&self, worker: &mut Worker) -> Result<(), String> {
        let list = &self.requests[worker.index];
        let req = &list[worker.sequence.min(list.len() - 1)];
        let (status, _body) = raw::send(&self.http, req).await?;
        if status != 200 {
            return Err(format!("floor: status {status}"));
        }
        worker.sequence += 1;
        if self.update {
            worker.sync_count += 1;
        }
        Ok(())
    }
}
