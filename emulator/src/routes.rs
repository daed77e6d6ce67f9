//! Cognito Sync's REST routing table: method and path to operation and URI labels.
//! The raw path is split on `/` first and each segment percent-decoded afterwards, so an encoded
//! `/` inside a DeviceId stays in its label; a raw `:` (older SDKs) works too.

use percent_encoding::percent_decode_str;

/// The 17 Cognito Sync operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SyncOp {
    BulkPublish,
    DeleteDataset,
    DescribeDataset,
    DescribeIdentityPoolUsage,
    DescribeIdentityUsage,
    GetBulkPublishDetails,
    GetCognitoEvents,
    GetIdentityPoolConfiguration,
    ListDatasets,
    ListIdentityPoolUsage,
    ListRecords,
    RegisterDevice,
    SetCognitoEvents,
    SetIdentityPoolConfiguration,
    SubscribeToDataset,
    UnsubscribeFromDataset,
    UpdateRecords,
}

impl SyncOp {
    /// The operation name as in the model.
    pub(crate) fn name(self) -> &'static str {
        match self {
            SyncOp::BulkPublish => "BulkPublish",
            SyncOp::DeleteDataset => "DeleteDataset",
            SyncOp::DescribeDataset => "DescribeDataset",
            SyncOp::DescribeIdentityPoolUsage => "DescribeIdentityPoolUsage",
            SyncOp::DescribeIdentityUsage => "DescribeIdentityUsage",
            SyncOp::GetBulkPublishDetails => "GetBulkPublishDetails",
            SyncOp::GetCognitoEvents => "GetCognitoEvents",
            SyncOp::GetIdentityPoolConfiguration => "GetIdentityPoolConfiguration",
            SyncOp::ListDatasets => "ListDatasets",
            SyncOp::ListIdentityPoolUsage => "ListIdentityPoolUsage",
            SyncOp::ListRecords => "ListRecords",
            SyncOp::RegisterDevice => "RegisterDevice",
            SyncOp::SetCognitoEvents => "SetCognitoEvents",
            SyncOp::SetIdentityPoolConfiguration => "SetIdentityPoolConfiguration",
            SyncOp::SubscribeToDataset => "SubscribeToDataset",
            SyncOp::UnsubscribeFromDataset => "UnsubscribeFromDataset",
            SyncOp::UpdateRecords => "UpdateRecords",
        }
    }
}

/// A matched route: the operation and its decoded URI labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Route {
    pub(crate) op: SyncOp,
    pub(crate) pool_id: String,
    pub(crate) identity_id: String,
    pub(crate) dataset: String,
    pub(crate) device_id: String,
}

/// Matches a Cognito Sync request; `None` when no operation has this method and path.
pub(crate) fn route(method: &http::Method, raw_path: &str) -> Option<Route> {
    let trimmed = raw_path.strip_prefix('/')?;
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    let segs: Vec<String> = trimmed
        .split('/')
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect();
    let s: Vec<&str> = segs.iter().map(String::as_str).collect();
    let m = method.as_str();
    use SyncOp::*;
    let (op, pool, identity, dataset, device) = match (m, s.as_slice()) {
        ("GET", ["identitypools"]) => (ListIdentityPoolUsage, "", "", "", ""),
        ("GET", ["identitypools", p]) => (DescribeIdentityPoolUsage, *p, "", "", ""),
        ("POST", ["identitypools", p, "bulkpublish"]) => (BulkPublish, *p, "", "", ""),
        ("POST", ["identitypools", p, "getBulkPublishDetails"]) => {
            (GetBulkPublishDetails, *p, "", "", "")
        }
        ("GET", ["identitypools", p, "events"]) => (GetCognitoEvents, *p, "", "", ""),
        ("POST", ["identitypools", p, "events"]) => (SetCognitoEvents, *p, "", "", ""),
        ("GET", ["identitypools", p, "configuration"]) => {
            (GetIdentityPoolConfiguration, *p, "", "", "")
        }
        ("POST", ["identitypools", p, "configuration"]) => {
            (SetIdentityPoolConfiguration, *p, "", "", "")
        }
        ("GET", ["identitypools", p, "identities", i]) => (DescribeIdentityUsage, *p, *i, "", ""),
        ("GET", ["identitypools", p, "identities", i, "datasets"]) => {
            (ListDatasets, *p, *i, "", "")
        }
        ("GET", ["identitypools", p, "identities", i, "datasets", d]) => {
            (DescribeDataset, *p, *i, *d, "")
        }
        ("DELETE", ["identitypools", p, "identities", i, "datasets", d]) => {
            (DeleteDataset, *p, *i, *d, "")
        }
        ("POST", ["identitypools", p, "identities", i, "datasets", d]) => {
            (UpdateRecords, *p, *i, *d, "")
        }
        ("GET", ["identitypools", p, "identities", i, "datasets", d, "records"]) => {
            (ListRecords, *p, *i, *d, "")
        }
        ("POST", ["identitypools", p, "identities", i, "datasets", d, "subscriptions", v]) => {
            (SubscribeToDataset, *p, *i, *d, *v)
        }
        ("DELETE", ["identitypools", p, "identities", i, "datasets", d, "subscriptions", v]) => {
            (UnsubscribeFromDataset, *p, *i, *d, *v)
        }
        ("POST", ["identitypools", p, "identity", i, "device"]) => (RegisterDevice, *p, *i, "", ""),
        _ => return None,
    };
    Some(Route {
        op,
        pool_id: pool.to_owned(),
        identity_id: identity.to_owned(),
        dataset: dataset.to_owned(),
        device_id: device.to_owned(),
    })
}

/// Decodes a query string into (name, value) pairs (`+` is a space, as form encoding has it).
pub(crate) fn parse_query(query: Option<&str>) -> Vec<(String, String)> {
    let Some(q) = query else {
        return Vec::new();
    };
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let dec = |s: &str| {
                percent_decode_str(&s.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            };
            (dec(k), dec(v))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::Method;

    #[test]
    fn routes_decode_labels_after_splitting() {
        let r = route(
            &Method::POST,
            "/identitypools/us-east-1%3Aab/identities/us-east-1:cd/datasets/ds/subscriptions/dev%2Fice",
        )
        .unwrap();
        assert_eq!(r.op, SyncOp::SubscribeToDataset);
        assert_eq!(r.pool_id, "us-east-1:ab");
        assert_eq!(r.identity_id, "us-east-1:cd");
        assert_eq!(r.device_id, "dev/ice");
        assert_eq!(
            route(&Method::GET, "/identitypools").unwrap().op,
            SyncOp::ListIdentityPoolUsage
        );
        assert!(route(&Method::PUT, "/identitypools").is_none());
        assert!(route(&Method::GET, "/nothing").is_none());
    }

    #[test]
    fn query_decoding() {
        assert_eq!(
            parse_query(Some("a=1&nextToken=x%2By&b")),
            vec![
                ("a".into(), "1".into()),
                ("nextToken".into(), "x+y".into()),
                ("b".into(), "".into())
            ]
        );
    }
}
