"""SuiteTalk SOAP over zeep: WSDL cache, TBA headers, one method per NetSuite request.

Every method sends exactly one HTTP request with a fresh tokenPassport and returns plain values
(types.py); failures are raised as the typed errors of errors.py. Retries live in the client.
"""

import logging
import re
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import UTC
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urlsplit

import requests
import zeep
from requests.adapters import HTTPAdapter
from zeep.transports import Transport
from zeep.wsdl import Document

from ..http_guard import GuardedSession
from . import soap_records as records
from .endpoints import endpoint_url, wsdl_url
from .errors import NOT_FOUND_CODES, NetSuiteFault
from .passport import new_passport
from .soap_faults import error_from_exception, error_from_status_detail
from .types import NetSuiteSettings

_logger = logging.getLogger(__name__)

ZEEP_SETTINGS = zeep.Settings(strict=True, xml_huge_tree=True)
# Answers (and WSDL/XSD files) larger than this are refused; a 1000-record search page is ~10 MB.
MAX_ANSWER_BYTES = 48 * 1024 * 1024

# Lookup searches: kind -> (SearchBasic type in platformCommon, record parser)
SEARCHES = {
    "subsidiary": ("SubsidiarySearchBasic", records.subsidiary),
    "account": ("AccountSearchBasic", records.account),
    "department": ("DepartmentSearchBasic", records.list_record),
    "classification": ("ClassificationSearchBasic", records.list_record),
    "location": ("LocationSearchBasic", records.list_record),
    "vendor": ("VendorSearchBasic", records.vendor),
    "vendorSubsidiaryRelationship": (
        "VendorSubsidiaryRelationshipSearchBasic",
        records.vendor_subsidiary_relationship,
    ),
}


# --- WSDL cache --------------------------------------------------------------------------------

_wsdl_documents: dict[str, Document] = {}
_wsdl_lock = threading.Lock()
wsdl_loads: Counter = Counter()  # WSDL URL -> number of times parsed in this process


def wsdl_document(url: str, timeout: float) -> Document:
    """The parsed WSDL for ``url``, parsed once per process (parsing takes about a second)."""
    with _wsdl_lock:
        document = _wsdl_documents.get(url)
        if document is None:
            loader = _WsdlLoader(url, timeout)
            try:
                document = Document(url, loader, settings=ZEEP_SETTINGS)
            finally:
                loader.session.close()
            _wsdl_documents[url] = document
            wsdl_loads[url] += 1
            _logger.info("Parsed the NetSuite WSDL %s", url)
        return document


class _WsdlLoader(Transport):
    """Loads the WSDL and the XSDs it imports from the WSDL's own host only: an import of a local
    file or of another host is refused, never read."""

    def __init__(self, url, timeout):
        session = GuardedSession(max_bytes=MAX_ANSWER_BYTES, deadline=timeout)
        super().__init__(timeout=timeout, operation_timeout=timeout, session=session)
        self._origin = urlsplit(url)[:2]

    def load(self, url):
        parts = urlsplit(url or "")
        if parts.scheme not in ("http", "https") or parts[:2] != self._origin:
            raise ValueError(f"the WSDL refers to {url}, outside {self._origin[1]}: not loaded")
        return super().load(url)


# --- keep passports out of zeep's debug log ----------------------------------------------------

_PASSPORT_XML = re.compile(rb"<([\w.-]+:)?tokenPassport\b.*?</([\w.-]+:)?tokenPassport>", re.S)


class PassportRedactingFilter(logging.Filter):
    """zeep logs whole envelopes at DEBUG: replace the tokenPassport header by a placeholder."""

    def filter(self, record):
        if record.args:
            record.args = tuple(self._redact(arg) for arg in record.args)
        return True

    @staticmethod
    def _redact(value):
        if isinstance(value, str):
            return _PASSPORT_XML.sub(
                b"<tokenPassport>[redacted]</tokenPassport>", value.encode()
            ).decode()
        if isinstance(value, bytes):
            return _PASSPORT_XML.sub(b"<tokenPassport>[redacted]</tokenPassport>", value)
        return value


def _install_log_filter():
    zeep_logger = logging.getLogger("zeep.transports")
    if not any(isinstance(f, PassportRedactingFilter) for f in zeep_logger.filters):
        zeep_logger.addFilter(PassportRedactingFilter())


