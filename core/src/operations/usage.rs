//! DescribeIdentityPoolUsage, DescribeIdentityUsage, ListIdentityPoolUsage.

use http::Method;

use super::Url;
use crate::error::Error;
use crate::http::PreparedRequest;
use crate::model::{
    DescribeIdentityPoolUsageInput, DescribeIdentityUsageInput, ListIdentityPoolUsageInput,
};

/// `GET /identitypools/{IdentityPoolId}`
pub(crate) fn describe_identity_pool_usage(
    base: &str,
    i: &DescribeIdentityPoolUsageInput,
) -> Result<PreparedRequest, Error> {
    Url::new(base)
        .lit("/identitypools/")
        .label(&i.identity_pool_id)
        .empty(Method::GET)
}

/// `GET /identitypools/{IdentityPoolId}/identities/{IdentityId}`
pub(crate) fn describe_identity_usage(
    base: &str,
    i: &DescribeIdentityUsageInput,
) -> Result<PreparedRequest, Error> {
    Url::new(base)
        .lit("/identitypools/")
        .label(&i.identity_pool_id)
        .lit("/identities/")
        .label(&i.identity_id)
        .empty(Method::GET)
}

/// `GET /identitypools` with `nextToken`, `maxResults` in the query.
pub(crate) fn list_identity_pool_usage(
    base: &str,
    i: &ListIdentityPoolUsageInput,
) -> Result<PreparedRequest, Error> {
    Url::new(base)
        .lit("/identitypools")
        .query("nextToken", i.next_token.as_deref())
        .query_num("maxResults", i.max_results)
        .empty(Method::GET)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::model::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn requests() {
        let r = describe_identity_pool_usage(
            BASE,
            &DescribeIdentityPoolUsageInput {
                identity_pool_id: POOL.into(),
            },
        )
        .unwrap();
        assert_eq!(
            (r.method.clone(), path(&r)),
            (Method::GET, format!("/identitypools/{POOL_ENC}").as_str())
        );
        assert_no_body(&r);
        let r = describe_identity_usage(
            BASE,
            &DescribeIdentityUsageInput {
                identity_pool_id: POOL.into(),
                identity_id: ID.into(),
            },
        )
        .unwrap();
        assert_eq!(r.method, Method::GET);
        assert_eq!(
            path(&r),
            format!("/identitypools/{POOL_ENC}/identities/{ID_ENC}")
        );
        assert_no_body(&r);
        let r = list_identity_pool_usage(BASE, &ListIdentityPoolUsageInput::default()).unwrap();
        assert_eq!(path(&r), "/identitypools");
        let r = list_identity_pool_usage(
            BASE,
            &ListIdentityPoolUsageInput {
                next_token: Some("dXMtZWFzdC0x==".into()),
                max_results: Some(2),
            },
        )
        .unwrap();
        assert_eq!(r.method, Method::GET);
        assert_eq!(
            path(&r),
            "/identitypools?nextToken=dXMtZWFzdC0x%3D%3D&maxResults=2"
        );
        assert_no_body(&r);
    }

    #[test]
    fn responses() {
        let out: DescribeIdentityPoolUsageOutput = super::super::parse(
            br#"{"IdentityPoolUsage":{"DataStorage":0,"IdentityPoolId":"us-east-1:x","LastModifiedDate":1.413231134115E9,"SyncSessionsCount":null}}"#,
        )
        .unwrap();
        let u = out.identity_pool_usage.unwrap();
        assert_eq!(u.data_storage, Some(0));
        assert_eq!(u.sync_sessions_count, None);
        assert_eq!(
            u.last_modified_date,
            Some(UNIX_EPOCH + Duration::from_millis(1_413_231_134_115))
        );

        let out: DescribeIdentityUsageOutput = super::super::parse(
            br#"{"IdentityUsage":{"DataStorage":16,"DatasetCount":1,"IdentityId":"us-east-1:i","IdentityPoolId":"us-east-1:p","LastModifiedDate":1.413231134115E9}}"#,
        )
        .unwrap();
        let u = out.identity_usage.unwrap();
        assert_eq!((u.data_storage, u.dataset_count), (Some(16), Some(1)));
        assert_eq!(u.identity_id.as_deref(), Some("us-east-1:i"));
        assert_eq!(u.identity_pool_id.as_deref(), Some("us-east-1:p"));

        let out: ListIdentityPoolUsageOutput = super::super::parse(
            br#"{"Count":2,"IdentityPoolUsages":[{"IdentityPoolId":"a:1"},{"IdentityPoolId":"b:2"}],"MaxResults":2,"NextToken":"dXMtZWFzdC0x"}"#,
        )
        .unwrap();
        assert_eq!((out.count, out.max_results), (Some(2), Some(2)));
        assert_eq!(out.identity_pool_usages().len(), 2);
        assert_eq!(out.next_token.as_deref(), Some("dXMtZWFzdC0x"));
    }
}
