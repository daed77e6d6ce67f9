"""How cognito-sync-local treats hostile connections (issue 19, parts 5 and 6): a client that
half-closes after a complete request is answered; a client that sends half a request and
stops is cut off after the header-read timeout; connections past the limit get a clear 503."""

import socket
import subprocess
import time
from contextlib import contextmanager

import botocore.auth
import botocore.awsrequest
import botocore.credentials

from conftest import POOL, REGION, _binary


@contextmanager
def emulator(*args):
    proc = subprocess.Popen(
        [_binary(), "--identity-pool", POOL, "--log", "error", *args], stdout=subprocess.PIPE, text=True
    )
    try:
        line = proc.stdout.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:"), line
        yield line.split()[-1], int(line.rsplit(":", 1)[1])
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def signed_request(endpoint):
    """A complete, signed ListIdentityPoolUsage request as raw HTTP/1.1 bytes."""
    req = botocore.awsrequest.AWSRequest(method="GET", url=endpoint + "/identitypools")
    botocore.auth.SigV4Auth(botocore.credentials.Credentials("test", "test"), "cognito-sync", REGION).add_auth(req)
    prepared = req.prepare()
    head = "".join(f"{k}: {v}\r\n" for k, v in prepared.headers.items())
    host = endpoint.split("//", 1)[1]
    return f"GET /identitypools HTTP/1.1\r\nHost: {host}\r\n{head}\r\n".encode()


def read_all(sock, limit=5.0):
    sock.settimeout(limit)
    chunks = []
    while True:
        try:
            data = sock.recv(65536)
        except (socket.timeout, ConnectionResetError):
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks)


def test_half_closed_connections_are_answered():
    with emulator() as (endpoint, port):
        request = signed_request(endpoint)
        answered = 0
        for _ in range(60):
            with socket.create_connection(("127.0.0.1", port)) as s:
                s.sendall(request)
                s.shutdown(socket.SHUT_WR)  # as `nc -N` does
                reply = read_all(s)
            assert reply.startswith(b"HTTP/1.1 200"), reply[:200]
            answered += 1
        assert answered == 60


def test_slow_clients_are_cut_off_after_the_header_read_timeout():
    with emulator("--header-read-timeout-ms", "300") as (endpoint, port):
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(b"GET /identitypools HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and then nothing
            start = time.monotonic()
            read_all(s, limit=10.0)  # returns when the server closes the connection
            waited = time.monotonic() - start
        assert waited < 5.0, f"half a request held the connection open for {waited:.1f} s"
        # The server still serves complete requests.
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(signed_request(endpoint))
            s.settimeout(5)
            assert s.recv(12) == b"HTTP/1.1 200"


def test_connections_past_the_limit_get_a_clear_refusal():
    with emulator("--max-connections", "2", "--header-read-timeout-ms", "5000") as (endpoint, port):
        held = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
        try:
            time.sleep(0.2)  # let the server accept both
            with socket.create_connection(("127.0.0.1", port)) as s:
                reply = read_all(s)
            assert reply.startswith(b"HTTP/1.1 503"), reply[:200]
            assert b"ServiceUnavailable" in reply and b"--max-connections" in reply
        finally:
            for s in held:
                s.close()
        time.sleep(0.2)  # the held connections' slots are released
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(signed_request(endpoint))
            s.settimeout(5)
            assert s.recv(12) == b"HTTP/1.1 200"


def test_unsigned_payloads_cannot_carry_a_body():
    """Issue 19, part 7: the body hash is always verified. A request signed with
    `x-amz-content-sha256: UNSIGNED-PAYLOAD` (or any non-digest marker) whose body is present
    is refused, so a body changed in transit is never written; bodyless requests still work."""
    import json
    import urllib.error
    import urllib.request

    with emulator() as (endpoint, _port):
        ident = "us-east-1:00000000-0000-0000-0000-00000000f00d"
        path = f"/identitypools/{POOL}/identities/{ident}/datasets/save"
        creds = botocore.credentials.Credentials("test", "test")

        def call(method, url_path, body, marker):
            req = botocore.awsrequest.AWSRequest(method=method, url=endpoint + url_path, data=body)
            if marker is not None:
                req.headers["x-amz-content-sha256"] = marker
            auth = botocore.auth.SigV4Auth(creds, "cognito-sync", REGION)
            if marker is not None:  # sign over the marker instead of the body's digest
                auth.payload = lambda request: marker
            auth.add_auth(req)
            prepared = req.prepare()
            http_req = urllib.request.Request(prepared.url, data=body or None, method=method, headers=dict(prepared.headers))
            try:
                with urllib.request.urlopen(http_req) as resp:
                    return resp.status, json.loads(resp.read() or b"null")
            except urllib.error.HTTPError as e:
                return e.code, json.loads(e.read() or b"null")

        status, listed = call("GET", path + "/records", b"", "UNSIGNED-PAYLOAD")  # no body to protect
        assert status == 200, listed
        token = listed["SyncSessionToken"]
        patch = {"Op": "replace", "Key": "k", "Value": "tampered", "SyncCount": 0}
        body = json.dumps({"SyncSessionToken": token, "RecordPatches": [patch]}).encode()
        for marker in ["UNSIGNED-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "not-hex"]:
            status, reply = call("POST", path, body, marker)
            assert status == 403, (marker, status, reply)
            assert "Signature" in reply.get("__type", "") + reply.get("message", ""), reply
        status, listed = call("GET", path + "/records", b"", None)
        assert status == 200 and listed["Records"] == [], listed
        status, reply = call("POST", path, body, None)  # signed over the real digest: written
        assert status == 200, reply