_install_log_filter()


# --- the SOAP session --------------------------------------------------------------------------


class _NoCookies(DefaultCookiePolicy):
    """TBA is stateless: a JSESSIONID sent back with a passport is 'Ambiguous authentication'."""

    def set_ok(self, cookie, request):
        return False


def _http_session(pool_size: int, timeout: float) -> requests.Session:
    session = GuardedSession(max_bytes=MAX_ANSWER_BYTES, deadline=timeout)
    session.cookies.set_policy(_NoCookies())
    adapter = HTTPAdapter(pool_connections=2, pool_maxsize=max(pool_size, 2), max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


@dataclass(frozen=True)
class SearchPage:
    items: list
    page_index: int
    total_pages: int
    total_records: int
    search_id: str | None


class SoapGateway:
    """One SuiteTalk account over SOAP. Thread-safe: the WSDL and session are shared read-only."""

    def __init__(self, settings: NetSuiteSettings, *, clock, calls: Counter):
        self.settings = settings
        self.endpoint_url = endpoint_url(settings)
        self.wsdl_url = wsdl_url(settings)
        self._clock = clock
        self.calls = calls
        self._calls_lock = threading.Lock()
        transport = Transport(
            timeout=settings.timeout,
            operation_timeout=settings.timeout,
            session=_http_session(settings.concurrency + 1, settings.timeout),
        )
        document = wsdl_document(self.wsdl_url, settings.timeout)
        self._zeep = zeep.Client(document, transport=transport, settings=ZEEP_SETTINGS)
        self.schema = records.Schema(self._zeep, settings.wsdl_version)
        binding = f"{{{self.schema.namespace('platform', '')}}}NetSuiteBinding"
        self._service = self._zeep.create_service(binding, self.endpoint_url)

    def __repr__(self):
        return f"<SoapGateway {self.settings.account_id} {self.endpoint_url}>"

    def close(self):
        self._zeep.transport.session.close()

    # -- plumbing --

    def _passport_header(self):
        passport = new_passport(self.settings, int(self._clock()))
        signature = self.schema.core("TokenPassportSignature")(
            passport.signature, algorithm=passport.algorithm
        )
        return self.schema.core("TokenPassport")(
            account=passport.account,
            consumerKey=passport.consumer_key,
            token=passport.token,
            nonce=passport.nonce,
            timestamp=passport.timestamp,
            signature=signature,
        )

    def _send(self, operation: str, *, search_preferences=None, **body):
        headers = {"tokenPassport": self._passport_header()}
        if search_preferences is not None:
            headers["searchPreferences"] = search_preferences
        with self._calls_lock:
            self.calls[operation] += 1
        try:
            result = getattr(self._service, operation)(_soapheaders=headers, **body)
        except Exception as exc:
            error = error_from_exception(
                exc,
                operation=operation,
                account_id=self.settings.account_id,
                timeout=self.settings.timeout,
            )
            if error is None:
                raise
            raise error from exc
        # Operations whose output has SOAP headers come back as an envelope (header + body).
        return result.body if hasattr(result, "body") else result

    def _check(self, status, operation: str, what: str = ""):
        status = records.status_of(status)
        if not status.ok:
            raise error_from_status_detail(
                status.code,
                f"{what}: {status.message}" if what else status.message,
                operation=operation,
                account_id=self.settings.account_id,
            )

    def _search_preferences(self, page_size: int, body_fields_only: bool):
        return self.schema.element("messages", "platform", "searchPreferences")(
            bodyFieldsOnly=body_fields_only, returnSearchColumns=False, pageSize=page_size
        )

    # -- operations --

    def server_time(self):
        result = self._send("getServerTime").getServerTimeResult
        self._check(result.status, "getServerTime")
        return result.serverTime.astimezone(UTC)

    def search(self, kind: str, *, page_size: int, body_fields_only: bool = True) -> SearchPage:
        search_type, _parse = SEARCHES[kind]
        body = self._send(
            "search",
            searchRecord=self.schema.type("common", "platform", search_type)(),
            search_preferences=self._search_preferences(page_size, body_fields_only),
        )
        return self._search_page(kind, body.searchResult, "search")

    def search_more(
        self, kind: str, search_id: str, page_index: int, *, page_size: int, body_fields_only=True
    ) -> SearchPage:
        body = self._send(
            "searchMoreWithId",
            searchId=search_id,
            pageIndex=page_index,
            search_preferences=self._search_preferences(page_size, body_fields_only),
        )
        return self._search_page(kind, body.searchResult, "searchMoreWithId")

    def _search_page(self, kind, result, operation) -> SearchPage:
        self._check(result.status, operation, f"search of {kind} records")
        parse = SEARCHES[kind][1]
        found = result.recordList.record if result.recordList is not None else None
        return SearchPage(
            items=[parse(record) for record in found or []],
            page_index=result.pageIndex or 1,
            total_pages=result.totalPages or 0,
            total_records=result.totalRecords or 0,
            search_id=result.searchId,
        )

    def currencies(self):
        record = self.schema.core("GetAllRecord")(recordType="currency")
        result = self._send("getAll", record=record).getAllResult
        self._check(result.status, "getAll", "currencies")
        found = result.recordList.record if result.recordList is not None else None
        return [records.currency(record) for record in found or []]

    def upsert_list(self, payloads):
        built = [records.transaction_record(self.schema, payload) for payload in payloads]
        response = self._send("upsertList", record=built).writeResponseList
        responses = response.writeResponse or []
        if len(responses) != len(payloads):
            self._check(response.status, "upsertList")
            raise NetSuiteFault(f"upsertList: {len(responses)} results for {len(payloads)} records")
        return [
            records.upsert_result(write, payload.external_id)
            for write, payload in zip(responses, payloads, strict=True)
        ]

    def upsert(self, payload):
        record = records.transaction_record(self.schema, payload)
        write = self._send("upsert", record=record).writeResponse
        return records.upsert_result(write, payload.external_id)

    def add_file(self, name: str, content: bytes, folder_id: str, external_id=None) -> str:
        file_record = self.schema.type("filecabinet", "documents", "File")
        record = file_record(
            externalId=external_id,
            name=name,
            attachFrom="_computer",
            fileType="_PDF" if name.lower().endswith(".pdf") else None,
            content=content,
            folder=self.schema.record_ref(folder_id, "folder"),
        )
        write = self._send("add", record=record).writeResponse
        return self._written_id(write, "add", f"file {name}")

    def update_file_content(self, file_id: str, content: bytes) -> str:
        record = self.schema.type("filecabinet", "documents", "File")(
            internalId=file_id, content=content
        )
        write = self._send("update", record=record).writeResponse
        return self._written_id(write, "update", f"file {file_id}")

    def attach(self, file_id: str, record_type: str, record_internal_id: str) -> str:
        reference = self.schema.core("AttachBasicReference")(
            attachTo=self.schema.record_ref(record_internal_id, record_type),
            attachedRecord=self.schema.record_ref(file_id, "file"),
        )
        write = self._send("attach", attachReference=reference).writeResponse
        return self._written_id(write, "attach", f"file {file_id} to {record_type}")

    def delete_transaction(self, kind: str, external_id: str) -> str:
        reference = records.transaction_ref(self.schema, kind, external_id)
        write = self._send("delete", baseRef=reference).writeResponse
        return self._written_id(write, "delete", f"{kind} {external_id}")

    def _written_id(self, write, operation: str, what: str) -> str:
        self._check(write.status, operation, what)
        return write.baseRef.internalId

    def get_transactions(self, kind: str, external_ids):
        """Booked bills (or credits) by externalId; None where NetSuite has no such record."""
        refs = [records.transaction_ref(self.schema, kind, eid) for eid in external_ids]
        response = self._send("getList", baseRef=refs).readResponseList
        reads = response.readResponse or []
        if len(reads) != len(refs):
            self._check(response.status, "getList")
            raise NetSuiteFault(f"getList: {len(reads)} results for {len(refs)} references")
        found = []
        for read in reads:
            status = records.status_of(read.status)
            if status.ok and read.record is not None:
                found.append(records.booked_bill(read.record, kind))
            elif status.code in NOT_FOUND_CODES or (status.ok and read.record is None):
                found.append(None)
            else:
                self._check(read.status, "getList")
        return found
