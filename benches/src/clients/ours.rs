//! Our clients: the async core `cognito_sync::Client` and `cognito_sync::blocking::Client`,
//! configured like the peer (static credentials, region, endpoint, default retries).

use crate::fixtures::UPDATE_DATASET;
use crate::fixtures::{keys_values, ACCESS_KEY, LIST_DATASET, RECORDS, REGION, SECRET_KEY};
use crate::runner::{AsyncCall, BlockingCall, Op, Worker};
use cognito_sync::model::{
    ListRecordsInput, ListRecordsOutput, Operation, RecordPatch, UpdateRecordsInput,
    UpdateRecordsOutput,
};

/// Builds our async client for `endpoint`.
pub fn build_async(endpoint: &str) -> Result<cognito_sync::Client, String> {
    cognito_sync::Client::builder()
        .region(REGION)
        .endpoint_url(endpoint)
        .credentials(cognito_sync::Credentials::new(ACCESS_KEY, SECRET_KEY, None))
        .build()
        .map_err(|e| format!("cognito_sync::Client: {e}"))
}

fn list_input(pool: &str, worker: &Worker) -> ListRecordsInput {
    ListRecordsInput {
        identity_pool_id: pool.to_string(),
        identity_id: worker.identity.clone(),
        dataset_name: LIST_DATASET.to_string(),
        last_sync_count: Some(0),
        ..Default::default()
    }
}

fn update_input(pool: &str, worker: &Worker) -> UpdateRecordsInput {
    let patches = keys_values()
        .iter()
        .map(|(key, value)| RecordPatch {
            op: Operation::Replace,
            key: key.clone(),
            value: Some(value.clone()),
            sync_count: worker.sync_count,
            ..Default::default()
        })
        .collect();
    UpdateRecordsInput {
        identity_pool_id: pool.to_string(),
        identity_id: worker.identity.clone(),
        dataset_name: UPDATE_DATASET.to_string(),
        record_patches: Some(patches),
        sync_session_token: worker.session_token.clone(),
        ..Default::default()
    }
}

fn check_list(out: &ListRecordsOutput) -> Result<(), String> {
    let n = out.records.as_ref().map_or(0, Vec::len);
    if n == RECORDS {
        Ok(())
    } else {
        Err(format!("cognito_sync list_records: {n} records"))
    }
}

fn check_update(out: &UpdateRecordsOutput, worker: &mut Worker) -> Result<(), String> {
    let n = out.records.as_ref().map_or(0, Vec::len);
    if n != RECORDS {
        return Err(format!("cognito_sync update_records: {n} records"));
    }
    worker.sync_count += 1;
    Ok(())
}

/// Our async client.
pub struct OursAsync {
    client: cognito_sync::Client,
    pool: String,
    op: Op,
}

impl OursAsync {
    /// Wraps a built client.
    pub fn new(client: cognito_sync::Client, pool: &str, op: Op) -> Self {
        OursAsync {
            client,
            pool: pool.to_string(),
            op,
        }
    }
}

impl AsyncCall for OursAsync {
    async fn call(&self, worker: &mut Worker) -> Result<(), String> {
        match self.op {
            Op::List => {
                let out = self
                    .client
                    .list_records(list_input(&self.pool, worker))
                    .await
                    .map_err(|e| format!("cognito_sync list_records: {e}"))?;
                check_list(&out)?;
            }
            Op::Update => {
                let out = self
                    .client
                    .update_records(update_input(&self.pool, worker))
                    .await
                    .map_err(|e| format!("cognito_sync update_records: {e}"))?;
                check_update(&out, worker)?;
            }
        }
        worker.sequence += 1;
        Ok(())
    }
}

/// Our blocking client (its own runtime inside; called from plain threads).
pub struct OursBlocking {
    client: cognito_sync::blocking::Client,
    pool: String,
    op: Op,
}

impl OursBlocking {
    /// Builds the blocking client over a new async client for `endpoint`.
    pub fn new(endpoint: &str, pool: &str, op: Op) -> Result<Self, String> {
        Ok(OursBlocking {
            client: cognito_sync::blocking::Client::new(build_async(endpoint)?),
            pool: pool.to_string(),
            op,
        })
    }
}

impl BlockingCall for OursBlocking {
    fn call(&self, worker: &mut Worker) -> Result<(), String> {
        match self.op {
            Op::List => {
                let out = self
                    .client
                    .list_records(list_input(&self.pool, worker))
                    .map_err(|e| format!("cognito_sync blocking list_records: {e}"))?;
                check_list(&out)?;
            }
            Op::Update => {
                let out = self
                    .client
                    .update_records(update_input(&self.pool, worker))
                    .map_err(|e| format!("cognito_sync blocking update_records: {e}"))?;
                check_update(&out, worker)?;
            }
        }
        worker.sequence += 1;
        Ok(())
    }
}
