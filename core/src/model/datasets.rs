//! Datasets: DescribeDataset, DeleteDataset, ListDatasets.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::timestamp::option_epoch_seconds;

/// Metadata of a dataset (a named set of records of one identity).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Dataset {
    /// The identity owning the dataset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_id: Option<String>,
    /// The dataset name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset_name: Option<String>,
    /// When the dataset was created.
    #[serde(
        default,
        with = "option_epoch_seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_date: Option<SystemTime>,
    /// When the dataset last changed.
    #[serde(
        default,
        with = "option_epoch_seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_date: Option<SystemTime>,
    /// Who last changed the dataset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_by: Option<String>,
    /// Total size of the records in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_storage: Option<i64>,
    /// Number of records, tombstones included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_records: Option<i64>,
}

/// Input of DeleteDataset.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeleteDatasetInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
    /// The identity, `REGION:GUID`.
    pub identity_id: String,
    /// The dataset name.
    pub dataset_name: String,
}

/// Output of DeleteDataset.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteDatasetOutput {
    /// The metadata of the deleted dataset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset: Option<Dataset>,
}

/// Input of DescribeDataset.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DescribeDatasetInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
    /// The identity, `REGION:GUID`.
    pub identity_id: String,
    /// The dataset name.
    pub dataset_name: String,
}

/// Output of DescribeDataset.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeDatasetOutput {
    /// The dataset's metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset: Option<Dataset>,
}

/// Input of ListDatasets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListDatasetsInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
    /// The identity, `REGION:GUID`.
    pub identity_id: String,
    /// Token of the next page (query `nextToken`).
    pub next_token: Option<String>,
    /// Page size (query `maxResults`).
    pub max_results: Option<i32>,
}

/// Output of ListDatasets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListDatasetsOutput {
    /// The datasets of this page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datasets: Option<Vec<Dataset>>,
    /// The number of datasets in this page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
    /// Token of the next page, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

impl ListDatasetsOutput {
    /// The datasets of this page (empty when the service sent none).
    pub fn datasets(&self) -> &[Dataset] {
        self.datasets.as_deref().unwrap_or_default()
    }
}
