//! Client-side limits, checked before anything is written so that a write the
//! service would refuse fails at once with a clear error instead of making every later
//! synchronize fail (the old iOS SDK dropped such writes silently).
//!
//! The defaults are the service's documented limits: dataset names of 1–128 characters
//! from `[a-zA-Z0-9_.:-]`, 20 datasets per identity, 1 MB (1,048,576 bytes) and 1,024
//! records per dataset, keys of 1–1,024 characters and values of at most 1,048,575
//! characters (the service model's lengths). AWS can raise the per-account limits on
//! request, so they are configurable.

use super::error::{Error, Result};

/// Limits enforced on local writes. [`Limits::default`] holds the service's limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Datasets per identity (pending local deletions excluded). Default 20.
    pub max_datasets: usize,
    /// Size of a dataset in bytes, counted by [`record_size`]. Default 1,048,576.
    pub max_dataset_bytes: u64,
    /// Live records per dataset. Default 1,024.
    pub max_records: usize,
    /// Length of a key in characters. Default 1,024.
    pub max_key_chars: usize,
    /// Length of a value in characters. Default 1,048,575.
    pub max_value_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_datasets: 20,
            max_dataset_bytes: 1_048_576,
            max_records: 1024,
            max_key_chars: 1024,
            max_value_chars: 1_048_575,
        }
    }
}

/// Longest dataset name (characters).
pub const MAX_DATASET_NAME_LEN: usize = 128;

/// Checks a dataset name against the service's pattern `[a-zA-Z0-9_.:-]{1,128}`.
pub fn validate_dataset_name(name: &str) -> Result<()> {
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-')))
    {
        return Err(Error::invalid(format!(
            "dataset name {name:?} contains {c:?}; allowed: a-z A-Z 0-9 _ . : -"
        )));
    }
    // Only ASCII is left, so bytes are characters.
    if name.is_empty() || name.len() > MAX_DATASET_NAME_LEN {
        return Err(Error::invalid(format!(
            "dataset name must be 1 to {MAX_DATASET_NAME_LEN} characters, got {}",
            name.len()
        )));
    }
    Ok(())
}

impl Limits {
    /// Checks a record key.
    pub fn validate_key(&self, key: &str) -> Result<()> {
        if key.is_empty() {
            return Err(Error::invalid("record key must not be empty"));
        }
        let n = key.chars().count();
        if n > self.max_key_chars {
            return Err(Error::invalid(format!(
                "record key is {n} characters, the limit is {}",
                self.max_key_chars
            )));
        }
        Ok(())
    }

    /// Checks a record value (an empty string is a valid value, distinct from removal).
    pub fn validate_value(&self, key: &str, value: &str) -> Result<()> {
        // Byte length bounds the character count from above: skip the count when small.
        if value.len() > self.max_value_chars {
            let n = value.chars().count();
            if n > self.max_value_chars {
                return Err(Error::limit(format!(
                    "value of {key:?} is {n} characters, the limit is {}",
                    self.max_value_chars
                )));
            }
        }
        Ok(())
    }
}

/// Bytes a record counts towards its dataset's size: the UTF-8 length of the key plus
/// that of the value, as the service and the official SDKs count `DataStorage`. A
/// removed record (no value) counts nothing.
pub fn record_size(key: &str, value: Option<&str>) -> u64 {
    match value {
        Some(v) => (key.len() + v.len()) as u64,
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::ErrorKind;

    #[test]
    fn dataset_names() {
        assert!(validate_dataset_name("save_1.slot:A-b").is_ok());
        assert!(validate_dataset_name(&"a".repeat(128)).is_ok());
        assert_eq!(
            validate_dataset_name(&"a".repeat(129)).map_err(|e| e.kind()),
            Err(ErrorKind::InvalidArgument)
        );
        assert!(validate_dataset_name("").is_err());
        assert!(validate_dataset_name("with space").is_err());
        assert!(validate_dataset_name("é").is_err());
        assert!(validate_dataset_name("a/b").is_err());
    }

    #[test]
    fn keys_and_values() {
        let l = Limits::default();
        assert!(l.validate_key("k").is_ok());
        assert!(l.validate_key("").is_err());
        assert!(l.validate_key(&"é".repeat(1024)).is_ok());
        assert!(l.validate_key(&"k".repeat(1025)).is_err());
        assert!(l.validate_value("k", "").is_ok());
        assert!(l.validate_value("k", &"é".repeat(1_048_575)).is_ok());
        let e = l.validate_value("k", &"v".repeat(1_048_576)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    }

    #[test]
    fn sizes_count_utf8_bytes() {
        assert_eq!(record_size("key", Some("value")), 8);
        assert_eq!(record_size("ké", Some("")), 3);
        assert_eq!(record_size("key", None), 0);
    }
}
