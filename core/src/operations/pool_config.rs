//! GetIdentityPoolConfiguration, SetIdentityPoolConfiguration.

use http::Method;
use serde::Serialize;

use super::Url;
use crate::error::Error;
use crate::http::PreparedRequest;
use crate::model::{
    CognitoStreams, GetIdentityPoolConfigurationInput, PushSync, SetIdentityPoolConfigurationInput,
};

/// `GET /identitypools/{IdentityPoolId}/configuration`
pub(crate) fn get_identity_pool_configuration(
    base: &str,
    i: &GetIdentityPoolConfigurationInput,
) -> Result<PreparedRequest, Error> {
    Url::new(base)
        .lit("/identitypools/")
        .label(&i.identity_pool_id)
        .lit("/configuration")
        .empty(Method::GET)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SetConfigurationBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    push_sync: Option<&'a PushSync>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cognito_streams: Option<&'a CognitoStreams>,
}

/// `POST /identitypools/{IdentityPoolId}/configuration` with `PushSync`,
/// `CognitoStreams` in the body.
pub(crate) fn set_identity_pool_configuration(
    base: &str,
    i: &SetIdentityPoolConfigurationInput,
) -> Result<PreparedRequest, Error> {
    let body = SetConfigurationBody {
        push_sync: i.push_sync.as_ref(),
        cognito_streams: i.cognito_streams.as_ref(),
    };
    Url::new(base)
        .lit("/identitypools/")
        .label(&i.identity_pool_id)
        .lit("/configuration")
        .json(Method::POST, &body, None)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::model::*;

    #[test]
    fn get_request_and_response() {
        let r = get_identity_pool_configuration(
            BASE,
            &GetIdentityPoolConfigurationInput {
                identity_pool_id: POOL.into(),
            },
        )
        .unwrap();
        assert_eq!(r.method, Method::GET);
        assert_eq!(path(&r), format!("/identitypools/{POOL_ENC}/configuration"));
        assert_no_body(&r);
        let out: GetIdentityPoolConfigurationOutput = super::super::parse(
            br#"{"IdentityPoolId":"p:1","PushSync":{"ApplicationArns":["arn:aws:sns:us-east-1:1:app/GCM/a"],"RoleArn":"arn:aws:iam::1:role/r"},
                "CognitoStreams":{"StreamName":"s","RoleArn":"arn:aws:iam::1:role/r","StreamingStatus":"ENABLED"}}"#,
        )
        .unwrap();
        assert_eq!(out.identity_pool_id.as_deref(), Some("p:1"));
        assert_eq!(out.push_sync.unwrap().application_arns.unwrap().len(), 1);
        assert_eq!(
            out.cognito_streams.unwrap().streaming_status,
            Some(StreamingStatus::Enabled)
        );
    }

    #[test]
    fn set_request_and_response() {
        let r = set_identity_pool_configuration(
            BASE,
            &SetIdentityPoolConfigurationInput {
                identity_pool_id: POOL.into(),
                push_sync: Some(PushSync {
                    application_arns: Some(vec!["arn:aws:sns:us-east-1:123:app/APNS/x".into()]),
                    role_arn: Some("arn:aws:iam::123:role/push".into()),
                }),
                cognito_streams: Some(CognitoStreams {
                    stream_name: Some("s".into()),
                    role_arn: None,
                    streaming_status: Some(StreamingStatus::Disabled),
                }),
            },
        )
        .unwrap();
        assert_eq!(r.method, Method::POST);
        assert_eq!(path(&r), format!("/identitypools/{POOL_ENC}/configuration"));
        assert_eq!(
            body_json(&r),
            serde_json::json!({
                "PushSync": {"ApplicationArns": ["arn:aws:sns:us-east-1:123:app/APNS/x"], "RoleArn": "arn:aws:iam::123:role/push"},
                "CognitoStreams": {"StreamName": "s", "StreamingStatus": "DISABLED"}
            })
        );
        let only_pool = set_identity_pool_configuration(
            BASE,
            &SetIdentityPoolConfigurationInput {
                identity_pool_id: POOL.into(),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(body_json(&only_pool), serde_json::json!({}));
        let out: SetIdentityPoolConfigurationOutput = super::super::parse(
            br#"{"IdentityPoolId":"p:1","CognitoStreams":{"StreamingStatus":"SOMETHING_NEW"}}"#,
        )
        .unwrap();
        assert_eq!(
            out.cognito_streams.unwrap().streaming_status,
            Some(StreamingStatus::Unknown("SOMETHING_NEW".into()))
        );
    }
}
