//! The emulator's request path, in process (`cognito_sync_local::fuzzing::Harness`):
//! routing, query and JSON bodies, SigV4 `Authorization` parsing and verification,
//! every Cognito Sync and Cognito Identity operation, pagination `NextToken`s and
//! `SyncSessionToken`s, on a fresh in-memory emulator per input.
//!
//! Input (text, so seeds are real requests): requests separated by a line `~~~`. Each is
//! `METHOD TARGET AUTH`, header lines `Name: value`, an empty line, the body (raw
//! bytes). AUTH signs the request as an SDK would: `dev` (developer key), `tmp`
//! (temporary credentials of an identity from GetId + GetCredentialsForIdentity),
//! `bad` (a wrong secret), `idp` (service `cognito-identity`); anything else sends the
//! headers as written (an `Authorization` header of the input's own, or none).
//! Placeholders anywhere in the target, headers and body: `{POOL}` (the pool),
//! `{ID}` (the identity), `{NT}` / `{ST}` (the last `NextToken` / `SyncSessionToken`
//! a response carried), `{SEAL:...:SEAL}` (a token carrying `...` as its payload,
//! sealed with the emulator's own key, so forged-but-authentic payloads are reached).
//!
//! Checks: no panic; every answer has a status from the model's set (never 500: bad input
//! is the client's error) and a JSON body; an error has `__type` and a message.
#![no_main]

use bytes::Bytes;
use cognito_sync_local::fuzzing::{sign_request, Harness};
use http::{HeaderName, HeaderValue, Method, Request};
use libfuzzer_sys::fuzz_target;

const POOL: &str = "us-east-1:00000000-0000-0000-0000-00000000f022";

#[derive(Default)]
struct Session {
    identity: Option<String>,
    temporary: Option<(String, String, String)>,
    next_token: Option<String>,
    session_token: Option<String>,
}

fn replace_all(mut text: Vec<u8>, from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    std::mem::swap(&mut text, &mut out);
    text
}

