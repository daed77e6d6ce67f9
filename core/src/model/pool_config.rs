//! Identity pool configuration: GetIdentityPoolConfiguration, SetIdentityPoolConfiguration.

use serde::{Deserialize, Serialize};

use super::wire_enum;

wire_enum! {
    /// Whether Cognito Streams publishes dataset changes.
    StreamingStatus {
        /// Publishing.
        Enabled => "ENABLED",
        /// Not publishing.
        Disabled => "DISABLED",
    }
}

/// Push sync configuration of a pool.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PushSync {
    /// SNS platform application ARNs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_arns: Option<Vec<String>>,
    /// The role Cognito Sync assumes to call SNS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
}

/// Cognito Streams (Kinesis) configuration of a pool.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CognitoStreams {
    /// The Kinesis stream name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_name: Option<String>,
    /// The role Cognito Sync assumes to write to the stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// Whether streaming is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub streaming_status: Option<StreamingStatus>,
}

/// Input of GetIdentityPoolConfiguration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GetIdentityPoolConfigurationInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
}

/// Output of GetIdentityPoolConfiguration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetIdentityPoolConfigurationOutput {
    /// The identity pool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_pool_id: Option<String>,
    /// Push sync settings, if configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub push_sync: Option<PushSync>,
    /// Streams settings, if configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cognito_streams: Option<CognitoStreams>,
}

/// Input of SetIdentityPoolConfiguration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetIdentityPoolConfigurationInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
    /// Push sync settings.
    pub push_sync: Option<PushSync>,
    /// Streams settings.
    pub cognito_streams: Option<CognitoStreams>,
}

/// Output of SetIdentityPoolConfiguration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SetIdentityPoolConfigurationOutput {
    /// The identity pool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_pool_id: Option<String>,
    /// Push sync settings now in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub push_sync: Option<PushSync>,
    /// Streams settings now in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cognito_streams: Option<CognitoStreams>,
}
