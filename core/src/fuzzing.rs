//! Entry points for the fuzz targets in `fuzz/` (feature `fuzzing`, not a public API):
//! the exact response handling of [`Client`](crate::Client) calls, without a network.

use http::HeaderMap;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{parse_service_error, Error};
use crate::model::*;
use crate::operations;

/// Number of operations [`parse_response`] knows (the 17 of the service).
pub const OPERATION_COUNT: usize = 17;

/// Reads a response to operation `op` (index into the operation list, modulo its length)
/// as a call does: a 2xx body is parsed into the operation's output, anything else into
/// a service error. `Ok` holds the output re-serialized to the wire document.
pub fn parse_response(
    op: usize,
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Vec<u8>, Error> {
    if !(200..300).contains(&status) {
        return Err(parse_service_error(status, headers, body));
    }
    macro_rules! dispatch {
        ($( $(#[$doc:meta])* $name:ident($input:ty) -> $output:ty; )*) => {{
            let parsers: [fn(&[u8]) -> Result<Vec<u8>, Error>; OPERATION_COUNT] =
                [$( parse_and_write::<$output>, )*];
            parsers[op % OPERATION_COUNT](body)
        }};
    }
    for_each_operation!(dispatch)
}

/// The name of operation `op` (modulo the count), in the order of [`parse_response`].
pub fn operation_name(op: usize) -> &'static str {
    macro_rules! names {
        ($( $(#[$doc:meta])* $name:ident($input:ty) -> $output:ty; )*) => {{
            let names: [&'static str; OPERATION_COUNT] = [$( stringify!($name), )*];
            names[op % OPERATION_COUNT]
        }};
    }
    for_each_operation!(names)
}

fn parse_and_write<T: DeserializeOwned + Default + Serialize>(
    body: &[u8],
) -> Result<Vec<u8>, Error> {
    let output: T = operations::parse(body)?;
    serde_json::to_vec(&output)
        .map_err(|e| Error::validation(format!("cannot write the output back: {e}")))
}
