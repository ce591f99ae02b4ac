"""SuiteTalk records <-> the plain values of types.py (zeep objects stay in the SOAP modules)."""

from dataclasses import dataclass
from decimal import Decimal

from .types import (
    VENDOR_BILL,
    VENDOR_CREDIT,
    BillLine,
    BillPayload,
    BookedBill,
    NsAccount,
    NsCurrency,
    NsRecord,
    NsVendor,
    UpsertResult,
)

# payload kind -> (purchases record type, RecordType enum value)
TRANSACTION_TYPES = {
    VENDOR_BILL: ("VendorBill", "vendorBill"),
    VENDOR_CREDIT: ("VendorCredit", "vendorCredit"),
}


class Schema:
    """Full-QName access to the types of one WSDL version (never zeep's ns0/ns1 prefixes)."""

    def __init__(self, zeep_client, version: str):
        self._client = zeep_client
        self.version = version

    def namespace(self, name: str, area: str) -> str:
        if area == "":
            return f"urn:{name}_{self.version}.webservices.netsuite.com"
        return f"urn:{name}_{self.version}.{area}.webservices.netsuite.com"

    def type(self, name: str, area: str, local_name: str):
        return self._client.get_type(f"{{{self.namespace(name, area)}}}{local_name}")

    def element(self, name: str, area: str, local_name: str):
        return self._client.get_element(f"{{{self.namespace(name, area)}}}{local_name}")

    def core(self, local_name: str):
        return self.type("core", "platform", local_name)

    def purchases(self, local_name: str):
        return self.type("purchases", "transactions", local_name)

    def record_ref(self, internal_id=None, record_type=None, external_id=None):
        return self.core("RecordRef")(
            internalId=internal_id, externalId=external_id, type=record_type
        )


# --- writing -----------------------------------------------------------------------------------


def xsd_double(amount: Decimal) -> str:
    """The exact decimal text of an amount (``1234.50``, ``1234``): never through float."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"amounts must be Decimal, not {type(amount).__name__}")
    if not amount.is_finite():
        raise ValueError(f"amount {amount} is not a finite number")
    return format(amount, "f")


def midnight(payload: BillPayload) -> str:
    """tranDate as midnight with the payload's explicit UTC offset, so NetSuite keeps the date."""
    offset = payload.utc_offset
    if offset in ("Z", "z"):
        offset = "+00:00"
    if len(offset) != 6 or offset[0] not in "+-" or offset[3] != ":":
        raise ValueError(f"utc_offset {payload.utc_offset!r} is not of the form +HH:MM")
    return f"{payload.tran_date.isoformat()}T00:00:00{offset}"


def transaction_record(schema: Schema, payload: BillPayload):
    if payload.kind not in TRANSACTION_TYPES:
        raise ValueError(f"unknown bill kind {payload.kind!r}")
    record_name, _ref_type = TRANSACTION_TYPES[payload.kind]
    ref = schema.record_ref
    expenses = [_expense_line(schema, record_name, line) for line in payload.lines]
    expense_list = schema.purchases(f"{record_name}ExpenseList")(expense=expenses, replaceAll=True)
    fields = {
        "externalId": payload.external_id,
        "entity": ref(payload.vendor_id, "vendor"),
        "subsidiary": ref(payload.subsidiary_id, "subsidiary"),
        "tranDate": midnight(payload),
        "tranId": payload.tran_id,
        "memo": payload.memo,
        "currency": ref(payload.currency_id, "currency"),
        "expenseList": expense_list,
    }
    if payload.posting_period_id:
        fields["postingPeriod"] = ref(payload.posting_period_id, "accountingPeriod")
    return schema.purchases(record_name)(**fields)


def _expense_line(schema: Schema, record_name: str, line: BillLine):
    ref = schema.record_ref
    fields = {"account": ref(line.account_id, "account"), "amount": xsd_double(line.amount)}
    if line.memo:
        fields["memo"] = line.memo
    if line.department_id:
        fields["department"] = ref(line.department_id, "department")
    if line.class_id:
        fields["class"] = ref(line.class_id, "classification")
    if line.location_id:
        fields["location"] = ref(line.location_id, "location")
    return schema.purchases(f"{record_name}Expense")(**fields)


def transaction_ref(schema: Schema, kind: str, external_id: str):
    return schema.record_ref(record_type=TRANSACTION_TYPES[kind][1], external_id=external_id)


# --- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    ok: bool
    code: str | None = None
    message: str | None = None
    after_submit_failed: bool = False


