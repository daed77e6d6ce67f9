//! The data every client sends and receives, identical for all of them: one identity pool,
//! one identity per worker, a dataset of 10 records with 100-byte values to list, and an
//! UpdateRecords call of 10 `replace` patches.

/// Region every client signs for.
pub const REGION: &str = "us-east-1";
/// Developer key of the emulator (its default) and of the canned server (which checks nothing).
pub const ACCESS_KEY: &str = "test";
/// Secret of [`ACCESS_KEY`].
pub const SECRET_KEY: &str = "test";
/// Identity pool used against the canned server.
pub const CANNED_POOL: &str = "us-east-1:00000000-0000-4000-8000-000000000001";
/// Identity used against the canned server.
pub const CANNED_IDENTITY: &str = "us-east-1:00000000-0000-4000-8000-0000000000aa";
/// Session token the canned server hands out (and never checks).
pub const CANNED_SESSION_TOKEN: &str = "canned-sync-session-token";
/// Dataset listed by the ListRecords benchmark (10 records).
pub const LIST_DATASET: &str = "bench-list";
/// Dataset written by the UpdateRecords benchmark.
pub const UPDATE_DATASET: &str = "bench-update";
/// Records per dataset and patches per UpdateRecords call.
pub const RECORDS: usize = 10;
/// Size of every record value.
pub const VALUE_LEN: usize = 100;
/// Most workers (calls in flight) a run may use; the emulator server makes one identity each.
pub const MAX_WORKERS: usize = 64;
/// Time stamp (epoch seconds) of every canned record.
pub const CANNED_TIME: &str = "1700000000.123";

/// Key of record `i`.
pub fn record_key(i: usize) -> String {
    format!("key{i}")
}

/// Value of record `i`: `VALUE_LEN` printable bytes.
pub fn record_value(i: usize) -> String {
    let mut v = format!("value-{i}-");
    while v.len() < VALUE_LEN {
        v.push((b'a' + (v.len() % 26) as u8) as char);
    }
    v
}

/// The 10 (key, value) pairs, made once: every client clones them into its own input types
/// per call, as an application holding the values would.
pub fn keys_values() -> &'static [(String, String)] {
    static KV: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    KV.get_or_init(|| {
        (0..RECORDS)
            .map(|i| (record_key(i), record_value(i)))
            .collect()
    })
}

/// Percent-encodes a URI label (only `:` occurs in our ids besides unreserved characters).
pub fn encode_label(label: &str) -> String {
    label.replace(':', "%3A")
}

/// Path and query of the ListRecords call for `identity`.
pub fn list_records_path(pool: &str, identity: &str) -> String {
    format!(
        "/identitypools/{}/identities/{}/datasets/{}/records?lastSyncCount=0",
        encode_label(pool),
        encode_label(identity),
        LIST_DATASET
    )
}

/// Path of the UpdateRecords call for `identity`.
pub fn update_records_path(pool: &str, identity: &str) -> String {
    format!(
        "/identitypools/{}/identities/{}/datasets/{}",
        encode_label(pool),
        encode_label(identity),
        UPDATE_DATASET
    )
}

/// JSON body of an UpdateRecords call patching every key with `sync_count`.
pub fn update_records_body(sync_count: i64, session_token: &str) -> String {
    let patches: Vec<serde_json::Value> = (0..RECORDS)
        .map(|i| {
            serde_json::json!({
                "Op": "replace",
                "Key": record_key(i),
                "Value": record_value(i),
                "SyncCount": sync_count,
            })
        })
        .collect();
    serde_json::json!({ "RecordPatches": patches, "SyncSessionToken": session_token }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_have_the_advertised_size() {
        for i in 0..RECORDS {
            assert_eq!(record_value(i).len(), VALUE_LEN);
        }
    }

    #[test]
    fn paths_encode_the_colon() {
        let p = list_records_path("us-east-1:a", "us-east-1:b");
        assert!(p.starts_with("/identitypools/us-east-1%3Aa/identities/us-east-1%3Ab/"));
    }
}
