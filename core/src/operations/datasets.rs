//! DeleteDataset, DescribeDataset, ListDatasets.

use http::Method;

use super::Url;
use crate::error::Error;
use crate::http::PreparedRequest;
use crate::model::{DeleteDatasetInput, DescribeDatasetInput, ListDatasetsInput};

fn dataset_url(base: &str, pool: &str, identity: &str, name: &str) -> Url {
    Url::new(base)
        .lit("/identitypools/")
        .label(pool)
        .lit("/identities/")
        .label(identity)
        .lit("/datasets/")
        .label(name)
}

/// `DELETE /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}`
pub(crate) fn delete_dataset(base: &str, i: &DeleteDatasetInput) -> Result<PreparedRequest, Error> {
    dataset_url(base, &i.identity_pool_id, &i.identity_id, &i.dataset_name).empty(Method::DELETE)
}

/// `GET /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}`
pub(crate) fn describe_dataset(
    base: &str,
    i: &DescribeDatasetInput,
) -> Result<PreparedRequest, Error> {
    dataset_url(base, &i.identity_pool_id, &i.identity_id, &i.dataset_name).empty(Method::GET)
}

/// `GET /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets` with
/// `nextToken`, `maxResults` in the query.
pub(crate) fn list_datasets(base: &str, i: &ListDatasetsInput) -> Result<PreparedRequest, Error> {
    Url::new(base)
        .lit("/identitypools/")
        .label(&i.identity_pool_id)
        .lit("/identities/")
        .label(&i.identity_id)
        .lit("/datasets")
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
    fn delete_and_describe_requests() {
        let d = delete_dataset(
            BASE,
            &DeleteDatasetInput {
                identity_pool_id: POOL.into(),
                identity_id: ID.into(),
                dataset_name: "my_ds".into(),
            },
        )
        .unwrap();
        assert_eq!(d.method, Method::DELETE);
        assert_eq!(
            path(&d),
            format!("/identitypools/{POOL_ENC}/identities/{ID_ENC}/datasets/my_ds")
        );
        assert_no_body(&d);
        let g = describe_dataset(
            BASE,
            &DescribeDatasetInput {
                identity_pool_id: POOL.into(),
                identity_id: ID.into(),
                dataset_name: "my_ds".into(),
            },
        )
        .unwrap();
        assert_eq!(g.method, Method::GET);
        assert_eq!(path(&g), path(&d));
        assert_no_body(&g);
    }

    #[test]
    fn list_datasets_request() {
        let r = list_datasets(
            BASE,
            &ListDatasetsInput {
                identity_pool_id: POOL.into(),
                identity_id: ID.into(),
                next_token: Some("n/1".into()),
                max_results: Some(64),
            },
        )
        .unwrap();
        assert_eq!(r.method, Method::GET);
        assert_eq!(
            path(&r),
            format!("/identitypools/{POOL_ENC}/identities/{ID_ENC}/datasets?nextToken=n%2F1&maxResults=64")
        );
        assert_no_body(&r);
    }

    #[test]
    fn dataset_responses() {
        let body = br#"{"Count":1,"Datasets":[{"CreationDate":1.412974057151E9,"DataStorage":16,
            "DatasetName":"my_list","IdentityId":"us-east-1:aaaa","LastModifiedBy":"123456789012",
            "LastModifiedDate":1.412974057244E9,"NumRecords":1}],"NextToken":null}"#;
        let out: ListDatasetsOutput = super::super::parse(body).unwrap();
        assert_eq!(out.count, Some(1));
        let d = &out.datasets()[0];
        assert_eq!(d.dataset_name.as_deref(), Some("my_list"));
        assert_eq!(d.identity_id.as_deref(), Some("us-east-1:aaaa"));
        assert_eq!(d.data_storage, Some(16));
        assert_eq!(d.num_records, Some(1));
        assert_eq!(
            d.creation_date,
            Some(UNIX_EPOCH + Duration::from_millis(1_412_974_057_151))
        );
        assert_eq!(
            d.last_modified_date,
            Some(UNIX_EPOCH + Duration::from_millis(1_412_974_057_244))
        );
        assert_eq!(d.last_modified_by.as_deref(), Some("123456789012"));

        let one: DescribeDatasetOutput =
            super::super::parse(br#"{"Dataset":{"DatasetName":"x","NumRecords":0}}"#).unwrap();
        assert_eq!(one.dataset.unwrap().dataset_name.as_deref(), Some("x"));
        let del: DeleteDatasetOutput =
            super::super::parse(br#"{"Dataset":{"DatasetName":"x"}}"#).unwrap();
        assert_eq!(del.dataset.unwrap().dataset_name.as_deref(), Some("x"));
    }
}