fn expand(harness: &Harness, session: &Session, text: &[u8]) -> Vec<u8> {
    let mut t = text.to_vec();
    // Sealed payloads first: their content is taken verbatim.
    while let Some(start) = find(&t, b"{SEAL:") {
        let Some(len) = find(&t[start + 6..], b":SEAL}") else {
            break;
        };
        let token = harness.seal_raw(&t[start + 6..start + 6 + len]);
        t.splice(start..start + 6 + len + 6, token.into_bytes());
    }
    let id = session
        .identity
        .as_deref()
        .unwrap_or("us-east-1:00000000-0000-0000-0000-0000000000aa");
    t = replace_all(t, b"{POOL}", POOL.as_bytes());
    t = replace_all(t, b"{ID}", id.as_bytes());
    t = replace_all(
        t,
        b"{NT}",
        session.next_token.as_deref().unwrap_or("").as_bytes(),
    );
    replace_all(
        t,
        b"{ST}",
        session.session_token.as_deref().unwrap_or("").as_bytes(),
    )
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn split_requests(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(i) = find(rest, b"\n~~~\n") {
        out.push(&rest[..i]);
        rest = &rest[i + 5..];
    }
    out.push(rest);
    out
}

fn line(data: &[u8]) -> (&[u8], &[u8]) {
    let (l, rest) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    (l.strip_suffix(b"\r").unwrap_or(l), rest)
}

/// Calls GetId then GetCredentialsForIdentity, unsigned, as an app does.
fn temporary(harness: &Harness, session: &mut Session) -> Option<(String, String, String)> {
    if session.temporary.is_none() {
        let call = |op: &str, body: String| -> Option<serde_json::Value> {
            let (mut parts, ()) = Request::post("/").body(()).ok()?.into_parts();
            parts.headers.insert(
                "x-amz-target",
                HeaderValue::from_str(&format!("AWSCognitoIdentityService.{op}")).ok()?,
            );
            parts.headers.insert(
                "content-type",
                HeaderValue::from_static("application/x-amz-json-1.1"),
            );
            let (status, _, body) = harness.handle(parts, Some(Bytes::from(body)))?;
            assert_eq!(status, 200, "{op}: {}", String::from_utf8_lossy(&body));
            serde_json::from_slice(&body).ok()
        };
        let id = call("GetId", format!(r#"{{"IdentityPoolId":"{POOL}"}}"#))?["IdentityId"]
            .as_str()?
            .to_owned();
        let creds = call(
            "GetCredentialsForIdentity",
            format!(r#"{{"IdentityId":"{id}"}}"#),
        )?;
        let c = &creds["Credentials"];
        session.temporary = Some((
            c["AccessKeyId"].as_str()?.to_owned(),
            c["SecretKey"].as_str()?.to_owned(),
            c["SessionToken"].as_str()?.to_owned(),
        ));
        session.identity = Some(id);
    }
    session.temporary.clone()
}

fuzz_target!(|data: &[u8]| {
    let requests = split_requests(data);
    if requests.len() > 12 {
        return;
    }
    let harness = Harness::new(POOL).expect("an in-memory emulator starts");
    let mut session = Session::default();
    let mut last = None;
    for raw in requests {
        let (first, mut rest) = line(raw);
        let mut words = first.splitn(3, |&b| b == b' ');
        let method = words.next().unwrap_or_default();
        let target = words.next().unwrap_or(b"/");
        let auth = words.next().unwrap_or_default();
        if auth == b"tmp" {
            temporary(&harness, &mut session);
        }
        let Ok(method) = Method::from_bytes(method) else {
            continue;
        };
        let target = expand(&harness, &session, target);
        let Ok(uri) = http::Uri::try_from(target) else {
            continue;
        };
        let Ok(req) = Request::builder().method(method).uri(uri).body(()) else {
            continue;
        };
        let (mut parts, ()) = req.into_parts();
        loop {
            let (l, after) = line(rest);
            rest = after;
            if l.is_empty() {
                break;
            }
            let l = expand(&harness, &session, l);
            if let Some(i) = l.iter().position(|&b| b == b':') {
                let v = l[i + 1..].strip_prefix(b" ").unwrap_or(&l[i + 1..]);
                if let (Ok(n), Ok(v)) =
                    (HeaderName::from_bytes(&l[..i]), HeaderValue::from_bytes(v))
                {
                    parts.headers.append(n, v);
                }
            }
        }
        let body = expand(&harness, &session, rest);
        parts
            .headers
            .insert("host", HeaderValue::from_static("127.0.0.1"));
        match auth {
            b"dev" => sign_request(&mut parts, &body, "cognito-sync", "test", "test", None),
            b"bad" => sign_request(&mut parts, &body, "cognito-sync", "test", "wrong", None),
            b"idp" => sign_request(&mut parts, &body, "cognito-identity", "test", "test", None),
            b"tmp" => session.temporary.clone().and_then(|(ak, sk, st)| {
                sign_request(&mut parts, &body, "cognito-sync", &ak, &sk, Some(&st))
            }),
            _ => None,
        };
        let what = format!("{} {}", parts.method, parts.uri);
        let Some((status, headers, body)) = harness.handle(parts, Some(Bytes::from(body))) else {
            panic!("{what}: connection dropped without fault injection");
        };
        assert!(
            matches!(status, 200 | 400 | 403 | 404 | 409 | 413 | 429),
            "{what}: status {status}: {}",
            String::from_utf8_lossy(&body)
        );
        assert!(
            headers.contains_key("x-amzn-requestid"),
            "{what}: no request id"
        );
        if status == 200 && body.is_empty() {
            // Operations without output (SetCognitoEvents...) answer with no body.
            last = Some((status, headers, body));
            continue;
        }
        let doc: serde_json::Value = serde_json::from_slice(&body).unwrap_or_else(|e| {
            panic!(
                "{what}: body is not JSON ({e}): {:?}",
                String::from_utf8_lossy(&body)
            )
        });
        if status != 200 {
            assert!(
                doc["__type"].as_str().is_some_and(|t| !t.is_empty()),
                "{what}: error without __type: {doc}"
            );
            assert!(
                doc.get("message").or(doc.get("Message")).is_some(),
                "{what}: error without message: {doc}"
            );
        } else {
            if let Some(t) = doc["NextToken"].as_str() {
                session.next_token = Some(t.to_owned());
            }
            if let Some(t) = doc["SyncSessionToken"].as_str() {
                session.session_token = Some(t.to_owned());
            }
        }
        last = Some((status, headers, body));
    }
    if let (Some(path), Some((status, headers, body))) = (dump_path(), last) {
        dump(path, status, &headers, &body);
    }
});

/// `FUZZ_DUMP_RESPONSE=DIR/OPERATION`: the last response of the input is written there as
/// a seed of the `response_parsers` target (how `fuzz/make-seeds.sh` makes its seeds).
fn dump_path() -> Option<&'static std::path::Path> {
    static PATH: std::sync::OnceLock<Option<std::path::PathBuf>> = std::sync::OnceLock::new();
    PATH.get_or_init(|| std::env::var_os("FUZZ_DUMP_RESPONSE").map(Into::into))
        .as_deref()
}

fn dump(path: &std::path::Path, status: u16, headers: &http::HeaderMap, body: &[u8]) {
    let op = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let op = op.split('.').next().unwrap_or_default();
    let mut out = format!("{op} {status}\n").into_bytes();
    for (name, value) in headers {
        if name != "x-amzn-requestid" {
            out.extend_from_slice(name.as_str().as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(value.as_bytes());
            out.push(b'\n');
        }
    }
    out.push(b'\n');
    out.extend_from_slice(body);
    std::fs::write(path, out).expect("seed written");
}
