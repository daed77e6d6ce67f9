//! RegisterDevice, SubscribeToDataset, UnsubscribeFromDataset.

use http::Method;
use serde::Serialize;

use super::Url;
use crate::error::Error;
use crate::http::PreparedRequest;
use crate::model::{
    Platform, RegisterDeviceInput, SubscribeToDatasetInput, UnsubscribeFromDatasetInput,
};

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RegisterDeviceBody<'a> {
    platform: &'a Platform,
    token: &'a str,
}

/// `POST /identitypools/{IdentityPoolId}/identity/{IdentityId}/device` (singular
/// `identity`) with `Platform`, `Token` in the body.
pub(crate) fn register_device(
    base: &str,
    i: &RegisterDeviceInput,
) -> Result<PreparedRequest, Error> {
    Url::new(base)
        .lit("/identitypools/")
        .label(&i.identity_pool_id)
        .lit("/identity/")
        .label(&i.identity_id)
        .lit("/device")
        .json(
            Method::POST,
            &RegisterDeviceBody {
                platform: &i.platform,
                token: &i.token,
            },
            None,
        )
}

fn subscription_url(base: &str, pool: &str, identity: &str, dataset: &str, device: &str) -> Url {
    Url::new(base)
        .lit("/identitypools/")
        .label(pool)
        .lit("/identities/")
        .label(identity)
        .lit("/datasets/")
        .label(dataset)
        .lit("/subscriptions/")
        .label(device)
}

/// `POST .../datasets/{DatasetName}/subscriptions/{DeviceId}`, no body.
pub(crate) fn subscribe_to_dataset(
    base: &str,
    i: &SubscribeToDatasetInput,
) -> Result<PreparedRequest, Error> {
    subscription_url(
        base,
        &i.identity_pool_id,
        &i.identity_id,
        &i.dataset_name,
        &i.device_id,
    )
    .empty(Method::POST)
}

/// `DELETE .../datasets/{DatasetName}/subscriptions/{DeviceId}`.
pub(crate) fn unsubscribe_from_dataset(
    base: &str,
    i: &UnsubscribeFromDatasetInput,
) -> Result<PreparedRequest, Error> {
    subscription_url(
        base,
        &i.identity_pool_id,
        &i.identity_id,
        &i.dataset_name,
        &i.device_id,
    )
    .empty(Method::DELETE)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::model::*;

    #[test]
    fn register_device_request() {
        let r = register_device(
            BASE,
            &RegisterDeviceInput {
                identity_pool_id: POOL.into(),
                identity_id: ID.into(),
                platform: Platform::ApnsSandbox,
                token: "push-token".into(),
            },
        )
        .unwrap();
        assert_eq!(r.method, Method::POST);
        assert_eq!(
            path(&r),
            format!("/identitypools/{POOL_ENC}/identity/{ID_ENC}/device")
        );
        assert_eq!(
            body_json(&r),
            serde_json::json!({"Platform": "APNS_SANDBOX", "Token": "push-token"})
        );
        let out: RegisterDeviceOutput = super::super::parse(br#"{"DeviceId":"dev-1"}"#).unwrap();
        assert_eq!(out.device_id.as_deref(), Some("dev-1"));
    }

    #[test]
    fn subscription_requests() {
        let s = subscribe_to_dataset(
            BASE,
            &SubscribeToDatasetInput {
                identity_pool_id: POOL.into(),
                identity_id: ID.into(),
                dataset_name: "d".into(),
                device_id: "arn/dev:1".into(),
            },
        )
        .unwrap();
        assert_eq!(s.method, Method::POST);
        assert_eq!(
            path(&s),
            format!("/identitypools/{POOL_ENC}/identities/{ID_ENC}/datasets/d/subscriptions/arn%2Fdev%3A1")
        );
        assert_no_body(&s);
        let u = unsubscribe_from_dataset(
            BASE,
            &UnsubscribeFromDatasetInput {
                identity_pool_id: POOL.into(),
                identity_id: ID.into(),
                dataset_name: "d".into(),
                device_id: "arn/dev:1".into(),
            },
        )
        .unwrap();
        assert_eq!(u.method, Method::DELETE);
        assert_eq!(path(&u), path(&s));
        assert_no_body(&u);
        let _: SubscribeToDatasetOutput = super::super::parse(b"{}").unwrap();
        let _: UnsubscribeFromDatasetOutput = super::super::parse(b"").unwrap();
    }
}