def status_of(status) -> Status:
    """First ERROR detail of a NetSuite ``status`` (warnings do not make a request fail)."""
    if status is None:
        return Status(False, None, "NetSuite returned no status")
    details = status.statusDetail or []
    errors = [d for d in details if (d.type or "ERROR") == "ERROR"] or details
    first = errors[0] if errors else None
    return Status(
        ok=bool(status.isSuccess),
        code=str(first.code) if first is not None and first.code else None,
        message=first.message if first is not None else None,
        after_submit_failed=any(bool(d.afterSubmitFailed) for d in details),
    )


def upsert_result(write_response, external_id: str) -> UpsertResult:
    status = status_of(write_response.status)
    internal_id = write_response.baseRef.internalId if write_response.baseRef is not None else None
    if status.ok or (status.after_submit_failed and internal_id):
        # afterSubmitFailed: a user event script failed after the record was saved; it is booked.
        note = f"afterSubmit failed: {status.message}" if not status.ok else None
        return UpsertResult(external_id, internal_id=internal_id, error_message=note)
    return UpsertResult(
        external_id,
        error_code=status.code or "UNKNOWN_ERROR",
        error_message=status.message or "NetSuite rejected the record without a message",
    )


def _ref_id(ref) -> str | None:
    return ref.internalId if ref is not None else None


def _ref_ids(ref_list) -> tuple[str, ...]:
    if ref_list is None:
        return ()
    return tuple(ref.internalId for ref in (ref_list.recordRef or []) if ref.internalId)


def _enum(value) -> str | None:
    return str(value).removeprefix("_") if value is not None else None


def _decimal(value) -> Decimal | None:
    # zeep reads xsd:double as float; repr() gives the shortest text that round-trips.
    return Decimal(repr(value)) if value is not None else None


def subsidiary(record) -> NsRecord:
    return NsRecord(
        internal_id=record.internalId,
        name=record.name or "",
        is_inactive=bool(record.isInactive),
        extra={
            "currency_id": _ref_id(record.currency),
            "country": _enum(record.country),
            "parent_id": _ref_id(record.parent),
            "legal_name": record.legalName,
        },
    )


def list_record(record) -> NsRecord:
    """Department, classification or location."""
    return NsRecord(
        internal_id=record.internalId,
        name=record.name or "",
        is_inactive=bool(record.isInactive),
        subsidiary_ids=_ref_ids(record.subsidiaryList),
        include_children=bool(record.includeChildren),
        extra={"parent_id": _ref_id(record.parent)},
    )


def account(record) -> NsAccount:
    return NsAccount(
        internal_id=record.internalId,
        name=record.acctName or "",
        number=record.acctNumber or None,
        account_type=_enum(record.acctType) or "",
        is_inactive=bool(record.isInactive),
        subsidiary_ids=_ref_ids(record.subsidiaryList),
        include_children=bool(record.includeChildren),
    )


def vendor(record) -> NsVendor:
    """The vendor with its primary subsidiary (sharing is a separate record type)."""
    primary = _ref_id(record.subsidiary)
    return NsVendor(
        internal_id=record.internalId,
        name=record.companyName or record.entityId or "",
        is_inactive=bool(record.isInactive),
        subsidiary_ids=(primary,) if primary else (),
    )


def vendor_subsidiary_relationship(record) -> tuple[str | None, str | None]:
    return _ref_id(record.entity), _ref_id(record.subsidiary)


def currency(record) -> NsCurrency:
    return NsCurrency(
        internal_id=record.internalId,
        name=record.name or "",
        iso_code=record.symbol or "",
        is_inactive=bool(record.isInactive),
    )


def booked_bill(record, kind: str) -> BookedBill:
    expenses = record.expenseList.expense if record.expenseList is not None else []
    lines = tuple(
        BillLine(
            account_id=_ref_id(line.account),
            amount=_decimal(line.amount) or Decimal(0),
            memo=line.memo or "",
            department_id=_ref_id(line.department),
            class_id=_ref_id(line["class"]),
            location_id=_ref_id(line.location),
        )
        for line in expenses or []
    )
    total_field = record.total if kind == VENDOR_CREDIT else record.userTotal
    total = _decimal(total_field)
    if total is None and lines:
        total = sum((line.amount for line in lines), Decimal(0))
    return BookedBill(
        kind=kind,
        internal_id=record.internalId,
        external_id=record.externalId,
        tran_id=record.tranId,
        subsidiary_id=_ref_id(record.subsidiary),
        vendor_id=_ref_id(record.entity),
        currency_id=_ref_id(record.currency),
        total=total,
        lines=lines,
    )
