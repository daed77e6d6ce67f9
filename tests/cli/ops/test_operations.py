"""Every Cognito Sync operation through `aws cognito-sync` (awscli from PyPI) and our
`cognito-sync`, against the emulator: the same arguments must print the same JSON (up to
session tokens), the same error messages, and documented exit codes (ours: 252 invalid
parameter, 253 credentials, 254 service error, 255 other; the AWS CLI v1: 255 for all)."""

import base64
import json

from ops_compare import hide_server_times, normalize

ROLE = "arn:aws:iam::123456789012:role/cognito-sync"
GCM_ARN = "arn:aws:sns:us-east-1:123456789012:app/GCM/game"
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:trigger"

PATCHES = [
    # Whole seconds: the wire's float prints as 1700000000.0.
    {"Op": "replace", "Key": "level", "Value": "3", "SyncCount": 0, "DeviceLastModifiedDate": 1700000000},
    # An ISO 8601 string; non-ASCII, quotes and control characters.
    {
        "Op": "replace",
        "Key": "名前",
        "Value": 'ünïcødé "quoted" \\ back\n\ttab \u0001 \u007f',
        "SyncCount": 0,
        "DeviceLastModifiedDate": "2023-11-14T22:13:21Z",
    },
    {"Op": "replace", "Key": "gone", "Value": "x", "SyncCount": 0},
]


def dataset_args(pool, identity, name="save"):
    return ["--identity-pool-id", pool, "--identity-id", identity, "--dataset-name", name]


def session_token(run, pool, identity, name="save", **kw):
    rc, out, err = run("list-records", *dataset_args(pool, identity, name), **kw)
    assert rc == 0, err
    return json.loads(out)["SyncSessionToken"]


def write(run, pool, identity, patches, name="save", extra=(), **kw):
    """update-records by `run`; the session token comes from `run.token_source` (ours: a
    Python-free call, to keep the suite fast)."""
    token = session_token(getattr(run, "token_source", run), pool, identity, name, **kw)
    return run(
        "update-records",
        *dataset_args(pool, identity, name),
        "--sync-session-token",
        token,
        "--record-patches",
        json.dumps(patches),
        *extra,
        **kw,
    )


def test_records_datasets_and_usage(aws, ours, same, new_pool, new_identity):
    pool = new_pool()
    a_id, _ = new_identity(pool)
    o_id, _ = new_identity(pool)
    same_ids = [(a_id, "<identity>"), (o_id, "<identity>")]

    # A dataset that does not exist yet.
    same("list-records", *dataset_args(pool, a_id))

    # The same writes by each tool on its own identity print the same records.
    a_rc, a_out, a_err = write(aws, pool, a_id, PATCHES)
    o_rc, o_out, o_err = write(ours, pool, o_id, PATCHES)
    assert (a_rc, o_rc) == (0, 0), (a_err, o_err)
    assert '"DeviceLastModifiedDate": 1700000000.0' in o_out
    assert '"DeviceLastModifiedDate": 1700000001.0' in o_out
    assert hide_server_times(normalize(o_out, same_ids)) == hide_server_times(normalize(a_out, same_ids))

    remove = [{"Op": "remove", "Key": "gone", "SyncCount": 1}]
    a = write(aws, pool, a_id, remove)
    o = write(ours, pool, o_id, remove)
    assert hide_server_times(normalize(o[1], same_ids)) == hide_server_times(normalize(a[1], same_ids))
    assert o[0] == 0 and '"Value"' not in o[1]

    # Reads of one state: identical output, server times included.
    same("list-records", *dataset_args(pool, a_id), "--last-sync-count", "0")
    same("list-records", *dataset_args(pool, o_id), "--last-sync-count", "1")
    same("describe-dataset", *dataset_args(pool, o_id))
    same("list-datasets", "--identity-pool-id", pool, "--identity-id", a_id)
    same("describe-identity-usage", "--identity-pool-id", pool, "--identity-id", o_id)
    same("describe-identity-pool-usage", "--identity-pool-id", pool)

    # One page at a time, following NextToken.
    first = json.loads(same("list-records", *dataset_args(pool, a_id), "--last-sync-count", "0", "--max-results", "1"))
    assert len(first["Records"]) == 1 and first["NextToken"]
    same(
        "list-records",
        *dataset_args(pool, a_id),
        "--last-sync-count",
        "0",
        "--max-results",
        "1",
        "--next-token",
        first["NextToken"],
        "--sync-session-token",
        first["SyncSessionToken"],
    )
    for name in ("second", "third"):
        assert write(ours, pool, a_id, PATCHES[:1], name=name)[0] == 0
    page = json.loads(same("list-datasets", "--identity-pool-id", pool, "--identity-id", a_id, "--max-results", "2"))
    assert len(page["Datasets"]) == 2 and page["NextToken"]
    same("list-datasets", "--identity-pool-id", pool, "--identity-id", a_id, "--next-token", page["NextToken"])

    # Every pool of the account, one page at a time.
    same("list-identity-pool-usage")
    page = json.loads(same("list-identity-pool-usage", "--max-results", "1"))
    if "NextToken" in page:
        same("list-identity-pool-usage", "--max-results", "1", "--next-token", page["NextToken"])

    # Deleting prints the dataset as it was; afterwards list-records reports it.
    a = aws("delete-dataset", *dataset_args(pool, a_id))
    o = ours("delete-dataset", *dataset_args(pool, o_id))
    assert (a[0], o[0]) == (0, 0), (a[2], o[2])
    assert hide_server_times(normalize(o[1], same_ids)) == hide_server_times(normalize(a[1], same_ids))
    same("list-records", *dataset_args(pool, a_id), "--last-sync-count", "2")
    same("describe-dataset", *dataset_args(pool, a_id), ours_rc=254)


