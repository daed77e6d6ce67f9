//! Model constraints (lengths, patterns, enums) checked the way AWS reports them:
//! `1 validation error detected: Value '...' at '...' failed to satisfy constraint: ...`.
//! The limits are copied from the Cognito Sync and Cognito Identity models.

use crate::api_error::ApiError;

/// `IdentityPoolId` / `IdentityId`: 1–55 characters, `[\w-]+:[0-9a-f-]+`.
pub(crate) const ID_PATTERN: &str = r"[\w-]+:[0-9a-f-]+";
/// `DatasetName`: 1–128 characters, `[a-zA-Z0-9_.:-]+`.
pub(crate) const DATASET_PATTERN: &str = "[a-zA-Z0-9_.:-]+";
/// `ApplicationArn` pattern.
pub(crate) const APPLICATION_ARN_PATTERN: &str =
    r"arn:aws:sns:[-0-9a-z]+:\d+:app/[A-Z_]+/[a-zA-Z0-9_.-]+";
/// `AssumeRoleArn` pattern (20–2048 characters).
pub(crate) const ROLE_ARN_PATTERN: &str = r"arn:aws:iam::\d+:role/.*";
/// `IdentityPoolName`: 1–128 characters, `[\w\s+=,.@-]+`.
pub(crate) const POOL_NAME_PATTERN: &str = r"[\w\s+=,.@-]+";

/// Longest record key the model allows (characters).
pub(crate) const MAX_KEY_LEN: usize = 1024;
/// Longest record value the model allows (characters): 1 MiB − 1.
pub(crate) const MAX_VALUE_LEN: usize = 1_048_575;
/// Longest `DeviceId`.
pub(crate) const MAX_DEVICE_ID_LEN: usize = 256;

fn shown(value: &str) -> String {
    // Keep error messages short even for megabyte values.
    if value.chars().count() > 64 {
        let head: String = value.chars().take(64).collect();
        format!("{head}...")
    } else {
        value.to_owned()
    }
}

/// The AWS validation message for one failed constraint.
pub(crate) fn failed(field: &str, value: &str, constraint: &str) -> ApiError {
    ApiError::invalid_parameter(format!(
        "1 validation error detected: Value '{}' at '{field}' failed to satisfy constraint: {constraint}",
        shown(value)
    ))
}

/// The AWS validation message for a missing required member.
pub(crate) fn missing(field: &str) -> ApiError {
    ApiError::invalid_parameter(format!(
        "1 validation error detected: Value null at '{field}' failed to satisfy constraint: Member must not be null"
    ))
}

/// Checks a length in characters (Java-style string length, close enough for the limits here).
pub(crate) fn length(field: &str, value: &str, min: usize, max: usize) -> Result<(), ApiError> {
    let n = value.chars().count();
    if n < min {
        return Err(failed(
            field,
            value,
            &format!("Member must have length greater than or equal to {min}"),
        ));
    }
    if n > max {
        return Err(failed(
            field,
            value,
            &format!("Member must have length less than or equal to {max}"),
        ));
    }
    Ok(())
}

fn pattern_error(field: &str, value: &str, pattern: &str) -> ApiError {
    failed(
        field,
        value,
        &format!("Member must satisfy regular expression pattern: {pattern}"),
    )
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `[\w-]+:[0-9a-f-]+`, matched against the whole value.
pub(crate) fn is_id(value: &str) -> bool {
    let Some((head, tail)) = value.split_once(':') else {
        return false;
    };
    !head.is_empty()
        && head.chars().all(|c| is_word(c) || c == '-')
        && !tail.is_empty()
        && tail
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c) || c == '-')
}

/// Validates an `IdentityPoolId` or `IdentityId`.
pub(crate) fn id(field: &str, value: &str) -> Result<(), ApiError> {
    length(field, value, 1, 55)?;
    if !is_id(value) {
        return Err(pattern_error(field, value, ID_PATTERN));
    }
    Ok(())
}

