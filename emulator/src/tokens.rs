//! Opaque tokens (pagination `NextToken`s, `SyncSessionToken`s): a base64url JSON payload and an
//! HMAC-SHA256 tag keyed by a per-store secret, so a forged or garbled token is detected and
//! answered with InvalidParameterException instead of being trusted.

use aws_sigv4::sign::v4::calculate_signature;

use crate::b64;

/// Seals and opens tokens with one secret.
pub(crate) struct TokenKey {
    secret: String,
}

impl TokenKey {
    /// A key from a secret string (kept in the store so tokens survive a restart with `--db`).
    pub(crate) fn new(secret: String) -> Self {
        TokenKey { secret }
    }

    fn tag(&self, body: &str) -> String {
        let mut tag = calculate_signature(self.secret.as_bytes(), body.as_bytes());
        tag.truncate(32);
        tag
    }

    /// A token of `kind` carrying `fields`.
    pub(crate) fn seal(&self, kind: &str, fields: &[&str]) -> String {
        let mut all = Vec::with_capacity(fields.len() + 1);
        all.push(kind);
        all.extend_from_slice(fields);
        let json = serde_json::to_vec(&all).unwrap_or_default();
        self.seal_body(b64::encode(&json))
    }

    /// A token of an already encoded body.
    pub(crate) fn seal_body(&self, body: String) -> String {
        let tag = self.tag(&body);
        format!("{body}.{tag}")
    }

    /// The fields of a token of `kind`, or `None` when it was not sealed by this key.
    pub(crate) fn open(&self, kind: &str, token: &str) -> Option<Vec<String>> {
        let (body, tag) = token.rsplit_once('.')?;
        let expected = self.tag(body);
        if !constant_time_eq(expected.as_bytes(), tag.as_bytes()) {
            return None;
        }
        let json = b64::decode(body)?;
        let mut fields: Vec<String> = serde_json::from_slice(&json).ok()?;
        if fields.first().map(String::as_str) != Some(kind) {
            return None;
        }
        fields.remove(0);
        Some(fields)
    }
}

/// Compares two byte strings in time independent of where they differ.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_reject_forgeries() {
        let key = TokenKey::new("secret".into());
        let t = key.seal("lr", &["pool", "id", "ds", "7"]);
        assert_eq!(key.open("lr", &t).unwrap(), ["pool", "id", "ds", "7"]);
        assert!(key.open("ld", &t).is_none(), "kind is bound");
        assert!(TokenKey::new("other".into()).open("lr", &t).is_none());
        let mut forged = t.clone();
        forged.replace_range(0..1, if t.starts_with('A') { "B" } else { "A" });
        assert!(key.open("lr", &forged).is_none());
        assert!(key.open("lr", "garbage").is_none());
        assert!(key.open("lr", "").is_none());
    }
}
