//! Bulk publish to Cognito Streams: BulkPublish, GetBulkPublishDetails.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::timestamp::option_epoch_seconds;
use super::wire_enum;

wire_enum! {
    /// State of the last bulk publish of a pool.
    BulkPublishStatus {
        /// Never requested.
        NotStarted => "NOT_STARTED",
        /// Running.
        InProgress => "IN_PROGRESS",
        /// Ended in failure (see the failure message).
        Failed => "FAILED",
        /// Ended successfully.
        Succeeded => "SUCCEEDED",
    }
}

/// Input of BulkPublish.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BulkPublishInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
}

/// Output of BulkPublish.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BulkPublishOutput {
    /// The identity pool being published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_pool_id: Option<String>,
}

/// Input of GetBulkPublishDetails.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GetBulkPublishDetailsInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
}

/// Output of GetBulkPublishDetails.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetBulkPublishDetailsOutput {
    /// The identity pool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_pool_id: Option<String>,
    /// When the last bulk publish started.
    #[serde(
        default,
        with = "option_epoch_seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub bulk_publish_start_time: Option<SystemTime>,
    /// When it completed (set when it succeeded).
    #[serde(
        default,
        with = "option_epoch_seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub bulk_publish_complete_time: Option<SystemTime>,
    /// Its state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bulk_publish_status: Option<BulkPublishStatus>,
    /// Why it failed (set when it failed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_message: Option<String>,
}
