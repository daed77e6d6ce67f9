//! The output shapes of the service model (member order as in `service-2.json`, which is
//! the order the AWS CLI prints), and the shapes of the structured input parameters.

use crate::output::Shape::{self, List, Map, Scalar, Struct, Timestamp};

const DATASET: Shape = Struct(&[
    ("IdentityId", Scalar),
    ("DatasetName", Scalar),
    ("CreationDate", Timestamp),
    ("LastModifiedDate", Timestamp),
    ("LastModifiedBy", Scalar),
    ("DataStorage", Scalar),
    ("NumRecords", Scalar),
]);

const RECORD: Shape = Struct(&[
    ("Key", Scalar),
    ("Value", Scalar),
    ("SyncCount", Scalar),
    ("LastModifiedDate", Timestamp),
    ("LastModifiedBy", Scalar),
    ("DeviceLastModifiedDate", Timestamp),
]);

const IDENTITY_POOL_USAGE: Shape = Struct(&[
    ("IdentityPoolId", Scalar),
    ("SyncSessionsCount", Scalar),
    ("DataStorage", Scalar),
    ("LastModifiedDate", Timestamp),
]);

const IDENTITY_USAGE: Shape = Struct(&[
    ("IdentityId", Scalar),
    ("IdentityPoolId", Scalar),
    ("LastModifiedDate", Timestamp),
    ("DatasetCount", Scalar),
    ("DataStorage", Scalar),
]);

const PUSH_SYNC: Shape = Struct(&[("ApplicationArns", List(&Scalar)), ("RoleArn", Scalar)]);

const COGNITO_STREAMS: Shape = Struct(&[
    ("StreamName", Scalar),
    ("RoleArn", Scalar),
    ("StreamingStatus", Scalar),
]);

/// BulkPublishResponse.
pub const BULK_PUBLISH: Shape = Struct(&[("IdentityPoolId", Scalar)]);
/// DeleteDatasetResponse and DescribeDatasetResponse.
pub const DATASET_RESPONSE: Shape = Struct(&[("Dataset", DATASET)]);
/// DescribeIdentityPoolUsageResponse.
pub const DESCRIBE_IDENTITY_POOL_USAGE: Shape =
    Struct(&[("IdentityPoolUsage", IDENTITY_POOL_USAGE)]);
/// DescribeIdentityUsageResponse.
pub const DESCRIBE_IDENTITY_USAGE: Shape = Struct(&[("IdentityUsage", IDENTITY_USAGE)]);
/// GetBulkPublishDetailsResponse.
pub const GET_BULK_PUBLISH_DETAILS: Shape = Struct(&[
    ("IdentityPoolId", Scalar),
    ("BulkPublishStartTime", Timestamp),
    ("BulkPublishCompleteTime", Timestamp),
    ("BulkPublishStatus", Scalar),
    ("FailureMessage", Scalar),
]);
/// GetCognitoEventsResponse.
pub const GET_COGNITO_EVENTS: Shape = Struct(&[("Events", Map(&Scalar))]);
/// Get/SetIdentityPoolConfigurationResponse.
pub const IDENTITY_POOL_CONFIGURATION: Shape = Struct(&[
    ("IdentityPoolId", Scalar),
    ("PushSync", PUSH_SYNC),
    ("CognitoStreams", COGNITO_STREAMS),
]);
/// ListDatasetsResponse.
pub const LIST_DATASETS: Shape = Struct(&[
    ("Datasets", List(&DATASET)),
    ("Count", Scalar),
    ("NextToken", Scalar),
]);
/// ListIdentityPoolUsageResponse.
pub const LIST_IDENTITY_POOL_USAGE: Shape = Struct(&[
    ("IdentityPoolUsages", List(&IDENTITY_POOL_USAGE)),
    ("MaxResults", Scalar),
    ("Count", Scalar),
    ("NextToken", Scalar),
]);
/// ListRecordsResponse.
pub const LIST_RECORDS: Shape = Struct(&[
    ("Records", List(&RECORD)),
    ("NextToken", Scalar),
    ("Count", Scalar),
    ("DatasetSyncCount", Scalar),
    ("LastModifiedBy", Scalar),
    ("MergedDatasetNames", List(&Scalar)),
    ("DatasetExists", Scalar),
    ("DatasetDeletedAfterRequestedSyncCount", Scalar),
    ("SyncSessionToken", Scalar),
]);
/// RegisterDeviceResponse.
pub const REGISTER_DEVICE: Shape = Struct(&[("DeviceId", Scalar)]);
/// Responses without members (SetCognitoEvents, SubscribeToDataset...): nothing printed.
pub const EMPTY: Shape = Struct(&[]);
/// UpdateRecordsResponse.
pub const UPDATE_RECORDS: Shape = Struct(&[("Records", List(&RECORD))]);
