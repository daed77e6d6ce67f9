//! Usage statistics: DescribeIdentityPoolUsage, DescribeIdentityUsage, ListIdentityPoolUsage.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::timestamp::option_epoch_seconds;

/// Usage of one identity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IdentityUsage {
    /// The identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_id: Option<String>,
    /// Its identity pool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_pool_id: Option<String>,
    /// When its data last changed.
    #[serde(
        default,
        with = "option_epoch_seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_date: Option<SystemTime>,
    /// Number of datasets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset_count: Option<i32>,
    /// Total bytes stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_storage: Option<i64>,
}

/// Usage of one identity pool.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IdentityPoolUsage {
    /// The identity pool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_pool_id: Option<String>,
    /// Number of sync sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_sessions_count: Option<i64>,
    /// Total bytes stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_storage: Option<i64>,
    /// When the pool's data last changed.
    #[serde(
        default,
        with = "option_epoch_seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_date: Option<SystemTime>,
}

/// Input of DescribeIdentityPoolUsage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DescribeIdentityPoolUsageInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
}

/// Output of DescribeIdentityPoolUsage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeIdentityPoolUsageOutput {
    /// The pool's usage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_pool_usage: Option<IdentityPoolUsage>,
}

/// Input of DescribeIdentityUsage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DescribeIdentityUsageInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
    /// The identity, `REGION:GUID`.
    pub identity_id: String,
}

/// Output of DescribeIdentityUsage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeIdentityUsageOutput {
    /// The identity's usage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_usage: Option<IdentityUsage>,
}

/// Input of ListIdentityPoolUsage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListIdentityPoolUsageInput {
    /// Token of the next page (query `nextToken`).
    pub next_token: Option<String>,
    /// Page size (query `maxResults`).
    pub max_results: Option<i32>,
}

/// Output of ListIdentityPoolUsage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListIdentityPoolUsageOutput {
    /// The pools of this page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_pool_usages: Option<Vec<IdentityPoolUsage>>,
    /// The page size that was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i32>,
    /// The number of pools in this page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
    /// Token of the next page, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

impl ListIdentityPoolUsageOutput {
    /// The pools of this page (empty when the service sent none).
    pub fn identity_pool_usages(&self) -> &[IdentityPoolUsage] {
        self.identity_pool_usages.as_deref().unwrap_or_default()
    }
}
