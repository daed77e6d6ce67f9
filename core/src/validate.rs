//! Client-side validation of inputs against the constraints of the service model
//! (lengths, patterns, enums, required members), so that a bad parameter fails fast
//! with an error naming the field and the rule, and no request is sent.
//!
//! Patterns are matched whole, as the service (and the mobile SDKs' validators) did.
//! Lengths count Unicode scalar values, as the model's `min`/`max` traits do.

use crate::error::Error;
use crate::model::*;

/// `IdentityPoolId` and `IdentityId`: 1..=55 characters.
const ID_MAX: usize = 55;
/// `DatasetName`: 1..=128 characters.
const DATASET_NAME_MAX: usize = 128;
/// `RecordKey`: 1..=1024 characters.
const RECORD_KEY_MAX: usize = 1024;
/// `RecordValue`: at most 1,048,575 characters (1 MiB - 1).
const RECORD_VALUE_MAX: usize = 1_048_575;
/// `DeviceId`: 1..=256 characters.
const DEVICE_ID_MAX: usize = 256;
/// `StreamName`: 1..=128 characters.
const STREAM_NAME_MAX: usize = 128;
/// `AssumeRoleArn`: 20..=2048 characters.
const ROLE_ARN_MIN: usize = 20;
const ROLE_ARN_MAX: usize = 2048;
/// `Events`: at most one entry.
const EVENTS_MAX: usize = 1;

const ID_PATTERN: &str = r"[\w-]+:[0-9a-f-]+";
const DATASET_NAME_PATTERN: &str = "[a-zA-Z0-9_.:-]+";
const APPLICATION_ARN_PATTERN: &str = r"arn:aws:sns:[-0-9a-z]+:\d+:app/[A-Z_]+/[a-zA-Z0-9_.-]+";
const ROLE_ARN_PATTERN: &str = r"arn:aws:iam::\d+:role/.*";

/// Checks that `v` has between `min` and `max` characters.
fn length(field: &dyn std::fmt::Display, v: &str, min: usize, max: usize) -> Result<(), Error> {
    // Characters never outnumber bytes, so short strings need no counting.
    let n = if v.len() <= max && min <= 1 {
        if v.is_empty() {
            0
        } else {
            min.max(1)
        }
    } else {
        v.chars().count()
    };
    if n < min || n > max {
        let n = v.chars().count();
        return Err(Error::validation(format!(
            "{field}: length must be between {min} and {max} characters (got {n})"
        )));
    }
    Ok(())
}

fn required(field: &dyn std::fmt::Display, v: &str) -> Result<(), Error> {
    if v.is_empty() {
        return Err(Error::validation(format!("{field}: is required")));
    }
    Ok(())
}

fn pattern(field: &dyn std::fmt::Display, ok: bool, pattern: &str) -> Result<(), Error> {
    if !ok {
        return Err(Error::validation(format!(
            "{field}: must match the pattern {pattern}"
        )));
    }
    Ok(())
}

fn all(s: &str, f: impl Fn(u8) -> bool) -> bool {
    !s.is_empty() && s.bytes().all(f)
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `[\w-]+:[0-9a-f-]+`
fn matches_id(v: &str) -> bool {
    match v.split_once(':') {
        Some((region, guid)) => {
            all(region, |b| is_word(b) || b == b'-')
                && all(guid, |b| {
                    b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || b == b'-'
                })
        }
        None => false,
    }
}

/// `[a-zA-Z0-9_.:-]+`
fn matches_dataset_name(v: &str) -> bool {
    all(v, |b| {
        b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-')
    })
}

/// `arn:aws:sns:[-0-9a-z]+:\d+:app/[A-Z_]+/[a-zA-Z0-9_.-]+`
fn matches_application_arn(v: &str) -> bool {
    let Some(rest) = v.strip_prefix("arn:aws:sns:") else {
        return false;
    };
    let Some((region, rest)) = rest.split_once(':') else {
        return false;
    };
    let Some((account, rest)) = rest.split_once(':') else {
        return false;
    };
    let Some(rest) = rest.strip_prefix("app/") else {
        return false;
    };
    let Some((platform, name)) = rest.split_once('/') else {
        return false;
    };
    all(region, |b| {
        b == b'-' || b.is_ascii_digit() || b.is_ascii_lowercase()
    }) && all(account, |b| b.is_ascii_digit())
        && all(platform, |b| b.is_ascii_uppercase() || b == b'_')
        && all(name, |b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
        })
}

/// `arn:aws:iam::\d+:role/.*`
fn matches_role_arn(v: &str) -> bool {
    let Some(rest) = v.strip_prefix("arn:aws:iam::") else {
        return false;
    };
    let Some((account, rest)) = rest.split_once(':') else {
        return false;
    };
    all(account, |b| b.is_ascii_digit())
        && rest
            .strip_prefix("role/")
            .is_some_and(|r| !r.contains(['\n', '\r']))
}

