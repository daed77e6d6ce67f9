//! Push sync devices: RegisterDevice, SubscribeToDataset, UnsubscribeFromDataset.

use serde::{Deserialize, Serialize};

use super::wire_enum;

wire_enum! {
    /// A push notification platform.
    Platform {
        /// Apple Push Notification service.
        Apns => "APNS",
        /// APNs sandbox (debug builds).
        ApnsSandbox => "APNS_SANDBOX",
        /// Google Cloud Messaging.
        Gcm => "GCM",
        /// Amazon Device Messaging.
        Adm => "ADM",
    }
}

/// The default is an empty unknown value, which validation rejects: a platform must
/// be chosen.
impl Default for Platform {
    fn default() -> Self {
        Platform::Unknown(String::new())
    }
}

/// Input of RegisterDevice (Cognito credentials).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegisterDeviceInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
    /// The identity, `REGION:GUID`.
    pub identity_id: String,
    /// The push platform.
    pub platform: Platform,
    /// The push token of the device.
    pub token: String,
}

/// Output of RegisterDevice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RegisterDeviceOutput {
    /// The id the service gave the device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
}

/// Input of SubscribeToDataset (Cognito credentials).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SubscribeToDatasetInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
    /// The identity, `REGION:GUID`.
    pub identity_id: String,
    /// The dataset name.
    pub dataset_name: String,
    /// The device id from RegisterDevice.
    pub device_id: String,
}

/// Output of SubscribeToDataset (no members).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubscribeToDatasetOutput {}

/// Input of UnsubscribeFromDataset (Cognito credentials).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnsubscribeFromDatasetInput {
    /// The identity pool, `REGION:GUID`.
    pub identity_pool_id: String,
    /// The identity, `REGION:GUID`.
    pub identity_id: String,
    /// The dataset name.
    pub dataset_name: String,
    /// The device id from RegisterDevice.
    pub device_id: String,
}

/// Output of UnsubscribeFromDataset (no members).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UnsubscribeFromDatasetOutput {}
