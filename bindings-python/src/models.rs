//! The result types: one frozen Python class per shape of the model, wrapping the core's
//! struct. Attributes convert on access (a large `ListRecords` page costs nothing until
//! read); `to_dict()` gives botocore's dict of the same response.

use std::ops::Deref;
use std::sync::Arc;

use cognito_sync::model;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyAny, PyDict, PyList};

use crate::fields::{EmptyDefault, Field};

/// Declares the Python class of a shape: getters, `to_dict`, `__repr__`, `__eq__`.
macro_rules! shape {
    (
        $(#[$meta:meta])*
        $py:ident($core:ty) as $pyname:literal {
            $( $(#[$fmeta:meta])* $field:ident => $wire:literal ),* $(,)?
        }
        $( extra { $($extra:tt)* } )?
    ) => {
        $(#[$meta])*
        #[pyclass(frozen, eq, module = "cognito_sync", name = $pyname)]
        #[derive(Clone, PartialEq)]
        pub struct $py(pub $core);

        impl $py {
            /// The botocore-shaped dict of this value.
            #[allow(unused_variables)]
            pub fn wire_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                let d = PyDict::new(py);
                $(
                    if let Some(v) = Field::wire(&self.0.$field, py)? {
                        d.set_item(intern!(py, $wire), v)?;
                    }
                )*
                Ok(d)
            }
        }

        #[pymethods]
        impl $py {
            $(
                $(#[$fmeta])*
                #[getter]
                fn $field<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                    Field::attr(&self.0.$field, py)
                }
            )*

            /// The value as the dict boto3 returns for it: wire member names
            /// (``PascalCase``), absent members left out, timestamps as aware datetimes.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                self.wire_dict(py)
            }

            #[allow(unused_variables)]
            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                crate::fields::repr_of(
                    $pyname,
                    &[$((stringify!($field), Field::attr(&self.0.$field, py)?)),*],
                )
            }

            $($($extra)*)?
        }
    };
}

/// Makes a nested shape usable as a field of another: a single value reads as its class,
/// a list as a list of them.
macro_rules! nested {
    ($py:ident($core:ty)) => {
        impl Field for $core {
            fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(Bound::new(py, $py(self.clone()))?.into_any())
            }
            fn wire<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
                Ok(Some($py(self.clone()).wire_dict(py)?.into_any()))
            }
        }
        impl EmptyDefault for $core {
            fn absent(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
                Ok(py.None().into_bound(py))
            }
        }
        impl Field for Vec<$core> {
            fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let items = self
                    .iter()
                    .map(|v| Bound::new(py, $py(v.clone())))
                    .collect::<PyResult<Vec<_>>>()?;
                Ok(PyList::new(py, items)?.into_any())
            }
            fn wire<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
                let items = self
                    .iter()
                    .map(|v| $py(v.clone()).wire_dict(py))
                    .collect::<PyResult<Vec<_>>>()?;
                Ok(Some(PyList::new(py, items)?.into_any()))
            }
        }
        impl EmptyDefault for Vec<$core> {
            fn absent(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
                Ok(PyList::empty(py).into_any())
            }
        }
    };
}

/// One record of a result page, sharing the page's records: reading ``records`` makes
/// one Python object per record without copying the record's strings.
#[derive(Clone)]
pub struct SharedRecord {
    page: Arc<[model::Record]>,
    index: usize,
}

impl Deref for SharedRecord {
    type Target = model::Record;

    fn deref(&self) -> &model::Record {
        &self.page[self.index]
    }
}

impl PartialEq for SharedRecord {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

/// The records of a result page, kept once for the page and its `Record` objects.
#[derive(Clone, PartialEq)]
pub struct Records(Arc<[model::Record]>);

impl Records {
    fn record(&self, index: usize) -> Record {
        Record(SharedRecord {
            page: Arc::clone(&self.0),
            index,
        })
    }
}

impl Field for Records {
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = (0..self.0.len())
            .map(|i| Bound::new(py, self.record(i)))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
    fn wire<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let items = (0..self.0.len())
            .map(|i| self.record(i).wire_dict(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Some(PyList::new(py, items)?.into_any()))
    }
}

impl EmptyDefault for Records {
    fn absent(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(PyList::empty(py).into_any())
    }
}

/// A result holding records: the core's output with its records moved into [`Records`]
/// (the field `records` shadows the core's, which is left empty; the others read
/// through `Deref`).
#[derive(Clone, PartialEq)]
pub struct Page<T> {
    inner: T,
    records: Option<Records>,
}

impl<T> Deref for Page<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.inner
    }
}

