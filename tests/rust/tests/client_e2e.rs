//! Every operation of the async client against the emulator started in-process, with
//! the error cases of the model and retries under injected faults.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod common;

use std::collections::HashMap;
use std::time::Duration;

use cognito_sync::model::*;
use cognito_sync::{Client, Credentials, ErrorKind};
use cognito_sync_local::{Config, FaultRule};
use common::*;
use futures_util::StreamExt;

const GCM_ARN: &str = "arn:aws:sns:us-east-1:123456789012:app/GCM/e2e-app";
const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/cognito-sync-e2e";

#[tokio::test]
async fn records_and_datasets_round_trip() {
    let env = start().await;
    let (client, id) = identity_client(&env).await;

    let empty = client
        .list_records(list_input(&env, &id, "save", 0))
        .await
        .unwrap();
    assert_eq!(empty.dataset_exists, Some(false));
    assert_eq!(empty.dataset_sync_count, Some(0));
    assert!(empty.records().is_empty());
    assert!(empty
        .sync_session_token
        .as_deref()
        .is_some_and(|t| !t.is_empty()));

    let written = write(
        &client,
        &env,
        &id,
        "save",
        vec![
            RecordPatch::replace("a", "1", 0),
            RecordPatch::replace("b", "2", 0),
            RecordPatch::replace("c", "3", 0),
        ],
    )
    .await
    .unwrap();
    assert_eq!(written.records().len(), 3);
    assert!(written.records().iter().all(|r| r.sync_count == Some(1)));

    let all = client
        .list_records(list_input(&env, &id, "save", 0))
        .await
        .unwrap();
    assert_eq!(all.dataset_exists, Some(true));
    assert_eq!(all.dataset_sync_count, Some(1));
    let mut keys: Vec<_> = all
        .records()
        .iter()
        .map(|r| r.key.clone().unwrap())
        .collect();
    keys.sort();
    assert_eq!(keys, ["a", "b", "c"]);
    assert!(all.records().iter().all(|r| r.last_modified_date.is_some()));

    // Nothing changed after sync count 1.
    let none = client
        .list_records(list_input(&env, &id, "save", 1))
        .await
        .unwrap();
    assert!(none.records().is_empty());

    // Change one record, delete another, based on their current sync counts.
    let second = client
        .update_records(UpdateRecordsInput {
            identity_pool_id: env.pool.clone(),
            identity_id: id.clone(),
            dataset_name: "save".into(),
            record_patches: Some(vec![
                RecordPatch::replace("a", "10", 1),
                RecordPatch::remove("b", 1),
            ]),
            sync_session_token: none.sync_session_token.clone().unwrap(),
            client_context: Some("eyJjbGllbnQiOnsiYXBwIjoiZTJlIn19".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(second.records().iter().all(|r| r.sync_count == Some(2)));
    let changed = client
        .list_records(list_input(&env, &id, "save", 1))
        .await
        .unwrap();
    assert_eq!(changed.dataset_sync_count, Some(2));
    let by_key: HashMap<_, _> = changed
        .records()
        .iter()
        .map(|r| (r.key.clone().unwrap(), r.value.clone()))
        .collect();
    assert_eq!(by_key["a"].as_deref(), Some("10"));
    assert_eq!(
        by_key["b"], None,
        "a removed record is a tombstone without value"
    );

    let described = client
        .describe_dataset(DescribeDatasetInput {
            identity_pool_id: env.pool.clone(),
            identity_id: id.clone(),
            dataset_name: "save".into(),
        })
        .await
        .unwrap()
        .dataset
        .unwrap();
    assert_eq!(described.dataset_name.as_deref(), Some("save"));
    assert_eq!(described.identity_id.as_deref(), Some(id.as_str()));
    assert!(described.creation_date.is_some() && described.data_storage.unwrap() > 0);

    let datasets = client
        .list_datasets(ListDatasetsInput {
            identity_pool_id: env.pool.clone(),
            identity_id: id.clone(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(datasets.datasets().len(), 1);
    assert_eq!(datasets.count, Some(1));

    let usage = client
        .describe_identity_usage(DescribeIdentityUsageInput {
            identity_pool_id: env.pool.clone(),
            identity_id: id.clone(),
        })
        .await
        .unwrap()
        .identity_usage
        .unwrap();
    assert_eq!(usage.dataset_count, Some(1));
    assert_eq!(usage.identity_id.as_deref(), Some(id.as_str()));

    let deleted = client
        .delete_dataset(DeleteDatasetInput {
            identity_pool_id: env.pool.clone(),
            identity_id: id.clone(),
            dataset_name: "save".into(),
        })
        .await
        .unwrap();
    assert_eq!(
        deleted.dataset.unwrap().dataset_name.as_deref(),
        Some("save")
    );
    let after = client
        .list_records(list_input(&env, &id, "save", 0))
        .await
        .unwrap();
    assert_eq!(after.dataset_exists, Some(false));
    let gone = client
        .describe_dataset(DescribeDatasetInput {
            identity_pool_id: env.pool.clone(),
            identity_id: id.clone(),
            dataset_name: "save".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::ResourceNotFound);
    assert_eq!(gone.http_status(), Some(404));

    // Developer credentials may read and write an identity's data too.
    write(
        &env.dev,
        &env,
        &id,
        "by-dev",
        vec![RecordPatch::replace("k", "v", 0)],
    )
    .await
    .unwrap();
    let seen = client
        .list_records(list_input(&env, &id, "by-dev", 0))
        .await
        .unwrap();
    assert_eq!(seen.records().len(), 1);
    env.emu.stop().await;
}

#[tokio::test]
async fn conflict_is_reported_and_nothing_is_applied() {
    let env = start().await;
    let (client, id) = identity_client(&env).await;
    write(
        &client,
        &env,
        &id,
        "d",
        vec![RecordPatch::replace("k", "v1", 0)],
    )
    .await
    .unwrap();
    let e = write(
        &client,
        &env,
        &id,
        "d",
        vec![
            RecordPatch::replace("fresh", "x", 0),
            RecordPatch::replace("k", "stale", 0),
        ],
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ResourceConflict);
    assert_eq!(e.code(), Some("ResourceConflictException"));
    assert_eq!(e.http_status(), Some(409));
    assert!(e.message().contains("SyncCount"), "{}", e.message());
    assert!(e.request_id().is_some_and(|r| !r.is_empty()));
    assert!(!e.is_retryable());
    let now = client
        .list_records(list_input(&env, &id, "d", 0))
        .await
        .unwrap();
    assert_eq!(now.records().len(), 1, "the batch was refused as a whole");
    assert_eq!(now.records()[0].value.as_deref(), Some("v1"));
}

#[tokio::test]
async fn invalid_parameter_and_not_authorized() {
    let env = start().await;
    let (alice, alice_id) = identity_client(&env).await;
    let (bob, _bob_id) = identity_client(&env).await;
    write(
        &alice,
        &env,
        &alice_id,
        "d",
        vec![RecordPatch::replace("k", "v", 0)],
    )
    .await
    .unwrap();

    // A sync count above the dataset's.
    let e = alice
        .list_records(list_input(&env, &alice_id, "d", 99))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidParameter);
    assert_eq!(e.http_status(), Some(400));

    // A session token that was never issued.
    let e = alice
        .update_records(UpdateRecordsInput {
            identity_pool_id: env.pool.clone(),
            identity_id: alice_id.clone(),
            dataset_name: "d".into(),
            record_patches: Some(vec![RecordPatch::replace("k", "w", 1)]),
            sync_session_token: "not-a-token".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidParameter);

    // Bob may not read Alice's data.
    let e = bob
        .list_records(list_input(&env, &alice_id, "d", 0))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotAuthorized);
    assert_eq!(e.http_status(), Some(403));

    // Developer-only and Cognito-only operations.
    let e = alice
        .describe_identity_pool_usage(DescribeIdentityPoolUsageInput {
            identity_pool_id: env.pool.clone(),
        })
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotAuthorized);
    let e = env
        .dev
        .register_device(RegisterDeviceInput {
            identity_pool_id: env.pool.clone(),
            identity_id: alice_id.clone(),
            platform: Platform::Gcm,
            token: "t".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotAuthorized);

    // Unknown pool.
    let e = env
        .dev
        .describe_identity_pool_usage(DescribeIdentityPoolUsageInput {
            identity_pool_id: "us-east-1:00000000-0000-0000-0000-00000000dead".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ResourceNotFound);
}

#[tokio::test]
async fn wrong_secret_is_rejected_by_signature_verification() {
    let env = start().await;
    let client = Client::builder()
        .region(REGION)
        .endpoint_url(env.emu.endpoint())
        .credentials(Credentials::new("test", "not-the-secret", None))
        .retry_config(fast_retries(3))
        .build()
        .unwrap();
    let e = client
        .describe_identity_pool_usage(DescribeIdentityPoolUsageInput {
            identity_pool_id: env.pool.clone(),
        })
        .await
        .unwrap_err();
    assert_eq!(e.http_status(), Some(403));
    assert!(!e.is_retryable());
    assert!(!format!("{e:?}{e}").contains("not-the-secret"));
}

#[tokio::test]
async fn validation_fails_before_sending() {
    let env = start().await;
    // Any request reaching the emulator would consume this rule.
    env.emu.faults().add(FaultRule {
        operation: "*".into(),
        latency_ms: 1,
        remaining: Some(1),
        ..Default::default()
    });
    let e = env
        .dev
        .list_records(ListRecordsInput {
            identity_pool_id: env.pool.clone(),
            identity_id: "us-east-1:abc".into(),
            dataset_name: "bad name".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert!(e.message().starts_with("dataset_name"), "{}", e.message());
    assert_eq!(
        env.emu.faults().rules()[0].remaining,
        Some(1),
        "no request was sent"
    );
}

#[tokio::test]
async fn pool_usage_configuration_events_and_bulk_publish() {
    let env = start_with(Config {
        bulk_publish_duration: Duration::from_secs(60),
        ..Config::default()
    })
    .await;
    let second_pool = env.emu.create_identity_pool("other", false).unwrap();
    let dev = &env.dev;

    let usage = dev
        .describe_identity_pool_usage(DescribeIdentityPoolUsageInput {
            identity_pool_id: env.pool.clone(),
        })
        .await
        .unwrap()
        .identity_pool_usage
        .unwrap();
    assert_eq!(usage.identity_pool_id.as_deref(), Some(env.pool.as_str()));

    let all = dev
        .list_identity_pool_usage(ListIdentityPoolUsageInput::default())
        .await
        .unwrap();
    let ids: Vec<_> = all
        .identity_pool_usages()
        .iter()
        .filter_map(|u| u.identity_pool_id.clone())
        .collect();
    assert!(
        ids.contains(&env.pool) && ids.contains(&second_pool),
        "{ids:?}"
    );
    let pages: Vec<_> = dev
        .list_identity_pool_usage_pages(ListIdentityPoolUsageInput {
            max_results: Some(1),
            ..Default::default()
        })
        .collect()
        .await;
    assert_eq!(pages.len(), 2);
    assert!(pages
        .iter()
        .all(|p| p.as_ref().unwrap().identity_pool_usages().len() == 1));

    let before = dev
        .get_identity_pool_configuration(GetIdentityPoolConfigurationInput {
            identity_pool_id: env.pool.clone(),
        })
        .await
        .unwrap();
    assert_eq!(before.identity_pool_id.as_deref(), Some(env.pool.as_str()));
    let set = dev
        .set_identity_pool_configuration(SetIdentityPoolConfigurationInput {
            identity_pool_id: env.pool.clone(),
            push_sync: Some(PushSync {
                application_arns: Some(vec![GCM_ARN.into()]),
                role_arn: Some(ROLE_ARN.into()),
            }),
            cognito_streams: Some(CognitoStreams {
                stream_name: Some("e2e-stream".into()),
                role_arn: Some(ROLE_ARN.into()),
                streaming_status: Some(StreamingStatus::Enabled),
            }),
        })
        .await
        .unwrap();
    assert_eq!(
        set.cognito_streams.as_ref().unwrap().streaming_status,
        Some(StreamingStatus::Enabled)
    );
    let after = dev
        .get_identity_pool_configuration(GetIdentityPoolConfigurationInput {
            identity_pool_id: env.pool.clone(),
        })
        .await
        .unwrap();
    assert_eq!(
        after.push_sync.unwrap().application_arns.unwrap(),
        vec![GCM_ARN.to_owned()]
    );
    assert_eq!(
        after.cognito_streams.unwrap().stream_name.as_deref(),
        Some("e2e-stream")
    );

    let lambda = "arn:aws:lambda:us-east-1:123456789012:function:trigger";
    dev.set_cognito_events(SetCognitoEventsInput {
        identity_pool_id: env.pool.clone(),
        events: HashMap::from([("SyncTrigger".to_owned(), lambda.to_owned())]),
    })
    .await
    .unwrap();
    let events = dev
        .get_cognito_events(GetCognitoEventsInput {
            identity_pool_id: env.pool.clone(),
        })
        .await
        .unwrap();
    assert_eq!(events.events.unwrap()["SyncTrigger"], lambda);

    let details = dev
        .get_bulk_publish_details(GetBulkPublishDetailsInput {
            identity_pool_id: env.pool.clone(),
        })
        .await
        .unwrap();
    assert_eq!(
        details.bulk_publish_status,
        Some(BulkPublishStatus::NotStarted)
    );
    let started = dev
        .bulk_publish(BulkPublishInput {
            identity_pool_id: env.pool.clone(),
        })
        .await
        .unwrap();
    assert_eq!(started.identity_pool_id.as_deref(), Some(env.pool.as_str()));
    let details = dev
        .get_bulk_publish_details(GetBulkPublishDetailsInput {
            identity_pool_id: env.pool.clone(),
        })
        .await
        .unwrap();
    assert_eq!(
        details.bulk_publish_status,
        Some(BulkPublishStatus::InProgress)
    );
    assert!(details.bulk_publish_start_time.is_some());
    let e = dev
        .bulk_publish(BulkPublishInput {
            identity_pool_id: env.pool.clone(),
        })
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DuplicateRequest);

    // Streams disabled on the other pool: the service refuses to bulk publish.
    let e = dev
        .bulk_publish(BulkPublishInput {
            identity_pool_id: second_pool,
        })
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidParameter);
}

#[tokio::test]
async fn push_devices_and_subscriptions() {
    let env = start().await;
    let (client, id) = identity_client(&env).await;
    let register = |platform: Platform| RegisterDeviceInput {
        identity_pool_id: env.pool.clone(),
        identity_id: id.clone(),
        platform,
        token: "device-push-token".into(),
    };
    // Push sync not configured yet.
    let e = client
        .register_device(register(Platform::Gcm))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidConfiguration);

    env.dev
        .set_identity_pool_configuration(SetIdentityPoolConfigurationInput {
            identity_pool_id: env.pool.clone(),
            push_sync: Some(PushSync {
                application_arns: Some(vec![GCM_ARN.into()]),
                role_arn: Some(ROLE_ARN.into()),
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    let device = client
        .register_device(register(Platform::Gcm))
        .await
        .unwrap()
        .device_id
        .unwrap();
    assert!(!device.is_empty());
    // No APNS application configured.
    let e = client
        .register_device(register(Platform::Apns))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidConfiguration);

    let sub = |dataset: &str| SubscribeToDatasetInput {
        identity_pool_id: env.pool.clone(),
        identity_id: id.clone(),
        dataset_name: dataset.into(),
        device_id: device.clone(),
    };
    let e = client
        .subscribe_to_dataset(sub("missing"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ResourceNotFound);
    write(
        &client,
        &env,
        &id,
        "news",
        vec![RecordPatch::replace("k", "v", 0)],
    )
    .await
    .unwrap();
    client.subscribe_to_dataset(sub("news")).await.unwrap();
    client
        .unsubscribe_from_dataset(UnsubscribeFromDatasetInput {
            identity_pool_id: env.pool.clone(),
            identity_id: id.clone(),
            dataset_name: "news".into(),
            device_id: device.clone(),
        })
        .await
        .unwrap();
    let e = client
        .unsubscribe_from_dataset(UnsubscribeFromDatasetInput {
            identity_pool_id: env.pool.clone(),
            identity_id: id.clone(),
            dataset_name: "news".into(),
            device_id: "unknown-device".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ResourceNotFound);
}

#[tokio::test]
async fn paginators_follow_next_token() {
    let env = start().await;
    let (client, id) = identity_client(&env).await;
    let patches = (0..5)
        .map(|n| RecordPatch::replace(format!("k{n}"), format!("v{n}"), 0))
        .collect();
    write(&client, &env, &id, "big", patches).await.unwrap();
    for name in ["d1", "d2", "d3"] {
        write(
            &client,
            &env,
            &id,
            name,
            vec![RecordPatch::replace("k", "v", 0)],
        )
        .await
        .unwrap();
    }

    let input = ListRecordsInput {
        max_results: Some(2),
        ..list_input(&env, &id, "big", 0)
    };
    let pages: Vec<_> = client.list_records_pages(input.clone()).collect().await;
    assert_eq!(pages.len(), 3);
    let pages: Vec<_> = pages.into_iter().map(Result::unwrap).collect();
    assert_eq!(pages.iter().map(|p| p.records().len()).sum::<usize>(), 5);
    let last = pages.last().unwrap();
    assert_eq!(last.next_token, None);
    assert_eq!(last.dataset_sync_count, Some(1));
    assert!(last.sync_session_token.is_some());

    let merged = client.list_all_records(input).await.unwrap();
    assert_eq!(merged.records().len(), 5);
    assert_eq!(merged.count, Some(5));
    assert_eq!(merged.dataset_sync_count, Some(1));
    let mut keys: Vec<_> = merged
        .records()
        .iter()
        .map(|r| r.key.clone().unwrap())
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 5);

    let ds_pages: Vec<_> = client
        .list_datasets_pages(ListDatasetsInput {
            identity_pool_id: env.pool.clone(),
            identity_id: id.clone(),
            max_results: Some(3),
            ..Default::default()
        })
        .collect()
        .await;
    assert_eq!(ds_pages.len(), 2);
    let total: usize = ds_pages
        .iter()
        .map(|p| p.as_ref().unwrap().datasets().len())
        .sum();
    assert_eq!(total, 4);
}

fn fault(operation: &str, error: &str, remaining: u64) -> FaultRule {
    FaultRule {
        operation: operation.into(),
        error_rate: 1.0,
        error: error.into(),
        remaining: Some(remaining),
        ..Default::default()
    }
}

/// The `remaining` count of the first rule (rules are retired when it reaches 0).
fn remaining(env: &Env) -> Option<u64> {
    env.emu.faults().rules().first().and_then(|r| r.remaining)
}

#[tokio::test]
async fn throttling_and_server_errors_are_retried() {
    let env = start().await;
    let describe = DescribeIdentityPoolUsageInput {
        identity_pool_id: env.pool.clone(),
    };

    env.emu.faults().set(vec![fault(
        "DescribeIdentityPoolUsage",
        "TooManyRequestsException",
        2,
    )]);
    env.dev
        .describe_identity_pool_usage(&describe)
        .await
        .unwrap();

    env.emu.faults().set(vec![fault(
        "DescribeIdentityPoolUsage",
        "InternalErrorException",
        1,
    )]);
    env.dev
        .describe_identity_pool_usage(&describe)
        .await
        .unwrap();

    // Attempts are bounded: 3 by default, so 3 of the 5 injected failures are consumed.
    env.emu.faults().set(vec![fault(
        "DescribeIdentityPoolUsage",
        "InternalErrorException",
        5,
    )]);
    let e = env
        .dev
        .describe_identity_pool_usage(&describe)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InternalError);
    assert_eq!(e.http_status(), Some(500));
    assert!(e.is_retryable());
    assert_eq!(remaining(&env), Some(2));

    // A configured budget of 5 attempts rides through 4 failures.
    let patient = dev_client(&env.emu, fast_retries(5));
    env.emu.faults().set(vec![fault(
        "DescribeIdentityPoolUsage",
        "TooManyRequestsException",
        4,
    )]);
    patient
        .describe_identity_pool_usage(&describe)
        .await
        .unwrap();

    // No retries at all.
    let once = dev_client(&env.emu, cognito_sync::RetryConfig::disabled());
    env.emu.faults().set(vec![fault(
        "DescribeIdentityPoolUsage",
        "TooManyRequestsException",
        3,
    )]);
    let e = once
        .describe_identity_pool_usage(&describe)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooManyRequests);
    assert_eq!(remaining(&env), Some(2));
}

#[tokio::test]
async fn other_client_errors_are_not_retried() {
    let env = start().await;
    let describe = DescribeIdentityPoolUsageInput {
        identity_pool_id: env.pool.clone(),
    };
    env.emu.faults().set(vec![fault(
        "DescribeIdentityPoolUsage",
        "InvalidParameterException",
        5,
    )]);
    let e = env
        .dev
        .describe_identity_pool_usage(&describe)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidParameter);
    assert_eq!(remaining(&env), Some(4), "exactly one attempt");
}

#[tokio::test]
async fn lambda_throttling_on_update_records_is_retried() {
    let env = start().await;
    let (client, id) = identity_client(&env).await;
    env.emu
        .faults()
        .set(vec![fault("UpdateRecords", "LambdaThrottledException", 2)]);
    let out = write(
        &client,
        &env,
        &id,
        "d",
        vec![RecordPatch::replace("k", "v", 0)],
    )
    .await
    .unwrap();
    assert_eq!(out.records().len(), 1);
    assert!(
        env.emu.faults().rules().is_empty(),
        "both injected failures were consumed"
    );
}

#[tokio::test]
async fn dropped_connections_are_retried() {
    let env = start().await;
    let (client, id) = identity_client(&env).await;
    env.emu.faults().set(vec![FaultRule {
        operation: "ListRecords".into(),
        drop_rate: 1.0,
        remaining: Some(2),
        ..Default::default()
    }]);
    let out = client
        .list_records(list_input(&env, &id, "d", 0))
        .await
        .unwrap();
    assert_eq!(out.dataset_exists, Some(false));
    assert!(
        env.emu.faults().rules().is_empty(),
        "both dropped connections were consumed"
    );

    env.emu.faults().set(vec![FaultRule {
        operation: "ListRecords".into(),
        drop_rate: 1.0,
        remaining: Some(10),
        ..Default::default()
    }]);
    let e = client
        .list_records(list_input(&env, &id, "d", 0))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert!(e.is_retryable());
}

#[tokio::test]
async fn call_timeout_bounds_slow_calls() {
    let env = start().await;
    let (ak, sk) = env.emu.developer_credentials();
    let client = Client::builder()
        .region(REGION)
        .endpoint_url(env.emu.endpoint())
        .credentials(Credentials::new(ak, sk, None))
        .call_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    env.emu.faults().set(vec![FaultRule {
        operation: "GetCognitoEvents".into(),
        latency_ms: 2_000,
        remaining: Some(1),
        ..Default::default()
    }]);
    let e = client
        .get_cognito_events(GetCognitoEventsInput {
            identity_pool_id: env.pool.clone(),
        })
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout);
    // The next call is fast again.
    client
        .get_cognito_events(GetCognitoEventsInput {
            identity_pool_id: env.pool.clone(),
        })
        .await
        .unwrap();
}