def test_update_records_options_and_conflicts(aws, ours, same, new_pool, new_identity, tmp_path):
    pool = new_pool()
    a_id, _ = new_identity(pool)
    o_id, _ = new_identity(pool)
    ids = [(a_id, "<identity>"), (o_id, "<identity>")]
    context = base64.b64encode(json.dumps({"client": {"app_title": "cli"}}).encode()).decode()
    # Milliseconds of DeviceLastModifiedDate are kept (botocore truncates them to seconds).
    ms = [{"Op": "replace", "Key": "ms", "Value": "v", "SyncCount": 0, "DeviceLastModifiedDate": "2023-11-14T22:13:20.123Z"}]
    rc, out, err = write(ours, pool, o_id, ms, name="ms")
    assert rc == 0, err
    assert json.loads(out)["Records"][0]["DeviceLastModifiedDate"] == 1700000000.123
    assert '"DeviceLastModifiedDate": 1700000000.123' in out
    # --record-patches from a file, --device-id and --client-context.
    patches = tmp_path / "patches.json"
    patches.write_text(json.dumps(PATCHES[:2]))
    extra = ("--device-id", "device-1", "--client-context", context)
    a_token = session_token(ours, pool, a_id)
    o_token = session_token(ours, pool, o_id)
    a = aws("update-records", *dataset_args(pool, a_id), "--sync-session-token", a_token,
            "--record-patches", f"file://{patches}", *extra)
    o = ours("update-records", *dataset_args(pool, o_id), "--sync-session-token", o_token,
             "--record-patches", f"file://{patches}", *extra)
    assert (a[0], o[0]) == (0, 0), (a[2], o[2])
    assert hide_server_times(normalize(o[1], ids)) == hide_server_times(normalize(a[1], ids))

    # A stale sync count: the service's conflict, worded as the AWS CLI words it.
    stale = json.dumps([{"Op": "replace", "Key": "level", "Value": "4", "SyncCount": 0}])
    token = session_token(ours, pool, a_id)
    err = same("update-records", *dataset_args(pool, a_id), "--sync-session-token", token,
               "--record-patches", stale, ours_rc=254)
    assert err == ""
    # Without patches: a no-op that still prints the (empty) result.
    same("update-records", *dataset_args(pool, a_id), "--sync-session-token", token)
    # A session token that is not one.
    same("update-records", *dataset_args(pool, a_id), "--sync-session-token", "bogus",
         "--record-patches", stale, ours_rc=254)


def test_configuration_and_events(aws, ours, same, new_pool, tmp_path):
    pool = new_pool()
    same("get-identity-pool-configuration", "--identity-pool-id", pool)
    streams = tmp_path / "streams.json"
    streams.write_text(json.dumps({"StreamName": "stream", "RoleArn": ROLE, "StreamingStatus": "DISABLED"}))
    push = json.dumps({"ApplicationArns": [GCM_ARN], "RoleArn": ROLE})
    same("set-identity-pool-configuration", "--identity-pool-id", pool, "--push-sync", push,
         "--cognito-streams", f"file://{streams}")
    out = same("get-identity-pool-configuration", "--identity-pool-id", pool)
    assert json.loads(out)["PushSync"]["ApplicationArns"] == [GCM_ARN]
    # What is not an ARN: the service refuses it; the core already does, sending nothing.
    same("set-identity-pool-configuration", "--identity-pool-id", pool, "--push-sync",
         json.dumps({"ApplicationArns": ["not-an-arn"]}), ours_rc=252,
         ours_err="Parameter validation failed:\npush_sync.application_arns[0]: must match the pattern")
    # A member the model does not have: refused before sending, in botocore's words.
    same("set-identity-pool-configuration", "--identity-pool-id", pool, "--cognito-streams",
         json.dumps({"StreamName": "s", "Shards": 2}), ours_rc=252)

    same("get-cognito-events", "--identity-pool-id", pool)
    assert same("set-cognito-events", "--identity-pool-id", pool, "--events",
                json.dumps({"SyncTrigger": LAMBDA})) == ""
    assert json.loads(same("get-cognito-events", "--identity-pool-id", pool)) == {"Events": {"SyncTrigger": LAMBDA}}
    same("set-cognito-events", "--identity-pool-id", pool, "--events", json.dumps({"Other": LAMBDA}), ours_rc=254)
    same("set-cognito-events", "--identity-pool-id", pool, "--events", json.dumps({"SyncTrigger": 1}), ours_rc=252)