macro_rules! page_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Page<$t> {
            fn from(mut inner: $t) -> Self {
                let records = inner.records.take().map(|r| Records(r.into()));
                Page { inner, records }
            }
        }
    )*};
}
page_from!(model::ListRecordsOutput, model::UpdateRecordsOutput);

shape! {
    /// A record of a dataset as the service returned it. A record whose ``value`` is
    /// ``None`` is a deletion tombstone.
    Record(SharedRecord) as "Record" {
        /// The key.
        key => "Key",
        /// The value, ``None`` for a deleted record.
        value => "Value",
        /// The server's version of the record (the dataset sync count of its last change).
        sync_count => "SyncCount",
        /// When the server last changed the record (aware datetime, UTC).
        last_modified_date => "LastModifiedDate",
        /// Who last changed the record.
        last_modified_by => "LastModifiedBy",
        /// The device's own clock at its last change.
        device_last_modified_date => "DeviceLastModifiedDate",
    }
}

shape! {
    /// Metadata of a dataset.
    Dataset(model::Dataset) as "Dataset" {
        /// The identity owning the dataset.
        identity_id => "IdentityId",
        /// The dataset name.
        dataset_name => "DatasetName",
        /// When the dataset was created.
        creation_date => "CreationDate",
        /// When the dataset was last changed.
        last_modified_date => "LastModifiedDate",
        /// Who last changed the dataset.
        last_modified_by => "LastModifiedBy",
        /// Total bytes stored in the dataset.
        data_storage => "DataStorage",
        /// Number of records (tombstones included).
        num_records => "NumRecords",
    }
}
nested!(Dataset(model::Dataset));

shape! {
    /// Usage statistics of one identity.
    IdentityUsage(model::IdentityUsage) as "IdentityUsage" {
        /// The identity.
        identity_id => "IdentityId",
        /// Its identity pool.
        identity_pool_id => "IdentityPoolId",
        /// When its data last changed.
        last_modified_date => "LastModifiedDate",
        /// Number of datasets.
        dataset_count => "DatasetCount",
        /// Total bytes stored.
        data_storage => "DataStorage",
    }
}
nested!(IdentityUsage(model::IdentityUsage));

shape! {
    /// Usage statistics of one identity pool.
    IdentityPoolUsage(model::IdentityPoolUsage) as "IdentityPoolUsage" {
        /// The identity pool.
        identity_pool_id => "IdentityPoolId",
        /// Number of sync sessions.
        sync_sessions_count => "SyncSessionsCount",
        /// Total bytes stored.
        data_storage => "DataStorage",
        /// When its data last changed.
        last_modified_date => "LastModifiedDate",
    }
}
nested!(IdentityPoolUsage(model::IdentityPoolUsage));

shape! {
    /// Push sync configuration of an identity pool (input and output).
    PushSync(model::PushSync) as "PushSync" {
        /// SNS platform application ARNs.
        application_arns => "ApplicationArns",
        /// The IAM role Cognito assumes to publish.
        role_arn => "RoleArn",
    }
    extra {
        #[new]
        #[pyo3(signature = (*, application_arns=None, role_arn=None))]
        fn new(application_arns: Option<Vec<String>>, role_arn: Option<String>) -> Self {
            PushSync(model::PushSync { application_arns, role_arn })
        }
    }
}
nested!(PushSync(model::PushSync));