pub(crate) fn identity_pool_id(v: &str) -> Result<(), Error> {
    let f = &"identity_pool_id";
    required(f, v)?;
    length(f, v, 1, ID_MAX)?;
    pattern(f, matches_id(v), ID_PATTERN)
}

pub(crate) fn identity_id(v: &str) -> Result<(), Error> {
    let f = &"identity_id";
    required(f, v)?;
    length(f, v, 1, ID_MAX)?;
    pattern(f, matches_id(v), ID_PATTERN)
}

pub(crate) fn dataset_name(v: &str) -> Result<(), Error> {
    let f = &"dataset_name";
    required(f, v)?;
    length(f, v, 1, DATASET_NAME_MAX)?;
    pattern(f, matches_dataset_name(v), DATASET_NAME_PATTERN)
}

fn device_id(field: &dyn std::fmt::Display, v: &str) -> Result<(), Error> {
    required(field, v)?;
    length(field, v, 1, DEVICE_ID_MAX)
}

fn pool_and_identity(pool: &str, identity: &str) -> Result<(), Error> {
    identity_pool_id(pool)?;
    identity_id(identity)
}

fn dataset(pool: &str, identity: &str, name: &str) -> Result<(), Error> {
    pool_and_identity(pool, identity)?;
    dataset_name(name)
}

pub(crate) fn bulk_publish(i: &BulkPublishInput) -> Result<(), Error> {
    identity_pool_id(&i.identity_pool_id)
}

pub(crate) fn delete_dataset(i: &DeleteDatasetInput) -> Result<(), Error> {
    dataset(&i.identity_pool_id, &i.identity_id, &i.dataset_name)
}

pub(crate) fn describe_dataset(i: &DescribeDatasetInput) -> Result<(), Error> {
    dataset(&i.identity_pool_id, &i.identity_id, &i.dataset_name)
}

pub(crate) fn describe_identity_pool_usage(
    i: &DescribeIdentityPoolUsageInput,
) -> Result<(), Error> {
    identity_pool_id(&i.identity_pool_id)
}

pub(crate) fn describe_identity_usage(i: &DescribeIdentityUsageInput) -> Result<(), Error> {
    pool_and_identity(&i.identity_pool_id, &i.identity_id)
}

pub(crate) fn get_bulk_publish_details(i: &GetBulkPublishDetailsInput) -> Result<(), Error> {
    identity_pool_id(&i.identity_pool_id)
}

pub(crate) fn get_cognito_events(i: &GetCognitoEventsInput) -> Result<(), Error> {
    identity_pool_id(&i.identity_pool_id)
}

pub(crate) fn get_identity_pool_configuration(
    i: &GetIdentityPoolConfigurationInput,
) -> Result<(), Error> {
    identity_pool_id(&i.identity_pool_id)
}

pub(crate) fn list_datasets(i: &ListDatasetsInput) -> Result<(), Error> {
    pool_and_identity(&i.identity_pool_id, &i.identity_id)
}

pub(crate) fn list_identity_pool_usage(_: &ListIdentityPoolUsageInput) -> Result<(), Error> {
    Ok(())
}

pub(crate) fn list_records(i: &ListRecordsInput) -> Result<(), Error> {
    dataset(&i.identity_pool_id, &i.identity_id, &i.dataset_name)
}

pub(crate) fn register_device(i: &RegisterDeviceInput) -> Result<(), Error> {
    pool_and_identity(&i.identity_pool_id, &i.identity_id)?;
    if !i.platform.is_known() {
        return Err(Error::validation(if i.platform.as_str().is_empty() {
            "platform: is required (one of APNS, APNS_SANDBOX, GCM, ADM)".to_owned()
        } else {
            format!(
                "platform: must be one of APNS, APNS_SANDBOX, GCM, ADM (got {:?})",
                i.platform.as_str()
            )
        }));
    }
    required(&"token", &i.token)
}

pub(crate) fn set_cognito_events(i: &SetCognitoEventsInput) -> Result<(), Error> {
    identity_pool_id(&i.identity_pool_id)?;
    if i.events.len() > EVENTS_MAX {
        return Err(Error::validation(format!(
            "events: at most {EVENTS_MAX} entry allowed (got {})",
            i.events.len()
        )));
    }
    Ok(())
}

fn push_sync(p: &PushSync) -> Result<(), Error> {
    for (n, arn) in p.application_arns.iter().flatten().enumerate() {
        let f = format_args!("push_sync.application_arns[{n}]");
        pattern(&f, matches_application_arn(arn), APPLICATION_ARN_PATTERN)?;
    }
    if let Some(role) = &p.role_arn {
        role_arn(&"push_sync.role_arn", role)?;
    }
    Ok(())
}

