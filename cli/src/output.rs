//! Printing responses as the AWS CLI does: `json.dump(response, indent=4,
//! ensure_ascii=False)`, keys in the order of the service model's members (botocore's
//! parser builds its dicts in that order), timestamps as on the wire (epoch seconds as a
//! float, the AWS CLI v1's default `cli_timestamp_format = wire`), and nothing at all for
//! an empty response.

use std::io::Write;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::{Number, Value};

use crate::exit::Failure;

/// The shape of a value in the service model, as far as printing needs it.
#[derive(Debug)]
pub enum Shape {
    /// A string, number or boolean, printed as it is.
    Scalar,
    /// Epoch seconds, printed as a float like Python prints the wire value.
    Timestamp,
    /// A list of this shape.
    List(&'static Shape),
    /// A map of strings to this shape (keys in the order received).
    Map(&'static Shape),
    /// A structure: its members in the model's order.
    Struct(&'static [(&'static str, Shape)]),
}

/// A JSON value with its object keys in a chosen order.
enum Ordered {
    Plain(Value),
    Array(Vec<Ordered>),
    Object(Vec<(String, Ordered)>),
}

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Ordered::Plain(v) => v.serialize(s),
            Ordered::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Ordered::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Orders `value` after `shape`. Members the model does not know are dropped, as
/// botocore drops them.
fn order(value: Value, shape: &Shape) -> Ordered {
    match (shape, value) {
        (Shape::Struct(members), Value::Object(mut map)) => Ordered::Object(
            members
                .iter()
                .filter_map(|(name, member)| {
                    let v = map.remove(*name)?;
                    (!v.is_null()).then(|| ((*name).to_owned(), order(v, member)))
                })
                .collect(),
        ),
        (Shape::List(item), Value::Array(items)) => {
            Ordered::Array(items.into_iter().map(|v| order(v, item)).collect())
        }
        (Shape::Map(item), Value::Object(map)) => {
            Ordered::Object(map.into_iter().map(|(k, v)| (k, order(v, item))).collect())
        }
        (Shape::Timestamp, Value::Number(n)) => Ordered::Plain(wire_float(&n)),
        (_, v) => Ordered::Plain(v),
    }
}

/// A timestamp as Python prints the float it parsed from the wire: the service and the
/// emulator write epoch seconds as floats with millisecond precision (`1.413231134115E9`),
/// so whole seconds print as `1413231134.0`. The core serializes whole seconds as an
/// integer and others with millisecond precision; both become the nearest double of the
/// millisecond decimal, whose shortest representation is Python's `repr`.
fn wire_float(n: &Number) -> Value {
    let value = match (n.as_i64(), n.as_f64()) {
        (Some(i), _) => Some(i as f64),
        (None, Some(f)) => format!("{f:.3}").parse::<f64>().ok(),
        _ => None,
    };
    value
        .and_then(Number::from_f64)
        .map(Value::Number)
        .unwrap_or_else(|| Value::Number(n.clone()))
}

/// Writes `value`, shaped by `shape`, to `out` as the AWS CLI does; an empty object prints
/// nothing.
pub fn write_json(out: &mut impl Write, value: Value, shape: &Shape) -> std::io::Result<()> {
    let ordered = order(value, shape);
    if matches!(&ordered, Ordered::Object(m) if m.is_empty()) {
        return Ok(());
    }
    let mut ser = serde_json::Serializer::with_formatter(
        &mut *out,
        serde_json::ser::PrettyFormatter::with_indent(b"    "),
    );
    ordered.serialize(&mut ser).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// Prints a response on stdout.
pub fn print_response(output: &impl Serialize, shape: &Shape) -> Result<(), Failure> {
    let value = serde_json::to_value(output)
        .map_err(|e| Failure::other(format!("could not render the response: {e}")))?;
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    write_json(&mut lock, value, shape)
        .and_then(|()| lock.flush())
        .map_err(|e| Failure::other(format!("could not write to stdout: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEM: Shape = Shape::Struct(&[("B", Shape::Scalar), ("A", Shape::Timestamp)]);
    const TOP: Shape = Shape::Struct(&[("Items", Shape::List(&ITEM)), ("Count", Shape::Scalar)]);

    fn render(v: Value, shape: &Shape) -> String {
        let mut out = Vec::new();
        write_json(&mut out, v, shape).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn model_order_python_indent_and_wire_floats() {
        let v = serde_json::json!({
            "Count": 2, "Unknown": 1,
            "Items": [{"A": 1413231134, "B": "é\n"}, {"A": 1413231134.115}, {}],
        });
        assert_eq!(
            render(v, &TOP),
            "{\n    \"Items\": [\n        {\n            \"B\": \"é\\n\",\n            \"A\": 1413231134.0\n        },\n        {\n            \"A\": 1413231134.115\n        },\n        {}\n    ],\n    \"Count\": 2\n}\n"
        );
    }

    #[test]
    fn empty_response_prints_nothing_but_empty_lists_print() {
        assert_eq!(render(serde_json::json!({}), &TOP), "");
        assert_eq!(
            render(serde_json::json!({"Items": []}), &TOP),
            "{\n    \"Items\": []\n}\n"
        );
    }
}
