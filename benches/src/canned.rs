//! A minimal canned-response HTTP/1.1 server: it answers every `GET` with one precomputed
//! ListRecords response and every `POST` with one precomputed UpdateRecords response, over
//! keep-alive connections with `TCP_NODELAY`, on one thread. Its cost per call is a read and
//! a write, small and the same for every client, so the clients' differences show.

use crate::fixtures::{record_key, record_value, CANNED_SESSION_TOKEN, CANNED_TIME, RECORDS};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Largest request head or body the server accepts; real requests are a few KiB.
const MAX_REQUEST: usize = 1 << 20;

/// Builds the JSON array of the 10 canned records, each at sync count 1.
fn records_json() -> String {
    let records: Vec<String> = (0..RECORDS)
        .map(|i| {
            format!(
                concat!(
                    r#"{{"DeviceLastModifiedDate":{t},"Key":"{k}","LastModifiedBy":"bench","#,
                    r#""LastModifiedDate":{t},"SyncCount":1,"Value":"{v}"}}"#
                ),
                t = CANNED_TIME,
                k = record_key(i),
                v = record_value(i)
            )
        })
        .collect();
    format!("[{}]", records.join(","))
}

/// Body of the canned ListRecords response: 10 records of `VALUE_LEN`-byte values.
pub fn list_records_body() -> String {
    format!(
        concat!(
            r#"{{"Count":{n},"DatasetDeletedAfterRequestedSyncCount":false,"DatasetExists":true,"#,
            r#""DatasetSyncCount":1,"LastModifiedBy":"bench","MergedDatasetNames":null,"#,
            r#""NextToken":null,"Records":{r},"SyncSessionToken":"{s}"}}"#
        ),
        n = RECORDS,
        r = records_json(),
        s = CANNED_SESSION_TOKEN
    )
}

/// Body of the canned UpdateRecords response: the 10 records as written.
pub fn update_records_body() -> String {
    format!(r#"{{"Records":{}}}"#, records_json())
}

/// A full HTTP/1.1 200 response carrying `body`, with the headers the service sends.
fn response(body: &str) -> Vec<u8> {
    format!(
        concat!(
            "HTTP/1.1 200 OK\r\n",
            "Content-Type: application/json\r\n",
            "Content-Length: {}\r\n",
            "x-amzn-RequestId: 00000000-0000-4000-8000-000000000000\r\n",
            "Date: Tue, 14 Nov 2023 22:13:20 GMT\r\n",
            "\r\n{}"
        ),
        body.len(),
        body
    )
    .into_bytes()
}

/// Precomputed responses, leaked once so every connection task can share them.
struct Responses {
    list: &'static [u8],
    update: &'static [u8],
    bad: &'static [u8],
}

/// What a complete request in the buffer asks for.
#[derive(Debug, PartialEq)]
enum Request {
    /// A `GET` (ListRecords) of `len` bytes.
    Get(usize),
    /// Any other method (UpdateRecords) of `len` bytes.
    Post(usize),
}

/// Parses one complete request at the start of `buf`; `Ok(None)` when more bytes are needed.
fn parse(buf: &[u8]) -> Result<Option<Request>, &'static str> {
    let Some(head_end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return if buf.len() > MAX_REQUEST {
            Err("request head too large")
        } else {
            Ok(None)
        };
    };
    let head = std::str::from_utf8(&buf[..head_end]).map_err(|_| "head is not UTF-8")?;
    let mut content_length = 0usize;
    for line in head.split("\r\n").skip(1) {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        if name.eq_ignore_ascii_case("content-length") {
            content_length = value.trim().parse().map_err(|_| "bad content-length")?;
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err("chunked requests are not supported");
        }
    }
    if content_length > MAX_REQUEST {
        return Err("body too large");
    }
    let total = head_end + 4 + content_length;
    if buf.len() < total {
        return Ok(None);
    }
    Ok(Some(if head.starts_with("GET ") {
        Request::Get(total)
    } else {
        Request::Post(total)
    }))
}

/// Serves one keep-alive connection until the peer closes it.
async fn serve_connection(mut stream: TcpStream, responses: &'static Responses) {
    if stream.set_nodelay(true).is_err() {
        return;
    }
    let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
    let mut out: Vec<u8> = Vec::with_capacity(16 * 1024);
    let mut chunk = vec![0u8; 16 * 1024];
    loop {
        let n = match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        buf.extend_from_slice(&chunk[..n]);
        let mut consumed = 0;
        loop {
            match parse(&buf[consumed..]) {
                Ok(None) => break,
                Ok(Some(Request::Get(len))) => {
                    out.extend_from_slice(responses.list);
                    consumed += len;
                }
                Ok(Some(Request::Post(len))) => {
                    out.extend_from_slice(responses.update);
                    consumed += len;
                }
                Err(_) => {
                    let _ = stream.write_all(responses.bad).await;
                    return;
                }
            }
        }
        buf.drain(..consumed);
        if !out.is_empty() {
            if stream.write_all(&out).await.is_err() {
                return;
            }
            out.clear();
        }
    }
}

/// Runs the server on 127.0.0.1:0 until standard input closes: prints
/// `listening on http://127.0.0.1:PORT` first, and answers each `rusage` line on standard input
/// with the server's own CPU time (`user_us sys_us`).
pub fn serve() -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("runtime: {e}"))?;
    let responses: &'static Responses = Box::leak(Box::new(Responses {
        list: response(&list_records_body()).leak(),
        update: response(&update_records_body()).leak(),
        bad: b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    }));
    rt.block_on(async move {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| format!("bind: {e}"))?;
        let addr = listener.local_addr().map_err(|e| format!("addr: {e}"))?;
        println!("listening on http://{addr}");
        crate::server_control::spawn_stdin_watcher();
        loop {
            let (stream, _) = listener
                .accept()
                .await
                .map_err(|e| format!("accept: {e}"))?;
            tokio::spawn(serve_connection(stream, responses));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::VALUE_LEN;

    #[test]
    fn bodies_are_valid_json_with_ten_records() {
        let list: serde_json::Value = serde_json::from_str(&list_records_body()).unwrap();
        assert_eq!(list["Records"].as_array().unwrap().len(), RECORDS);
        assert_eq!(
            list["Records"][3]["Value"].as_str().unwrap().len(),
            VALUE_LEN
        );
        let update: serde_json::Value = serde_json::from_str(&update_records_body()).unwrap();
        assert_eq!(update["Records"].as_array().unwrap().len(), RECORDS);
    }

    #[test]
    fn parses_pipelined_requests_and_waits_for_bodies() {
        let get = b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n";
        assert_eq!(parse(get).unwrap(), Some(Request::Get(get.len())));
        let post = b"POST /x HTTP/1.1\r\ncontent-length: 4\r\n\r\nab";
        assert_eq!(parse(post).unwrap(), None);
        let post = b"POST /x HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcdGET";
        assert_eq!(parse(post).unwrap(), Some(Request::Post(post.len() - 3)));
        assert!(parse(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").is_err());
    }
}
