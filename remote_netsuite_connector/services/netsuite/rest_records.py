"""REST record JSON <-> the plain values of types.py, for vendorBill and vendorCredit."""

from decimal import Decimal

from .soap_records import xsd_double
from .types import VENDOR_BILL, VENDOR_CREDIT, BillLine, BillPayload, BookedBill

RECORD_TYPES = {VENDOR_BILL: "vendorBill", VENDOR_CREDIT: "vendorCredit"}


def _ref(internal_id):
    return {"id": internal_id}


def _line(line: BillLine) -> dict:
    body = {
        "account": _ref(line.account_id),
        # JSON numbers: exact for the at most 3 decimals of a currency amount
        "amount": float(xsd_double(line.amount)),
        "memo": line.memo,
    }
    for name, value in (
        ("department", line.department_id),
        ("class", line.class_id),
        ("location", line.location_id),
    ):
        if value:
            body[name] = _ref(value)
    return body


def bill_body(payload: BillPayload) -> dict:
    """The PUT body of an upsert; the externalId is the URL's ``eid:``, the same as SOAP's."""
    body = {
        "tranId": payload.tran_id,
        "tranDate": payload.tran_date.isoformat(),  # REST dates carry no time zone
        "entity": _ref(payload.vendor_id),
        "subsidiary": _ref(payload.subsidiary_id),
        "currency": _ref(payload.currency_id),
        "memo": payload.memo,
        "expense": {"items": [_line(line) for line in payload.lines]},
    }
    if payload.posting_period_id:
        body["postingPeriod"] = _ref(payload.posting_period_id)
    return body


def _id(body, name):
    value = body.get(name)
    return str(value["id"]) if isinstance(value, dict) and value.get("id") is not None else None


def booked_bill(body: dict, kind: str) -> BookedBill:
    items = (body.get("expense") or {}).get("items") or []
    return BookedBill(
        kind=kind,
        internal_id=str(body["id"]),
        external_id=body.get("externalId"),
        tran_id=body.get("tranId"),
        subsidiary_id=_id(body, "subsidiary"),
        vendor_id=_id(body, "entity"),
        currency_id=_id(body, "currency"),
        total=None if body.get("total") is None else Decimal(str(body["total"])),
        lines=tuple(
            BillLine(
                account_id=_id(item, "account"),
                amount=Decimal(str(item.get("amount"))),
                memo=item.get("memo") or "",
                department_id=_id(item, "department"),
                class_id=_id(item, "class"),
                location_id=_id(item, "location"),
            )
            for item in items
        ),
    )
