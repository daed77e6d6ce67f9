//! Every Cognito Sync operation and the error codes the official Rust SDK parses, against an
//! in-process cognito-sync-local. Cognito Identity calls (GetId, GetCredentialsForIdentity) are
//! plain unsigned JSON 1.1 requests, as the SDKs send them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

use std::time::Duration;

use aws_sdk_cognitosync::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_cognitosync::error::ProvideErrorMetadata;
use aws_sdk_cognitosync::primitives::DateTime;
use aws_sdk_cognitosync::types::{
    BulkPublishStatus, CognitoStreams, Operation, Platform, PushSync, RecordPatch, StreamingStatus,
};
use aws_sdk_cognitosync::Client;
use bytes::Bytes;
use cognito_sync_local::{Config, Emulator, FaultRule};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};

const ROLE: &str = "arn:aws:iam::123456789012:role/cognito";
const GCM_ARN: &str = "arn:aws:sns:us-east-1:123456789012:app/GCM/conformance";

fn sdk(endpoint: &str, creds: Credentials) -> Client {
    let conf = aws_sdk_cognitosync::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(creds)
        .http_client(aws_smithy_http_client::Builder::new().build_http())
        .retry_config(aws_sdk_cognitosync::config::retry::RetryConfig::disabled())
        .build();
    Client::from_conf(conf)
}

fn developer(emu: &Emulator) -> Client {
    let (ak, secret) = emu.developer_credentials();
    sdk(
        emu.endpoint(),
        Credentials::new(ak, secret, None, None, "conformance"),
    )
}

/// An unsigned Cognito Identity call.
async fn identity_call(endpoint: &str, op: &str, body: Value) -> Value {
    let host = endpoint.trim_start_matches("http://").to_owned();
    let stream = tokio::net::TcpStream::connect(&host).await.unwrap();
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(conn);
    let req = http::Request::post("/")
        .header("host", host)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", format!("AWSCognitoIdentityService.{op}"))
        .body(Full::new(Bytes::from(body.to_string())))
        .unwrap();
    let resp = sender.send_request(req).await.unwrap();
    assert_eq!(resp.status(), 200, "{op}");
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap()
}

struct User {
    id: String,
    client: Client,
    creds: Credentials,
}

