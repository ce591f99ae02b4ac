"""Hostile servers on loopback: redirects, huge and trickled answers, WSDLs importing elsewhere.
Each reproduces an attack: credentials must reach no other host, memory and time stay bounded."""

import contextlib
import os
import socket
import threading
import time

import pytest
import requests
from werkzeug.wrappers import Request, Response

from remote_netsuite_connector.services.http_guard import DeadlineExceeded, GuardedSession
from remote_netsuite_connector.services.netsuite import soap
from remote_netsuite_connector.services.remote import RemoteClient, RemoteError, RemoteUnavailable
from remote_netsuite_connector.services.remote import transport as remote_transport
from simulators.remote import ServerHandle

TOKEN = "ra_test_hostile_secret_1a2b3c4d"
# Under libfaketime (scripts/test_on_date.sh) a timed wait never returns: its deadline is taken
# on the shifted monotonic clock, so the deadline's threading.Timer cannot fire. These tests
# measure seconds of wall time and hold no date.
needs_timed_waits = pytest.mark.skipif(
    "faketime" in os.environ.get("LD_PRELOAD", ""), reason="libfaketime breaks timed waits"
)


class Recorder:
    """Records each request; answers with ``answer(request)``."""

    def __init__(self, answer):
        self.answer = answer
        self.requests = []

    def __call__(self, environ, start_response):
        request = Request(environ)
        self.requests.append((request.path, dict(request.headers)))
        return self.answer(request)(environ, start_response)


@pytest.fixture
def elsewhere():
    app = Recorder(lambda request: Response("{}", content_type="application/json"))
    with ServerHandle(app, "127.0.0.1", 0) as server:
        app.url = server.url
        yield app


def serve(answer):
    app = Recorder(answer)
    return app, ServerHandle(app, "127.0.0.1", 0)


def test_remote_redirect_to_another_host_is_not_followed(elsewhere):
    _app, handle = serve(
        lambda request: Response(
            status=307, headers={"Location": elsewhere.url + "/v1/billing-documents"}
        )
    )
    with (
        handle,
        RemoteClient(handle.url, TOKEN, timeout=5, max_attempts=1, sleep=None) as client,
        pytest.raises(RemoteError, match="redirect"),
    ):
        client._transport.get("/v1/billing-documents")
    assert elsewhere.requests == []


def test_remote_answer_over_the_cap_is_refused(monkeypatch):
    monkeypatch.setattr(remote_transport, "MAX_BODY_BYTES", 1024 * 1024)
    big = b'{"data": "' + b"x" * (3 * 1024 * 1024) + b'"}'
    _app, handle = serve(lambda request: Response(iter([big]), content_type="application/json"))
    with (
        handle,
        RemoteClient(handle.url, TOKEN, timeout=5, max_attempts=1, sleep=None) as client,
        pytest.raises(RemoteError, match="larger than"),
    ):
        client._transport.get("/v1/billing-documents")


@needs_timed_waits
def test_remote_trickled_answer_is_cut_at_the_deadline():
    def trickle():
        for _ in range(30):
            time.sleep(0.2)
            yield b" "

    _app, handle = serve(lambda request: Response(trickle(), content_type="application/json"))
    started = time.monotonic()
    with (
        handle,
        RemoteClient(handle.url, TOKEN, timeout=1, max_attempts=1, sleep=None) as client,
        pytest.raises(RemoteUnavailable),
    ):
        client._transport.get("/v1/billing-documents")
    assert time.monotonic() - started < 3  # the trickle lasts 6 s; each read is under 1 s


WSDL = """<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:x">
  <import namespace="urn:y" location="{location}"/>
</definitions>"""


@pytest.mark.parametrize("where", ["file", "host"])
def test_wsdl_imports_outside_its_host_are_not_loaded(where, elsewhere, tmp_path):
    secret = tmp_path / "secret.wsdl"
    secret.write_text(WSDL.format(location="urn:none"))
    location = secret.as_uri() if where == "file" else elsewhere.url + "/other.wsdl"
    _app, handle = serve(
        lambda request: Response(WSDL.format(location=location), content_type="text/xml")
    )
    with handle, pytest.raises(ValueError, match="outside"):
        soap.wsdl_document(handle.url + f"/{where}.wsdl", 5)
    assert elsewhere.requests == []


@pytest.fixture
def slow_headers():
    """A server that trickles its status line and headers, a byte every 0.2 s, for 6 s."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def answer():
        with contextlib.suppress(OSError):
            conn, _ = listener.accept()
            with conn:
                conn.recv(65536)
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 28:
                    if stop.wait(0.2):
                        return
                    conn.sendall(bytes([byte]))

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    listener.close()
    thread.join(5)


@needs_timed_waits
def test_remote_trickled_headers_are_cut_at_the_deadline(slow_headers):
    started = time.monotonic()
    with (
        RemoteClient(slow_headers, TOKEN, timeout=1, max_attempts=1, sleep=None) as client,
        pytest.raises(RemoteUnavailable),
    ):
        client._transport.get("/v1/billing-documents")
    assert time.monotonic() - started < 3  # each header byte comes well within the read timeout


@needs_timed_waits
def test_netsuite_session_trickled_headers_are_cut_at_the_deadline(slow_headers):
    started = time.monotonic()
    with GuardedSession(max_bytes=1024, deadline=1) as session, pytest.raises(DeadlineExceeded):
        session.get(slow_headers + "/services/rest/record/v1/vendorBill", timeout=1)
    assert time.monotonic() - started < 3


@needs_timed_waits
def test_a_short_deadline_is_kept_while_a_longer_one_runs(slow_headers):
    """Requests at once each keep their own deadline: one started later with a shorter deadline
    is cut first, without waiting for the earlier one's."""
    outcome = {}

    def slow_request():
        with GuardedSession(max_bytes=1024, deadline=8) as session:
            with contextlib.suppress(requests.RequestException):  # the server stops at the end
                session.get(slow_headers + "/long", timeout=8)
            outcome["long"] = time.monotonic()

    long_thread = threading.Thread(target=slow_request, daemon=True)
    long_thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    with GuardedSession(max_bytes=1024, deadline=1) as session, pytest.raises(DeadlineExceeded):
        session.get(slow_headers + "/short", timeout=5)  # only the deadline cuts it at 1 s
    assert time.monotonic() - started < 3
    assert "long" not in outcome, "the longer deadline has not passed yet"