shape! {
    /// Cognito Streams configuration of an identity pool (input and output).
    CognitoStreams(model::CognitoStreams) as "CognitoStreams" {
        /// The Kinesis stream name.
        stream_name => "StreamName",
        /// The IAM role Cognito assumes to publish.
        role_arn => "RoleArn",
        /// ``"ENABLED"`` or ``"DISABLED"``.
        streaming_status => "StreamingStatus",
    }
    extra {
        #[new]
        #[pyo3(signature = (*, stream_name=None, role_arn=None, streaming_status=None))]
        fn new(
            stream_name: Option<String>,
            role_arn: Option<String>,
            streaming_status: Option<String>,
        ) -> Self {
            CognitoStreams(model::CognitoStreams {
                stream_name,
                role_arn,
                streaming_status: streaming_status.map(model::StreamingStatus::from),
            })
        }
    }
}
nested!(CognitoStreams(model::CognitoStreams));

shape! {
    /// Result of ``bulk_publish``.
    BulkPublishOutput(model::BulkPublishOutput) as "BulkPublishOutput" {
        /// The identity pool whose bulk publish started.
        identity_pool_id => "IdentityPoolId",
    }
}

shape! {
    /// Result of ``delete_dataset``: the dataset as it was.
    DeleteDatasetOutput(model::DeleteDatasetOutput) as "DeleteDatasetOutput" {
        /// The deleted dataset's metadata.
        dataset => "Dataset",
    }
}

shape! {
    /// Result of ``describe_dataset``.
    DescribeDatasetOutput(model::DescribeDatasetOutput) as "DescribeDatasetOutput" {
        /// The dataset's metadata.
        dataset => "Dataset",
    }
}

shape! {
    /// Result of ``describe_identity_pool_usage``.
    DescribeIdentityPoolUsageOutput(model::DescribeIdentityPoolUsageOutput)
        as "DescribeIdentityPoolUsageOutput" {
        /// The pool's usage.
        identity_pool_usage => "IdentityPoolUsage",
    }
}

shape! {
    /// Result of ``describe_identity_usage``.
    DescribeIdentityUsageOutput(model::DescribeIdentityUsageOutput)
        as "DescribeIdentityUsageOutput" {
        /// The identity's usage.
        identity_usage => "IdentityUsage",
    }
}

shape! {
    /// Result of ``get_bulk_publish_details``.
    GetBulkPublishDetailsOutput(model::GetBulkPublishDetailsOutput)
        as "GetBulkPublishDetailsOutput" {
        /// The identity pool.
        identity_pool_id => "IdentityPoolId",
        /// When the last bulk publish started.
        bulk_publish_start_time => "BulkPublishStartTime",
        /// When it completed.
        bulk_publish_complete_time => "BulkPublishCompleteTime",
        /// ``NOT_STARTED``, ``IN_PROGRESS``, ``FAILED`` or ``SUCCEEDED``.
        bulk_publish_status => "BulkPublishStatus",
        /// Why it failed, if it did.
        failure_message => "FailureMessage",
    }
}

shape! {
    /// Result of ``get_cognito_events``.
    GetCognitoEventsOutput(model::GetCognitoEventsOutput) as "GetCognitoEventsOutput" {
        /// Event type (``"SyncTrigger"``) to Lambda function ARN.
        events => "Events",
    }
}

shape! {
    /// Result of ``get_identity_pool_configuration``.
    GetIdentityPoolConfigurationOutput(model::GetIdentityPoolConfigurationOutput)
        as "GetIdentityPoolConfigurationOutput" {
        /// The identity pool.
        identity_pool_id => "IdentityPoolId",
        /// Its push sync configuration.
        push_sync => "PushSync",
        /// Its Cognito Streams configuration.
        cognito_streams => "CognitoStreams",
    }
}

shape! {
    /// Result of ``list_datasets`` (one page).
    ListDatasetsOutput(model::ListDatasetsOutput) as "ListDatasetsOutput" {
        /// The datasets of this page.
        datasets => "Datasets",
        /// Number of datasets in this page.
        count => "Count",
        /// Token of the next page, ``None`` on the last one.
        next_token => "NextToken",
    }
}

shape! {
    /// Result of ``list_identity_pool_usage`` (one page).
    ListIdentityPoolUsageOutput(model::ListIdentityPoolUsageOutput)
        as "ListIdentityPoolUsageOutput" {
        /// The pools' usage in this page.
        identity_pool_usages => "IdentityPoolUsages",
        /// The page size used.
        max_results => "MaxResults",
        /// Number of items in this page.
        count => "Count",
        /// Token of the next page, ``None`` on the last one.
        next_token => "NextToken",
    }
}

