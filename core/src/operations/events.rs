//! GetCognitoEvents, SetCognitoEvents.

use std::collections::HashMap;

use http::Method;
use serde::Serialize;

use super::Url;
use crate::error::Error;
use crate::http::PreparedRequest;
use crate::model::{GetCognitoEventsInput, SetCognitoEventsInput};

/// `GET /identitypools/{IdentityPoolId}/events`
pub(crate) fn get_cognito_events(
    base: &str,
    i: &GetCognitoEventsInput,
) -> Result<PreparedRequest, Error> {
    Url::new(base)
        .lit("/identitypools/")
        .label(&i.identity_pool_id)
        .lit("/events")
        .empty(Method::GET)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SetEventsBody<'a> {
    events: &'a HashMap<String, String>,
}

/// `POST /identitypools/{IdentityPoolId}/events` with `Events` in the body.
pub(crate) fn set_cognito_events(
    base: &str,
    i: &SetCognitoEventsInput,
) -> Result<PreparedRequest, Error> {
    Url::new(base)
        .lit("/identitypools/")
        .label(&i.identity_pool_id)
        .lit("/events")
        .json(Method::POST, &SetEventsBody { events: &i.events }, None)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::model::*;

    #[test]
    fn requests_and_responses() {
        let r = get_cognito_events(
            BASE,
            &GetCognitoEventsInput {
                identity_pool_id: POOL.into(),
            },
        )
        .unwrap();
        assert_eq!(r.method, Method::GET);
        assert_eq!(path(&r), format!("/identitypools/{POOL_ENC}/events"));
        assert_no_body(&r);
        let out: GetCognitoEventsOutput = super::super::parse(
            br#"{"Events":{"SyncTrigger":"arn:aws:lambda:us-east-1:1:function:f"}}"#,
        )
        .unwrap();
        assert_eq!(
            out.events.unwrap()["SyncTrigger"],
            "arn:aws:lambda:us-east-1:1:function:f"
        );

        let mut events = HashMap::new();
        events.insert(
            "SyncTrigger".to_owned(),
            "arn:aws:lambda:us-east-1:1:function:f".to_owned(),
        );
        let r = set_cognito_events(
            BASE,
            &SetCognitoEventsInput {
                identity_pool_id: POOL.into(),
                events,
            },
        )
        .unwrap();
        assert_eq!(r.method, Method::POST);
        assert_eq!(path(&r), format!("/identitypools/{POOL_ENC}/events"));
        assert_eq!(
            body_json(&r),
            serde_json::json!({"Events": {"SyncTrigger": "arn:aws:lambda:us-east-1:1:function:f"}})
        );
        let _: SetCognitoEventsOutput = super::super::parse(b"").unwrap();
    }
}
