//! The HTTP metadata of a call's last response (status, headers, attempts), for layers
//! that must hand it to their users, such as the Python binding's boto3-compatible
//! client (botocore's `ResponseMetadata`).
//!
//! Nothing is recorded unless the call runs inside [`capture`]: the operations' return
//! types stay as they are, and calls outside a capture pay one thread-local lookup.

use std::cell::RefCell;
use std::future::Future;

use http::HeaderMap;

/// What the last attempt of a call received.
#[derive(Debug, Clone, Default)]
pub struct ResponseMetadata {
    /// The HTTP status of the last response (0 when no response was received).
    pub status: u16,
    /// The headers of the last response (empty when no response was received).
    pub headers: HeaderMap,
    /// Attempts made, the first included (1 when the call was not retried).
    pub attempts: u32,
}

impl ResponseMetadata {
    /// The request id the service gave (`x-amzn-RequestId`, else `x-amz-request-id`).
    pub fn request_id(&self) -> Option<&str> {
        self.headers
            .get("x-amzn-requestid")
            .or_else(|| self.headers.get("x-amz-request-id"))
            .and_then(|v| v.to_str().ok())
    }
}

tokio::task_local! {
    static SLOT: RefCell<ResponseMetadata>;
}

/// Runs `call` (a client call, e.g. `client.list_records(input)`) and returns its
/// output with the metadata of its last response.
pub async fn capture<F: Future>(call: F) -> (F::Output, ResponseMetadata) {
    SLOT.scope(RefCell::new(ResponseMetadata::default()), async move {
        let out = call.await;
        let meta = SLOT
            .try_with(|m| std::mem::take(&mut *m.borrow_mut()))
            .unwrap_or_default();
        (out, meta)
    })
    .await
}

/// Whether the current call is being captured (so that headers are kept).
pub(crate) fn capturing() -> bool {
    SLOT.try_with(|_| ()).is_ok()
}

/// Records the start of attempt `n` (the previous attempt's response is forgotten).
pub(crate) fn attempt_started(n: u32) {
    let _ = SLOT.try_with(|m| {
        let mut m = m.borrow_mut();
        m.attempts = n;
        m.status = 0;
        m.headers.clear();
    });
}

/// Records the response of the current attempt.
pub(crate) fn response(status: u16, headers: HeaderMap) {
    let _ = SLOT.try_with(|m| {
        let mut m = m.borrow_mut();
        m.status = status;
        m.headers = headers;
    });
}
