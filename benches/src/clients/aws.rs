//! The peer: `aws-sdk-cognitosync` with its default features, configured by hand (static
//! credentials, region, endpoint) so no `aws-config` credential chain runs.

use crate::fixtures::{
    keys_values, ACCESS_KEY, LIST_DATASET, RECORDS, REGION, SECRET_KEY, UPDATE_DATASET,
};
use crate::runner::{AsyncCall, Op, Worker};
use aws_sdk_cognitosync::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_cognitosync::types::{Operation, RecordPatch};

/// aws-sdk-cognitosync making ListRecords or UpdateRecords calls.
pub struct AwsSdk {
    client: aws_sdk_cognitosync::Client,
    pool: String,
    op: Op,
}

impl AwsSdk {
    /// Builds the SDK client for `endpoint`; must run inside a tokio runtime.
    pub fn new(endpoint: &str, pool: &str, op: Op) -> Self {
        let config = aws_sdk_cognitosync::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(REGION))
            .endpoint_url(endpoint)
            .credentials_provider(Credentials::new(
                ACCESS_KEY, SECRET_KEY, None, None, "bench",
            ))
            .build();
        AwsSdk {
            client: aws_sdk_cognitosync::Client::from_conf(config),
            pool: pool.to_string(),
            op,
        }
    }
}

impl AsyncCall for AwsSdk {
    async fn call(&self, worker: &mut Worker) -> Result<(), String> {
        match self.op {
            Op::List => {
                let out = self
                    .client
                    .list_records()
                    .identity_pool_id(&self.pool)
                    .identity_id(&worker.identity)
                    .dataset_name(LIST_DATASET)
                    .last_sync_count(0)
                    .send()
                    .await
                    .map_err(|e| format!("aws-sdk list_records: {e:?}"))?;
                if out.records().len() != RECORDS {
                    return Err(format!("aws-sdk: {} records", out.records().len()));
                }
            }
            Op::Update => {
                let mut call = self
                    .client
                    .update_records()
                    .identity_pool_id(&self.pool)
                    .identity_id(&worker.identity)
                    .dataset_name(UPDATE_DATASET)
                    .sync_session_token(&worker.session_token);
                for (key, value) in keys_values() {
                    let patch = RecordPatch::builder()
                        .op(Operation::Replace)
                        .key(key.clone())
                        .value(value.clone())
                        .sync_count(worker.sync_count)
                        .build()
                        .map_err(|e| format!("aws-sdk patch: {e}"))?;
                    call = call.record_patches(patch);
                }
                let out = call
                    .send()
                    .await
                    .map_err(|e| format!("aws-sdk update_records: {e:?}"))?;
                if out.records().len() != RECORDS {
                    return Err(format!("aws-sdk: {} records", out.records().len()));
                }
                worker.sync_count += 1;
            }
        }
        worker.sequence += 1;
        Ok(())
    }
}