async fn user(emu: &Emulator, pool: &str) -> User {
    let id = identity_call(emu.endpoint(), "GetId", json!({ "IdentityPoolId": pool })).await
        ["IdentityId"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = identity_call(
        emu.endpoint(),
        "GetCredentialsForIdentity",
        json!({ "IdentityId": id }),
    )
    .await;
    let c = &out["Credentials"];
    let creds = Credentials::new(
        c["AccessKeyId"].as_str().unwrap(),
        c["SecretKey"].as_str().unwrap(),
        Some(c["SessionToken"].as_str().unwrap().to_owned()),
        None,
        "cognito",
    );
    User {
        id,
        client: sdk(emu.endpoint(), creds.clone()),
        creds,
    }
}

async fn start() -> (Emulator, String) {
    let config = Config {
        bulk_publish_duration: Duration::from_millis(100),
        ..Config::default()
    };
    let emu = Emulator::start(config).await.unwrap();
    let pool = emu.create_identity_pool("conformance", true).unwrap();
    (emu, pool)
}

fn patch(op: Operation, key: &str, value: Option<&str>, count: i64) -> RecordPatch {
    RecordPatch::builder()
        .op(op)
        .key(key)
        .set_value(value.map(str::to_owned))
        .sync_count(count)
        .build()
        .unwrap()
}

async fn token(c: &Client, pool: &str, id: &str, ds: &str) -> String {
    c.list_records()
        .identity_pool_id(pool)
        .identity_id(id)
        .dataset_name(ds)
        .send()
        .await
        .unwrap()
        .sync_session_token
        .unwrap()
}

async fn write(
    c: &Client,
    pool: &str,
    id: &str,
    ds: &str,
    patches: Vec<RecordPatch>,
) -> Result<
    aws_sdk_cognitosync::operation::update_records::UpdateRecordsOutput,
    aws_sdk_cognitosync::error::SdkError<
        aws_sdk_cognitosync::operation::update_records::UpdateRecordsError,
    >,
> {
    let t = token(c, pool, id, ds).await;
    c.update_records()
        .identity_pool_id(pool)
        .identity_id(id)
        .dataset_name(ds)
        .sync_session_token(t)
        .set_record_patches(Some(patches))
        .send()
        .await
}

#[tokio::test]
async fn records_datasets_and_conflicts() {
    let (emu, pool) = start().await;
    let u = user(&emu, &pool).await;
    let c = &u.client;

    let empty = c
        .list_records()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .dataset_name("save")
        .last_sync_count(0)
        .send()
        .await
        .unwrap();
    assert!(!empty.dataset_exists);
    assert_eq!(empty.count, 0);
    assert!(empty.merged_dataset_names.is_none() && empty.next_token.is_none());

    let device_date = DateTime::from_secs(1_577_934_245);
    let out = c
        .update_records()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .dataset_name("save")
        .sync_session_token(empty.sync_session_token.unwrap())
        .device_id("device-1")
        .client_context("eyJjbGllbnQiOnt9fQ==")
        .record_patches(
            RecordPatch::builder()
                .op(Operation::Replace)
                .key("level")
                .value("3")
                .sync_count(0)
                .device_last_modified_date(device_date)
                .build()
                .unwrap(),
        )
        .record_patches(patch(Operation::Replace, "coins", Some("10"), 0))
        .send()
        .await
        .unwrap();
    let recs = out.records.unwrap();
    assert_eq!(recs.len(), 2);
    assert!(recs
        .iter()
        .all(|r| r.sync_count == Some(1) && r.last_modified_by.as_deref() == Some(u.id.as_str())));
    let level = recs
        .iter()
        .find(|r| r.key.as_deref() == Some("level"))
        .unwrap();
    assert_eq!(level.device_last_modified_date, Some(device_date));
    assert!(level.last_modified_date.unwrap().secs() > 1_600_000_000);

    write(
        c,
        &pool,
        &u.id,
        "save",
        vec![patch(Operation::Remove, "coins", None, 1)],
    )
    .await
    .unwrap();
    let since = c
        .list_records()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .dataset_name("save")
        .last_sync_count(1)
        .send()
        .await
        .unwrap();
    assert_eq!(since.dataset_sync_count, Some(2));
    let r = &since.records.unwrap()[0];
    assert_eq!(r.key.as_deref(), Some("coins"));
    assert_eq!(r.value, None, "tombstone");

    // Conflict: HTTP 409, modeled ResourceConflictException.
    let err = write(
        c,
        &pool,
        &u.id,
        "save",
        vec![patch(Operation::Replace, "level", Some("9"), 0)],
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), Some("ResourceConflictException"));
    assert_eq!(
        err.message(),
        Some("Current SyncCount for: level is: 1 not: 0")
    );
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 409);
    assert!(err.into_service_error().is_resource_conflict_exception());

    // Pagination.
    let many: Vec<_> = (0..7)
        .map(|i| patch(Operation::Replace, &format!("k{i}"), Some("v"), 0))
        .collect();
    write(c, &pool, &u.id, "many", many).await.unwrap();
    let mut keys = Vec::new();
    let mut next = None;
    loop {
        let page = c
            .list_records()
            .identity_pool_id(&pool)
            .identity_id(&u.id)
            .dataset_name("many")
            .max_results(3)
            .set_next_token(next)
            .send()
            .await
            .unwrap();
        keys.extend(page.records.unwrap().into_iter().map(|r| r.key.unwrap()));
        next = page.next_token;
        if next.is_none() {
            break;
        }
    }
    assert_eq!(keys.len(), 7);

    // Datasets.
    let list = c
        .list_datasets()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .max_results(1)
        .send()
        .await
        .unwrap();
    assert_eq!(list.count, 1);
    assert!(list.next_token.is_some());
    let ds = c
        .describe_dataset()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .dataset_name("save")
        .send()
        .await
        .unwrap()
        .dataset
        .unwrap();
    assert_eq!(ds.num_records, Some(1));
    assert_eq!(ds.data_storage, Some(6));
    assert!(ds.creation_date.is_some());
    let deleted = c
        .delete_dataset()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .dataset_name("save")
        .send()
        .await
        .unwrap();
    assert_eq!(
        deleted.dataset.unwrap().dataset_name.as_deref(),
        Some("save")
    );
    let err = c
        .describe_dataset()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .dataset_name("save")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 404);
    assert!(err.into_service_error().is_resource_not_found_exception());
    let err = c
        .delete_dataset()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .dataset_name("save")
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_resource_not_found_exception());
    let gone = c
        .list_records()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .dataset_name("save")
        .last_sync_count(2)
        .send()
        .await
        .unwrap();
    assert!(!gone.dataset_exists && gone.dataset_deleted_after_requested_sync_count);
}