/// Validates a `DatasetName`.
pub(crate) fn dataset_name(value: &str) -> Result<(), ApiError> {
    length("datasetName", value, 1, 128)?;
    if !value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-'))
    {
        return Err(pattern_error("datasetName", value, DATASET_PATTERN));
    }
    Ok(())
}

/// Validates an SNS platform application ARN.
pub(crate) fn application_arn(field: &str, value: &str) -> Result<(), ApiError> {
    let ok = (|| {
        let rest = value.strip_prefix("arn:aws:sns:")?;
        let (region, rest) = rest.split_once(':')?;
        let (account, rest) = rest.split_once(':')?;
        let rest = rest.strip_prefix("app/")?;
        let (platform, name) = rest.split_once('/')?;
        let ok = !region.is_empty()
            && region
                .chars()
                .all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_lowercase())
            && !account.is_empty()
            && account.chars().all(|c| c.is_ascii_digit())
            && !platform.is_empty()
            && platform.chars().all(|c| c == '_' || c.is_ascii_uppercase())
            && !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        ok.then_some(())
    })()
    .is_some();
    if ok {
        Ok(())
    } else {
        Err(pattern_error(field, value, APPLICATION_ARN_PATTERN))
    }
}

/// The platform segment of an SNS application ARN (`APNS`, `GCM`...).
pub(crate) fn application_arn_platform(arn: &str) -> Option<&str> {
    arn.split_once(":app/")?.1.split('/').next()
}

/// Validates an IAM role ARN (`AssumeRoleArn`).
pub(crate) fn role_arn(field: &str, value: &str) -> Result<(), ApiError> {
    length(field, value, 20, 2048)?;
    let ok = value
        .strip_prefix("arn:aws:iam::")
        .and_then(|rest| rest.split_once(":role/"))
        .is_some_and(|(account, _)| {
            !account.is_empty() && account.chars().all(|c| c.is_ascii_digit())
        });
    if ok {
        Ok(())
    } else {
        Err(pattern_error(field, value, ROLE_ARN_PATTERN))
    }
}

/// Validates an `IdentityPoolName`.
pub(crate) fn pool_name(value: &str) -> Result<(), ApiError> {
    length("identityPoolName", value, 1, 128)?;
    if !value
        .chars()
        .all(|c| is_word(c) || c.is_whitespace() || "+=,.@-".contains(c))
    {
        return Err(pattern_error("identityPoolName", value, POOL_NAME_PATTERN));
    }
    Ok(())
}

/// Checks that `value` is one of `allowed`.
pub(crate) fn one_of(field: &str, value: &str, allowed: &[&str]) -> Result<(), ApiError> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(failed(
            field,
            value,
            &format!(
                "Member must satisfy enum value set: [{}]",
                allowed.join(", ")
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_model_pattern() {
        assert!(is_id("us-east-1:0f0e-ab12"));
        assert!(!is_id("us-east-1"));
        assert!(!is_id("us-east-1:XYZ"));
        assert!(!is_id(":abc"));
        assert!(id("identityId", &format!("us-east-1:{}", "a".repeat(50))).is_err());
    }

    #[test]
    fn dataset_names() {
        assert!(dataset_name("save_1.v2:x-y").is_ok());
        assert!(dataset_name("").is_err());
        assert!(dataset_name("has space").is_err());
        assert!(dataset_name(&"a".repeat(129)).is_err());
        let e = dataset_name("bad/name").unwrap_err();
        assert_eq!(e.code, "InvalidParameterException");
        assert!(e.message.contains("regular expression pattern"));
    }

    #[test]
    fn arns() {
        assert!(application_arn("a", "arn:aws:sns:us-east-1:123456789012:app/GCM/my-app").is_ok());
        assert!(application_arn("a", "arn:aws:sns:us-east-1:123:app/gcm/x").is_err());
        assert_eq!(
            application_arn_platform("arn:aws:sns:us-east-1:1:app/APNS_SANDBOX/x"),
            Some("APNS_SANDBOX")
        );
        assert!(role_arn("r", "arn:aws:iam::123456789012:role/push").is_ok());
        assert!(role_arn("r", "arn:aws:iam::abc:role/push-role-x").is_err());
    }
}