def test_push_sync_devices_and_subscriptions(aws, ours, same, new_pool, new_identity):
    pool = new_pool()
    identity, creds = new_identity(pool)
    device = ["--identity-pool-id", pool, "--identity-id", identity, "--platform", "GCM", "--token", "push-token"]
    # Push sync not configured yet.
    same("register-device", *device, credentials=creds, ours_rc=254)
    assert ours("set-identity-pool-configuration", "--identity-pool-id", pool, "--push-sync",
                json.dumps({"ApplicationArns": [GCM_ARN], "RoleArn": ROLE}))[0] == 0
    out = same("register-device", *device, credentials=creds)
    device_id = json.loads(out)["DeviceId"]
    # A platform outside the model's enum: the core refuses it before sending.
    bogus = [*device[:5], "BOGUS", *device[6:]]
    same("register-device", *bogus, credentials=creds, ours_rc=252,
         ours_err="Parameter validation failed:\nplatform: ")
    # Developer credentials may not register a device.
    same("register-device", *device, ours_rc=254)

    sub = [*dataset_args(pool, identity), "--device-id", device_id]
    same("subscribe-to-dataset", *sub, credentials=creds, ours_rc=254)  # no such dataset yet
    assert write(ours, pool, identity, PATCHES[:1], credentials=creds)[0] == 0
    assert same("subscribe-to-dataset", *sub, credentials=creds) == ""
    assert same("unsubscribe-from-dataset", *sub, credentials=creds) == ""
    # An identity's credentials cannot read another identity.
    other, _ = new_identity(pool)
    same("list-records", *dataset_args(pool, other), credentials=creds, ours_rc=254)
    same("describe-identity-pool-usage", "--identity-pool-id", pool, credentials=creds, ours_rc=254)


def test_bulk_publish(aws, ours, same, new_pool, new_identity):
    import time

    a_pool, o_pool = new_pool(), new_pool()
    pools = [(a_pool, "<pool>"), (o_pool, "<pool>")]
    # No stream configured.
    same("bulk-publish", "--identity-pool-id", a_pool, ours_rc=254)
    same("get-bulk-publish-details", "--identity-pool-id", a_pool)
    streams = json.dumps({"StreamName": "stream", "RoleArn": ROLE, "StreamingStatus": "ENABLED"})
    for pool in (a_pool, o_pool):
        assert ours("set-identity-pool-configuration", "--identity-pool-id", pool, "--cognito-streams", streams)[0] == 0
    a = aws("bulk-publish", "--identity-pool-id", a_pool)
    o = ours("bulk-publish", "--identity-pool-id", o_pool)
    assert (a[0], o[0]) == (0, 0), (a[2], o[2])
    assert normalize(o[1], pools) == normalize(a[1], pools)
    # While it runs, a second one is a duplicate.
    same("bulk-publish", "--identity-pool-id", o_pool, ours_rc=254)
    deadline = time.time() + 20
    for pool in (a_pool, o_pool):
        while json.loads(ours("get-bulk-publish-details", "--identity-pool-id", pool)[1])["BulkPublishStatus"] != "SUCCEEDED":
            assert time.time() < deadline
            time.sleep(0.1)
        same("get-bulk-publish-details", "--identity-pool-id", pool)
    same("bulk-publish", "--identity-pool-id", a_pool, ours_rc=254)  # already streamed


