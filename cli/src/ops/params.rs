//! Parameter values as the AWS CLI reads them: `file://PATH` loads a file's text, structured
//! parameters are JSON, and structures are checked against the model with botocore's
//! wording (unknown member, missing member, wrong type) before anything is sent.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::exit::Failure;

/// A value of the input model, for checking a JSON parameter before it is converted.
#[derive(Debug)]
pub enum In {
    /// A string.
    Str,
    /// An integer (`long`).
    Long,
    /// A timestamp: epoch seconds (number) or an ISO 8601 string.
    Timestamp,
    /// A list of this.
    List(&'static In),
    /// A map of strings to this.
    Map(&'static In),
    /// A structure: `(member, shape, required)` in the model's order.
    Struct(&'static [(&'static str, In, bool)]),
}

/// RecordPatchList.
pub const RECORD_PATCHES: In = In::List(&In::Struct(&[
    ("Op", In::Str, true),
    ("Key", In::Str, true),
    ("Value", In::Str, false),
    ("SyncCount", In::Long, true),
    ("DeviceLastModifiedDate", In::Timestamp, false),
]));
/// PushSync.
pub const PUSH_SYNC: In = In::Struct(&[
    ("ApplicationArns", In::List(&In::Str), false),
    ("RoleArn", In::Str, false),
]);
/// CognitoStreams.
pub const COGNITO_STREAMS: In = In::Struct(&[
    ("StreamName", In::Str, false),
    ("RoleArn", In::Str, false),
    ("StreamingStatus", In::Str, false),
]);
/// Events.
pub const EVENTS: In = In::Map(&In::Str);

/// The value of `--name`: the text of the file for `file://PATH`, else `raw` itself.
pub fn load(name: &str, raw: &str) -> Result<String, Failure> {
    match raw.strip_prefix("file://") {
        Some(path) => {
            let full = expand_home(path);
            std::fs::read_to_string(&full).map_err(|e| {
                Failure::invalid_parameter(format!(
                    "Error parsing parameter '--{name}': Unable to load paramfile {raw}: {}",
                    python_os_error(&e, &full)
                ))
            })
        }
        None => Ok(raw.to_owned()),
    }
}

/// An optional string parameter, through [`load`].
pub fn load_opt(name: &str, raw: &Option<String>) -> Result<Option<String>, Failure> {
    raw.as_deref().map(|r| load(name, r)).transpose()
}

/// An I/O error as Python words it: `[Errno 2] No such file or directory: 'PATH'`.
fn python_os_error(e: &std::io::Error, path: &std::path::Path) -> String {
    match e.raw_os_error() {
        Some(code) => {
            let text = e.to_string();
            let text = text
                .strip_suffix(&format!(" (os error {code})"))
                .unwrap_or(&text);
            format!("[Errno {code}] {text}: '{}'", path.display())
        }
        None => e.to_string(),
    }
}

fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => path.into(),
    }
}

/// Parses the JSON parameter `--name` (after [`load`]), checks it against `shape` under
/// the model name `member` (e.g. `RecordPatches`), and converts it.
pub fn json<T: DeserializeOwned>(
    name: &str,
    member: &str,
    raw: &str,
    shape: &In,
) -> Result<T, Failure> {
    let text = load(name, raw)?;
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        Failure::invalid_parameter(format!(
            "Error parsing parameter '--{name}': Invalid JSON: {e}\nJSON received: {text}"
        ))
    })?;
    let mut problems = Vec::new();
    check(&value, shape, member, &mut problems);
    if !problems.is_empty() {
        return Err(Failure::invalid_parameter(format!(
            "Parameter validation failed:\n{}",
            problems.join("\n")
        )));
    }
    serde_json::from_value(value).map_err(|e| {
        Failure::invalid_parameter(format!("Parameter validation failed:\n{member}: {e}"))
    })
}

