//! One function per operation that builds its HTTP request from its input, exactly as
//! the service model says (method, path with percent-encoded labels, query, headers,
//! JSON body with the wire names), plus the shared response parser.

mod bulk_publish;
mod datasets;
mod events;
mod pool_config;
mod push;
mod records;
mod update_body;
mod usage;

pub(crate) use bulk_publish::*;
pub(crate) use datasets::*;
pub(crate) use events::*;
pub(crate) use pool_config::*;
pub(crate) use push::*;
pub(crate) use records::*;
pub(crate) use usage::*;

use bytes::Bytes;
use http::{HeaderValue, Method};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::http::PreparedRequest;

/// Everything but the unreserved characters of RFC 3986 is percent-encoded, in path
/// labels (`:` of identity ids becomes `%3A`, `/` of device ids `%2F`) and query values.
const ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Builds the URL of a request: endpoint, path, query.
pub(crate) struct Url {
    url: String,
    has_query: bool,
}

impl Url {
    pub(crate) fn new(endpoint: &str) -> Url {
        let mut url = String::with_capacity(endpoint.len() + 192);
        url.push_str(endpoint);
        Url {
            url,
            has_query: false,
        }
    }

    /// Appends a literal piece of the path.
    pub(crate) fn lit(mut self, s: &str) -> Url {
        self.url.push_str(s);
        self
    }

    /// Appends a percent-encoded path label.
    pub(crate) fn label(mut self, v: &str) -> Url {
        self.url
            .extend(percent_encoding::utf8_percent_encode(v, ENCODE));
        self
    }

    /// Appends `name=value` to the query, if `value` is set.
    pub(crate) fn query(mut self, name: &str, value: Option<&str>) -> Url {
        if let Some(v) = value {
            self.url.push(if self.has_query { '&' } else { '?' });
            self.has_query = true;
            self.url.push_str(name);
            self.url.push('=');
            self.url
                .extend(percent_encoding::utf8_percent_encode(v, ENCODE));
        }
        self
    }

    /// Appends `name=value` for a number, if set.
    pub(crate) fn query_num(mut self, name: &str, value: Option<impl std::fmt::Display>) -> Url {
        use std::fmt::Write;
        if let Some(v) = value {
            self.url.push(if self.has_query { '&' } else { '?' });
            self.has_query = true;
            self.url.push_str(name);
            self.url.push('=');
            // Digits and '-' need no encoding; writing to a String cannot fail.
            let _ = write!(self.url, "{v}");
        }
        self
    }

    /// A request without a body.
    pub(crate) fn empty(self, method: Method) -> Result<PreparedRequest, Error> {
        self.finish(method, Bytes::new(), false, None)
    }

    /// A request with a JSON body.
    pub(crate) fn json(
        self,
        method: Method,
        body: &impl serde::Serialize,
        client_context: Option<HeaderValue>,
    ) -> Result<PreparedRequest, Error> {
        let body = serde_json::to_vec(body)
            .map_err(|e| Error::validation(format!("cannot serialize the request body: {e}")))?;
        self.json_bytes(method, body, client_context)
    }

    /// A request with a JSON body written by the caller.
    pub(crate) fn json_bytes(
        self,
        method: Method,
        body: Vec<u8>,
        client_context: Option<HeaderValue>,
    ) -> Result<PreparedRequest, Error> {
        self.finish(method, Bytes::from(body), true, client_context)
    }

    fn finish(
        self,
        method: Method,
        body: Bytes,
        json_body: bool,
        client_context: Option<HeaderValue>,
    ) -> Result<PreparedRequest, Error> {
        let uri = http::Uri::try_from(self.url.as_str())
            .map_err(|e| Error::validation(format!("invalid request URL: {e}")))?;
        Ok(PreparedRequest {
            method,
            url: self.url,
            uri,
            body,
            json_body,
            client_context,
        })
    }
}

/// Parses a successful response body; an empty body is the empty output.
pub(crate) fn parse<T: DeserializeOwned + Default>(body: &[u8]) -> Result<T, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    // One UTF-8 check of the whole body is cheaper than serde_json's check of each string.
    let text = std::str::from_utf8(body)
        .map_err(|e| Error::invalid_response(format!("response body is not UTF-8: {e}")))?;
    serde_json::from_str(text)
        .map_err(|e| Error::invalid_response(format!("invalid response body: {e}")))
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::http::PreparedRequest;

    pub(crate) const BASE: &str = "https://cognito-sync.us-east-1.amazonaws.com";
    pub(crate) const POOL: &str = "us-east-1:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
    pub(crate) const POOL_ENC: &str = "us-east-1%3A0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
    pub(crate) const ID: &str = "us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    pub(crate) const ID_ENC: &str = "us-east-1%3Aaaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    /// The path and query of a request, without the endpoint.
    pub(crate) fn path(r: &PreparedRequest) -> &str {
        assert!(r.url.starts_with(BASE));
        assert_eq!(r.uri.to_string(), r.url);
        &r.url[BASE.len()..]
    }

    pub(crate) fn body_json(r: &PreparedRequest) -> serde_json::Value {
        assert!(r.json_body, "request has no JSON body");
        serde_json::from_slice(&r.body).unwrap()
    }

    pub(crate) fn assert_no_body(r: &PreparedRequest) {
        assert!(!r.json_body);
        assert!(r.body.is_empty());
        assert!(r.client_context.is_none());
    }
}

#[cfg(test)]
mod parse_tests {
    use super::parse;
    use crate::model::ListRecordsOutput;
    use crate::ErrorKind;

    #[test]
    fn malformed_bodies_are_clear_transport_errors() {
        let not_utf8 = parse::<ListRecordsOutput>(b"{\"LastModifiedBy\":\"\xff\"}").unwrap_err();
        assert_eq!(not_utf8.kind(), ErrorKind::Transport);
        assert!(not_utf8.message().contains("not UTF-8"), "{not_utf8}");
        let not_json = parse::<ListRecordsOutput>(b"<html>").unwrap_err();
        assert_eq!(not_json.kind(), ErrorKind::Transport);
        assert!(
            not_json.message().contains("invalid response body"),
            "{not_json}"
        );
        let wrong_type = parse::<ListRecordsOutput>(b"{\"Count\":\"ten\"}").unwrap_err();
        assert_eq!(wrong_type.kind(), ErrorKind::Transport);
        let empty = parse::<ListRecordsOutput>(b" \n").unwrap();
        assert_eq!(empty, ListRecordsOutput::default());
    }
}