fn role_arn(f: &dyn std::fmt::Display, v: &str) -> Result<(), Error> {
    length(f, v, ROLE_ARN_MIN, ROLE_ARN_MAX)?;
    pattern(f, matches_role_arn(v), ROLE_ARN_PATTERN)
}

fn cognito_streams(s: &CognitoStreams) -> Result<(), Error> {
    if let Some(name) = &s.stream_name {
        length(&"cognito_streams.stream_name", name, 1, STREAM_NAME_MAX)?;
    }
    if let Some(role) = &s.role_arn {
        role_arn(&"cognito_streams.role_arn", role)?;
    }
    if let Some(status) = &s.streaming_status {
        if !status.is_known() {
            return Err(Error::validation(format!(
                "cognito_streams.streaming_status: must be one of ENABLED, DISABLED (got {:?})",
                status.as_str()
            )));
        }
    }
    Ok(())
}

pub(crate) fn set_identity_pool_configuration(
    i: &SetIdentityPoolConfigurationInput,
) -> Result<(), Error> {
    identity_pool_id(&i.identity_pool_id)?;
    if let Some(p) = &i.push_sync {
        push_sync(p)?;
    }
    if let Some(s) = &i.cognito_streams {
        cognito_streams(s)?;
    }
    Ok(())
}

pub(crate) fn subscribe_to_dataset(i: &SubscribeToDatasetInput) -> Result<(), Error> {
    dataset(&i.identity_pool_id, &i.identity_id, &i.dataset_name)?;
    device_id(&"device_id", &i.device_id)
}

pub(crate) fn unsubscribe_from_dataset(i: &UnsubscribeFromDatasetInput) -> Result<(), Error> {
    dataset(&i.identity_pool_id, &i.identity_id, &i.dataset_name)?;
    device_id(&"device_id", &i.device_id)
}

