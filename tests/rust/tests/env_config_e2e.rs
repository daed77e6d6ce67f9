//! Configuration from the environment, like the AWS SDKs: region, endpoint overrides,
//! credentials from the environment and from the shared files, all against the emulator.
//! One test in this binary, since it changes the process environment.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod common;

use cognito_sync::credentials::{DefaultChain, EnvironmentProvider, ProfileProvider};
use cognito_sync::model::DescribeIdentityPoolUsageInput;
use cognito_sync::{Client, ErrorKind};

const VARS: &[&str] = &[
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_COGNITO_SYNC",
    "AWS_USE_FIPS_ENDPOINT",
    "AWS_USE_DUALSTACK_ENDPOINT",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_CONFIG_FILE",
    "AWS_MAX_ATTEMPTS",
];

#[tokio::test]
async fn environment_and_shared_files_configure_the_client() {
    for v in VARS {
        std::env::remove_var(v);
    }
    let dir = std::env::temp_dir().join(format!("cs-env-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // No credentials anywhere (the shared files point to an empty directory).
    std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", dir.join("none"));
    std::env::set_var("AWS_CONFIG_FILE", dir.join("none-config"));

    let env = common::start().await;
    let describe = DescribeIdentityPoolUsageInput {
        identity_pool_id: env.pool.clone(),
    };

    // Region from AWS_REGION, endpoint and its variants from the rules.
    std::env::set_var("AWS_REGION", "eu-west-1");
    assert_eq!(
        Client::from_env().unwrap().endpoint(),
        "https://cognito-sync.eu-west-1.amazonaws.com"
    );
    std::env::set_var("AWS_USE_FIPS_ENDPOINT", "true");
    assert_eq!(
        Client::from_env().unwrap().endpoint(),
        "https://cognito-sync-fips.eu-west-1.amazonaws.com"
    );
    std::env::remove_var("AWS_USE_FIPS_ENDPOINT");
    std::env::remove_var("AWS_REGION");
    std::env::set_var("AWS_DEFAULT_REGION", "ap-south-1");
    assert_eq!(Client::from_env().unwrap().region(), "ap-south-1");
    std::env::remove_var("AWS_DEFAULT_REGION");
    let e = Client::from_env().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert!(e.message().contains("Missing Region"), "{}", e.message());

    // The generic endpoint override, then the service-specific one winning over it.
    std::env::set_var("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
    assert_eq!(Client::from_env().unwrap().endpoint(), "http://127.0.0.1:1");
    std::env::set_var("AWS_ENDPOINT_URL_COGNITO_SYNC", env.emu.endpoint());
    let client = Client::from_env().unwrap();
    assert_eq!(client.endpoint(), env.emu.endpoint());
    assert_eq!(
        client.region(),
        "us-east-1",
        "custom endpoint without region signs for us-east-1"
    );
    std::env::set_var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
    std::env::set_var("AWS_REGION", "us-east-1");
    assert_eq!(
        Client::from_env().unwrap().endpoint(),
        "https://cognito-sync.us-east-1.amazonaws.com"
    );
    std::env::remove_var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");

    // No credentials: the default chain says what it tried.
    let e = client
        .describe_identity_pool_usage(&describe)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Credentials);
    assert!(e.message().contains("AWS_ACCESS_KEY_ID"), "{}", e.message());

    // Credentials from the environment.
    let (ak, sk) = env.emu.developer_credentials();
    std::env::set_var("AWS_ACCESS_KEY_ID", &ak);
    std::env::set_var("AWS_SECRET_ACCESS_KEY", &sk);
    let client = Client::from_env().unwrap();
    client
        .describe_identity_pool_usage(&describe)
        .await
        .unwrap();
    assert_eq!(EnvironmentProvider::new().load().unwrap().access_key_id, ak);
    std::env::remove_var("AWS_ACCESS_KEY_ID");
    std::env::remove_var("AWS_SECRET_ACCESS_KEY");

    // Credentials (and the region) from the shared files, profile from AWS_PROFILE.
    let creds = dir.join("credentials");
    let config = dir.join("config");
    std::fs::write(&creds, format!("[default]\naws_access_key_id = nope\naws_secret_access_key = nope\n\n[dev]\naws_access_key_id = {ak}\naws_secret_access_key = {sk}\n")).unwrap();
    std::fs::write(&config, "[profile dev]\nregion = us-east-1\n").unwrap();
    std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", &creds);
    std::env::set_var("AWS_CONFIG_FILE", &config);
    std::env::set_var("AWS_PROFILE", "dev");
    std::env::remove_var("AWS_REGION");
    let client = Client::from_env().unwrap();
    assert_eq!(client.region(), "us-east-1");
    client
        .describe_identity_pool_usage(&describe)
        .await
        .unwrap();
    assert_eq!(ProfileProvider::new().load().unwrap().access_key_id, ak);
    assert_eq!(DefaultChain::new().load().unwrap().access_key_id, ak);

    // The wrong profile's keys are rejected by the emulator's signature check.
    std::env::set_var("AWS_PROFILE", "default");
    let e = Client::from_env()
        .unwrap()
        .describe_identity_pool_usage(&describe)
        .await
        .unwrap_err();
    assert_eq!(e.http_status(), Some(403));

    for v in VARS {
        std::env::remove_var(v);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
