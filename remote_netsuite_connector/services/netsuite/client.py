"""The addon's NetSuite client: plain values in and out, retries, paging, parallel upserts.

The SOAP specifics live in :mod:`.soap`, the REST ones in :mod:`.rest`: two gateways with the same
methods, chosen by ``settings.transport``.
"""

import logging
import math
import random
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from .endpoints import check_account_id
from .errors import NOT_FOUND_CODES, NetSuiteError, NetSuiteFault, NetSuiteRateLimitError
from .rest import RestGateway
from .retry import call_with_retry
from .soap import SoapGateway
from .types import (
    VENDOR_BILL,
    VENDOR_CREDIT,
    BillPayload,
    BookedBill,
    NetSuiteSettings,
    NsAccount,
    NsCurrency,
    NsRecord,
    NsVendor,
    UpsertResult,
)

_logger = logging.getLogger(__name__)

MAX_RECORDS_PER_REQUEST = 100  # NetSuite's synchronous upsertList limit
SEND_ROUNDS = 4  # REST: a sync sends its bills in sends of this many rounds of parallel PUTs
MAX_GET_LIST = 1000  # NetSuite's synchronous getList limit
MIN_PAGE_SIZE, MAX_PAGE_SIZE = 5, 1000  # NetSuite's limits for synchronous searches
LOOKUP_TYPES = ("subsidiary", "account", "department", "classification", "location", "vendor")


