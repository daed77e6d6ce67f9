//! Every Cognito Sync operation as a subcommand, named and flagged as in the AWS CLI
//! (`aws cognito-sync list-records --identity-pool-id ...`), printing what it prints.
//!
//! The service model has no paginators (botocore's `paginators-1.json` for cognito-sync
//! is empty), so, as with `aws cognito-sync`, list commands return one page and take
//! `--next-token` and `--max-results`.

mod params;
mod shapes;

use clap::{Args, Subcommand};
use cognito_sync::model::*;
use serde::Serialize;

use crate::context::{Context, OutputFormat};
use crate::exit::Failure;
use crate::output::{print_response, Shape};

/// `--output` after the subcommand, as the AWS CLI accepts it anywhere.
#[derive(Debug, Clone, Args)]
pub struct OutputArg {
    /// The output format (only `json`, the AWS CLI's default).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,
}

/// `--identity-pool-id`.
#[derive(Debug, Clone, Args)]
pub struct Pool {
    /// The identity pool, REGION:GUID.
    #[arg(long, value_name = "ID")]
    pub identity_pool_id: String,
}

/// `--identity-pool-id --identity-id`.
#[derive(Debug, Clone, Args)]
pub struct Identity {
    /// The identity pool, REGION:GUID.
    #[arg(long, value_name = "ID")]
    pub identity_pool_id: String,
    /// The identity, REGION:GUID.
    #[arg(long, value_name = "ID")]
    pub identity_id: String,
}

/// `--identity-pool-id --identity-id --dataset-name`.
#[derive(Debug, Clone, Args)]
pub struct DatasetArgs {
    #[command(flatten)]
    pub identity: Identity,
    /// The dataset name.
    #[arg(long, value_name = "NAME")]
    pub dataset_name: String,
}

/// `--identity-pool-id --identity-id --dataset-name --device-id`.
#[derive(Debug, Clone, Args)]
pub struct Subscription {
    #[command(flatten)]
    pub dataset: DatasetArgs,
    /// The device ID returned by register-device.
    #[arg(long, value_name = "ID")]
    pub device_id: String,
}

/// `--next-token --max-results`.
#[derive(Debug, Clone, Args)]
pub struct Page {
    /// The token of the next page, from a previous response's NextToken.
    #[arg(long, value_name = "TOKEN")]
    pub next_token: Option<String>,
    /// The page size.
    #[arg(long, value_name = "N")]
    pub max_results: Option<i32>,
}

