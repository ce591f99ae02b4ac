"""SuiteTalk REST with OAuth 2.0 client credentials: the gateway the client uses for REST.

Same surface as :class:`~.soap.SoapGateway`: lookups over SuiteQL (paged by limit/offset),
bill upserts (one PUT by externalId each, several at once), reads and deletes by externalId, and
File Cabinet files through the addon's RESTlet (REST has no file records). Each method sends one
request, bar one renewal of a refused access token; retries live in the client.
"""

import math
import threading
from collections import Counter
from datetime import UTC, datetime

import requests
from requests.adapters import HTTPAdapter

from ..http_guard import GuardedSession
from . import rest_suiteql as suiteql
from .endpoints import account_host
from .errors import (
    NetSuiteAuthError,
    NetSuiteFault,
    NetSuiteRateLimitError,
    NetSuiteRestletMissing,
    NetSuiteTransportError,
)
from .rest_errors import error_from_response
from .rest_records import RECORD_TYPES, bill_body, booked_bill
from .rest_restlet import Restlet
from .rest_token import RESTLET_SCOPE, SCOPE, TOKEN_PATH, AccessTokens, load_private_key
from .soap import MAX_ANSWER_BYTES, SearchPage
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
        self._session = GuardedSession(max_bytes=MAX_ANSWER_BYTES, deadline=settings.timeout)
        adapter = HTTPAdapter(pool_maxsize=max(settings.concurrency + 1, 2), max_retries=0)
        self._session.mount("https://", adapter)
        self._session.mount("http://", adapter)
        self.restlet = Restlet(self, settings.restlet_url) if settings.restlet_url else None
        self.tokens = AccessTokens(
            load_private_key(settings.private_key),
            client_id=settings.client_id,
            certificate_id=settings.certificate_id,
            token_url=f"https://{account_host(settings.account_id)}{TOKEN_PATH}",
            fetch=self._fetch_token,
            clock=clock,
            scopes=(SCOPE, RESTLET_SCOPE) if self.restlet else (SCOPE,),
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
            error = NetSuiteAuthError(
                f"NetSuite refused the M2M client assertion of account {self.settings.account_id}:"
                f" {code}. Check the client id, the Certificate ID, that the certificate's key is "
                "the one configured, that the mapping is active, and this server's clock.",
                code=code,
            )
            # RFC 6749 allows a description; it narrows down which setting is wrong
            error.description = str(body.get("error_description") or "")[:200]
            raise error
        return body["access_token"], int(body["expires_in"])

    def _request(self, method, path, what, *, url=None, errors=error_from_response, **kwargs):
        """One REST call; an access token refused with 401 is renewed once and the call resent.

        ``url`` replaces the REST services URL + ``path`` (the RESTlet); ``errors`` reads a
        refusal's body into a typed error."""
        headers = kwargs.pop("headers", {})
        for renewal in (False, True):
            token = self.tokens.get()
            self._count(what)
            try:
                response = self._session.request(
                    method,
                    url or f"{self.endpoint_url}{path}",
                    headers={"Authorization": f"Bearer {token}", **headers},
                    timeout=self.settings.timeout,
                    **kwargs,
                )
            except requests.RequestException as exc:
                raise NetSuiteTransportError(f"{what}: {type(exc).__name__}") from exc
            if response.status_code == 401 and not renewal:
                self.tokens.refused(token)
                continue
            if response.status_code >= 400:
                raise errors(response.status_code, _json(response), what, self.settings.account_id)
            if response.status_code >= 300:
                raise NetSuiteFault(f"{what}: unexpected HTTP {response.status_code} (redirect)")
            return response
        raise AssertionError("unreachable")

    # -- operations --

    def server_time(self):
        body = _json(self._request("GET", "/system/v1/serverTime", "serverTime"))
        return datetime.fromisoformat(body["serverTime"].replace("Z", "+00:00")).astimezone(UTC)

    # -- SuiteQL lookups --

    def _suiteql(self, kind: str, *, limit: int, offset: int) -> dict:
        query, _parse = suiteql.QUERIES[kind]
        response = self._request(
            "POST",
            suiteql.SUITEQL_PATH,
            f"suiteql {kind}",
            params={"limit": limit, "offset": offset},
            json={"q": query},
            headers={"Prefer": "transient"},
        )
        return _json(response)

    def _page(self, kind: str, page_index: int, page_size: int) -> SearchPage:
        """Page ``page_index`` (1-based) of ``page_size`` rows (offset a multiple of limit)."""
        if not 1 <= page_size <= suiteql.MAX_LIMIT:
            raise ValueError(f"SuiteQL pages hold 1 to {suiteql.MAX_LIMIT} rows")
        body = self._suiteql(kind, limit=page_size, offset=(page_index - 1) * page_size)
        parse = suiteql.QUERIES[kind][1]
        items = [parse(row) for row in suiteql.rows(body)]
        total = body.get("totalResults")
        if not isinstance(total, int):
            total = (page_index - 1) * page_size + len(items) + (1 if body.get("hasMore") else 0)
        return SearchPage(
            items=items,
            page_index=page_index,
            total_pages=math.ceil(total / page_size),
            total_records=total,
            search_id=None,  # SuiteQL pages are independent requests: no search session
        )

    def search(self, kind: str, *, page_size: int, body_fields_only: bool = True) -> SearchPage:
        return self._page(kind, 1, page_size)

    def search_more(
        self, kind: str, search_id, page_index: int, *, page_size: int, body_fields_only=True
    ) -> SearchPage:
        return self._page(kind, page_index, page_size)

    def currencies(self):
        found, page_index = [], 1
        while True:
            page = self._page("currency", page_index, suiteql.MAX_LIMIT)
            found.extend(page.items)
            if page_index >= page.total_pages:
                return found
            page_index += 1

    # -- records --

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

    def delete_transaction(self, kind: str, external_id: str) -> str:
        """DELETE by externalId; NetSuite's 404 raises NetSuiteFault ``NONEXISTENT_ID``."""
        self._request("DELETE", f"/record/v1/{RECORD_TYPES[kind]}/eid:{external_id}", "delete")
        return external_id

    # -- File Cabinet, through the RESTlet --

    def _restlet(self) -> Restlet:
        if self.restlet is None:
            raise NetSuiteRestletMissing(
                "This REST connections store files through the addon's RESTlet, and none is "
                "configured: deploy the RESTlet in NetSuite and enter its URL on the connection "
                "(REST Web Services cannot create File Cabinet files)."
            )
        return self.restlet

    def add_file(self, name: str, content: bytes, folder_id: str, external_id=None) -> str:
        return self._restlet().upload(name, content, folder_id, external_id)

    def update_file_content(self, file_id: str, content: bytes) -> str:
        return self._restlet().replace(file_id, content)

    def attach(self, file_id: str, record_type: str, record_internal_id: str) -> str:
        return self._restlet().attach(file_id, record_type, record_internal_id)

    def restlet_status(self) -> dict:
        return self._restlet().ping()


def _json(response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
