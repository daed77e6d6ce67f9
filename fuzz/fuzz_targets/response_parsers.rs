//! Every operation's response parser in the core, and the service error parser, driven
//! exactly as a call drives them (`cognito_sync::fuzzing::parse_response`).
//!
//! Input (text, so seeds are real responses): a first line `OPERATION STATUS`
//! (`list_records 200`; an unknown name picks an operation by its bytes), header lines
//! `Name: value`, an empty line, then the body as raw bytes.
//!
//! Checks besides "no panic, no hang": an output that parsed is written back to a
//! document that parses again to the same document (what the Python `to_dict()` and
//! the C getters rely on), and an error always has a code and a message.
#![no_main]

use cognito_sync_core::fuzzing::{operation_name, parse_response, OPERATION_COUNT};
use http::{HeaderMap, HeaderName, HeaderValue};
use libfuzzer_sys::fuzz_target;

fn split_line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn operation(name: &[u8]) -> usize {
    (0..OPERATION_COUNT)
        .find(|&i| operation_name(i).as_bytes() == name)
        .unwrap_or_else(|| name.iter().map(|&b| usize::from(b)).sum::<usize>())
}

fuzz_target!(|data: &[u8]| {
    let (first, mut rest) = split_line(data);
    let first = trim_cr(first);
    let (name, status) = match first.iter().position(|&b| b == b' ') {
        Some(i) => (&first[..i], &first[i + 1..]),
        None => (first, &b"200"[..]),
    };
    let op = operation(name);
    let status = std::str::from_utf8(status)
        .ok()
        .and_then(|s| s.trim().parse::<u16>().ok())
        .filter(|s| (100..1000).contains(s))
        .unwrap_or(200);
    let mut headers = HeaderMap::new();
    loop {
        let (line, after) = split_line(rest);
        rest = after;
        let line = trim_cr(line);
        if line.is_empty() {
            break;
        }
        // Headers hyper would not deliver are skipped, as on the wire.
        if let Some(i) = line.iter().position(|&b| b == b':') {
            let value = line[i + 1..].strip_prefix(b" ").unwrap_or(&line[i + 1..]);
            if let (Ok(n), Ok(v)) = (
                HeaderName::from_bytes(&line[..i]),
                HeaderValue::from_bytes(value),
            ) {
                headers.append(n, v);
            }
        }
    }
    let body = rest;

    match parse_response(op, status, &headers, body) {
        Ok(written) => {
            // Written back and read again: stable from the first write on.
            let again = parse_response(op, 200, &HeaderMap::new(), &written).unwrap_or_else(|e| {
                panic!(
                    "{}: the written-back output does not parse: {e}\n{}",
                    operation_name(op),
                    String::from_utf8_lossy(&written)
                )
            });
            assert_eq!(
                String::from_utf8_lossy(&written),
                String::from_utf8_lossy(&again),
                "{}: writing back is not stable",
                operation_name(op)
            );
        }
        Err(e) => {
            assert!(!e.message().is_empty(), "empty error message: {e:?}");
            if !(200..300).contains(&status) {
                assert_eq!(e.http_status(), Some(status));
                let code = e.code().unwrap_or_default();
                assert!(!code.is_empty(), "service error without a code: {e:?}");
            }
            let _ = (e.to_string(), format!("{e:?}"), e.is_retryable(), e.kind());
        }
    }
});