/// The operation subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum Operation {
    /// BulkPublish: publish every dataset of the pool to its Kinesis stream (developer credentials).
    BulkPublish {
        #[command(flatten)]
        pool: Pool,
        #[command(flatten)]
        out: OutputArg,
    },
    /// DeleteDataset: delete a dataset and its records.
    DeleteDataset {
        #[command(flatten)]
        dataset: DatasetArgs,
        #[command(flatten)]
        out: OutputArg,
    },
    /// DescribeDataset: a dataset's metadata.
    DescribeDataset {
        #[command(flatten)]
        dataset: DatasetArgs,
        #[command(flatten)]
        out: OutputArg,
    },
    /// DescribeIdentityPoolUsage: usage of a pool (developer credentials).
    DescribeIdentityPoolUsage {
        #[command(flatten)]
        pool: Pool,
        #[command(flatten)]
        out: OutputArg,
    },
    /// DescribeIdentityUsage: usage of an identity.
    DescribeIdentityUsage {
        #[command(flatten)]
        identity: Identity,
        #[command(flatten)]
        out: OutputArg,
    },
    /// GetBulkPublishDetails: state of the last bulk publish (developer credentials).
    GetBulkPublishDetails {
        #[command(flatten)]
        pool: Pool,
        #[command(flatten)]
        out: OutputArg,
    },
    /// GetCognitoEvents: the pool's event to Lambda mapping (developer credentials).
    GetCognitoEvents {
        #[command(flatten)]
        pool: Pool,
        #[command(flatten)]
        out: OutputArg,
    },
    /// GetIdentityPoolConfiguration: push sync and streams settings (developer credentials).
    GetIdentityPoolConfiguration {
        #[command(flatten)]
        pool: Pool,
        #[command(flatten)]
        out: OutputArg,
    },
    /// ListDatasets: one page of an identity's datasets.
    ListDatasets {
        #[command(flatten)]
        identity: Identity,
        #[command(flatten)]
        page: Page,
        #[command(flatten)]
        out: OutputArg,
    },
    /// ListIdentityPoolUsage: one page of the account's pools (developer credentials).
    ListIdentityPoolUsage {
        #[command(flatten)]
        page: Page,
        #[command(flatten)]
        out: OutputArg,
    },
    /// ListRecords: one page of the records changed after --last-sync-count, with the
    /// session token update-records needs.
    ListRecords {
        #[command(flatten)]
        dataset: DatasetArgs,
        /// Return records whose sync count is above this one.
        #[arg(long, value_name = "N")]
        last_sync_count: Option<i64>,
        #[command(flatten)]
        page: Page,
        /// A session token from an earlier call.
        #[arg(long, value_name = "TOKEN")]
        sync_session_token: Option<String>,
        #[command(flatten)]
        out: OutputArg,
    },
    /// RegisterDevice: register a device for push sync (Cognito credentials).
    RegisterDevice {
        #[command(flatten)]
        identity: Identity,
        /// APNS, APNS_SANDBOX, GCM or ADM.
        #[arg(long)]
        platform: String,
        /// The push token of the device.
        #[arg(long)]
        token: String,
        #[command(flatten)]
        out: OutputArg,
    },
    /// SetCognitoEvents: set the pool's Sync Trigger Lambda (developer credentials).
    SetCognitoEvents {
        #[command(flatten)]
        pool: Pool,
        /// JSON map of event to Lambda ARN, e.g. '{"SyncTrigger": "arn:aws:lambda:..."}'
        /// (or file://PATH).
        #[arg(long, value_name = "JSON")]
        events: String,
        #[command(flatten)]
        out: OutputArg,
    },
    /// SetIdentityPoolConfiguration: set push sync and streams (developer credentials).
    SetIdentityPoolConfiguration {
        #[command(flatten)]
        pool: Pool,
        /// JSON: {"ApplicationArns": ["..."], "RoleArn": "..."} (or file://PATH).
        #[arg(long, value_name = "JSON")]
        push_sync: Option<String>,
        /// JSON: {"StreamName": "...", "RoleArn": "...", "StreamingStatus": "ENABLED"}
        /// (or file://PATH).
        #[arg(long, value_name = "JSON")]
        cognito_streams: Option<String>,
        #[command(flatten)]
        out: OutputArg,
    },
    /// SubscribeToDataset: push notifications of a dataset's changes to a device.
    SubscribeToDataset {
        #[command(flatten)]
        subscription: Subscription,
        #[command(flatten)]
        out: OutputArg,
    },
    /// UnsubscribeFromDataset: stop them.
    UnsubscribeFromDataset {
        #[command(flatten)]
        subscription: Subscription,
        #[command(flatten)]
        out: OutputArg,
    },
    /// UpdateRecords: apply record patches; a stale sync count fails with
    /// ResourceConflictException and nothing is applied.
    UpdateRecords {
        #[command(flatten)]
        dataset: DatasetArgs,
        /// The device making the change.
        #[arg(long, value_name = "ID")]
        device_id: Option<String>,
        /// JSON list: [{"Op": "replace", "Key": "k", "Value": "v", "SyncCount": 0,
        /// "DeviceLastModifiedDate": 1700000000}, ...] (or file://PATH).
        #[arg(long, value_name = "JSON")]
        record_patches: Option<String>,
        /// The SyncSessionToken of a list-records call.
        #[arg(long, value_name = "TOKEN")]
        sync_session_token: String,
        /// Base64 client context, sent as X-Amz-Client-Context.
        #[arg(long, value_name = "BASE64")]
        client_context: Option<String>,
        #[command(flatten)]
        out: OutputArg,
    },
}

impl Operation {
    /// The `--output` given after the subcommand, if any.
    pub fn output(&self) -> Option<OutputFormat> {
        use self::Operation::*;
        match self {
            BulkPublish { out, .. }
            | DeleteDataset { out, .. }
            | DescribeDataset { out, .. }
            | DescribeIdentityPoolUsage { out, .. }
            | DescribeIdentityUsage { out, .. }
            | GetBulkPublishDetails { out, .. }
            | GetCognitoEvents { out, .. }
            | GetIdentityPoolConfiguration { out, .. }
            | ListDatasets { out, .. }
            | ListIdentityPoolUsage { out, .. }
            | ListRecords { out, .. }
            | RegisterDevice { out, .. }
            | SetCognitoEvents { out, .. }
            | SetIdentityPoolConfiguration { out, .. }
            | SubscribeToDataset { out, .. }
            | UnsubscribeFromDataset { out, .. }
            | UpdateRecords { out, .. } => out.output,
        }
    }

