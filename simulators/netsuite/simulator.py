"""NetSuiteSimulator: configuration, knobs and the SOAP request pipeline."""

import itertools
import random
import threading
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from . import soap
from .auth import PassportVerifier
from .bookings import Book
from .namespaces import SOAPENV, nsmap
from .operations import WRITE_OPERATIONS, Operations
from .rest_async import AsyncJobs
from .rest_auth import OAuthServer
from .schema import schema_set
from .search import DEFAULT_SEARCH_TTL, SearchSessions
from .seed import DEFAULT_CLOSED_PERIODS, build_seed
from .server import SimulatorServer
from .soap import SoapFault
from .xmlutil import Ref, Writer, local

FAULT_KINDS = (
    "concurrency",
    "http_503",
    "drop_before",
    "commit_then_drop",
    "unexpected_error",
    "after_submit_failed",
    "before_submit_failed",
)
DEFAULT_RANDOM_FAULT_KINDS = ("concurrency", "http_503", "drop_before")
WRITE_OPS = {*WRITE_OPERATIONS, "update", "updateList", "attach", "delete"}
SUBMIT_FAULTS = ("after_submit_failed", "before_submit_failed")
REST_WRITE_KEYS = (
    "rest record",
    *(f"rest record {method}" for method in ("POST", "PUT", "PATCH", "DELETE")),
)
AUTH_CONFLICTS = ("passport", "applicationInfo")
HOLD_TIMEOUT = 30.0  # a forgotten hold must not hang a request forever
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@dataclass
class Outcome:
    status: int = 200
    body: bytes = b""
    drop: bool = False
    html_503: bool = False