/// botocore's validation messages for what `value` gets wrong about `shape`.
fn check(value: &Value, shape: &In, path: &str, problems: &mut Vec<String>) {
    let wrong_type = |valid: &str| {
        format!(
            "Invalid type for parameter {path}, value: {}, type: {}, valid types: {valid}",
            python_str(value),
            python_type(value)
        )
    };
    match (shape, value) {
        (In::Str, Value::String(_)) => {}
        (In::Str, _) => problems.push(wrong_type("<class 'str'>")),
        (In::Long, Value::Number(n)) if n.is_i64() || n.is_u64() => {}
        (In::Long, _) => problems.push(wrong_type("<class 'int'>")),
        (In::Timestamp, Value::Number(_) | Value::String(_)) => {}
        (In::Timestamp, _) => {
            problems.push(wrong_type("<class 'datetime.datetime'>, timestamp-string"))
        }
        (In::List(item), Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                check(v, item, &format!("{path}[{i}]"), problems);
            }
        }
        (In::List(_), _) => problems.push(wrong_type("<class 'list'>, <class 'tuple'>")),
        (In::Map(item), Value::Object(map)) => {
            for (k, v) in map {
                check(v, item, &format!("{path}.{k}"), problems);
            }
        }
        (In::Struct(members), Value::Object(map)) => {
            for (name, _, required) in members.iter() {
                if *required && !map.contains_key(*name) {
                    problems.push(format!("Missing required parameter in {path}: \"{name}\""));
                }
            }
            for (k, v) in map {
                match members.iter().find(|(name, _, _)| name == k) {
                    Some((name, member, _)) => {
                        check(v, member, &format!("{path}.{name}"), problems)
                    }
                    None => problems.push(format!(
                        "Unknown parameter in {path}: \"{k}\", must be one of: {}",
                        members
                            .iter()
                            .map(|(n, _, _)| *n)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                }
            }
        }
        (In::Map(_) | In::Struct(_), _) => problems.push(wrong_type("<class 'dict'>")),
    }
}

/// How Python's `str()` shows a value parsed from JSON.
fn python_str(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Python's type of a value parsed from JSON.
fn python_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "<class 'NoneType'>",
        Value::Bool(_) => "<class 'bool'>",
        Value::Number(n) if n.is_f64() => "<class 'float'>",
        Value::Number(_) => "<class 'int'>",
        Value::String(_) => "<class 'str'>",
        Value::Array(_) => "<class 'list'>",
        Value::Object(_) => "<class 'dict'>",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cognito_sync::model::RecordPatch;

    #[test]
    fn botocore_wording_for_unknown_missing_and_wrong_types() {
        let e = json::<Vec<RecordPatch>>(
            "record-patches",
            "RecordPatches",
            r#"[{"Op":"replace","Key":"k","Foo":1},{"Op":"remove","Key":2,"SyncCount":0}]"#,
            &RECORD_PATCHES,
        )
        .unwrap_err();
        assert_eq!(e.code, crate::exit::INVALID_PARAMETER);
        assert_eq!(
            e.message,
            "Parameter validation failed:\n\
             Missing required parameter in RecordPatches[0]: \"SyncCount\"\n\
             Unknown parameter in RecordPatches[0]: \"Foo\", must be one of: Op, Key, Value, SyncCount, DeviceLastModifiedDate\n\
             Invalid type for parameter RecordPatches[1].Key, value: 2, type: <class 'int'>, valid types: <class 'str'>"
        );
    }

    #[test]
    fn valid_patches_convert_and_bad_json_names_the_parameter() {
        let p: Vec<RecordPatch> = json(
            "record-patches",
            "RecordPatches",
            r#"[{"Op":"replace","Key":"k","Value":"v","SyncCount":0,"DeviceLastModifiedDate":1413231134.5}]"#,
            &RECORD_PATCHES,
        )
        .unwrap();
        assert_eq!(p[0].key, "k");
        assert!(p[0].device_last_modified_date.is_some());
        let e = json::<Vec<RecordPatch>>("record-patches", "RecordPatches", "[", &RECORD_PATCHES)
            .unwrap_err();
        assert!(e
            .message
            .starts_with("Error parsing parameter '--record-patches': Invalid JSON"));
    }
}
