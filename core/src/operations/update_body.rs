//! The UpdateRecords request body, written directly instead of through serde_json.
//!
//! serde_json escapes a string by looking up every byte in a table, one at a time: ~14 k
//! instructions for ten patches of 100-byte values, the largest single cost of building an
//! UpdateRecords request. Keys and values rarely contain a byte that JSON escapes (a
//! control character, `"` or `\`), and checking that is a loop the compiler vectorises,
//! so such a string is copied whole; any other string goes through serde_json. The output
//! is byte for byte what serde_json writes for the same body (tested below).

use crate::error::Error;
use crate::model::timestamp::EpochSeconds;
use crate::model::RecordPatch;

/// Writes `{"DeviceId":..,"RecordPatches":[..],"SyncSessionToken":..}`, leaving out
/// what is absent, in the model's member order.
pub(crate) fn update_records_body(
    device_id: Option<&str>,
    patches: Option<&[RecordPatch]>,
    sync_session_token: &str,
) -> Result<Vec<u8>, Error> {
    let patch_bytes: usize = patches.map_or(0, |p| {
        p.iter()
            .map(|p| 80 + p.key.len() + p.value.as_ref().map_or(0, String::len))
            .sum()
    });
    let text = device_id.map_or(0, str::len) + sync_session_token.len();
    let mut out = Vec::with_capacity(64 + patch_bytes + text);
    out.push(b'{');
    if let Some(device_id) = device_id {
        out.extend_from_slice(b"\"DeviceId\":");
        string(&mut out, device_id)?;
        out.push(b',');
    }
    if let Some(patches) = patches {
        out.extend_from_slice(b"\"RecordPatches\":[");
        for (i, patch) in patches.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            record_patch(&mut out, patch)?;
        }
        out.extend_from_slice(b"],");
    }
    out.extend_from_slice(b"\"SyncSessionToken\":");
    string(&mut out, sync_session_token)?;
    out.push(b'}');
    Ok(out)
}

fn record_patch(out: &mut Vec<u8>, patch: &RecordPatch) -> Result<(), Error> {
    out.extend_from_slice(b"{\"Op\":");
    string(out, patch.op.as_str())?;
    out.extend_from_slice(b",\"Key\":");
    string(out, &patch.key)?;
    if let Some(value) = &patch.value {
        out.extend_from_slice(b",\"Value\":");
        string(out, value)?;
    }
    out.extend_from_slice(b",\"SyncCount\":");
    serde(out, &patch.sync_count)?;
    if let Some(t) = patch.device_last_modified_date {
        out.extend_from_slice(b",\"DeviceLastModifiedDate\":");
        serde(out, &EpochSeconds(t))?;
    }
    out.push(b'}');
    Ok(())
}

/// A JSON string: copied whole when no byte needs escaping, else written by serde_json.
fn string(out: &mut Vec<u8>, s: &str) -> Result<(), Error> {
    if needs_escape(s.as_bytes()) {
        return serde(out, s);
    }
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
    Ok(())
}

/// Whether any byte is one JSON escapes in a string: a control character, `"` or `\`.
/// Checked 16 bytes at a time without branches inside a block, which the compiler turns
/// into vector compares.
fn needs_escape(bytes: &[u8]) -> bool {
    let special = |b: u8| (b < 0x20) | (b == b'"') | (b == b'\\');
    let mut blocks = bytes.chunks_exact(16);
    for block in &mut blocks {
        if block.iter().fold(false, |any, &b| any | special(b)) {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| special(b))
}

fn serde(out: &mut Vec<u8>, value: &(impl serde::Serialize + ?Sized)) -> Result<(), Error> {
    serde_json::to_writer(out, value)
        .map_err(|e| Error::validation(format!("cannot serialize the request body: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Operation;
    use serde::Serialize;
    use std::time::{Duration, UNIX_EPOCH};

    /// The body as serde_json writes it: what the direct writer must reproduce.
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Reference<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        device_id: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        record_patches: Option<&'a [RecordPatch]>,
        sync_session_token: &'a str,
    }

    fn check(device_id: Option<&str>, patches: Option<&[RecordPatch]>, token: &str) {
        let direct = update_records_body(device_id, patches, token).unwrap();
        let reference = serde_json::to_vec(&Reference {
            device_id,
            record_patches: patches,
            sync_session_token: token,
        })
        .unwrap();
        assert_eq!(
            String::from_utf8(direct).unwrap(),
            String::from_utf8(reference).unwrap()
        );
    }

    /// Strings with every kind of byte JSON treats specially, and some it does not.
    fn strings() -> Vec<String> {
        let mut v: Vec<String> = [
            "",
            "plain",
            "quote\"inside",
            "back\\slash",
            "\"",
            "\\",
            "tab\tnew\nline\r",
            "del\u{7f}",
            "é ü 中文 😀",
            "line\u{2028}sep\u{2029}",
            "/slash/",
            "</script>",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        v.extend((0u8..0x20).map(|b| format!("c{}c", b as char)));
        v.push("x".repeat(1000));
        v.push(format!("{}\"{}", "y".repeat(100), "z".repeat(100)));
        v
    }

    #[test]
    fn same_bytes_as_serde_json_for_every_kind_of_string() {
        for s in strings() {
            let patches = [
                RecordPatch::replace(s.clone(), s.clone(), 3),
                RecordPatch::remove(s.clone(), 0),
            ];
            check(Some(&s), Some(&patches), &s);
        }
    }

    #[test]
    fn same_bytes_as_serde_json_for_absent_members_and_numbers() {
        check(None, None, "token");
        check(None, Some(&[]), "token");
        check(Some("device"), None, "token");
        let mut p = RecordPatch::replace("k", "v", i64::MAX);
        p.device_last_modified_date = Some(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
        let mut q = RecordPatch::remove("k2", i64::MIN);
        q.device_last_modified_date = Some(UNIX_EPOCH + Duration::from_millis(1_700_000_000_123));
        let mut r = RecordPatch::replace("k3", "v", -1);
        r.device_last_modified_date = Some(UNIX_EPOCH - Duration::from_millis(1_500));
        let mut u = RecordPatch::replace("k4", "v", 0);
        u.op = Operation::Unknown("merge\"x".into());
        check(None, Some(&[p, q, r, u]), "token");
    }

    #[test]
    fn a_typical_body_reads_back_as_the_patches() {
        let patches: Vec<RecordPatch> = (0..10)
            .map(|i| RecordPatch::replace(format!("key{i}"), "v".repeat(100), i))
            .collect();
        let body = update_records_body(Some("d"), Some(&patches), "t").unwrap();
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["RecordPatches"].as_array().unwrap().len(), 10);
        assert_eq!(v["RecordPatches"][9]["Key"], "key9");
        assert_eq!(v["RecordPatches"][9]["SyncCount"], 9);
        assert_eq!(v["DeviceId"], "d");
        assert_eq!(v["SyncSessionToken"], "t");
    }
}
