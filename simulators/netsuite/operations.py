"""The SuiteTalk operations the simulator answers: request element in, response element out."""

import base64
import hashlib
import threading
import time
from datetime import UTC, datetime

from lxml import etree

from . import list_records, tran_records
from .bookings import TRANSACTION_TYPES, RecordError, parse_transaction
from .search import (
    DEFAULT_PAGE_SIZE,
    SearchError,
    UnsupportedSearch,
    matches,
    parse_search_record,
    searchable_fields,
)
from .soap import SoapFault, exceeded_record_count
from .xmlutil import Ref, children, local, ref, text, xsi_type

LIST_LIMITS = {"upsertList": 100, "updateList": 100, "addList": 200, "getList": 1000}
WRITE_OPERATIONS = {
    "add": "add",
    "addList": "add",
    "upsert": "upsert",
    "upsertList": "upsert",
    "update": "update",
}
GET_ALL_SUPPORTED = {"currency"}
AFTER_SUBMIT_MESSAGE = (
    "An error occurred in the afterSubmit function of a user event script: "
    "simulated script failure."
)
BEFORE_SUBMIT_MESSAGE = (
    "An error occurred in the beforeSubmit function of a user event script: "
    "simulated script refusal."
)


def not_implemented(what):
    return SoapFault(
        f"The NetSuite simulator does not implement {what}.",
        "UNEXPECTED_ERROR",
        "unexpectedErrorFault",
    )


