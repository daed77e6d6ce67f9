//! ListRecords and UpdateRecords.

use http::{HeaderValue, Method};

use super::Url;
use crate::error::Error;
use crate::http::PreparedRequest;
use crate::model::{ListRecordsInput, UpdateRecordsInput};

/// `GET /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}/records`
/// with `lastSyncCount`, `nextToken`, `maxResults`, `syncSessionToken` in the query.
pub(crate) fn list_records(base: &str, i: &ListRecordsInput) -> Result<PreparedRequest, Error> {
    Url::new(base)
        .lit("/identitypools/")
        .label(&i.identity_pool_id)
        .lit("/identities/")
        .label(&i.identity_id)
        .lit("/datasets/")
        .label(&i.dataset_name)
        .lit("/records")
        .query_num("lastSyncCount", i.last_sync_count)
        .query("nextToken", i.next_token.as_deref())
        .query_num("maxResults", i.max_results)
        .query("syncSessionToken", i.sync_session_token.as_deref())
        .empty(Method::GET)
}

/// `POST /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}`
/// with `DeviceId`, `RecordPatches`, `SyncSessionToken` in the body and `ClientContext`
/// in the `x-amz-Client-Context` header.
pub(crate) fn update_records(base: &str, i: &UpdateRecordsInput) -> Result<PreparedRequest, Error> {
    let client_context = match &i.client_context {
        Some(cc) => Some(HeaderValue::from_str(cc).map_err(|_| {
            Error::validation("client_context: must be a valid header value (base64-encoded JSON)")
        })?),
        None => None,
    };
    // Written directly: serde_json's byte-at-a-time escaping was the largest cost here.
    let body = super::update_body::update_records_body(
        i.device_id.as_deref(),
        i.record_patches.as_deref(),
        &i.sync_session_token,
    )?;
    Url::new(base)
        .lit("/identitypools/")
        .label(&i.identity_pool_id)
        .lit("/identities/")
        .label(&i.identity_id)
        .lit("/datasets/")
        .label(&i.dataset_name)
        .json_bytes(Method::POST, body, client_context)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::model::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn list_records_request() {
        let r = list_records(
            BASE,
            &ListRecordsInput {
                identity_pool_id: POOL.into(),
                identity_id: ID.into(),
                dataset_name: "game.save:1".into(),
                last_sync_count: Some(5),
                next_token: Some("a b/c+=".into()),
                max_results: Some(1024),
                sync_session_token: Some("tok:1".into()),
            },
        )
        .unwrap();
        assert_eq!(r.method, Method::GET);
        assert_eq!(
            path(&r),
            format!(
                "/identitypools/{POOL_ENC}/identities/{ID_ENC}/datasets/game.save%3A1/records\
                 ?lastSyncCount=5&nextToken=a%20b%2Fc%2B%3D&maxResults=1024&syncSessionToken=tok%3A1"
            )
        );
        assert_no_body(&r);
    }

    #[test]
    fn list_records_without_optional_members_has_no_query() {
        let r = list_records(
            BASE,
            &ListRecordsInput {
                identity_pool_id: POOL.into(),
                identity_id: ID.into(),
                dataset_name: "d".into(),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            path(&r),
            format!("/identitypools/{POOL_ENC}/identities/{ID_ENC}/datasets/d/records")
        );
    }

    #[test]
    fn update_records_request() {
        let at = UNIX_EPOCH + Duration::from_millis(1_577_934_245_678);
        let r = update_records(
            BASE,
            &UpdateRecordsInput {
                identity_pool_id: POOL.into(),
                identity_id: ID.into(),
                dataset_name: "d".into(),
                device_id: Some("dev/1".into()),
                record_patches: Some(vec![
                    RecordPatch::replace("k1", "v1", 0).with_device_last_modified_date(at),
                    RecordPatch::remove("k2", 7),
                ]),
                sync_session_token: "tok".into(),
                client_context: Some("eyJhIjoxfQ==".into()),
            },
        )
        .unwrap();
        assert_eq!(r.method, Method::POST);
        assert_eq!(
            path(&r),
            format!("/identitypools/{POOL_ENC}/identities/{ID_ENC}/datasets/d")
        );
        assert_eq!(r.client_context.as_ref().unwrap(), "eyJhIjoxfQ==");
        assert_eq!(
            body_json(&r),
            serde_json::json!({
                "DeviceId": "dev/1",
                "RecordPatches": [
                    {"Op": "replace", "Key": "k1", "Value": "v1", "SyncCount": 0,
                     "DeviceLastModifiedDate": 1577934245.678},
                    {"Op": "remove", "Key": "k2", "SyncCount": 7}
                ],
                "SyncSessionToken": "tok"
            })
        );
    }

    #[test]
    fn update_records_minimal_body() {
        let r = update_records(
            BASE,
            &UpdateRecordsInput {
                identity_pool_id: POOL.into(),
                identity_id: ID.into(),
                dataset_name: "d".into(),
                sync_session_token: "tok".into(),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            body_json(&r),
            serde_json::json!({"SyncSessionToken": "tok"})
        );
        assert!(r.client_context.is_none());
    }

    #[test]
    fn list_records_response() {
        // The example of the API reference, exponent timestamps and explicit nulls included.
        let body = br#"{
            "Count": 1, "DatasetDeletedAfterRequestedSyncCount": false, "DatasetExists": true,
            "DatasetSyncCount": 3, "LastModifiedBy": "123456789012",
            "MergedDatasetNames": null, "NextToken": null,
            "Records": [{"DeviceLastModifiedDate": 1.413231134115E9, "Key": "k", "LastModifiedBy": "dev",
                         "LastModifiedDate": 1.413231134115E9, "SyncCount": 3, "Value": "v"},
                        {"Key": "gone", "SyncCount": 2, "Value": null}],
            "SyncSessionToken": "SYNC", "Unmodeled": {"x": 1}
        }"#;
        let out: ListRecordsOutput = super::super::parse(body).unwrap();
        assert_eq!(out.count, Some(1));
        assert_eq!(out.dataset_sync_count, Some(3));
        assert_eq!(out.dataset_exists, Some(true));
        assert_eq!(out.dataset_deleted_after_requested_sync_count, Some(false));
        assert_eq!(out.merged_dataset_names, None);
        assert_eq!(out.next_token, None);
        assert_eq!(out.sync_session_token.as_deref(), Some("SYNC"));
        assert_eq!(out.last_modified_by.as_deref(), Some("123456789012"));
        let r = &out.records()[0];
        assert_eq!(r.key.as_deref(), Some("k"));
        assert_eq!(r.value.as_deref(), Some("v"));
        assert_eq!(r.sync_count, Some(3));
        assert_eq!(
            r.last_modified_date,
            Some(UNIX_EPOCH + Duration::from_millis(1_413_231_134_115))
        );
        assert_eq!(r.device_last_modified_date, r.last_modified_date);
        assert_eq!(out.records()[1].value, None);
    }

    #[test]
    fn update_records_response() {
        let out: UpdateRecordsOutput = super::super::parse(
            br#"{"Records":[{"Key":"k","Value":"v","SyncCount":1,"LastModifiedDate":1700000000}]}"#,
        )
        .unwrap();
        assert_eq!(out.records().len(), 1);
        assert_eq!(
            out.records()[0].last_modified_date,
            Some(UNIX_EPOCH + Duration::from_secs(1_700_000_000))
        );
        let empty: UpdateRecordsOutput = super::super::parse(b"").unwrap();
        assert!(empty.records().is_empty());
        assert!(super::super::parse::<UpdateRecordsOutput>(b"{not json").is_err());
    }
}
