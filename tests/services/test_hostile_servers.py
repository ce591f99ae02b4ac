"""Hostile servers on loopback: redirects, huge and trickled answers, WSDLs importing elsewhere.
Each reproduces an attack: credentials must reach no other host, memory and time stay bounded."""

import time

import pytest
from werkzeug.wrappers import Request, Response

from remote_netsuite_connector.services.netsuite import soap
from remote_netsuite_connector.services.remote import RemoteClient, RemoteError, RemoteUnavailable
from remote_netsuite_connector.services.remote import transport as remote_transport
from simulators.remote import ServerHandle

TOKEN = "ra_test_hostile_secret_1a2b3c4d"


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