shape! {
    /// Result of ``list_records`` (one page).
    ListRecordsOutput(Page<model::ListRecordsOutput>) as "ListRecordsOutput" {
        /// Records changed after the requested sync count (tombstones have no value).
        records => "Records",
        /// Token of the next page, ``None`` on the last one.
        next_token => "NextToken",
        /// Number of records in this page.
        count => "Count",
        /// The dataset's current sync count.
        dataset_sync_count => "DatasetSyncCount",
        /// Who last changed the dataset.
        last_modified_by => "LastModifiedBy",
        /// Datasets merged into this one, to be reconciled.
        merged_dataset_names => "MergedDatasetNames",
        /// Whether the dataset exists.
        dataset_exists => "DatasetExists",
        /// Whether the dataset was deleted after the requested sync count.
        dataset_deleted_after_requested_sync_count => "DatasetDeletedAfterRequestedSyncCount",
        /// The token to pass to ``update_records``.
        sync_session_token => "SyncSessionToken",
    }
}

shape! {
    /// Result of ``register_device``.
    RegisterDeviceOutput(model::RegisterDeviceOutput) as "RegisterDeviceOutput" {
        /// The device id to subscribe with.
        device_id => "DeviceId",
    }
}

shape! {
    /// Result of ``set_cognito_events`` (empty).
    SetCognitoEventsOutput(model::SetCognitoEventsOutput) as "SetCognitoEventsOutput" {}
}

shape! {
    /// Result of ``set_identity_pool_configuration``.
    SetIdentityPoolConfigurationOutput(model::SetIdentityPoolConfigurationOutput)
        as "SetIdentityPoolConfigurationOutput" {
        /// The identity pool.
        identity_pool_id => "IdentityPoolId",
        /// Its push sync configuration now.
        push_sync => "PushSync",
        /// Its Cognito Streams configuration now.
        cognito_streams => "CognitoStreams",
    }
}

shape! {
    /// Result of ``subscribe_to_dataset`` (empty).
    SubscribeToDatasetOutput(model::SubscribeToDatasetOutput) as "SubscribeToDatasetOutput" {}
}

shape! {
    /// Result of ``unsubscribe_from_dataset`` (empty).
    UnsubscribeFromDatasetOutput(model::UnsubscribeFromDatasetOutput)
        as "UnsubscribeFromDatasetOutput" {}
}

shape! {
    /// Result of ``update_records``: the records as written, with their new sync counts.
    UpdateRecordsOutput(Page<model::UpdateRecordsOutput>) as "UpdateRecordsOutput" {
        /// The records written.
        records => "Records",
    }
}

/// Adds every result class to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Record>()?;
    m.add_class::<Dataset>()?;
    m.add_class::<IdentityUsage>()?;
    m.add_class::<IdentityPoolUsage>()?;
    m.add_class::<PushSync>()?;
    m.add_class::<CognitoStreams>()?;
    m.add_class::<BulkPublishOutput>()?;
    m.add_class::<DeleteDatasetOutput>()?;
    m.add_class::<DescribeDatasetOutput>()?;
    m.add_class::<DescribeIdentityPoolUsageOutput>()?;
    m.add_class::<DescribeIdentityUsageOutput>()?;
    m.add_class::<GetBulkPublishDetailsOutput>()?;
    m.add_class::<GetCognitoEventsOutput>()?;
    m.add_class::<GetIdentityPoolConfigurationOutput>()?;
    m.add_class::<ListDatasetsOutput>()?;
    m.add_class::<ListIdentityPoolUsageOutput>()?;
    m.add_class::<ListRecordsOutput>()?;
    m.add_class::<RegisterDeviceOutput>()?;
    m.add_class::<SetCognitoEventsOutput>()?;
    m.add_class::<SetIdentityPoolConfigurationOutput>()?;
    m.add_class::<SubscribeToDatasetOutput>()?;
    m.add_class::<UnsubscribeFromDatasetOutput>()?;
    m.add_class::<UpdateRecordsOutput>()?;
    Ok(())
}