pub(crate) fn update_records(i: &UpdateRecordsInput) -> Result<(), Error> {
    dataset(&i.identity_pool_id, &i.identity_id, &i.dataset_name)?;
    if let Some(d) = &i.device_id {
        device_id(&"device_id", d)?;
    }
    required(&"sync_session_token", &i.sync_session_token)?;
    for (n, p) in i.record_patches.iter().flatten().enumerate() {
        if !p.op.is_known() {
            return Err(Error::validation(format!(
                "record_patches[{n}].op: must be one of replace, remove (got {:?})",
                p.op.as_str()
            )));
        }
        length(
            &format_args!("record_patches[{n}].key"),
            &p.key,
            1,
            RECORD_KEY_MAX,
        )?;
        if let Some(v) = &p.value {
            length(
                &format_args!("record_patches[{n}].value"),
                v,
                0,
                RECORD_VALUE_MAX,
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    const POOL: &str = "us-east-1:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
    const ID: &str = "us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    fn msg(r: Result<(), Error>) -> String {
        let e = r.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation);
        e.message().to_owned()
    }

    fn records(name: &str, patches: Vec<RecordPatch>) -> UpdateRecordsInput {
        UpdateRecordsInput {
            identity_pool_id: POOL.into(),
            identity_id: ID.into(),
            dataset_name: name.into(),
            sync_session_token: "tok".into(),
            record_patches: Some(patches),
            ..Default::default()
        }
    }

    #[test]
    fn ids_follow_the_model_pattern_and_length() {
        assert!(identity_pool_id(POOL).is_ok());
        assert!(identity_id("eu-west-1:0").is_ok());
        assert_eq!(msg(identity_pool_id("")), "identity_pool_id: is required");
        assert!(msg(identity_id("nocolon")).contains(r"[\w-]+:[0-9a-f-]+"));
        assert!(msg(identity_id("us-east-1:ABCDEF")).starts_with("identity_id: must match"));
        assert!(
            msg(identity_id(&format!("us-east-1:{}", "a".repeat(50)))).contains("between 1 and 55")
        );
    }

    #[test]
    fn dataset_names() {
        assert!(dataset_name("save_1.v2:x-y").is_ok());
        assert!(dataset_name(&"a".repeat(128)).is_ok());
        assert!(msg(dataset_name(&"a".repeat(129))).contains("got 129"));
        assert!(msg(dataset_name("has space")).contains("[a-zA-Z0-9_.:-]+"));
        assert!(msg(dataset_name("é")).contains("dataset_name: must match"));
    }

    #[test]
    fn record_patches_keys_values_and_ops() {
        assert!(update_records(&records("d", vec![RecordPatch::replace("k", "v", 0)])).is_ok());
        assert!(update_records(&records("d", vec![RecordPatch::replace("k", "", 3)])).is_ok());
        let e = msg(update_records(&records(
            "d",
            vec![RecordPatch::replace("", "v", 0)],
        )));
        assert_eq!(
            e,
            "record_patches[0].key: length must be between 1 and 1024 characters (got 0)"
        );
        let long_key = "k".repeat(1025);
        let e = msg(update_records(&records(
            "d",
            vec![
                RecordPatch::remove("a", 1),
                RecordPatch::remove(long_key, 0),
            ],
        )));
        assert!(e.starts_with("record_patches[1].key"), "{e}");
        // 1,048,575 characters is the limit, counted in characters, not bytes.
        let max_value = "é".repeat(RECORD_VALUE_MAX);
        assert!(
            update_records(&records("d", vec![RecordPatch::replace("k", max_value, 0)])).is_ok()
        );
        let too_long = "v".repeat(RECORD_VALUE_MAX + 1);
        let e = msg(update_records(&records(
            "d",
            vec![RecordPatch::replace("k", too_long, 0)],
        )));
        assert!(e.starts_with("record_patches[0].value"), "{e}");
        let mut bad_op = RecordPatch::replace("k", "v", 0);
        bad_op.op = Operation::Unknown("merge".into());
        assert!(msg(update_records(&records("d", vec![bad_op]))).contains("replace, remove"));
        let mut no_token = records("d", vec![]);
        no_token.sync_session_token.clear();
        assert_eq!(
            msg(update_records(&no_token)),
            "sync_session_token: is required"
        );
        let mut long_device = records("d", vec![]);
        long_device.device_id = Some("d".repeat(257));
        assert!(msg(update_records(&long_device)).starts_with("device_id: length"));
    }

    #[test]
    fn platforms_and_tokens() {
        let mut i = RegisterDeviceInput {
            identity_pool_id: POOL.into(),
            identity_id: ID.into(),
            platform: Platform::Gcm,
            token: "t".into(),
        };
        assert!(register_device(&i).is_ok());
        i.platform = Platform::default();
        assert!(msg(register_device(&i)).starts_with("platform: is required"));
        i.platform = Platform::from("WNS");
        assert!(msg(register_device(&i)).contains("\"WNS\""));
        i.platform = Platform::Apns;
        i.token.clear();
        assert_eq!(msg(register_device(&i)), "token: is required");
    }

    #[test]
    fn pool_configuration_arns_and_events() {
        let good = SetIdentityPoolConfigurationInput {
            identity_pool_id: POOL.into(),
            push_sync: Some(PushSync {
                application_arns: Some(vec![
                    "arn:aws:sns:us-east-1:123456789012:app/GCM/my-app_1.x".into(),
                ]),
                role_arn: Some("arn:aws:iam::123456789012:role/push".into()),
            }),
            cognito_streams: Some(CognitoStreams {
                stream_name: Some("s".into()),
                role_arn: Some("arn:aws:iam::123456789012:role/streams".into()),
                streaming_status: Some(StreamingStatus::Enabled),
            }),
        };
        assert!(set_identity_pool_configuration(&good).is_ok());
        let mut bad = good.clone();
        bad.push_sync.as_mut().unwrap().application_arns =
            Some(vec!["arn:aws:sns:us-east-1:1:app/gcm/x".into()]);
        assert!(msg(set_identity_pool_configuration(&bad))
            .starts_with("push_sync.application_arns[0]: must match"));
        let mut bad = good.clone();
        bad.cognito_streams.as_mut().unwrap().role_arn =
            Some("arn:aws:iam::1:user/x_long_enough".into());
        assert!(msg(set_identity_pool_configuration(&bad))
            .starts_with("cognito_streams.role_arn: must match"));
        let mut bad = good.clone();
        bad.push_sync.as_mut().unwrap().role_arn = Some("arn:aws:iam::1:role".into());
        assert!(msg(set_identity_pool_configuration(&bad)).contains("between 20 and 2048"));
        let mut bad = good;
        bad.cognito_streams.as_mut().unwrap().streaming_status =
            Some(StreamingStatus::from("PAUSED"));
        assert!(msg(set_identity_pool_configuration(&bad)).contains("ENABLED, DISABLED"));

        let mut ev = SetCognitoEventsInput {
            identity_pool_id: POOL.into(),
            events: Default::default(),
        };
        assert!(set_cognito_events(&ev).is_ok());
        ev.events.insert(
            "SyncTrigger".into(),
            "arn:aws:lambda:us-east-1:1:function:f".into(),
        );
        assert!(set_cognito_events(&ev).is_ok());
        ev.events.insert("Other".into(), "x".into());
        assert!(msg(set_cognito_events(&ev)).starts_with("events: at most 1"));
    }
}
