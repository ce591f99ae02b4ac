"""Basic searches over the seeded lists and the booked transactions, with NetSuite's paging.

A search snapshots its result; ``searchMoreWithId`` pages through that snapshot until the searchId
expires (``ttl`` seconds after creation, 15 minutes by default).
"""

import itertools
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import date

from .bookings import BILL, CREDIT, Transaction
from .seed import SeedData
from .xmlutil import children, local, xsi_type

MIN_PAGE_SIZE = 5
MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 1000
DEFAULT_SEARCH_TTL = 15 * 60

SEARCH_TYPES = {
    "SubsidiarySearchBasic": "subsidiary",
    "AccountSearchBasic": "account",
    "DepartmentSearchBasic": "department",
    "ClassificationSearchBasic": "classification",
    "LocationSearchBasic": "location",
    "VendorSearchBasic": "vendor",
    "VendorSubsidiaryRelationshipSearchBasic": "vendorSubsidiaryRelationship",
    "TransactionSearchBasic": "transaction",
    "AccountingPeriodSearchBasic": "accountingPeriod",
}
TRANSACTION_ENUM = {BILL: "_vendorBill", CREDIT: "_vendorCredit"}


class SearchError(Exception):
    """A search NetSuite answers with a failed status (code, message) rather than a fault."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class UnsupportedSearch(Exception):
    """A schema-valid search the simulator does not model: answered with a fault, never ignored."""


def _ids(*ids):
    return frozenset(i for i in ids if i is not None)


def searchable_fields(data: SeedData, record_type, record) -> dict:
    """Field name -> value; the value's Python type selects the operator family."""
    common = {"internalId": _ids(record.internal_id), "internalIdNumber": int(record.internal_id)}
    external_id = getattr(record, "external_id", None)
    common["externalId"] = ("external", external_id)
    common["externalIdString"] = external_id or ""
    common["isInactive"] = getattr(record, "is_inactive", False)
    if record_type == "subsidiary":
        return {
            **common,
            "name": record.name,
            "nameNoHierarchy": record.name,
            "currency": _ids(record.currency_id),
            "country": ("enum", record.country),
        }
    if record_type == "account":
        return {
            **common,
            "name": record.name,
            "number": record.number,
            "displayName": record.display_name,
            "type": ("enum", record.acct_type),
            "subsidiary": data.available_in(record),
        }
    if record_type in ("department", "classification", "location"):
        return {
            **common,
            "name": record.name,
            "nameNoHierarchy": record.name,
            "subsidiary": data.available_in(record),
        }
    if record_type == "vendor":
        return {
            **common,
            "entityId": record.name,
            "companyName": record.name,
            "subsidiary": frozenset(record.shared_subsidiary_ids),
            "currency": frozenset(record.currency_ids),
        }
    if record_type == "vendorSubsidiaryRelationship":
        vendor = next(v for v in data.vendors if v.internal_id == record.vendor_id)
        subsidiary = next(s for s in data.subsidiaries if s.internal_id == record.subsidiary_id)
        del common["isInactive"]  # not a VendorSubsidiaryRelationshipSearchBasic field
        return {
            **common,
            "entity": _ids(record.vendor_id),
            "subsidiary": _ids(record.subsidiary_id),
            "isPrimarySub": record.is_primary,
            "primaryCurrency": _ids(vendor.currency_id),
            "baseCurrency": _ids(subsidiary.currency_id),
        }
    if record_type == "accountingPeriod":
        return {
            **common,
            "periodName": record.name,
            "startDate": record.start,
            "endDate": record.end,
            "closed": record.closed,
            "apLocked": record.closed,
            "allLocked": record.closed,
            "isQuarter": False,
            "isYear": False,
            "isAdjust": False,
        }
    t: Transaction = record
    return {
        **common,
        "isInactive": False,
        "tranId": t.tran_id or "",
        "type": ("enum", TRANSACTION_ENUM[t.kind]),
        "entity": _ids(t.vendor_id),
        "subsidiary": _ids(t.subsidiary_id),
        "tranDate": t.tran_date,
        "lastModifiedDate": t.updated_at.date() if t.updated_at else None,
    }


def _match_string(value: str, operator, wanted):
    value, wanted = value.casefold(), (wanted or "").casefold()
    tests = {
        "is": value == wanted,
        "isNot": value != wanted,
        "contains": wanted in value,
        "doesNotContain": wanted not in value,
        "startsWith": value.startswith(wanted),
        "doesNotStartWith": not value.startswith(wanted),
        "empty": value == "",
        "notEmpty": value != "",
        "hasKeywords": all(word in value for word in wanted.split()),
    }
    return tests[operator or "is"]