class NetSuiteClient:
    def __init__(
        self, settings: NetSuiteSettings, *, sleep=time.sleep, clock=time.time, on_retry=None
    ):
        """``on_retry(text)`` is told of each transient failure retried (one line of text)."""
        check_account_id(settings.account_id)
        if not MIN_PAGE_SIZE <= settings.page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between {MIN_PAGE_SIZE} and {MAX_PAGE_SIZE}")
        self.settings = settings
        self.calls: Counter = Counter()  # operation -> requests sent (retries included)
        self._sleep = sleep
        self._on_retry = on_retry
        self._rng = random.Random()
        gateway = RestGateway if settings.transport == "rest" else SoapGateway
        self._gateway = gateway(settings, clock=clock, calls=self.calls)

    def __repr__(self):
        return f"<NetSuiteClient account={self.settings.account_id} {self._gateway.endpoint_url}>"

    def close(self):
        self._gateway.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _retry(self, call, what: str, only=NetSuiteError):
        return call_with_retry(
            call,
            what=what,
            max_attempts=self.settings.max_attempts,
            sleep=self._sleep,
            rng=self._rng,
            only=only,
            on_retry=self._on_retry,
        )

    # --- connection ----------------------------------------------------------------------------

    def server_time(self):
        """NetSuite's clock (getServerTime): the cheapest authenticated call."""
        return self._retry(self._gateway.server_time, "getServerTime")

    def check_access(self) -> dict:
        """Test the connection: login, then one small search per lookup record type.

        Returns ``{"ok": bool, "server_time": datetime, "problems": {record type: message}}``.
        An invalid login raises :class:`NetSuiteAuthError`: nothing else can be checked then.
        """
        server_time = self.server_time()
        problems = {}
        for kind in (*LOOKUP_TYPES, "currency"):
            try:
                if kind == "currency":
                    self._retry(self._gateway.currencies, "getAll currency")
                else:
                    self._retry(
                        lambda kind=kind: self._gateway.search(kind, page_size=MIN_PAGE_SIZE),
                        f"search {kind}",
                    )
            except NetSuiteError as error:
                problems[kind] = str(error)
        return {"ok": not problems, "server_time": server_time, "problems": problems}

    # --- lookups -------------------------------------------------------------------------------

    def _search_all(self, kind: str, *, body_fields_only=True) -> list:
        page_size = self.settings.page_size
        gateway = self._gateway
        first = self._retry(
            lambda: gateway.search(kind, page_size=page_size, body_fields_only=body_fields_only),
            f"search {kind}",
        )
        items = list(first.items)
        for page_index in range(first.page_index + 1, first.total_pages + 1):
            page = self._retry(
                lambda page_index=page_index: gateway.search_more(
                    kind,
                    first.search_id,
                    page_index,
                    page_size=page_size,
                    body_fields_only=body_fields_only,
                ),
                f"searchMoreWithId {kind} page {page_index}",
            )
            items.extend(page.items)
        return items

    def list_subsidiaries(self) -> list[NsRecord]:
        return self._search_all("subsidiary")

    def list_accounts(self) -> list[NsAccount]:
        # subsidiaryList is a body field of Account, not a sublist: no need to fetch sublists.
        return self._search_all("account")

    def list_departments(self) -> list[NsRecord]:
        return self._search_all("department")

    def list_classes(self) -> list[NsRecord]:
        return self._search_all("classification")

    def list_locations(self) -> list[NsRecord]:
        return self._search_all("location")

    def list_vendors(self) -> list[NsVendor]:
        """Vendors with their primary subsidiary and every subsidiary they are shared with.

        The 2023_2+ Vendor record has no subsidiary sublist: sharing (multi-subsidiary vendors)
        is a VendorSubsidiaryRelationship record, searched separately.
        """
        vendors = self._search_all("vendor")
        shared: dict[str, list[str]] = {}
        for vendor_id, subsidiary_id in self._vendor_subsidiary_relationships():
            shared.setdefault(vendor_id, []).append(subsidiary_id)
        return [
            NsVendor(
                internal_id=vendor.internal_id,
                name=vendor.name,
                is_inactive=vendor.is_inactive,
                subsidiary_ids=tuple(
                    dict.fromkeys((*vendor.subsidiary_ids, *shared.get(vendor.internal_id, ())))
                ),
            )
            for vendor in vendors
        ]

    def _vendor_subsidiary_relationships(self) -> list[tuple[str, str]]:
        try:
            pairs = self._search_all("vendorSubsidiaryRelationship")
        except NetSuiteFault as error:
            # Accounts without multi-subsidiary vendors (and the simulator) cannot search them:
            # every vendor then belongs to its primary subsidiary only.
            _logger.warning(
                "Vendor subsidiary relationships not readable, using primary: %s", error
            )
            return []
        return [(vendor_id, sub_id) for vendor_id, sub_id in pairs if vendor_id and sub_id]

    def list_currencies(self) -> list[NsCurrency]:
        return self._retry(self._gateway.currencies, "getAll currency")

    # --- bills ---------------------------------------------------------------------------------

    def upsert_bills(
        self,
        payloads: Sequence[BillPayload],
        *,
        batch_size=MAX_RECORDS_PER_REQUEST,
        concurrency=None,
    ) -> list[UpsertResult]:
        """Upsert vendor bills/credits by externalId; one result per payload, in input order.

        ``batch_size`` records per upsertList request (at most 100); ``batch_size=1`` sends one
        ``upsert`` per record. Up to ``concurrency`` requests (default ``settings.concurrency``)
        run in parallel. Per-record errors come back in the results; a request that fails for
        good (after retries) raises, and the chunks not yet sent are not sent.
        """
        if not 1 <= batch_size <= MAX_RECORDS_PER_REQUEST:
            raise ValueError(f"batch_size must be between 1 and {MAX_RECORDS_PER_REQUEST}")
        for payload in payloads:
            if payload.kind not in (VENDOR_BILL, VENDOR_CREDIT):
                raise ValueError(f"unknown bill kind {payload.kind!r}")
            if not payload.external_id:
                raise ValueError("every payload needs an external_id: upserts are keyed on it")
        batch_size = self._bills_per_request(batch_size)
        chunks = [payloads[i : i + batch_size] for i in range(0, len(payloads), batch_size)]
        workers = max(1, min(concurrency or self.settings.concurrency, len(chunks)))
        if workers == 1:
            return [result for chunk in chunks for result in self._upsert_chunk(chunk)]
        with ThreadPoolExecutor(workers, thread_name_prefix="netsuite-upsert") as executor:
            futures = [executor.submit(self._upsert_chunk, chunk) for chunk in chunks]
            try:
                return [result for future in futures for result in future.result()]
            except BaseException:
                for future in futures:
                    future.cancel()
                raise

    def upsert_requests(self, bills: int, *, batch_size=MAX_RECORDS_PER_REQUEST) -> int:
        """How many requests ``upsert_bills`` makes for ``bills`` bills: one per ``batch_size``
        on SOAP, one per bill on REST."""
        return math.ceil(bills / self._bills_per_request(batch_size))

    def bills_per_send(self, concurrency: int) -> int:
        """How many bills a sync gathers before it sends them: a full upsertList on SOAP; on
        REST, where each bill is a request of its own, ``SEND_ROUNDS`` rounds of ``concurrency``
        PUTs, so NetSuite starts soon and never waits while a large batch is read."""
        per_request = self._bills_per_request(MAX_RECORDS_PER_REQUEST)
        if per_request > 1:
            return per_request
        return min(MAX_RECORDS_PER_REQUEST, SEND_ROUNDS * max(1, concurrency))

    def _bills_per_request(self, batch_size):
        return min(batch_size, getattr(self._gateway, "max_batch", MAX_RECORDS_PER_REQUEST))

    def _upsert_chunk(self, chunk) -> list[UpsertResult]:
        if len(chunk) == 1:
            return [self._retry(lambda: self._gateway.upsert(chunk[0]), "upsert")]
        return self._retry(lambda: self._gateway.upsert_list(chunk), "upsertList")

    # --- documents -----------------------------------------------------------------------------

    def upload_file(self, name: str, content: bytes, folder_id: str, *, external_id=None) -> str:
        """Add a file to the File Cabinet folder ``folder_id``; returns its internal id.

        ``add`` is not idempotent: only refusals before processing (request limits) are retried,
        never a broken connection, which could have stored the file already.
        """
        return self._retry(
            lambda: self._gateway.add_file(name, content, folder_id, external_id),
            "add file",
            only=NetSuiteRateLimitError,
        )

    def replace_file_content(self, file_id: str, content: bytes) -> None:
        """Replace the content of File Cabinet file ``file_id``: the records it is attached to
        show the new content, and no second file is left behind. Idempotent, so retried."""
        self._retry(lambda: self._gateway.update_file_content(file_id, content), "update file")

    def attach_file(self, file_id: str, record_type: str, record_internal_id: str) -> None:
        """Attach a File Cabinet file to a record, e.g. ``("12", "vendorBill", "5501")``."""
        self._retry(
            lambda: self._gateway.attach(file_id, record_type, record_internal_id), "attach"
        )

    def restlet_status(self) -> dict:
        """REST connections: ask the addon's RESTlet whether it is deployed and which contract
        version it speaks (``{"ok": True, "version": "1"}``). Raises
        :class:`NetSuiteRestletMissing` when none is configured or deployed at the URL."""
        status = getattr(self._gateway, "restlet_status", None)
        if status is None:
            raise ValueError("SOAP connections store files over SOAP: they use no RESTlet")
        return self._retry(status, "restlet ping")

    def delete_bill(self, kind: str, external_id: str) -> bool:
        """Delete the bill or credit (``kind``) booked under ``external_id``; False when there
        is none (also after a retry of a delete whose answer was lost).

        NetSuite's refusal (e.g. ``CANT_DELETE_TRANS`` for a transaction a payment or
        application links) raises :class:`NetSuiteFault`.
        """
        try:
            self._retry(lambda: self._gateway.delete_transaction(kind, external_id), "delete")
        except NetSuiteFault as error:
            if error.code in NOT_FOUND_CODES:
                return False
            raise
        return True

    def get_bills(self, external_ids: Sequence[str]) -> dict[str, BookedBill]:
        """Booked bills and credits by externalId (missing ones are left out).

        getList by externalId RecordRefs: first as vendorBill, then the rest as vendorCredit.
        Exact and cheap, unlike a transaction search, and externalIds are unique across all
        transaction types, so one id cannot match both.
        """
        found: dict[str, BookedBill] = {}
        remaining = list(dict.fromkeys(external_ids))
        for kind in (VENDOR_BILL, VENDOR_CREDIT):
            missing = []
            for start in range(0, len(remaining), MAX_GET_LIST):
                chunk = remaining[start : start + MAX_GET_LIST]
                booked = self._retry(
                    lambda chunk=chunk, kind=kind: self._gateway.get_transactions(kind, chunk),
                    "getList",
                )
                for external_id, bill in zip(chunk, booked, strict=True):
                    if bill is None:
                        missing.append(external_id)
                    else:
                        found[external_id] = bill
            remaining = missing
        return found