    /// Runs the operation and prints its response.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.sync_client()?;
        use self::Operation::*;
        match self {
            BulkPublish { pool, .. } => {
                let input = BulkPublishInput {
                    identity_pool_id: s("identity-pool-id", &pool.identity_pool_id)?,
                };
                call(
                    "BulkPublish",
                    client.bulk_publish(input),
                    &shapes::BULK_PUBLISH,
                    client.endpoint(),
                )
                .await
            }
            DeleteDataset { dataset, .. } => {
                let (identity_pool_id, identity_id, dataset_name) = dataset_ids(&dataset)?;
                let input = DeleteDatasetInput {
                    identity_pool_id,
                    identity_id,
                    dataset_name,
                };
                call(
                    "DeleteDataset",
                    client.delete_dataset(input),
                    &shapes::DATASET_RESPONSE,
                    client.endpoint(),
                )
                .await
            }
            DescribeDataset { dataset, .. } => {
                let (identity_pool_id, identity_id, dataset_name) = dataset_ids(&dataset)?;
                let input = DescribeDatasetInput {
                    identity_pool_id,
                    identity_id,
                    dataset_name,
                };
                call(
                    "DescribeDataset",
                    client.describe_dataset(input),
                    &shapes::DATASET_RESPONSE,
                    client.endpoint(),
                )
                .await
            }
            DescribeIdentityPoolUsage { pool, .. } => {
                let input = DescribeIdentityPoolUsageInput {
                    identity_pool_id: s("identity-pool-id", &pool.identity_pool_id)?,
                };
                call(
                    "DescribeIdentityPoolUsage",
                    client.describe_identity_pool_usage(input),
                    &shapes::DESCRIBE_IDENTITY_POOL_USAGE,
                    client.endpoint(),
                )
                .await
            }
            DescribeIdentityUsage { identity, .. } => {
                let (identity_pool_id, identity_id) = identity_ids(&identity)?;
                let input = DescribeIdentityUsageInput {
                    identity_pool_id,
                    identity_id,
                };
                call(
                    "DescribeIdentityUsage",
                    client.describe_identity_usage(input),
                    &shapes::DESCRIBE_IDENTITY_USAGE,
                    client.endpoint(),
                )
                .await
            }
            GetBulkPublishDetails { pool, .. } => {
                let input = GetBulkPublishDetailsInput {
                    identity_pool_id: s("identity-pool-id", &pool.identity_pool_id)?,
                };
                call(
                    "GetBulkPublishDetails",
                    client.get_bulk_publish_details(input),
                    &shapes::GET_BULK_PUBLISH_DETAILS,
                    client.endpoint(),
                )
                .await
            }
            GetCognitoEvents { pool, .. } => {
                let input = GetCognitoEventsInput {
                    identity_pool_id: s("identity-pool-id", &pool.identity_pool_id)?,
                };
                call(
                    "GetCognitoEvents",
                    client.get_cognito_events(input),
                    &shapes::GET_COGNITO_EVENTS,
                    client.endpoint(),
                )
                .await
            }
            GetIdentityPoolConfiguration { pool, .. } => {
                let input = GetIdentityPoolConfigurationInput {
                    identity_pool_id: s("identity-pool-id", &pool.identity_pool_id)?,
                };
                call(
                    "GetIdentityPoolConfiguration",
                    client.get_identity_pool_configuration(input),
                    &shapes::IDENTITY_POOL_CONFIGURATION,
                    client.endpoint(),
                )
                .await
            }
            ListDatasets { identity, page, .. } => {
                let (identity_pool_id, identity_id) = identity_ids(&identity)?;
                let input = ListDatasetsInput {
                    identity_pool_id,
                    identity_id,
                    next_token: params::load_opt("next-token", &page.next_token)?,
                    max_results: page.max_results,
                };
                call(
                    "ListDatasets",
                    client.list_datasets(input),
                    &shapes::LIST_DATASETS,
                    client.endpoint(),
                )
                .await
            }
            ListIdentityPoolUsage { page, .. } => {
                let input = ListIdentityPoolUsageInput {
                    next_token: params::load_opt("next-token", &page.next_token)?,
                    max_results: page.max_results,
                };
                call(
                    "ListIdentityPoolUsage",
                    client.list_identity_pool_usage(input),
                    &shapes::LIST_IDENTITY_POOL_USAGE,
                    client.endpoint(),
                )
                .await
            }
            ListRecords {
                dataset,
                last_sync_count,
                page,
                sync_session_token,
                ..
            } => {
                let (identity_pool_id, identity_id, dataset_name) = dataset_ids(&dataset)?;
                let input = ListRecordsInput {
                    identity_pool_id,
                    identity_id,
                    dataset_name,
                    last_sync_count,
                    next_token: params::load_opt("next-token", &page.next_token)?,
                    max_results: page.max_results,
                    sync_session_token: params::load_opt(
                        "sync-session-token",
                        &sync_session_token,
                    )?,
                };
                call(
                    "ListRecords",
                    client.list_records(input),
                    &shapes::LIST_RECORDS,
                    client.endpoint(),
                )
                .await
            }
            RegisterDevice {
                identity,
                platform,
                token,
                ..
            } => {
                let (identity_pool_id, identity_id) = identity_ids(&identity)?;
                let input = RegisterDeviceInput {
                    identity_pool_id,
                    identity_id,
                    platform: Platform::from(s("platform", &platform)?),
                    token: s("token", &token)?,
                };
                call(
                    "RegisterDevice",
                    client.register_device(input),
                    &shapes::REGISTER_DEVICE,
                    client.endpoint(),
                )
                .await
            }
            SetCognitoEvents { pool, events, .. } => {
                let input = SetCognitoEventsInput {
                    identity_pool_id: s("identity-pool-id", &pool.identity_pool_id)?,
                    events: params::json("events", "Events", &events, &params::EVENTS)?,
                };
                call(
                    "SetCognitoEvents",
                    client.set_cognito_events(input),
                    &shapes::EMPTY,
                    client.endpoint(),
                )
                .await
            }
            SetIdentityPoolConfiguration {
                pool,
                push_sync,
                cognito_streams,
                ..
            } => {
                let input = SetIdentityPoolConfigurationInput {
                    identity_pool_id: s("identity-pool-id", &pool.identity_pool_id)?,
                    push_sync: push_sync
                        .map(|raw| params::json("push-sync", "PushSync", &raw, &params::PUSH_SYNC))
                        .transpose()?,
                    cognito_streams: cognito_streams
                        .map(|raw| {
                            params::json(
                                "cognito-streams",
                                "CognitoStreams",
                                &raw,
                                &params::COGNITO_STREAMS,
                            )
                        })
                        .transpose()?,
                };
                call(
                    "SetIdentityPoolConfiguration",
                    client.set_identity_pool_configuration(input),
                    &shapes::IDENTITY_POOL_CONFIGURATION,
                    client.endpoint(),
                )
                .await
            }
            SubscribeToDataset { subscription, .. } => {
                let (identity_pool_id, identity_id, dataset_name) =
                    dataset_ids(&subscription.dataset)?;
                let input = SubscribeToDatasetInput {
                    identity_pool_id,
                    identity_id,
                    dataset_name,
                    device_id: s("device-id", &subscription.device_id)?,
                };
                call(
                    "SubscribeToDataset",
                    client.subscribe_to_dataset(input),
                    &shapes::EMPTY,
                    client.endpoint(),
                )
                .await
            }
            UnsubscribeFromDataset { subscription, .. } => {
                let (identity_pool_id, identity_id, dataset_name) =
                    dataset_ids(&subscription.dataset)?;
                let input = UnsubscribeFromDatasetInput {
                    identity_pool_id,
                    identity_id,
                    dataset_name,
                    device_id: s("device-id", &subscription.device_id)?,
                };
                call(
                    "UnsubscribeFromDataset",
                    client.unsubscribe_from_dataset(input),
                    &shapes::EMPTY,
                    client.endpoint(),
                )
                .await
            }
            UpdateRecords {
                dataset,
                device_id,
                record_patches,
                sync_session_token,
                client_context,
                ..
            } => {
                let (identity_pool_id, identity_id, dataset_name) = dataset_ids(&dataset)?;
                let input = UpdateRecordsInput {
                    identity_pool_id,
                    identity_id,
                    dataset_name,
                    device_id: params::load_opt("device-id", &device_id)?,
                    record_patches: record_patches
                        .map(|raw| {
                            params::json(
                                "record-patches",
                                "RecordPatches",
                                &raw,
                                &params::RECORD_PATCHES,
                            )
                        })
                        .transpose()?,
                    sync_session_token: s("sync-session-token", &sync_session_token)?,
                    client_context: params::load_opt("client-context", &client_context)?,
                };
                call(
                    "UpdateRecords",
                    client.update_records(input),
                    &shapes::UPDATE_RECORDS,
                    client.endpoint(),
                )
                .await
            }
        }
    }
}

/// A string parameter, with `file://` loaded.
fn s(name: &str, raw: &str) -> Result<String, Failure> {
    params::load(name, raw)
}

fn identity_ids(i: &Identity) -> Result<(String, String), Failure> {
    Ok((
        s("identity-pool-id", &i.identity_pool_id)?,
        s("identity-id", &i.identity_id)?,
    ))
}

fn dataset_ids(d: &DatasetArgs) -> Result<(String, String, String), Failure> {
    let (pool, identity) = identity_ids(&d.identity)?;
    Ok((pool, identity, s("dataset-name", &d.dataset_name)?))
}

/// Awaits a call and prints its response, or turns its error into the AWS CLI's message.
async fn call<O: Serialize>(
    operation: &str,
    fut: impl std::future::Future<Output = Result<O, cognito_sync::Error>>,
    shape: &Shape,
    endpoint: &str,
) -> Result<(), Failure> {
    let out = fut
        .await
        .map_err(|e| Failure::from_call(operation, endpoint, &e))?;
    print_response(&out, shape)
}