def _match_date(value: date | None, operator, criterion):
    values = [
        date.fromisoformat(v.text.strip()[:10])
        for v in criterion
        if local(v).startswith("searchValue")
    ]
    if operator in ("empty", "notEmpty"):
        return (value is None) == (operator == "empty")
    if value is None or not values:
        return False
    first, last = values[0], values[-1]
    tests = {
        "on": value == first,
        "notOn": value != first,
        "before": value < first,
        "notBefore": value >= first,
        "after": value > first,
        "notAfter": value <= first,
        "onOrBefore": value <= first,
        "notOnOrBefore": value > first,
        "onOrAfter": value >= first,
        "notOnOrAfter": value < first,
        "within": first <= value <= last,
        "notWithin": not first <= value <= last,
    }
    return tests[operator]


def matches(fields: dict, criteria) -> bool:
    for criterion in criteria:
        name = local(criterion)
        if name not in fields:
            raise UnsupportedSearch(name)
        value = fields[name]
        operator = criterion.get("operator")
        search_values = [c for c in criterion if local(c) == "searchValue"]
        if isinstance(value, bool):
            wanted = (
                (search_values[0].text or "").strip() in ("true", "1") if search_values else True
            )
            ok = value == wanted
        elif isinstance(value, frozenset):
            given = {v.get("internalId") for v in search_values}
            ok = bool(value & given)
            ok = ok if operator != "noneOf" else not ok
        elif isinstance(value, tuple) and value[0] == "external":
            given = {(v.get("externalId") or "").casefold() for v in search_values}
            ok = (value[1] or "").casefold() in given if value[1] else False
            ok = ok if operator != "noneOf" else not ok
        elif isinstance(value, tuple):  # ("enum", value)
            ok = value[1] in {(v.text or "").strip() for v in search_values}
            ok = ok if operator != "noneOf" else not ok
        elif isinstance(value, str):
            ok = _match_string(value, operator, search_values[0].text if search_values else "")
        elif isinstance(value, int):
            raise UnsupportedSearch(name)
        else:
            ok = _match_date(value, operator, criterion)
        if not ok:
            return False
    return True


def parse_search_record(search_record):
    """``(record type, criteria elements)`` of a ``*SearchBasic`` (or ``*Search`` wrapper)."""
    _, type_name = xsi_type(search_record)
    criteria = search_record
    if type_name and not type_name.endswith("Basic"):
        basic = children(search_record).get("basic")
        type_name = f"{type_name}Basic"
        criteria = basic if basic is not None else []
        if len(search_record) > (1 if basic is not None else 0):
            raise UnsupportedSearch("joined searches")
    if type_name not in SEARCH_TYPES:
        raise UnsupportedSearch(type_name or "searchRecord without xsi:type")
    criteria = [c for c in criteria if isinstance(c.tag, str)]
    if any(local(c) == "customFieldList" for c in criteria):
        raise UnsupportedSearch("customFieldList")
    return SEARCH_TYPES[type_name], criteria


@dataclass
class SearchSession:
    search_id: str
    record_type: str
    records: list
    page_size: int
    body_fields_only: bool
    created: float

    @property
    def total_pages(self):
        return max(1, -(-len(self.records) // self.page_size)) if self.records else 0

    def page(self, index):
        start = (index - 1) * self.page_size
        return self.records[start : start + self.page_size]


class SearchSessions:
    def __init__(self, account, ttl=DEFAULT_SEARCH_TTL, clock=time.monotonic):
        self.account = account
        self.ttl = ttl
        self.clock = clock
        self._sessions: dict[str, SearchSession] = {}
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    def start(self, record_type, records, page_size, body_fields_only) -> SearchSession:
        if not MIN_PAGE_SIZE <= page_size <= MAX_PAGE_SIZE:
            raise SearchError(
                "WS_INVALID_SEARCH_PAGE_SIZE",
                f"The page size must be between {MIN_PAGE_SIZE} and {MAX_PAGE_SIZE}.",
            )
        search_id = f"WEBSERVICES_{self.account}_{next(self._counter):08d}_{uuid.uuid4().hex[:12]}"
        session = SearchSession(
            search_id, record_type, records, page_size, body_fields_only, self.clock()
        )
        with self._lock:
            self._sessions = {k: s for k, s in self._sessions.items() if not self._expired(s)}
            self._sessions[search_id] = session
        return session

    def _expired(self, session):
        return self.clock() - session.created > self.ttl

    def get(self, search_id, page_index) -> SearchSession:
        with self._lock:
            session = self._sessions.get(search_id)
        if session is None or self._expired(session):
            raise SearchError(
                "INVALID_JOB_ID", f"The search ID {search_id} is invalid or has expired."
            )
        if page_index < 1 or page_index > max(session.total_pages, 1):
            raise SearchError(
                "INVALID_PAGE_INDEX",
                f"Invalid page index {page_index}: the search has {session.total_pages} pages.",
            )
        return session