class Operations:
    """Handlers by operation name; ``sim`` holds the data, the book and the knobs."""

    def __init__(self, sim, writer):
        self.sim = sim
        self.w = writer
        self._request = threading.local()  # per request thread: a beforeSubmit refusal planned

    def record_types(self, operation, request) -> set[str]:
        """Record types a request touches, for the permission switch."""
        if operation == "getAll":
            return {children(request)["record"].get("recordType")}
        if operation == "search":
            try:
                return {parse_search_record(children(request)["searchRecord"])[0]}
            except UnsupportedSearch:
                return set()
        if operation in WRITE_OPERATIONS:
            types = set()
            for record in (r for r in request if local(r) == "record"):
                _, type_name = xsi_type(record)
                types.add(
                    TRANSACTION_TYPES.get(
                        type_name, (type_name or "")[:1].lower() + (type_name or "")[1:]
                    )
                )
            return types
        if operation in ("get", "getList"):
            return {node.get("type") for node in request if local(node) == "baseRef"}
        return set()

    def handle(self, operation, request, headers, *, before_submit_failed=False):
        handler = getattr(self, f"op_{operation}", None)
        if handler is None:
            raise not_implemented(f"the {operation} operation")
        limit = LIST_LIMITS.get(operation)
        if limit is not None and len(request) > limit:
            raise exceeded_record_count(limit)
        self._request.before_submit_failed = before_submit_failed
        try:
            return handler(request, headers)
        finally:
            self._request.before_submit_failed = False

    # -- helpers ---------------------------------------------------------------------------------

    def msg(self, name, value=None, parent=None, **attrs):
        return self.w.el("platformMsgs", name, value, parent=parent, **attrs)

    def status(self, parent, error=None, prefix="platformCore"):
        node = self.w.el(prefix, "status", parent=parent, isSuccess="false" if error else "true")
        if error is not None:
            detail = self.w.el("platformCore", "statusDetail", parent=node, type="ERROR")
            self.w.el("platformCore", "code", error.code, parent=detail)
            self.w.el("platformCore", "message", error.message, parent=detail)
        return node

    def per_record_pause(self):
        if self.sim.latency_record:
            time.sleep(self.sim.latency_record)

    # -- simple reads ----------------------------------------------------------------------------

    def op_getServerTime(self, request, headers):
        response = self.msg("getServerTimeResponse")
        result = self.w.el("platformCore", "getServerTimeResult", parent=response)
        self.status(result)
        now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        self.w.el("platformCore", "serverTime", now, parent=result)
        return response

    def op_getAll(self, request, headers):
        record_type = children(request)["record"].get("recordType")
        response = self.msg("getAllResponse")
        result = self.w.el("platformCore", "getAllResult", parent=response)
        self.status(result)
        records = []
        if record_type in GET_ALL_SUPPORTED:
            source, serialize = list_records.LIST_TYPES[record_type]
            records = [
                serialize(self.w, self.sim.data, r, ("platformCore", "record"))
                for r in source(self.sim.data)
            ]
        self.w.el("platformCore", "totalRecords", len(records), parent=result)
        record_list = self.w.el("platformCore", "recordList", parent=result)
        for record in records:
            self.per_record_pause()
            record_list.append(record)
        return response

    def serialize(self, record_type, record, tag, body_fields_only=True):
        if record_type in ("transaction", "vendorBill", "vendorCredit"):
            return tran_records.transaction(self.w, self.sim.data, record, tag, body_fields_only)
        _, serialize = list_records.LIST_TYPES[record_type]
        return serialize(self.w, self.sim.data, record, tag, body_fields_only)

    def read_one(self, base_ref) -> tuple:
        """``(record element, None)`` or ``(None, RecordError)`` for a get baseRef."""
        key = ref(base_ref)
        record_type = key.type
        if record_type in ("vendorBill", "vendorCredit"):
            found = self.sim.book.find(record_type, key)
        elif record_type in list_records.LIST_TYPES:
            source, _ = list_records.LIST_TYPES[record_type]
            found = next((r for r in source(self.sim.data) if _same(r, key)), None)
        else:
            return None, RecordError(
                "INVALID_RCRD_TYPE", f"The simulator cannot get {record_type} records."
            )
        if found is None:
            return None, RecordError("RCRD_DSNT_EXIST", "That record does not exist.")
        return self.serialize(record_type, found, ("platformMsgs", "record"), False), None

    def op_get(self, request, headers):
        response = self.msg("getResponse")
        self._read_response(response, children(request)["baseRef"])
        return response

    def op_getList(self, request, headers):
        response = self.msg("getListResponse")
        result = self.msg("readResponseList", parent=response)
        self.status(result)
        for base_ref in request:
            self._read_response(result, base_ref)
        return response

    def _read_response(self, parent, base_ref):
        self.per_record_pause()
        node = self.msg("readResponse", parent=parent)
        record, error = self.read_one(base_ref)
        self.status(node, error)
        if record is not None:
            node.append(record)

    # -- search ----------------------------------------------------------------------------------

    def op_search(self, request, headers):
        preferences = headers.get("searchPreferences")
        page_size = int(text(preferences, "pageSize", DEFAULT_PAGE_SIZE))
        body_fields_only = text(preferences, "bodyFieldsOnly", "true") in ("true", "1")
        try:
            record_type, criteria = parse_search_record(children(request)["searchRecord"])
            candidates = self._search_candidates(record_type)
            found = [
                r
                for r in candidates
                if matches(searchable_fields(self.sim.data, record_type, r), criteria)
            ]
        except UnsupportedSearch as unsupported:
            raise not_implemented(f"search criterion {unsupported}") from None
        try:
            session = self.sim.searches.start(record_type, found, page_size, body_fields_only)
        except SearchError as error:
            return self._search_response("searchResponse", error=error)
        return self._search_response("searchResponse", session, 1)

    def _search_candidates(self, record_type):
        if record_type == "transaction":
            records = self.sim.book.all()
        else:
            source, _ = list_records.LIST_TYPES[record_type]
            records = list(source(self.sim.data))
        return sorted(records, key=lambda r: int(r.internal_id))

    def op_searchMoreWithId(self, request, headers):
        search_id = text(request, "searchId")
        page_index = int(text(request, "pageIndex"))
        try:
            session = self.sim.searches.get(search_id, page_index)
        except SearchError as error:
            return self._search_response("searchMoreWithIdResponse", error=error)
        return self._search_response("searchMoreWithIdResponse", session, page_index)

    def _search_response(self, name, session=None, page_index=None, error=None):
        response = self.msg(name)
        result = self.w.el("platformCore", "searchResult", parent=response)
        self.status(result, error)
        if session is None:
            return response
        page = session.page(page_index)
        for field, value in (
            ("totalRecords", len(session.records)),
            ("pageSize", session.page_size),
            ("totalPages", session.total_pages),
            ("pageIndex", page_index),
            ("searchId", session.search_id),
        ):
            self.w.el("platformCore", field, value, parent=result)
        record_list = self.w.el("platformCore", "recordList", parent=result)
        for record in page:
            self.per_record_pause()
            record_type = (
                record.kind if session.record_type == "transaction" else session.record_type
            )
            record_list.append(
                self.serialize(
                    record_type, record, ("platformCore", "record"), session.body_fields_only
                )
            )
        return response

    # -- writes ----------------------------------------------------------------------------------

    def op_add(self, request, headers):
        return self._write_single("addResponse", "add", request)

    def op_upsert(self, request, headers):
        return self._write_single("upsertResponse", "upsert", request)

    def op_update(self, request, headers):
        return self._write_single("updateResponse", "update", request)

    def op_delete(self, request, headers):
        response = self.msg("deleteResponse")
        node = self.msg("writeResponse", parent=response)
        key = ref(children(request)["baseRef"])
        try:
            if key.type not in ("vendorBill", "vendorCredit"):
                raise RecordError(
                    "INVALID_RCRD_TYPE", f"The simulator cannot delete {key.type} records."
                )
            deleted = self.sim.book.delete(key.type, key)
        except RecordError as error:
            self.status(node, error)
            return response
        self.status(node)
        base_ref = self.msg(
            "baseRef",
            parent=node,
            internalId=deleted.internal_id,
            externalId=deleted.external_id,
            type=key.type,
        )
        base_ref.set(etree.QName(self.w.ns["xsi"], "type").text, "platformCore:RecordRef")
        return response

    def op_addList(self, request, headers):
        return self._write_list("addListResponse", "add", request)

    def op_upsertList(self, request, headers):
        return self._write_list("upsertListResponse", "upsert", request)

    def _write_single(self, name, operation, request):
        response = self.msg(name)
        self._write_response(response, operation, children(request)["record"])
        return response

    def _write_list(self, name, operation, request):
        response = self.msg(name)
        result = self.msg("writeResponseList", parent=response)
        self.status(result)
        for record in request:
            self._write_response(result, operation, record)
        return response

    def _write_response(self, parent, operation, record):
        self.per_record_pause()
        node = self.msg("writeResponse", parent=parent)
        try:
            internal_id, external_id, record_type = self.write_one(operation, record)
        except RecordError as error:
            self.status(node, error)
            return
        self.status(node)
        base_ref = self.msg(
            "baseRef", parent=node, internalId=internal_id, externalId=external_id, type=record_type
        )
        base_ref.set(etree.QName(self.w.ns["xsi"], "type").text, "platformCore:RecordRef")

    def write_one(self, operation, record):
        if getattr(self._request, "before_submit_failed", False):
            # a user event script threw in beforeSubmit: the record is not saved
            raise RecordError("USER_ERROR", BEFORE_SUBMIT_MESSAGE)
        namespace, type_name = xsi_type(record)
        if namespace == self.w.ns["tranPurch"] and type_name in TRANSACTION_TYPES:
            kind = TRANSACTION_TYPES[type_name]
            booked = self.sim.book.write(operation, parse_transaction(record, kind))
            return booked.internal_id, booked.external_id, kind
        if namespace == self.w.ns["docFileCab"] and type_name == "File" and operation == "add":
            return self._add_file(record), record.get("externalId"), "file"
        if namespace == self.w.ns["docFileCab"] and type_name == "File" and operation == "update":
            return self._update_file(record), record.get("externalId"), "file"
        raise RecordError(
            "INVALID_RCRD_TYPE",
            f"The simulator does not support {operation} of {type_name} records.",
        )

    def _add_file(self, record):
        if not text(record, "name"):
            raise RecordError("USER_ERROR", "Please enter value(s) for: Name")
        values = {
            "name": text(record, "name"),
            "file_type": text(record, "fileType"),
            "folder_id": (ref(children(record).get("folder")) or Ref(None, None)).internal_id,
            "description": text(record, "description"),
            **_file_content(record),
        }
        return self.sim.book.add_file(record.get("externalId"), values)

    def _update_file(self, record):
        """Update sets only the fields sent: a new content replaces the stored one."""
        values = {"name": text(record, "name"), **_file_content(record)}
        values = {key: value for key, value in values.items() if value is not None}
        return self.sim.book.update_file(record.get("internalId"), values)

    def fail_after_submit(self, response):
        """Report every saved record as an afterSubmit user event script failure.

        NetSuite's shape for it: the record IS saved and baseRef carries its internalId, but the
        status is a failure whose detail has ``afterSubmitFailed`` true. Clients must not resend.
        """
        for node in response.iter(self.w.tag("platformMsgs", "writeResponse")):
            status = node.find(self.w.tag("platformCore", "status"))
            if status.get("isSuccess") != "true":
                continue
            status.set("isSuccess", "false")
            detail = self.w.el("platformCore", "statusDetail", parent=status, type="ERROR")
            self.w.el("platformCore", "code", "USER_ERROR", parent=detail)
            self.w.el("platformCore", "message", AFTER_SUBMIT_MESSAGE, parent=detail)
            self.w.el("platformCore", "afterSubmitFailed", True, parent=detail)

    def op_attach(self, request, headers):
        reference = children(request)["attachReference"]
        _, type_name = xsi_type(reference)
        response = self.msg("attachResponse")
        node = self.msg("writeResponse", parent=response)
        fields = children(reference)
        try:
            if type_name != "AttachBasicReference":
                raise RecordError(
                    "INVALID_RCRD_TYPE", f"The simulator does not support {type_name}."
                )
            target, attached = ref(fields["attachTo"]), ref(fields["attachedRecord"])
            self.sim.book.attach_file(target.internal_id, attached.internal_id)
        except RecordError as error:
            self.status(node, error)
            return response
        self.status(node)
        base_ref = self.msg("baseRef", parent=node, internalId=target.internal_id, type=target.type)
        base_ref.set(etree.QName(self.w.ns["xsi"], "type").text, "platformCore:RecordRef")
        return response


def _file_content(record) -> dict:
    encoded = text(record, "content")
    if encoded is None:
        return {}
    content = base64.b64decode(encoded)
    return {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}


def _same(record, key: Ref):
    if key.internal_id is not None:
        return record.internal_id == key.internal_id
    external = getattr(record, "external_id", None) or ""
    return bool(key.external_id) and external.casefold() == key.external_id.casefold()
