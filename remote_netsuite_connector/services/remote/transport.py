"""HTTP to Remote: bearer auth, retries with back-off, rate-limit waits and typed errors.

The token lives only in a ``_Secret`` and in the Authorization header of each request: it is kept
off the session (which a caller may share), out of reprs, logs and exception texts.
"""

import contextlib
import logging
import random
import time
from collections import Counter
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import quote

import requests

from ..http_guard import GuardedSession
from ..messages import _lt
from . import hosts
from .errors import (
    RemoteAuthError,
    RemoteDataError,
    RemoteError,
    RemoteNotFound,
    RemoteUnavailable,
    RemoteValidationError,
)

_logger = logging.getLogger(__name__)

JSON = "application/json"
PDF = "application/pdf"

# Scope a customer token needs per endpoint (Remote's per-operation tables); identity needs none.
_SCOPES = (
    ("/v1/billing-documents", "invoices:read"),
    ("/v1/companies/", "company:read"),
    ("/v1/company-departments", "company_department:read"),
    ("/v1/employments", "employment:read"),
)
_TOKEN_PAGE = "Company Settings > Integrations & APIs > Remote API in Remote"  # noqa: S105
# An answer larger than this is refused (the largest real ones are PDFs of a few MB).
MAX_BODY_BYTES = 32 * 1024 * 1024
_RETRIED_EXCEPTIONS = (
    requests.Timeout,
    requests.ConnectionError,
    requests.exceptions.ChunkedEncodingError,
)


class _Secret:
    __slots__ = ("_value",)

    def __init__(self, value):
        self._value = value

    def reveal(self):
        return self._value

    def __repr__(self):
        return "'***'"

    __str__ = __repr__


def required_scope(template):
    return next((scope for prefix, scope in _SCOPES if template.startswith(prefix)), None)


def remote_message(response):
    """Remote's own explanation from any of its error body shapes, else the HTTP reason."""
    try:
        body = response.json()
    except ValueError:
        text = " ".join(response.text.split())[:200]
        return text or response.reason or f"HTTP {response.status_code}"
    if isinstance(body, dict):
        text = _flatten(body.get("message")) or _flatten(body.get("errors")) or _flatten(body)
    else:
        text = _flatten(body)
    return text or response.reason or f"HTTP {response.status_code}"


