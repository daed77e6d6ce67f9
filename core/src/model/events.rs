//! Cognito Events (the Sync Trigger Lambda): GetCognitoEvents, SetCognitoEvents.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Input of GetCognitoEvents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GetCognitoEventsInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
}

/// Output of GetCognitoEvents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetCognitoEventsOutput {
    /// Event type (`SyncTrigger`) to Lambda function ARN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<HashMap<String, String>>,
}

/// Input of SetCognitoEvents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetCognitoEventsInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
    /// Event type to Lambda ARN, at most one entry; an empty ARN removes the event.
    pub events: HashMap<String, String>,
}

/// Output of SetCognitoEvents (the model defines none; the service sends an empty body).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetCognitoEventsOutput {}
