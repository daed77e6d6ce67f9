//! BulkPublish, GetBulkPublishDetails.

use http::Method;

use super::Url;
use crate::error::Error;
use crate::http::PreparedRequest;
use crate::model::{BulkPublishInput, GetBulkPublishDetailsInput};

/// `POST /identitypools/{IdentityPoolId}/bulkpublish`, no body.
pub(crate) fn bulk_publish(base: &str, i: &BulkPublishInput) -> Result<PreparedRequest, Error> {
    Url::new(base)
        .lit("/identitypools/")
        .label(&i.identity_pool_id)
        .lit("/bulkpublish")
        .empty(Method::POST)
}

/// `POST /identitypools/{IdentityPoolId}/getBulkPublishDetails`, no body.
pub(crate) fn get_bulk_publish_details(
    base: &str,
    i: &GetBulkPublishDetailsInput,
) -> Result<PreparedRequest, Error> {
    Url::new(base)
        .lit("/identitypools/")
        .label(&i.identity_pool_id)
        .lit("/getBulkPublishDetails")
        .empty(Method::POST)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::model::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn requests_and_responses() {
        let r = bulk_publish(
            BASE,
            &BulkPublishInput {
                identity_pool_id: POOL.into(),
            },
        )
        .unwrap();
        assert_eq!(r.method, Method::POST);
        assert_eq!(path(&r), format!("/identitypools/{POOL_ENC}/bulkpublish"));
        assert_no_body(&r);
        let out: BulkPublishOutput = super::super::parse(br#"{"IdentityPoolId":"p:1"}"#).unwrap();
        assert_eq!(out.identity_pool_id.as_deref(), Some("p:1"));

        let r = get_bulk_publish_details(
            BASE,
            &GetBulkPublishDetailsInput {
                identity_pool_id: POOL.into(),
            },
        )
        .unwrap();
        assert_eq!(r.method, Method::POST);
        assert_eq!(
            path(&r),
            format!("/identitypools/{POOL_ENC}/getBulkPublishDetails")
        );
        assert_no_body(&r);
        let out: GetBulkPublishDetailsOutput = super::super::parse(
            br#"{"IdentityPoolId":"p:1","BulkPublishStartTime":1700000000.5,"BulkPublishCompleteTime":1.7000001E9,
                "BulkPublishStatus":"FAILED","FailureMessage":"no stream"}"#,
        )
        .unwrap();
        assert_eq!(out.bulk_publish_status, Some(BulkPublishStatus::Failed));
        assert_eq!(
            out.bulk_publish_start_time,
            Some(UNIX_EPOCH + Duration::from_millis(1_700_000_000_500))
        );
        assert_eq!(
            out.bulk_publish_complete_time,
            Some(UNIX_EPOCH + Duration::from_secs(1_700_000_100))
        );
        assert_eq!(out.failure_message.as_deref(), Some("no stream"));
    }
}
