//! The `cognito-sync-local` program: first line, flags, logs, signals, and persistence across
//! a kill -9 with `--db`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod common;

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use common::*;
use serde_json::json;

const POOL: &str = "us-east-1:00000000-0000-0000-0000-000000000001";

struct Proc {
    child: Child,
    endpoint: String,
}

fn spawn(args: &[&str]) -> Proc {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-sync-local"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the emulator");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let endpoint = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    assert!(endpoint.starts_with("http://127.0.0.1:"), "{endpoint}");
    Proc { child, endpoint }
}

fn raw(endpoint: &str, keys: Keys) -> Raw {
    Raw {
        endpoint: endpoint.to_owned(),
        keys: Some(keys),
        service: "cognito-sync",
        region: "us-east-1",
        time: None,
    }
}

fn temp_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "cognito-sync-local-test-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("emulator.db")
}

async fn list(c: &Raw, id: &str, ds: &str) -> serde_json::Value {
    c.get(&records_path(POOL, id, ds, "")).await.ok()
}

#[tokio::test]
async fn acknowledged_writes_survive_kill_9() {
    let db = temp_db("kill9");
    let db_arg = db.to_str().unwrap();
    let mut p = spawn(&["--db", db_arg, "--identity-pool", POOL]);
    let dev = raw(&p.endpoint, Keys::developer());
    let id = dev
        .unsigned()
        .identity("GetId", &json!({ "IdentityPoolId": POOL }))
        .await
        .ok()["IdentityId"]
        .as_str()
        .unwrap()
        .to_owned();
    let creds = dev
        .unsigned()
        .identity("GetCredentialsForIdentity", &json!({ "IdentityId": id }))
        .await
        .ok();
    let keys = Keys {
        access_key: creds["Credentials"]["AccessKeyId"].as_str().unwrap().into(),
        secret: creds["Credentials"]["SecretKey"].as_str().unwrap().into(),
        token: Some(
            creds["Credentials"]["SessionToken"]
                .as_str()
                .unwrap()
                .into(),
        ),
    };
    let mut token = String::new();
    for i in 0..30 {
        let ds = format!("ds{}", i % 3);
        let page = list(&dev, &id, &ds).await;
        token = page["SyncSessionToken"].as_str().unwrap().to_owned();
        dev.post(
            &dataset_path(POOL, &id, &ds),
            &json!({ "SyncSessionToken": token, "RecordPatches": [replace(&format!("k{i}"), &format!("v{i}"), 0)] }),
        )
        .await
        .ok();
    }
    // The last write is acknowledged; kill -9 right away.
    p.child.kill().unwrap();
    p.child.wait().unwrap();

    let mut q = spawn(&["--db", db_arg, "--identity-pool", POOL]);
    let dev = raw(&q.endpoint, Keys::developer());
    for d in 0..3 {
        let page = list(&dev, &id, &format!("ds{d}")).await;
        assert_eq!(page["Count"], 10, "dataset ds{d}");
        assert_eq!(page["DatasetSyncCount"], 10);
    }
    let last = list(&dev, &id, "ds2").await;
    assert!(last["Records"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["Key"] == "k29" && r["Value"] == "v29"));
    // Tokens and temporary credentials issued before the restart still work.
    let user = raw(&q.endpoint, keys);
    assert_eq!(list(&user, &id, "ds0").await["Count"], 10);
    user.post(
        &dataset_path(POOL, &id, "ds2"),
        &json!({ "SyncSessionToken": token, "RecordPatches": [replace("after", "restart", 0)] }),
    )
    .await
    .ok();
    q.child.kill().unwrap();
    q.child.wait().unwrap();
    let _ = std::fs::remove_dir_all(db.parent().unwrap());
}

#[tokio::test]
async fn sigterm_stops_cleanly_and_logs_never_hold_secrets() {
    let mut p = spawn(&[
        "--developer-key",
        "AKIDLOG:very-secret-value",
        "--identity-pool",
        POOL,
    ]);
    let dev = raw(
        &p.endpoint,
        Keys {
            access_key: "AKIDLOG".into(),
            secret: "very-secret-value".into(),
            token: None,
        },
    );
    let id = dev
        .unsigned()
        .identity("GetId", &json!({ "IdentityPoolId": POOL }))
        .await
        .ok()["IdentityId"]
        .as_str()
        .unwrap()
        .to_owned();
    list(&dev, &id, "save").await;
    // The default test/test key is not accepted once keys are configured.
    raw(&p.endpoint, Keys::developer())
        .get("/identitypools")
        .await
        .err(403, "UnrecognizedClientException");
    let creds = dev
        .unsigned()
        .identity("GetCredentialsForIdentity", &json!({ "IdentityId": id }))
        .await
        .ok();
    let secret = creds["Credentials"]["SecretKey"]
        .as_str()
        .unwrap()
        .to_owned();
    let session = creds["Credentials"]["SessionToken"]
        .as_str()
        .unwrap()
        .to_owned();

    let status = Command::new("kill")
        .args(["-TERM", &p.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = p.child.wait().unwrap();
    assert!(exit.success(), "clean exit on SIGTERM: {exit:?}");
    let mut stderr = String::new();
    p.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.contains("operation=\"ListRecords\""), "{stderr}");
    assert!(stderr.contains("status=200"), "{stderr}");
    assert!(stderr.contains("latency_ms="), "{stderr}");
    assert!(stderr.contains("access_key=\"AKIDLOG\""), "{stderr}");
    for s in ["very-secret-value", &secret, &session] {
        assert!(!stderr.contains(s), "a secret leaked into the log");
    }
}

#[test]
fn help_explains_the_flags() {
    let out = Command::new(env!("CARGO_BIN_EXE_cognito-sync-local"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--host",
        "--port",
        "--db",
        "--developer-key",
        "--identity-pool",
        "--fault",
        "/_emulator/faults",
    ] {
        assert!(text.contains(flag), "--help mentions {flag}");
    }
}

#[test]
fn bad_arguments_fail_fast() {
    let out = Command::new(env!("CARGO_BIN_EXE_cognito-sync-local"))
        .args(["--identity-pool", "not-a-pool-id"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid identity pool id"));
    let out = Command::new(env!("CARGO_BIN_EXE_cognito-sync-local"))
        .args(["--fault", "error_rate=7"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let out = Command::new(env!("CARGO_BIN_EXE_cognito-sync-local"))
        .args(["--developer-key", "no-colon"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[tokio::test]
async fn start_up_faults_apply() {
    let mut p = spawn(&[
        "--identity-pool",
        POOL,
        "--fault",
        "operation=GetId,error=TooManyRequestsException,error_rate=1,remaining=1",
    ]);
    let anon = raw(&p.endpoint, Keys::developer()).unsigned();
    anon.identity("GetId", &json!({ "IdentityPoolId": POOL }))
        .await
        .err(429, "TooManyRequestsException");
    anon.identity("GetId", &json!({ "IdentityPoolId": POOL }))
        .await
        .ok();
    p.child.kill().unwrap();
    p.child.wait().unwrap();
}
