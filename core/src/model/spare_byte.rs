//! Optional strings of results parsed with one spare byte of capacity.
//!
//! The C library hands the strings of a result to C as NUL-terminated `const char *`
//! borrowed from the result. With one byte of room after the text it can write the NUL
//! in place instead of copying every string (a page of records has 30 of them, issue
//! 7); Rust users see ordinary `String`s (capacity is not part of their value). Only
//! the records' strings use it: they are most of the strings of a result.

use serde::de::{Deserializer, Error, Visitor};

/// `#[serde(deserialize_with)]` for an `Option<String>`: `null` or a string.
pub(crate) fn option_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_option(OptionText)
}

struct OptionText;

impl<'de> Visitor<'de> for OptionText {
    type Value = Option<String>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string or null")
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(Text).map(Some)
    }
}

struct Text;

impl Visitor<'_> for Text {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<String, E> {
        let mut s = String::with_capacity(v.len() + 1);
        s.push_str(v);
        Ok(s)
    }

    // Already owned (a deserializer that builds its own Strings): kept as it is; the C
    // library then makes room itself.
    fn visit_string<E: Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Doc {
        #[serde(default, deserialize_with = "super::option_string")]
        s: Option<String>,
    }

    fn parse(json: &str) -> Option<String> {
        serde_json::from_str::<Doc>(json).unwrap().s
    }

    #[test]
    fn strings_have_one_spare_byte_and_null_or_absent_is_none() {
        for (json, text) in [
            (r#"{"s":"value"}"#, "value"),
            (r#"{"s":""}"#, ""),
            (r#"{"s":"esc\"aped\u0000"}"#, "esc\"aped\0"),
        ] {
            let s = parse(json).unwrap();
            assert_eq!(s, text);
            assert!(s.capacity() > s.len(), "{json}: no spare byte");
        }
        assert_eq!(parse(r#"{"s":null}"#), None);
        assert_eq!(parse("{}"), None);
        assert!(serde_json::from_str::<Doc>(r#"{"s":1}"#).is_err());
    }
}
