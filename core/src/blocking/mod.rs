//! A blocking client with the same methods as the async [`Client`](crate::Client).
//!
//! Each call runs start to finish on the calling thread, on a small runtime of that
//! thread's own with that thread's own connections (see `thread_runtime.rs` for why);
//! threads share the client's settings, credentials cache and retry quota. The paginators
//! run on the process-wide multi-thread runtime instead ([`crate::embedding::runtime`]),
//! as an iterator may move between threads. Calling a blocking method from inside an
//! async runtime (where blocking would stall or panic) returns an error of kind
//! [`ErrorKind::Runtime`](crate::ErrorKind::Runtime) instead.
//!
//! A custom [`ProvideCredentials`] used with a blocking client is called from these
//! per-thread runtimes: it must not keep I/O resources (such as pooled connections)
//! bound to the runtime that created them.

use std::borrow::Borrow;
use std::future::Future;
use std::time::Duration;

use futures_util::StreamExt;

use crate::client::{ClientBuilder, PageStream};
use crate::config::RetryConfig;
use crate::credentials::{Credentials, ProvideCredentials};
use crate::error::Error;
use crate::model::*;

mod thread_runtime;

/// The process-wide runtime of the paginators and of the sync manager's blocking calls:
/// [`crate::embedding::runtime`], created on first use and shared with the C ABI, the
/// Python package and the command line, so a process has one.
pub fn runtime() -> Result<&'static tokio::runtime::Runtime, Error> {
    crate::embedding::runtime()
}

/// The refusal of a blocking call made where [`crate::embedding::blocking_forbidden`].
pub(crate) fn refused() -> Error {
    Error::runtime("blocking call made from inside an async runtime; use the async Client there")
}

/// Runs `fut` to completion on the shared runtime, blocking the calling thread; fails
/// with [`ErrorKind::Runtime`](crate::ErrorKind::Runtime) when called from inside a
/// tokio runtime (or a library callback of the C or Python layer).
pub fn block_on<F: Future>(fut: F) -> Result<F::Output, Error> {
    crate::embedding::block_on(fut).map_err(|e| match e {
        crate::embedding::BlockOnError::Forbidden => refused(),
        crate::embedding::BlockOnError::Runtime(e) => e,
    })
}

/// The blocking Cognito Sync client. Cheap to clone (clones share everything); `Send +
/// Sync`: use it from as many threads as you like, each call runs on its caller's thread.
#[derive(Clone, Debug)]
pub struct Client {
    inner: crate::Client,
}

/// Configures and builds a blocking [`Client`]; the same settings as the async builder.
#[derive(Debug, Default)]
pub struct Builder {
    inner: ClientBuilder,
}

impl Builder {
    /// See [`ClientBuilder::region`].
    pub fn region(self, region: impl Into<String>) -> Self {
        Builder {
            inner: self.inner.region(region),
        }
    }
    /// See [`ClientBuilder::endpoint_url`].
    pub fn endpoint_url(self, url: impl Into<String>) -> Self {
        Builder {
            inner: self.inner.endpoint_url(url),
        }
    }
    /// See [`ClientBuilder::credentials`].
    pub fn credentials(self, credentials: Credentials) -> Self {
        Builder {
            inner: self.inner.credentials(credentials),
        }
    }
    /// See [`ClientBuilder::credentials_provider`].
    pub fn credentials_provider(self, provider: std::sync::Arc<dyn ProvideCredentials>) -> Self {
        Builder {
            inner: self.inner.credentials_provider(provider),
        }
    }
    /// See [`ClientBuilder::retry_config`].
    pub fn retry_config(self, retry: RetryConfig) -> Self {
        Builder {
            inner: self.inner.retry_config(retry),
        }
    }
    /// See [`ClientBuilder::connect_timeout`].
    pub fn connect_timeout(self, t: Duration) -> Self {
        Builder {
            inner: self.inner.connect_timeout(t),
        }
    }
    /// See [`ClientBuilder::call_timeout`].
    pub fn call_timeout(self, t: Duration) -> Self {
        Builder {
            inner: self.inner.call_timeout(t),
        }
    }
    /// See [`ClientBuilder::use_fips`].
    pub fn use_fips(self, on: bool) -> Self {
        Builder {
            inner: self.inner.use_fips(on),
        }
    }
    /// See [`ClientBuilder::use_dual_stack`].
    pub fn use_dual_stack(self, on: bool) -> Self {
        Builder {
            inner: self.inner.use_dual_stack(on),
        }
    }
    /// See [`ClientBuilder::app_name`].
    pub fn app_name(self, name: impl Into<String>) -> Self {
        Builder {
            inner: self.inner.app_name(name),
        }
    }
    /// Builds the blocking client.
    pub fn build(self) -> Result<Client, Error> {
        Ok(Client {
            inner: self.inner.build()?,
        })
    }
}