class NetSuiteSimulator:
    """A SuiteTalk SOAP account on loopback. See simulators/README.md for the seeded data."""

    def __init__(
        self,
        version="2023_2",
        account="1234567_SB1",
        consumer_key="sim-consumer-key",
        consumer_secret="sim-consumer-secret",
        token_id="sim-token-id",
        token_secret="sim-token-secret",
        seed=1,
        latency_call=0.0,
        latency_record=0.0,
        concurrency_limit=5,
        closed_periods=DEFAULT_CLOSED_PERIODS,
        fault_rate=0.0,
        fault_kinds=DEFAULT_RANDOM_FAULT_KINDS,
        drop_after_commit_rate=0.0,
        search_ttl=DEFAULT_SEARCH_TTL,
    ):
        self.version = version
        self.account = account
        self.seed = seed
        self.schemas = schema_set(version)
        self.data = build_seed(seed, tuple(closed_periods))
        self.book = Book(self.data, self.data.first_transaction_id)
        self.searches = SearchSessions(account, search_ttl)
        self.oauth = OAuthServer(account.lower().replace("_", "-"))  # the REST face's M2M
        self._verifier = PassportVerifier(
            account, consumer_key, consumer_secret, token_id, token_secret
        )
        self._writer = Writer(nsmap(version))
        self._operations = Operations(self, self._writer)
        self.latency_call = latency_call
        self.latency_record = latency_record
        self.concurrency_limit = concurrency_limit
        self.fault_rate = fault_rate
        self.fault_kinds = tuple(fault_kinds)
        self.drop_after_commit_rate = drop_after_commit_rate
        self.hold: threading.Event | None = None
        self.async_processors = 1  # REST async processors (NetSuite: per SuiteCloud Plus licence)
        self.async_task_cost = None  # seconds per batch task; None: latency_call + latency_record
        self.async_jobs = AsyncJobs(self)
        self.restlet_deployed = True  # the connector's PDF RESTlet (REST face, restlet.py)
        self.calls: Counter = Counter()  # SOAP operation -> requests received
        self.downloads: Counter = Counter()  # "GET wsdl" / "GET xsd" -> requests served
        self._denied: set[str] = set()
        self._scheduled: dict[str, deque] = {}
        self._random = random.Random(seed)
        self._in_flight = 0
        self._lock = threading.Lock()
        self._ns_ids = itertools.count(1)

    def __repr__(self):
        return (
            f"NetSuiteSimulator(version={self.version!r}, account={self.account!r}, "
            f"seed={self.seed})"
        )

    # -- public API ------------------------------------------------------------------------------

    def serve(self, host="127.0.0.1", port=0) -> SimulatorServer:
        """Start serving in a background thread (the schema is compiled first)."""
        self.schemas.validator  # noqa: B018 - compile now, not on the first request
        return SimulatorServer(self, host, port)

    @property
    def search_ttl(self):
        return self.searches.ttl

    @search_ttl.setter
    def search_ttl(self, seconds):
        self.searches.ttl = seconds

    def bills(self) -> list[dict]:
        """Every booked vendor bill and credit, in booking order, as plain JSON-able dicts."""
        return [t.to_json() for t in self.book.all()]

    def mark_applied(self, external_id, applied=True):
        """A payment or credit application now links that bill or credit: delete is refused."""
        self.book.mark_applied(external_id, applied)

    def delete_record(self, external_id):
        """A user deletes that bill or credit in NetSuite (refused, like ``delete``, when it is
        applied)."""
        self.book.delete(None, Ref(None, external_id))

    def files(self) -> list[dict]:
        return list(self.book.files.values())

    def reset_bookings(self):
        self.book.reset()

    @property
    def in_flight(self) -> int:
        """Requests admitted by the concurrency gate and not answered yet."""
        with self._lock:
            return self._in_flight

    def count_download(self, key):
        """WSDL/XSD GETs ("GET wsdl", "GET xsd"), kept apart from the SOAP operations in calls."""
        with self._lock:
            self.downloads[key] += 1

    def count_call(self, key):
        """A REST request ("REST GET system", ...), counted beside the SOAP operations."""
        with self._lock:
            self.calls[key] += 1

    def fail_next(self, operation, kind, count=1, *, after=0):
        """Answer the next ``count`` calls of ``operation`` (``"*"``: any) with fault ``kind``,
        once ``after`` calls of it have been answered as usual."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"Unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
        if kind in SUBMIT_FAULTS and operation not in (*WRITE_OPS, *REST_WRITE_KEYS, "*"):
            raise ValueError(f"{kind} applies to writes, not to {operation!r}")
        with self._lock:
            self._scheduled.setdefault(operation, deque()).extend([None] * after + [kind] * count)

    def deny_permission(self, record_type_or_operation):
        """Refuse that operation, or requests touching that record type: INSUFFICIENT_PERMISSION."""
        self._denied.add(record_type_or_operation)

    def allow_permission(self, record_type_or_operation):
        self._denied.discard(record_type_or_operation)

    # -- request pipeline ------------------------------------------------------------------------

    def handle_soap(self, body: bytes, soap_action) -> Outcome:
        operation = (soap_action or "").strip().strip('"').strip() or _body_operation(body)
        with self._lock:
            self.calls[operation] += 1
        injected = self._injected_fault(operation)
        if injected == "http_503":
            return Outcome(status=503, html_503=True)
        if injected == "drop_before":
            return Outcome(drop=True)
        if injected in ("concurrency", "unexpected_error"):
            fault = soap.concurrency_blocked() if injected == "concurrency" else self._unexpected()
            return self._fault(fault)
        if not self._enter():
            return self._fault(soap.concurrency_blocked())
        try:
            hold = self.hold
            if hold is not None:  # tests keep admitted requests in flight until hold.set()
                hold.wait(HOLD_TIMEOUT)
            if self.latency_call:
                time.sleep(self.latency_call)
            outcome = self._process(body, operation, injected)
        finally:
            self._leave()
        if operation in WRITE_OPS and outcome.status == 200:
            if injected == "commit_then_drop" or self._chance(self.drop_after_commit_rate):
                return Outcome(drop=True)
        elif injected == "commit_then_drop":
            return Outcome(drop=True)
        return outcome

    def _injected_fault(self, *operations):
        with self._lock:
            for key in (*operations, "*"):
                queue = self._scheduled.get(key)
                if queue:
                    return queue.popleft()
            if self.fault_rate and self.fault_kinds and self._random.random() < self.fault_rate:
                return self._random.choice(self.fault_kinds)
        return None

    def chance(self, rate):
        return self._chance(rate)

    def pause_per_record(self):
        """``latency_record`` once, for a record written, read or returned over REST."""
        self._operations.per_record_pause()

    def process_rest(self, operation, handle):
        """A REST or RESTlet request the gate admitted: ``latency_call``, then ``handle()``.
        ``operation`` names it ("rest upsert", "rest suiteql", "restlet", ...) for inspection."""
        if self.latency_call:
            time.sleep(self.latency_call)
        return handle()

    def is_denied(self, record_type_or_operation) -> bool:
        wanted = record_type_or_operation.casefold()
        return any(denied.casefold() == wanted for denied in self._denied)

    def _chance(self, rate):
        if not rate:
            return False
        with self._lock:
            return self._random.random() < rate

    def injected_fault(self, *operations):
        """The fault scheduled for the first of ``operations`` (or ``"*"``), or a random one."""
        return self._injected_fault(*operations)

    def enter(self):
        return self._enter()

    def leave(self):
        self._leave()

    def _enter(self):
        with self._lock:
            if self._in_flight >= self.concurrency_limit:
                return False
            self._in_flight += 1
            return True

    def _leave(self):
        with self._lock:
            self._in_flight -= 1

    def _unexpected(self):
        return soap.unexpected_error(f"{uuid.uuid4().hex[:8]}{int(time.time())}")

    def _fault(self, fault: SoapFault) -> Outcome:
        return Outcome(status=fault.http_status, body=soap.fault_envelope(self.version, fault))

    def _process(self, body: bytes, soap_action, injected=None) -> Outcome:
        try:
            request, headers = self._parse(body, soap_action)
            operation = local(request)
            self._verifier.verify(
                headers.get("tokenPassport", []),
                [name for name in AUTH_CONFLICTS if name in headers],
            )
            self._check_permission(operation, request)
            response = self._operations.handle(
                operation,
                request,
                _single_headers(headers),
                before_submit_failed=injected == "before_submit_failed",
            )
            if injected == "after_submit_failed":
                self._operations.fail_after_submit(response)
        except SoapFault as fault:
            return self._fault(fault)
        except Exception:  # a simulator bug must still look like NetSuite, not like a hang
            return self._fault(self._unexpected())
        ns_id = (
            f"WEBSERVICES_{self.account}_{datetime.now(UTC):%m%d%Y%H%M%S}{next(self._ns_ids):06d}"
        )
        return Outcome(body=soap.response_envelope(self.version, response, ns_id))

    def _parse(self, body: bytes, soap_action):
        try:
            envelope = etree.fromstring(body, _XML_PARSER)
        except etree.XMLSyntaxError as error:
            raise SoapFault(
                f"org.xml.sax.SAXParseException: {error}", faultcode="soapenv:Client"
            ) from None
        if envelope.tag != f"{{{SOAPENV}}}Envelope":
            raise SoapFault(
                "The request is not a SOAP 1.1 envelope.", faultcode="soapenv:VersionMismatch"
            )
        parts = {local(child): child for child in envelope if isinstance(child.tag, str)}
        elements = [c for c in parts.get("Body", []) if isinstance(c.tag, str)]
        if len(elements) != 1:
            raise SoapFault(
                "The SOAP Body must contain exactly one operation element.",
                faultcode="soapenv:Client",
            )
        request = elements[0]
        if soap_action and soap_action != local(request):
            raise SoapFault(
                f"SOAPAction {soap_action} does not match the operation {local(request)}.",
                faultcode="soapenv:Client",
            )
        headers: dict[str, list] = {}
        messages_ns = nsmap(self.version)["platformMsgs"]
        for header in parts.get("Header", []):
            if not isinstance(header.tag, str):
                continue
            if etree.QName(header).namespace != messages_ns:
                if header.get(f"{{{SOAPENV}}}mustUnderstand") in ("1", "true"):
                    raise SoapFault(
                        f"Did not understand header {header.tag}.",
                        faultcode="soapenv:MustUnderstand",
                    )
                continue
            self._validate(_with_core_passport(header, self.version))
            headers.setdefault(local(header), []).append(header)
        self._validate(request)
        return request, headers

    def _validate(self, element):
        error = self.schemas.validation_error(element)
        if error is not None:
            raise SoapFault(f"org.xml.sax.SAXException: {error}")

    def _check_permission(self, operation, request):
        if not self._denied:
            return
        touched = {operation} | self._operations.record_types(operation, request)
        denied = sorted(touched & self._denied)
        if denied:
            raise soap.insufficient_permission(denied[0])


def _body_operation(body: bytes) -> str:
    try:
        envelope = etree.fromstring(body, _XML_PARSER)
        bodies = [c for c in envelope if isinstance(c.tag, str) and local(c) == "Body"]
        return next(local(c) for c in bodies[0] if isinstance(c.tag, str))
    except (etree.XMLSyntaxError, IndexError, StopIteration):
        return "unknown"


def _single_headers(headers):
    return {name: nodes[0] for name, nodes in headers.items()}


def _with_core_passport(header, version):
    """The passport with children in the messages namespace (Oracle's sample) moved to core."""
    if local(header) != "tokenPassport":
        return header
    namespaces = nsmap(version)
    if all(
        etree.QName(c).namespace != namespaces["platformMsgs"]
        for c in header
        if isinstance(c.tag, str)
    ):
        return header
    copy = etree.Element(header.tag, nsmap=namespaces)
    for child in header:
        if isinstance(child.tag, str):
            moved = etree.SubElement(
                copy, f"{{{namespaces['platformCore']}}}{local(child)}", child.attrib
            )
            moved.text = child.text
    return copy
