"""The REST face's record API for vendorBill/vendorCredit, on the same Book as SOAP."""

from datetime import date

from .bookings import HEADER_REFS, LINE_REFS, Draft, RecordError, parse_decimal
from .xmlutil import Ref

RECORD_TYPES = {"vendorbill": "vendorBill", "vendorcredit": "vendorCredit"}


def _ref(value) -> Ref:
    if not isinstance(value, dict):
        raise RecordError("INVALID_CONTENT", f"Invalid reference {value!r}")
    internal = value.get("id")
    return Ref(None if internal is None else str(internal), value.get("externalId"))


def draft_from_json(kind, external_id, body: dict) -> Draft:
    values = {}
    for name, attr in (("tranId", "tran_id"), ("memo", "memo")):
        if name in body:
            values[attr] = body[name] or ""
    for name, attr in (("tranDate", "tran_date"), ("dueDate", "due_date")):
        if name in body:
            try:
                values[attr] = date.fromisoformat(body[name])
            except (TypeError, ValueError):
                raise RecordError("INVALID_CONTENT", f"Invalid {name}: {body[name]}") from None
    refs = {attr: _ref(body[name]) for name, (attr, _) in HEADER_REFS.items() if name in body}
    lines = None
    if "expense" in body:
        lines = []
        for item in (body["expense"] or {}).get("items", []):
            line = {attr: _ref(item[name]) for name, attr in LINE_REFS.items() if name in item}
            if "amount" in item:
                line["amount"] = parse_decimal(str(item["amount"]), "amount")
            if "memo" in item:
                line["memo"] = item["memo"] or ""
            lines.append(line)
    return Draft(kind, None, external_id, values, refs, lines, True)


def bill_json(t) -> dict:
    def ref(value):
        return None if value is None else {"id": value}

    return {
        "id": t.internal_id,
        "externalId": t.external_id,
        "tranId": t.tran_id,
        "tranDate": t.tran_date.isoformat() if t.tran_date else None,
        "memo": t.memo,
        "entity": ref(t.vendor_id),
        "subsidiary": ref(t.subsidiary_id),
        "currency": ref(t.currency_id),
        "total": float(t.total),
        "expense": {
            "items": [
                {
                    "line": line.line,
                    "account": ref(line.account_id),
                    "amount": format(line.amount, "f") if line.amount is not None else None,
                    "memo": line.memo,
                    "department": ref(line.department_id),
                    "class": ref(line.class_id),
                    "location": ref(line.location_id),
                }
                for line in t.lines
            ]
        },
    }
