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