#[tokio::test]
async fn invalid_parameters_limits_and_authorization() {
    let (emu, pool) = start().await;
    let a = user(&emu, &pool).await;
    let b = user(&emu, &pool).await;
    let dev = developer(&emu);

    write(
        &dev,
        &pool,
        &a.id,
        "save",
        vec![patch(Operation::Replace, "k", Some("v"), 0)],
    )
    .await
    .unwrap();
    let err = dev
        .list_records()
        .identity_pool_id(&pool)
        .identity_id(&a.id)
        .dataset_name("save")
        .last_sync_count(9)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InvalidParameterException"));
    assert!(err.into_service_error().is_invalid_parameter_exception());
    let err = dev
        .list_records()
        .identity_pool_id(&pool)
        .identity_id(&a.id)
        .dataset_name("save")
        .next_token("forged")
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_invalid_parameter_exception());
    let err = dev
        .update_records()
        .identity_pool_id(&pool)
        .identity_id(&a.id)
        .dataset_name("save")
        .sync_session_token("forged")
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_invalid_parameter_exception());

    for i in 0..19 {
        write(
            &dev,
            &pool,
            &a.id,
            &format!("ds{i}"),
            vec![patch(Operation::Replace, "k", Some("v"), 0)],
        )
        .await
        .unwrap();
    }
    let err = write(
        &dev,
        &pool,
        &a.id,
        "ds19",
        vec![patch(Operation::Replace, "k", Some("v"), 0)],
    )
    .await
    .unwrap_err();
    assert!(err.into_service_error().is_limit_exceeded_exception());

    // Temporary credentials: own identity only, and not the developer-only operations.
    let err = a
        .client
        .list_records()
        .identity_pool_id(&pool)
        .identity_id(&b.id)
        .dataset_name("save")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 403);
    assert!(err.into_service_error().is_not_authorized_exception());
    let err = a
        .client
        .describe_identity_pool_usage()
        .identity_pool_id(&pool)
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_not_authorized_exception());
    let err = dev
        .register_device()
        .identity_pool_id(&pool)
        .identity_id(&a.id)
        .platform(Platform::Gcm)
        .token("t")
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_not_authorized_exception());

    // Signatures.
    let wrong = sdk(
        emu.endpoint(),
        Credentials::new("test", "wrong", None, None, "bad"),
    );
    let err = wrong
        .list_datasets()
        .identity_pool_id(&pool)
        .identity_id(&a.id)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InvalidSignatureException"));
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 403);
    let unknown = sdk(
        emu.endpoint(),
        Credentials::new("AKIDUNKNOWN", "x", None, None, "bad"),
    );
    let err = unknown
        .list_datasets()
        .identity_pool_id(&pool)
        .identity_id(&a.id)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("UnrecognizedClientException"));
    let no_token = sdk(
        emu.endpoint(),
        Credentials::new(
            a.creds.access_key_id(),
            a.creds.secret_access_key(),
            None,
            None,
            "bad",
        ),
    );
    let err = no_token
        .list_datasets()
        .identity_pool_id(&pool)
        .identity_id(&a.id)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("UnrecognizedClientException"));

    // Unknown pool.
    let err = dev
        .describe_identity_pool_usage()
        .identity_pool_id("us-east-1:00dead")
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_resource_not_found_exception());

    // Injected faults surface as the modeled throttling and internal errors.
    emu.faults().add(FaultRule {
        operation: "ListDatasets".into(),
        error: "TooManyRequestsException".into(),
        error_rate: 1.0,
        remaining: Some(1),
        ..FaultRule::default()
    });
    emu.faults().add(FaultRule {
        operation: "DescribeIdentityUsage".into(),
        error_rate: 1.0,
        remaining: Some(1),
        ..FaultRule::default()
    });
    let err = dev
        .list_datasets()
        .identity_pool_id(&pool)
        .identity_id(&b.id)
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_too_many_requests_exception());
    let err = dev
        .describe_identity_usage()
        .identity_pool_id(&pool)
        .identity_id(&a.id)
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_internal_error_exception());
}

