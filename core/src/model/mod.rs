//! Request and response types of every Cognito Sync operation, one module per area.
//!
//! Inputs are named `XxxInput` and outputs `XxxOutput` after the operation. Members
//! that the service model marks required are plain types; optional ones are `Option`.
//! The serde attributes give the wire names of the JSON documents (`PascalCase`), so
//! `serde_json::to_value(&output)` yields the document the service sent.
//! Timestamps are [`std::time::SystemTime`], epoch seconds on the wire.

mod bulk_publish;
mod datasets;
mod events;
mod pool_config;
mod push;
mod records;
mod spare_byte;
pub(crate) mod timestamp;
mod usage;

pub use bulk_publish::*;
pub use datasets::*;
pub use events::*;
pub use pool_config::*;
pub use push::*;
pub use records::*;
pub use usage::*;

/// Declares a string enum of the model that keeps values it does not know.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $wire:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the library does not know, kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Unknown(s) => s,
                }
            }

            /// Every value the service model defines.
            pub fn values() -> &'static [&'static str] {
                &[$($wire),+]
            }

            /// Whether this is one of the values of the model (not `Unknown`).
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $( $wire => Self::$variant, )+
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match s.as_str() {
                    $( $wire => Self::$variant, )+
                    _ => Self::Unknown(s),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " string"))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        Ok($name::from(v))
                    }
                    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<$name, E> {
                        Ok($name::from(v))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}
pub(crate) use wire_enum;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_serialize_to_the_wire_shape_without_absent_members() {
        let out = ListRecordsOutput {
            records: Some(vec![Record {
                key: Some("k".into()),
                sync_count: Some(2),
                last_modified_date: Some(
                    std::time::UNIX_EPOCH + std::time::Duration::from_millis(1_413_231_134_115),
                ),
                ..Default::default()
            }]),
            count: Some(1),
            dataset_exists: Some(true),
            ..Default::default()
        };
        let v = serde_json::to_value(&out).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "Records": [{"Key": "k", "SyncCount": 2, "LastModifiedDate": 1413231134.115}],
                "Count": 1,
                "DatasetExists": true
            })
        );
        let back: ListRecordsOutput = serde_json::from_value(v).unwrap();
        assert_eq!(back, out);
    }

    #[test]
    fn enums_keep_unknown_values_verbatim() {
        assert_eq!(Operation::from("replace"), Operation::Replace);
        assert_eq!(Operation::from("merge"), Operation::Unknown("merge".into()));
        assert_eq!(Platform::from("APNS_SANDBOX").as_str(), "APNS_SANDBOX");
        assert_eq!(Platform::from("WNS").as_str(), "WNS");
        assert_eq!(
            BulkPublishStatus::from("IN_PROGRESS"),
            BulkPublishStatus::InProgress
        );
        assert_eq!(StreamingStatus::from("ENABLED"), StreamingStatus::Enabled);
        let json = serde_json::to_string(&Platform::Unknown("X".into())).unwrap();
        assert_eq!(json, "\"X\"");
        let back: BulkPublishStatus = serde_json::from_str("\"PAUSED\"").unwrap();
        assert_eq!(back, BulkPublishStatus::Unknown("PAUSED".into()));
        assert_eq!(Platform::values(), &["APNS", "APNS_SANDBOX", "GCM", "ADM"]);
    }
}