def test_parameter_errors(aws, ours, same, new_pool, new_identity):
    pool = new_pool()
    identity, _ = new_identity(pool)
    base = [*dataset_args(pool, identity), "--sync-session-token", "t"]
    # Invalid JSON: the same first line, then each JSON parser's own words.
    same("update-records", *base, "--record-patches", "[", ours_rc=252,
         ours_err="Error parsing parameter '--record-patches': Invalid JSON: ")
    same("update-records", *base, "--record-patches", '[{"Foo": 1}]', ours_rc=252)
    same("update-records", *base, "--record-patches",
         '[{"Op": "replace", "Key": "k", "SyncCount": "zero"}]', ours_rc=252)
    same("update-records", *base, "--record-patches", "file:///nonexistent/patches.json", ours_rc=252)
    # Usage errors: both exit 2 (the wording is each parser's own).
    a_rc, _, a_err = aws("list-records", "--identity-pool-id", pool)
    o_rc, _, o_err = ours("list-records", "--identity-pool-id", pool)
    assert (a_rc, o_rc) == (2, 2)
    assert "--identity-id" in a_err and "--identity-id" in o_err
    # No paginators in the model: neither tool has --max-items (the AWS CLI exits 255 for
    # an unknown option, we exit 2 for every usage error).
    a_rc, _, a_err = aws("list-datasets", "--identity-pool-id", pool, "--identity-id", identity, "--max-items", "1")
    o_rc, _, o_err = ours("list-datasets", "--identity-pool-id", pool, "--identity-id", identity, "--max-items", "1")
    assert (a_rc, o_rc) == (255, 2)
    assert "--max-items" in a_err and "--max-items" in o_err


def test_credentials_and_transport_errors(aws, ours, new_pool):
    pool = new_pool()
    args = ("describe-identity-pool-usage", "--identity-pool-id", pool)
    # No credentials anywhere.
    a_rc, a_out, a_err = aws(*args, credentials={})
    o_rc, o_out, o_err = ours(*args, credentials={})
    assert (a_rc, o_rc) == (255, 253), (a_err, o_err)
    assert a_out == o_out == ""
    assert a_err.strip().startswith("Unable to locate credentials") and o_err.strip().startswith("Unable to locate credentials")
    # A wrong secret: the service's refusal.
    wrong = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "wrong"}
    a_rc, _, a_err = aws(*args, credentials=wrong)
    o_rc, _, o_err = ours(*args, credentials=wrong)
    assert (a_rc, o_rc) == (255, 254)
    assert o_err.strip() == a_err.strip()
    assert "wrong" not in o_err
    # Nothing listening (one attempt each: the AWS CLI would otherwise back off 5 times).
    once = {"AWS_MAX_ATTEMPTS": "1", "AWS_RETRY_MODE": "standard"}
    a_rc, _, a_err = aws(*args, endpoint="http://127.0.0.1:9", env=once)
    o_rc, _, o_err = ours(*args, endpoint="http://127.0.0.1:9", env=once)
    assert (a_rc, o_rc) == (255, 255)
    assert a_err.strip().startswith('Could not connect to the endpoint URL: "http://127.0.0.1:9/')
    assert o_err.strip().startswith('Could not connect to the endpoint URL: "http://127.0.0.1:9')


def test_profile_region_and_output_options(aws, ours, same, new_pool, home, tmp_path):
    pool = new_pool()
    creds = tmp_path / "credentials"
    creds.write_text("[dev]\naws_access_key_id = test\naws_secret_access_key = test\n")
    config = tmp_path / "config"
    config.write_text("[profile dev]\nregion = us-east-1\n")
    files = {"AWS_SHARED_CREDENTIALS_FILE": str(creds), "AWS_CONFIG_FILE": str(config)}
    # --profile wins over wrong keys in the environment, as in the AWS CLI.
    wrong = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "wrong"}
    args = ("describe-identity-pool-usage", "--identity-pool-id", pool, "--profile", "dev", "--region", "us-east-1")
    out = same(*args, credentials=wrong, env=files)
    assert json.loads(out)["IdentityPoolUsage"]["IdentityPoolId"] == pool
    # --output json before or after the subcommand; other formats are refused as usage.
    assert ours("--output", "json", *args, credentials=wrong, env=files)[1] == out
    assert ours(*args, "--output", "json", credentials=wrong, env=files)[1] == out
    rc, o_out, o_err = ours(*args, "--output", "text", credentials=wrong, env=files)
    assert rc == 2 and o_out == "" and "json" in o_err
    # The AWS CLI's timeouts and --no-paginate are accepted too.
    same(*args, "--cli-connect-timeout", "5", "--cli-read-timeout", "0", "--no-paginate", credentials=wrong, env=files)


def test_read_timeout(ours, new_pool):
    """--cli-read-timeout bounds a call to a server that accepts and never answers."""
    import socket
    import time

    pool = new_pool()
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        start = time.monotonic()
        rc, out, err = ours("describe-identity-pool-usage", "--identity-pool-id", pool,
                            "--cli-read-timeout", "1", endpoint=url)
        assert time.monotonic() - start < 30
    assert (rc, out) == (255, ""), err
    assert err.strip().startswith(f'Read timeout on endpoint URL: "{url}"'), err