#[tokio::test]
async fn usage_configuration_push_events_and_bulk_publish() {
    let (emu, pool) = start().await;
    let u = user(&emu, &pool).await;
    let dev = developer(&emu);
    write(
        &u.client,
        &pool,
        &u.id,
        "one",
        vec![patch(Operation::Replace, "key", Some("value"), 0)],
    )
    .await
    .unwrap();

    let iu = u
        .client
        .describe_identity_usage()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .send()
        .await
        .unwrap()
        .identity_usage
        .unwrap();
    assert_eq!((iu.dataset_count, iu.data_storage), (1, Some(8)));
    let pu = dev
        .describe_identity_pool_usage()
        .identity_pool_id(&pool)
        .send()
        .await
        .unwrap()
        .identity_pool_usage
        .unwrap();
    assert_eq!(pu.data_storage, Some(8));
    assert_eq!(pu.sync_sessions_count, Some(1));
    let list = dev
        .list_identity_pool_usage()
        .max_results(10)
        .send()
        .await
        .unwrap();
    assert_eq!(list.max_results, 10);
    assert_eq!(list.count, 1);
    assert_eq!(
        list.identity_pool_usages.unwrap()[0]
            .identity_pool_id
            .as_deref(),
        Some(pool.as_str())
    );

    // Configuration.
    let cfg = dev
        .get_identity_pool_configuration()
        .identity_pool_id(&pool)
        .send()
        .await
        .unwrap();
    assert!(cfg.push_sync.is_none() && cfg.cognito_streams.is_none());
    let err = u
        .client
        .register_device()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .platform(Platform::Gcm)
        .token("t")
        .send()
        .await
        .unwrap_err();
    assert!(err
        .into_service_error()
        .is_invalid_configuration_exception());
    let set = dev
        .set_identity_pool_configuration()
        .identity_pool_id(&pool)
        .push_sync(
            PushSync::builder()
                .application_arns(GCM_ARN)
                .role_arn(ROLE)
                .build(),
        )
        .cognito_streams(
            CognitoStreams::builder()
                .stream_name("s")
                .role_arn(ROLE)
                .streaming_status(StreamingStatus::Enabled)
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        set.push_sync.unwrap().application_arns.unwrap(),
        vec![GCM_ARN.to_owned()]
    );
    let cfg = dev
        .get_identity_pool_configuration()
        .identity_pool_id(&pool)
        .send()
        .await
        .unwrap();
    assert_eq!(
        cfg.cognito_streams.unwrap().streaming_status,
        Some(StreamingStatus::Enabled)
    );
    let err = dev
        .set_identity_pool_configuration()
        .identity_pool_id(&pool)
        .push_sync(PushSync::builder().application_arns("not-an-arn").build())
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_invalid_parameter_exception());

    // Push sync.
    let device = u
        .client
        .register_device()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .platform(Platform::Gcm)
        .token("t")
        .send()
        .await
        .unwrap()
        .device_id
        .unwrap();
    let err = u
        .client
        .subscribe_to_dataset()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .dataset_name("none")
        .device_id(&device)
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_resource_not_found_exception());
    u.client
        .subscribe_to_dataset()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .dataset_name("one")
        .device_id(&device)
        .send()
        .await
        .unwrap();
    u.client
        .unsubscribe_from_dataset()
        .identity_pool_id(&pool)
        .identity_id(&u.id)
        .dataset_name("one")
        .device_id(&device)
        .send()
        .await
        .unwrap();

    // Cognito events.
    let arn = "arn:aws:lambda:us-east-1:123456789012:function:trigger";
    dev.set_cognito_events()
        .identity_pool_id(&pool)
        .events("SyncTrigger", arn)
        .send()
        .await
        .unwrap();
    let events = dev
        .get_cognito_events()
        .identity_pool_id(&pool)
        .send()
        .await
        .unwrap()
        .events
        .unwrap();
    assert_eq!(events.get("SyncTrigger").map(String::as_str), Some(arn));
    let err = dev
        .set_cognito_events()
        .identity_pool_id(&pool)
        .events("Other", arn)
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_invalid_parameter_exception());

    // Bulk publish lifecycle.
    let d = dev
        .get_bulk_publish_details()
        .identity_pool_id(&pool)
        .send()
        .await
        .unwrap();
    assert_eq!(d.bulk_publish_status, Some(BulkPublishStatus::NotStarted));
    assert_eq!(
        dev.bulk_publish()
            .identity_pool_id(&pool)
            .send()
            .await
            .unwrap()
            .identity_pool_id
            .as_deref(),
        Some(pool.as_str())
    );
    let err = dev
        .bulk_publish()
        .identity_pool_id(&pool)
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_duplicate_request_exception());
    tokio::time::sleep(Duration::from_millis(250)).await;
    let d = dev
        .get_bulk_publish_details()
        .identity_pool_id(&pool)
        .send()
        .await
        .unwrap();
    assert_eq!(d.bulk_publish_status, Some(BulkPublishStatus::Succeeded));
    assert!(d.bulk_publish_complete_time.is_some() && d.bulk_publish_start_time.is_some());
    let err = dev
        .bulk_publish()
        .identity_pool_id(&pool)
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_already_streamed_exception());
}
