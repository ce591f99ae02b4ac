"""The Remote API simulator: knobs, WSGI application and loopback server."""

import hmac
import json
import threading
import time
from collections import Counter
from datetime import date
from hashlib import sha256
from http import HTTPStatus

import requests
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from .api import SCOPES, URL_MAP, ApiError, Handlers, template_of
from .generator import SCALES, CompanyData, Scale, default_start_period
from .guards import FaultInjector, FixedWindowLimiter

DEFAULT_TOKEN = "ra_test_simulator_token"
DEFAULT_PORT = 8099
LOOSE_RATE_LIMIT = 10000
STRICT_RATE_LIMIT = 20
DEFAULT_RATE_WINDOW = 60.0
WEBHOOK_EVENT = "billing_document.issued"
KEEP_ALIVE_SECONDS = 30


class RemoteSimulator:
    """A stand-in for Remote's customer API (see simulators/README.md)."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        seed: int = 1,
        scale: str = "demo",
        start_period: str | None = None,
        months: int | None = None,
        latency: float = 0.0,
        rate_limit: int = LOOSE_RATE_LIMIT,
        rate_window: float = DEFAULT_RATE_WINDOW,
        fault_rate: float = 0.0,
        *,
        legal_entities: int | None = None,
        employments: int | None = None,
        lines_per_employment: int | None = None,
        today: date | None = None,
    ):
        base = SCALES[scale]
        self.scale = Scale(
            legal_entities=base.legal_entities if legal_entities is None else legal_entities,
            employments=base.employments if employments is None else employments,
            months=base.months if months is None else months,
            lines_per_employment=(
                base.lines_per_employment if lines_per_employment is None else lines_per_employment
            ),
        )
        self._token = token
        self.latency = latency
        self.today = today or date.today()  # Remote never serves a document issued after it
        self.data = CompanyData(seed, self.scale, start_period or default_start_period(self.today))
        self.calls: Counter = Counter()
        self.revoked_scopes: set[str] = set()
        self.limiter = FixedWindowLimiter(rate_limit, rate_window)
        self.faults = FaultInjector(seed, fault_rate)
        self._handlers = Handlers(self)
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # never shows the token
        return f"<RemoteSimulator seed={self.data.seed} scale={self.scale}>"

    # -- knobs -------------------------------------------------------------------------------

    @property
    def fault_rate(self) -> float:
        return self.faults.fault_rate

    @fault_rate.setter
    def fault_rate(self, value: float) -> None:
        self.faults.fault_rate = value

    def set_rate_limit(self, limit: int, window: float | None = None) -> None:
        """Change the limit (and window) and start a fresh window."""
        self.limiter.limit = limit
        if window is not None:
            self.limiter.window_seconds = window
        self.limiter.reset()

    def fail_next(self, path_prefix: str, status: int | None = 503, count: int = 1, delay=0.0):
        """The next ``count`` requests whose path starts with ``path_prefix`` stall ``delay``
        seconds, then answer ``status`` (``None``: answer normally after the stall — a slow
        response for client timeouts)."""
        self.faults.plan(path_prefix, status, count, delay)

    def revoke_scope(self, scope: str) -> None:
        self.revoked_scopes.add(scope)

    def grant_scope(self, scope: str) -> None:
        self.revoked_scopes.discard(scope)

    def add_document(self, *args, **kwargs):
        """See ``CompanyData.add_document``."""
        return self.data.add_document(*args, **kwargs)

    def reissue(self, document_id: str, total_delta: int, **kwargs):
        """See ``CompanyData.reissue``."""
        return self.data.reissue(document_id, total_delta, **kwargs)

    # -- webhooks ----------------------------------------------------------------------------

    def webhook_body(self, document_id: str, document_type: str | None = None) -> bytes:
        document = self.data.documents_by_id.get(document_id)
        payload = {
            "event_type": WEBHOOK_EVENT,
            "billing_document_id": document_id,
            "document_type": document_type or (document.type if document else None),
            "company_id": self.data.company_id,
        }
        return json.dumps(payload).encode()

    def send_webhook(
        self,
        url: str,
        billing_document_id: str,
        signing_key: str,
        *,
        timestamp_ms: int | None = None,
        tamper: bool = False,
        document_type: str | None = None,
    ) -> int:
        """POST a signed ``billing_document.issued`` delivery; returns the HTTP status.
        ``tamper`` changes the body after signing, so the signature no longer matches."""
        body = self.webhook_body(billing_document_id, document_type)
        timestamp = str(int(time.time() * 1000) if timestamp_ms is None else timestamp_ms)
        signature = hmac.new(signing_key.encode(), body + b":" + timestamp.encode(), sha256)
        if tamper:
            body = body.replace(b"billing_document.issued", b"billing_document.issueD")
        headers = {
            "Content-Type": "application/json",
            "X-Remote-Signature": signature.hexdigest(),
            "X-Remote-Timestamp": timestamp,
        }
        return requests.post(url, data=body, headers=headers, timeout=30).status_code

    # -- WSGI --------------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        return self.wsgi_app(environ, start_response)

    def wsgi_app(self, environ, start_response):
        request = Request(environ)
        return self._respond(request)(environ, start_response)

    def _respond(self, request: Request) -> Response:
        if request.path == "/_sim/calls":
            return _json(200, {"calls": dict(self.calls)})
        adapter = URL_MAP.bind_to_environ(request.environ)
        try:
            rule, arguments = adapter.match(return_rule=True)
            unmatched = None
        except (NotFound, MethodNotAllowed) as error:
            rule, arguments, unmatched = None, {}, error
        template = template_of(rule) if rule else request.path
        with self._lock:
            self.calls[f"{request.method} {template}"] += 1
        started = time.monotonic()
        response, stall = self._answer(request, rule, arguments, unmatched)
        # ``latency`` is Remote's whole answer time: the simulator's own work on the answer (a
        # document's hundreds of lines, under its GIL with the other requests) is inside it, not
        # on top of it; an injected stall comes on top
        if stall:
            time.sleep(stall)
        if self.latency:
            time.sleep(max(0.0, self.latency - (time.monotonic() - started - stall)))
        return response

    def _answer(self, request, rule, arguments, unmatched) -> tuple[Response, float]:
        """The response and the seconds an injected fault stalls it."""
        if not self._authorized(request):
            return _json(401, {"message": "Unauthorized"}), 0.0
        rate = self.limiter.hit()
        stall = 0.0
        if unmatched is not None:
            response = _json(unmatched.code, {"message": HTTPStatus(unmatched.code).phrase})
        else:
            response, stall = self._guarded(request, rule, arguments, rate.allowed)
        response.headers.update(rate.headers())
        return response, stall

    def _authorized(self, request: Request) -> bool:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            token.strip().encode(), self._token.encode()
        )

    def _guarded(self, request, rule, arguments, allowed: bool) -> tuple[Response, float]:
        if not allowed:
            return _json(429, {"message": "Too many requests"}), 0.0
        scope = SCOPES[rule.endpoint]
        if scope in self.revoked_scopes:
            message = f"This token does not have the required scope: {scope}"
            return _json(403, {"message": message}), 0.0
        status, stall = self.faults.take(request.path)
        if status is not None:
            return _json(status, {"message": HTTPStatus(status).phrase}), stall
        try:
            result = getattr(self._handlers, rule.endpoint)(request, **arguments)
        except ApiError as error:
            return _json(error.status, error.body), stall
        if len(result) == 3:
            status, payload, mimetype = result
            return Response(payload, status=status, mimetype=mimetype), stall
        return _json(*result), stall

    # -- serving -----------------------------------------------------------------------------

    def serve(self, host: str = "127.0.0.1", port: int = 0, quiet: bool = True) -> "ServerHandle":
        return ServerHandle(self, host, port, quiet)


def _json(status: int, body: dict) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")


class _KeepAliveHandler(WSGIRequestHandler):
    """Keeps a connection open for the client's next request, as Remote's gateway does (werkzeug's
    development server closes each one). Only after a request without a body: werkzeug would not
    drain one the application left unread. Idle connections close after ``timeout`` seconds.
    No Nagle delay (as web servers do): the headers and the body go out as separate writes."""

    timeout = KEEP_ALIVE_SECONDS
    disable_nagle_algorithm = True

    def send_header(self, keyword, value):
        if keyword.lower() == "connection" and value.lower() == "close" and self._bodiless():
            return  # http.server then reads the next request on this connection
        super().send_header(keyword, value)

    def _bodiless(self) -> bool:
        length = self.headers.get("Content-Length", "0").strip()
        return length in ("", "0") and "Transfer-Encoding" not in self.headers


class _QuietHandler(_KeepAliveHandler):
    def log_request(self, *args, **kwargs):
        pass


class ServerHandle:
    """A running loopback server: ``url``, ``port``, ``stop()``; also a context manager."""

    def __init__(self, app, host: str, port: int, quiet: bool = True):
        handler = _QuietHandler if quiet else _KeepAliveHandler
        self._server = make_server(host, port, app, threaded=True, request_handler=handler)
        self.host = host
        self.port = self._server.server_port
        self.url = f"http://{host}:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()

    def wait(self) -> None:
        while self._thread.is_alive():
            self._thread.join(0.5)

    def __enter__(self) -> "ServerHandle":
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()