macro_rules! blocking_operations {
    ($( $(#[$doc:meta])* $name:ident($input:ty) -> $output:ty; )*) => {
        impl Client {
            $(
                #[doc = concat!("Blocking [`", stringify!($name), "`](crate::Client::", stringify!($name), ").")]
                pub fn $name(&self, input: impl Borrow<$input> + Send) -> Result<$output, Error> {
                    self.run(|client| async move { client.$name(input).await })?
                }
            )*
        }
    };
}

for_each_operation!(blocking_operations);

/// A blocking iterator over pages; each `next` fetches one page.
pub struct Pages<T> {
    stream: Option<PageStream<T>>,
}

impl<T> Iterator for Pages<T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let stream = self.stream.as_mut()?;
        match block_on(stream.next()) {
            Ok(item) => {
                if item.is_none() {
                    self.stream = None;
                }
                item
            }
            Err(e) => {
                self.stream = None;
                Some(Err(e))
            }
        }
    }
}

impl Client {
    /// A blocking client over an async one (sharing its settings, credentials cache and
    /// retry quota; calls use per-thread connections, the paginators the async client's).
    pub fn new(client: crate::Client) -> Client {
        Client { inner: client }
    }

    /// Runs `call` to completion on the calling thread, with this thread's async client
    /// (this client's settings, credentials cache and retry quota; the thread's own
    /// connections). For composing several async calls, or your own futures, in one
    /// blocking call; the operations of this type are `run` with one call each.
    ///
    /// Fails with [`ErrorKind::Runtime`](crate::ErrorKind::Runtime) inside a tokio
    /// runtime (including from within another `run` on the same thread).
    ///
    /// ```no_run
    /// # fn demo(client: &cognito_sync::blocking::Client) -> Result<(), cognito_sync::Error> {
    /// use cognito_sync::model::DescribeDatasetInput;
    /// let (a, b) = client.run(|c| async move {
    ///     let a = DescribeDatasetInput { dataset_name: "a".into(), ..Default::default() };
    ///     let b = DescribeDatasetInput { dataset_name: "b".into(), ..Default::default() };
    ///     tokio::join!(c.describe_dataset(a), c.describe_dataset(b))
    /// })?;
    /// # let _ = (a?, b?); Ok(()) }
    /// ```
    pub fn run<F, Fut, T>(&self, call: F) -> Result<T, Error>
    where
        F: FnOnce(crate::Client) -> Fut,
        Fut: Future<Output = T>,
    {
        thread_runtime::run(&self.inner, call)
    }

    /// Starts building a blocking client.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// The async client underneath.
    pub fn as_async(&self) -> &crate::Client {
        &self.inner
    }

    /// Every page of ListRecords; see [`crate::Client::list_records_pages`].
    pub fn list_records_pages(&self, input: ListRecordsInput) -> Pages<ListRecordsOutput> {
        Pages {
            stream: Some(self.inner.list_records_pages(input)),
        }
    }

    /// Every page of ListDatasets.
    pub fn list_datasets_pages(&self, input: ListDatasetsInput) -> Pages<ListDatasetsOutput> {
        Pages {
            stream: Some(self.inner.list_datasets_pages(input)),
        }
    }

    /// Every page of ListIdentityPoolUsage.
    pub fn list_identity_pool_usage_pages(
        &self,
        input: ListIdentityPoolUsageInput,
    ) -> Pages<ListIdentityPoolUsageOutput> {
        Pages {
            stream: Some(self.inner.list_identity_pool_usage_pages(input)),
        }
    }

    /// All pages of ListRecords merged; see [`crate::Client::list_all_records`].
    pub fn list_all_records(&self, input: ListRecordsInput) -> Result<ListRecordsOutput, Error> {
        self.run(|client| async move { client.list_all_records(input).await })?
    }
}

impl From<crate::Client> for Client {
    fn from(client: crate::Client) -> Self {
        Client::new(client)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ErrorKind;

    /// A client whose endpoint nothing listens on (port 9, discard).
    pub(crate) fn offline_client() -> crate::Client {
        crate::Client::builder()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:9")
            .credentials(Credentials::new("AK", "SK", None))
            .build()
            .unwrap()
    }

    #[tokio::test]
    async fn blocking_inside_a_runtime_is_an_error_not_a_panic() {
        let c = Client::new(offline_client());
        let e = c
            .describe_identity_pool_usage(DescribeIdentityPoolUsageInput {
                identity_pool_id: "us-east-1:1".into(),
            })
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Runtime);
        let mut pages = c.list_datasets_pages(ListDatasetsInput::default());
        assert_eq!(
            pages.next().unwrap().unwrap_err().kind(),
            ErrorKind::Runtime
        );
        assert!(pages.next().is_none());
    }

    #[test]
    fn blocking_outside_a_runtime_runs() {
        assert_eq!(block_on(async { 41 + 1 }).unwrap(), 42);
        let c = Client::new(offline_client());
        // Validation happens on the thread runtime too and comes back as a plain error.
        let e = c.list_records(ListRecordsInput::default()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation);
    }
}