def _flatten(value):
    """``"x"``, ``{"code","message","param"|"action"}``, lists of those, ``{"field": ["msg"]}``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "; ".join(filter(None, (_flatten(part) for part in value)))
    if isinstance(value, dict):
        if "message" in value:
            where = value.get("param") or value.get("action")
            text = _flatten(value["message"])
            code = value.get("code")
            text = f"{code}: {text}" if isinstance(code, str) and code else text
            return f"{text} ({where})" if isinstance(where, str) and where else text
        return "; ".join(f"{key}: {_flatten(detail)}" for key, detail in value.items())
    return str(value)


def rate_limit_wait(response):
    """Seconds to wait from ``x-ratelimit-reset`` (ms) or ``Retry-After`` (s or date), else None."""
    reset_ms = _number(response.headers.get("x-ratelimit-reset"))
    waits = [
        None if reset_ms is None else reset_ms / 1000,
        _retry_after_seconds(response.headers.get("Retry-After")),
    ]
    waits = [wait for wait in waits if wait is not None and wait >= 0]
    return max(waits) if waits else None


def _number(text):
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _retry_after_seconds(text):
    seconds = _number(text)
    if seconds is not None or text is None:
        return seconds
    try:
        return parsedate_to_datetime(text).timestamp() - time.time()
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class _Failure:
    status: int | None
    reason: str
    wait: float | None = None  # what Remote asked for; None: exponential back-off


def _session_for(base_url, timeout):
    """A session that follows no redirect, caps bodies and takes ``timeout`` as each request's
    overall deadline (requests' own timeout bounds only each read). It reads the proxy and CA
    bundle settings of the environment once, not on every request (requests does by default:
    the largest CPU cost of a small call). It also keeps a ~/.netrc entry from replacing the
    bearer token."""
    session = GuardedSession(max_bytes=MAX_BODY_BYTES, deadline=timeout)
    settings = session.merge_environment_settings(base_url, {}, None, None, None)
    session.trust_env = False
    session.proxies.update(settings["proxies"])
    session.verify = settings["verify"]
    return session


class RemoteTransport:
    backoff_base = 0.5  # seconds; doubled per attempt, plus up to 50% jitter
    backoff_cap = 30.0
    rate_limit_margin = 0.05  # seconds added to Remote's reset time (clock granularity)
    max_rate_limit_wait = 120.0  # a longer reset is reported instead of blocking the caller

    def __init__(
        self, base_url, token, *, timeout, max_attempts, sleep, session, gate=None, on_retry=None
    ):
        self.base_url = hosts.normalize_base_url(base_url)
        self._token = _Secret((token or "").strip())
        self.timeout = timeout
        self.max_attempts = max(1, int(max_attempts))
        self.sleep = sleep
        self._owns_session = session is None
        self.session = session if session is not None else _session_for(self.base_url, timeout)
        self.calls = Counter()
        # Held while a request is on the wire, not while its answer is parsed or a retry waits.
        self.gate = gate if gate is not None else contextlib.nullcontext()
        self.on_retry = on_retry

    def host_mismatch(self):
        return hosts.host_mismatch(self.base_url, self._token.reveal())

    def close(self):
        if self._owns_session:
            self.session.close()

    def redact(self, text):
        token = self._token.reveal()
        return text.replace(token, "***") if token else text

    def get(self, template, *, params=None, accept=JSON, **path_args):
        """GET ``template`` (e.g. ``/v1/billing-documents/{id}``) and return the 2xx response.

        429, 5xx, timeouts and connection failures are retried up to ``max_attempts`` in all.
        """
        self._check_credentials()
        path = template.format(
            **{key: quote(str(value), safe="") for key, value in path_args.items()}
        )
        for attempt in range(1, self.max_attempts + 1):
            self.calls[f"GET {template}"] += 1
            response, failure = self._attempt(template, path, params, accept, attempt)
            if response is not None:
                return response
            if attempt == self.max_attempts:
                break
            delay = failure.wait if failure.wait is not None else self._backoff(attempt)
            message = (
                f"Remote {path}: {failure.status or failure.reason} "
                f"(attempt {attempt}/{self.max_attempts}); retrying in {delay:.2f} s"
            )
            _logger.warning(message)
            if self.on_retry is not None:
                self.on_retry(message)
            self.sleep(delay)
        raise RemoteUnavailable(
            f"Remote did not answer {path} successfully: {failure.reason}",
            status=failure.status,
            attempts=self.max_attempts,
        )

    def _attempt(self, template, path, params, accept, attempt):
        """(response, None) on success, (None, _Failure) when worth retrying; raises otherwise."""
        headers = {"Authorization": f"Bearer {self._token.reveal()}", "Accept": accept}
        try:
            with self.gate:
                response = self.session.get(
                    self.base_url + path, params=params, headers=headers, timeout=self.timeout
                )
        except _RETRIED_EXCEPTIONS as exc:
            return None, _Failure(None, f"no answer ({type(exc).__name__})")
        except requests.RequestException as exc:
            raise RemoteError(
                _lt(
                    "Could not call Remote at %(path)s: %(error)s",
                    path=self.redact(path),
                    error=self.redact(str(exc)),
                )
            ) from None
        status = response.status_code
        if 300 <= status < 400:
            raise RemoteError(
                _lt(
                    "Remote answered %(path)s with a redirect (HTTP %(status)s) to "
                    "%(location)s; it is not followed, so the token reaches no other host. Check "
                    "the Remote API URL in the connector settings.",
                    path=path,
                    status=status,
                    location=response.headers.get("Location", "nowhere"),
                ),
                status=status,
            )
        if status < 400:
            return response, None
        reason = self.redact(remote_message(response))
        if status >= 500:
            return None, _Failure(status, reason)
        if status != 429:
            raise self._client_error(status, reason, template, path)
        wait = rate_limit_wait(response)
        if wait is None:
            return None, _Failure(status, reason)
        if wait > self.max_rate_limit_wait:
            seconds = f"{wait:.0f}"  # not an f-string argument: Odoo's term extraction skips those
            raise RemoteUnavailable(
                _lt(
                    "Remote's rate limit for %(path)s resets only in %(wait)s s: %(reason)s. Try "
                    "again later.",
                    path=path,
                    wait=seconds,
                    reason=reason,
                ),
                status=status,
                attempts=attempt,
            )
        return None, _Failure(status, reason, wait + self.rate_limit_margin)

    def json(self, response, what):
        try:
            return response.json()
        except ValueError:
            raise RemoteDataError(f"Remote sent {what} that is not valid JSON") from None

    def _backoff(self, attempt):
        delay = min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))
        return delay * (1 + random.random() / 2)

    def _check_credentials(self):
        if not self._token.reveal():
            raise RemoteAuthError(
                _lt(
                    "No Remote API token is configured: generate one under %(page)s and enter it "
                    "in the connector settings.",
                    page=_TOKEN_PAGE,
                )
            )
        mismatch = self.host_mismatch()
        if mismatch:
            raise RemoteAuthError(mismatch)

    def _client_error(self, status, reason, template, path):
        if status == 401:
            return RemoteAuthError(
                _lt(
                    "Remote rejected the API token (%(reason)s). Check that the token in the "
                    "connector settings is the current one (a regenerated or revoked token stops "
                    "working) and that it belongs to the configured host %(url)s: %(live)s tokens "
                    "work only on %(live_url)s, %(test)s tokens only on %(test_url)s.",
                    reason=reason,
                    url=self.base_url,
                    live=hosts.PRODUCTION_PREFIX,
                    live_url=hosts.PRODUCTION_URL,
                    test=hosts.SANDBOX_PREFIX,
                    test_url=hosts.SANDBOX_URL,
                ),
                status=status,
            )
        if status == 403:
            scope = required_scope(template)
            need = _lt("the scope '%(scope)s'", scope=scope) if scope else _lt("the permission")
            return RemoteAuthError(
                _lt(
                    "Remote refused %(path)s (%(reason)s). The API token lacks %(need)s this call "
                    "needs: generate a token that includes it under %(page)s, with a Remote user "
                    "that is company Owner or Admin.",
                    path=path,
                    reason=reason,
                    need=need,
                    page=_TOKEN_PAGE,
                ),
                status=status,
            )
        if status == 404:
            return RemoteNotFound(f"{reason} ({path})", status=status)
        if status in (400, 422):
            return RemoteValidationError(f"{reason} ({path})", status=status)
        return RemoteError(f"{reason} ({path})", status=status)
