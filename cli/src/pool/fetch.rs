//! One identity's datasets (ListDatasets, every page) and each dataset's records
//! (ListRecords from sync count 0, every page: tombstones included), as archive lines.

use std::time::{SystemTime, UNIX_EPOCH};

use cognito_sync::model::{ListDatasetsInput, ListRecordsInput, ListRecordsOutput, Record};
use cognito_sync::Client;

use super::archive::{DatasetLine, RecordLine};
use super::limiter::Limiter;
use crate::exit::Failure;

/// Epoch seconds of a time (negative before 1970), microsecond precision.
pub fn seconds(t: SystemTime) -> f64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_micros() as f64 / 1e6,
        Err(e) => -(e.duration().as_micros() as f64 / 1e6),
    }
}

fn record_line(r: Record) -> RecordLine {
    RecordLine {
        key: r.key.unwrap_or_default(),
        value: r.value,
        sync_count: r.sync_count.unwrap_or(0),
        last_modified_date: r.last_modified_date.map_or(0.0, seconds),
        last_modified_by: r.last_modified_by,
        device_last_modified_date: r.device_last_modified_date.map(seconds),
    }
}

/// A dataset's metadata as ListDatasets gives it.
#[derive(Debug, Clone)]
pub struct DatasetInfo {
    /// Name.
    pub name: String,
    /// Epoch seconds.
    pub creation_date: f64,
    /// Epoch seconds.
    pub last_modified_date: f64,
    /// Who changed it last.
    pub last_modified_by: Option<String>,
    /// Bytes.
    pub data_storage: i64,
    /// Live records.
    pub num_records: i64,
}

/// The identity's datasets, sorted by name.
pub async fn list_datasets(
    client: &Client,
    limiter: &Limiter,
    pool: &str,
    identity: &str,
) -> Result<Vec<DatasetInfo>, Failure> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let input = ListDatasetsInput {
            identity_pool_id: pool.to_owned(),
            identity_id: identity.to_owned(),
            next_token: token.clone(),
            max_results: Some(64),
        };
        let page = limiter
            .run(|| client.list_datasets(&input))
            .await
            .map_err(|e| Failure::from_call("ListDatasets", client.endpoint(), &e))?;
        for d in page.datasets.unwrap_or_default() {
            out.push(DatasetInfo {
                name: d.dataset_name.unwrap_or_default(),
                creation_date: d.creation_date.map_or(0.0, seconds),
                last_modified_date: d.last_modified_date.map_or(0.0, seconds),
                last_modified_by: d.last_modified_by,
                data_storage: d.data_storage.unwrap_or(0),
                num_records: d.num_records.unwrap_or(0),
            });
        }
        match page.next_token.filter(|t| !t.is_empty()) {
            Some(t) if Some(&t) != token.as_ref() => token = Some(t),
            _ => break,
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Every record of a dataset from sync count 0, page by page through the limiter, and the
/// last page without its records: the dataset's sync count, merged names and existence, and
/// the session token to write with (the last one the pages gave).
pub async fn all_records(
    client: &Client,
    limiter: &Limiter,
    pool: &str,
    identity: &str,
    dataset: &str,
) -> Result<(Vec<Record>, ListRecordsOutput), Failure> {
    let mut records = Vec::new();
    let mut token: Option<String> = None;
    let mut session: Option<String> = None;
    loop {
        let input = ListRecordsInput {
            identity_pool_id: pool.to_owned(),
            identity_id: identity.to_owned(),
            dataset_name: dataset.to_owned(),
            last_sync_count: Some(0),
            next_token: token.clone(),
            max_results: Some(1024),
            sync_session_token: session.clone(),
        };
        let mut page = limiter
            .run(|| client.list_records(&input))
            .await
            .map_err(|e| Failure::from_call("ListRecords", client.endpoint(), &e))?;
        session = page.sync_session_token.take().or(session);
        records.extend(page.records.take().unwrap_or_default());
        match page.next_token.clone().filter(|t| !t.is_empty()) {
            Some(t) if Some(&t) != token.as_ref() => token = Some(t),
            _ => {
                page.sync_session_token = session;
                return Ok((records, page));
            }
        }
    }
}

/// Every record of a dataset; `None` if the dataset no longer exists.
pub async fn dataset(
    client: &Client,
    limiter: &Limiter,
    pool: &str,
    identity: &str,
    info: &DatasetInfo,
) -> Result<Option<DatasetLine>, Failure> {
    let (records, last) = all_records(client, limiter, pool, identity, &info.name).await?;
    if !last.dataset_exists.unwrap_or(true) {
        return Ok(None);
    }
    Ok(Some(DatasetLine {
        identity_id: identity.to_owned(),
        dataset_name: info.name.clone(),
        creation_date: info.creation_date,
        last_modified_date: info.last_modified_date,
        last_modified_by: info.last_modified_by.clone(),
        data_storage: info.data_storage,
        num_records: info.num_records,
        dataset_sync_count: last.dataset_sync_count.unwrap_or(0),
        merged_dataset_names: last.merged_dataset_names.filter(|m| !m.is_empty()),
        records: records.into_iter().map(record_line).collect(),
    }))
}

/// Every dataset of one identity, sorted by name.
pub async fn identity(
    client: &Client,
    limiter: &Limiter,
    pool: &str,
    identity: &str,
) -> Result<Vec<DatasetLine>, Failure> {
    let mut out = Vec::new();
    for info in list_datasets(client, limiter, pool, identity).await? {
        if let Some(d) = dataset(client, limiter, pool, identity, &info).await? {
            out.push(d);
        }
    }
    Ok(out)
}
