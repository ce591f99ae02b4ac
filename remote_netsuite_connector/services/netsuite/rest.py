"""SuiteTalk REST with OAuth 2.0 client credentials: the gateway the client uses for REST.

Same surface as :class:`~.soap.SoapGateway`; so far ``server_time``, bill upserts (one PUT by
externalId each) and reading bills back; the SuiteQL lookups are still to come. Each method
sends one request, bar one renewal of a refused access token; retries live in the client.
"""

import threading
from collections import Counter
from datetime import UTC, datetime

import requests

from .endpoints import account_host
from .errors import (
    NetSuiteAuthError,
    NetSuiteFault,
    NetSuiteRateLimitError,
    NetSuiteTransportError,
)
from .rest_errors import error_from_response
from .rest_records import RECORD_TYPES, bill_body, booked_bill
from .rest_token import TOKEN_PATH, AccessTokens, load_private_key
from .types import NetSuiteSettings, UpsertResult


class RestGateway:
    max_batch = 1  # REST has no synchronous list upsert: one PUT per bill, several in parallel

    def __init__(self, settings: NetSuiteSettings, *, clock, calls: Counter):
        self.settings = settings
        self.base_url = (
            settings.rest_url or f"https://{account_host(settings.account_id)}"
        ).rstrip("/")
        self.endpoint_url = f"{self.base_url}/services/rest"
        self.calls = calls
        self._calls_lock = threading.Lock()
        self._session = requests.Session()
        self.tokens = AccessTokens(
            load_private_key(settings.private_key),
            client_id=settings.client_id,
            certificate_id=settings.certificate_id,
            token_url=f"https://{account_host(settings.account_id)}{TOKEN_PATH}",
            fetch=self._fetch_token,
            clock=clock,
        )

    def __repr__(self):
        return f"<RestGateway {self.settings.account_id} {self.base_url}>"

    def close(self):
        self._session.close()

    def _count(self, what):
        with self._calls_lock:
            self.calls[what] += 1

    def _post_form(self, url, form):
        try:
            return self._session.post(url, data=form, timeout=self.settings.timeout)
        except requests.RequestException as exc:
            raise NetSuiteTransportError(f"token request: {type(exc).__name__}") from exc

    def _fetch_token(self, form) -> tuple[str, int]:
        self._count("token")
        response = self._post_form(f"{self.base_url}{TOKEN_PATH}", form)
        if response.status_code == 429:
            raise NetSuiteRateLimitError("token request refused: too many requests", code="429")
        if response.status_code >= 500:
            raise NetSuiteTransportError(f"token request: HTTP {response.status_code}")
        body = _json(response)
        if response.status_code != 200 or str(body.get("token_type", "")).lower() != "bearer":
            code = body.get("error") or f"HTTP {response.status_code}"
            raise NetSuiteAuthError(
                f"NetSuite refused the M2M client assertion of account {self.settings.account_id}:"
                f" {code}. Check the client id, the Certificate ID, that the certificate's key is "
                "the one configured, that the mapping is active, and this server's clock.",
                code=code,
            )
        return body["access_token"], int(body["expires_in"])

    def _request(self, method, path, what, **kwargs):
        """One REST call; an access token refused with 401 is renewed once and the call resent."""
        for renewal in (False, True):
            token = self.tokens.get()
            self._count(what)
            try:
                response = self._session.request(
                    method,
                    f"{self.endpoint_url}{path}",
                    headers={"Authorization": f"Bearer {token}", **kwargs.pop("headers", {})},
                    timeout=self.settings.timeout,
                    **kwargs,
                )
            except requests.RequestException as exc:
                raise NetSuiteTransportError(f"{what}: {type(exc).__name__}") from exc
            if response.status_code == 401 and not renewal:
                self.tokens.refused(token)
                continue
            if response.status_code >= 400:
                raise error_from_response(
                    response.status_code, _json(response), what, self.settings.account_id
                )
            return response
        raise AssertionError("unreachable")

    # -- operations --

    def server_time(self):
        body = _json(self._request("GET", "/system/v1/serverTime", "serverTime"))
        return datetime.fromisoformat(body["serverTime"].replace("Z", "+00:00")).astimezone(UTC)

    def upsert(self, payload) -> UpsertResult:
        path = f"/record/v1/{RECORD_TYPES[payload.kind]}/eid:{payload.external_id}"
        try:
            response = self._request("PUT", path, "upsert", json=bill_body(payload))
        except NetSuiteFault as error:  # a refused record, not a refused request
            return UpsertResult(
                payload.external_id, error_code=error.code, error_message=str(error)
            )
        location = response.headers.get("Location", "")
        return UpsertResult(
            payload.external_id, internal_id=location.rstrip("/").rsplit("/", 1)[-1]
        )

    def upsert_list(self, payloads) -> list[UpsertResult]:
        return [self.upsert(payload) for payload in payloads]

    def get_transactions(self, kind: str, external_ids):
        """Booked bills (or credits) by externalId; None where NetSuite has no such record."""
        found = []
        for external_id in external_ids:
            path = f"/record/v1/{RECORD_TYPES[kind]}/eid:{external_id}"
            try:
                body = _json(self._request("GET", path, "get"))
            except NetSuiteFault as error:
                if error.code != "NONEXISTENT_ID":
                    raise
                found.append(None)
                continue
            found.append(booked_bill(body, kind))
        return found


def _json(response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
