"""Strict readers turning Remote's JSON into the plain values of ``types``.

Anything that cannot be read raises RemoteDataError naming the object and the field, so a changed or
broken response never surfaces as a KeyError/TypeError or, worse, as a wrong amount.
Fields the dataclasses require must be present; optional ones may be absent or null, but when given
they must have the documented type.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from .errors import RemoteDataError
from .types import (
    BillingDocument,
    BillingDocumentItem,
    BillingDocumentSummary,
    BreakdownLine,
    Department,
    Employment,
    Identity,
    LegalEntity,
    WebhookEvent,
)

_PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MISSING = object()
# Minor units. Far beyond any payroll, and sums of thousands of such lines still fit PostgreSQL's
# bigint, where Odoo stores them: a larger amount fails its document instead of the whole sync.
MAX_AMOUNT = 10**15


def is_period(value):
    return isinstance(value, str) and _PERIOD.fullmatch(value) is not None


def _shown(value):
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Fields:
    """One JSON object from Remote, read field by field with errors that say where."""

    def __init__(self, obj, what):
        if not isinstance(obj, dict):
            raise RemoteDataError(f"Remote sent {what} that is not a JSON object: {_shown(obj)}")
        self.obj = obj
        self.what = what

    def fail(self, key, problem):
        raise RemoteDataError(f"Remote {self.what}: field '{key}' {problem}")

    def _get(self, key, required):
        value = self.obj.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.fail(key, "is missing" if value is _MISSING else "is null")
            return None
        return value

    def text(self, key, *, required=True):
        value = self._get(key, required)
        if value is not None and not isinstance(value, str):
            self.fail(key, f"must be a string, got {_shown(value)}")
        if required and not value.strip():
            self.fail(key, "is empty")
        return value

    def amount(self, key, *, required=True):
        value = self._get(key, required)
        # bool is an int subclass; floats and strings are refused so no amount is ever rounded
        if value is not None and (type(value) is not int):
            self.fail(key, f"must be an integer amount in minor units, got {_shown(value)}")
        if value is not None and abs(value) > MAX_AMOUNT:
            self.fail(
                key, f"is too large to book: {_shown(value)} minor units (at most {MAX_AMOUNT:,})"
            )
        return value

    def flag(self, key):
        value = self._get(key, required=False)
        if value is not None and not isinstance(value, bool):
            self.fail(key, f"must be true or false, got {_shown(value)}")
        return bool(value)

    def period(self, key, *, required=True):
        value = self.text(key, required=required)
        if value is not None and not is_period(value):
            self.fail(key, f"must be a month as YYYY-MM, got {_shown(value)}")
        return value

    def day(self, key):
        value = self.text(key)
        try:
            parsed = date.fromisoformat(value) if _DAY.fullmatch(value) else None
        except ValueError:
            parsed = None
        if parsed is None:
            self.fail(key, f"must be a date as YYYY-MM-DD, got {_shown(value)}")
        return parsed

    def decimal_text(self, key):
        value = self.text(key, required=False)
        try:
            readable = value is None or Decimal(value).is_finite()
        except InvalidOperation:
            readable = False
        if not readable:
            self.fail(key, f"must be a decimal number as a string, got {_shown(value)}")
        return value

    def object(self, key, what):
        return _Fields(self._get(key, required=True), what)

    def rows(self, key):
        value = self._get(key, required=True)
        if not isinstance(value, list):
            self.fail(key, f"must be a list, got {_shown(value)}")
        return value


def envelope(body, what):
    """The ``data`` object of a Remote response body."""
    return _Fields(body, what).object("data", what)


def _labelled(obj, kind):
    """A reader labelled with the object's id when it has a readable one."""
    ident = obj.get("id") if isinstance(obj, dict) else None
    return _Fields(obj, f"{kind} {ident}" if isinstance(ident, str) else kind)


def identity(data):
    company = data.object("company", "identity company")
    user = data.obj.get("user")
    email = user.get("email") if isinstance(user, dict) else None
    return Identity(
        company_id=company.text("id"),
        company_name=company.text("name", required=False) or "",
        user_email=email if isinstance(email, str) else None,
    )


def legal_entity(obj):
    fields = _labelled(obj, "legal entity")
    return LegalEntity(
        id=fields.text("id"),
        name=fields.text("name"),
        country_code=fields.text("country_code", required=False),
        is_default=fields.flag("is_default"),
    )


def department(obj):
    fields = _labelled(obj, "department")
    return Department(id=fields.text("id"), name=fields.text("name"))


def employment(obj):
    fields = _labelled(obj, "employment")
    return Employment(
        id=fields.text("id"),
        full_name=fields.text("full_name"),
        department_id=fields.text("department_id", required=False),
        department=fields.text("department", required=False),
        bill_to_legal_entity_id=fields.text("bill_to_legal_entity_id", required=False),
    )


def document_summary(obj):
    fields = _labelled(obj, "billing document")
    return BillingDocumentSummary(
        id=fields.text("id"),
        period=fields.period("billing_document_period", required=False),
        document_type=fields.text("billing_document_type", required=False),
        bill_from=fields.text("bill_from", required=False),
    )


def billing_document(obj, *, bill_from=None):
    fields = _labelled(obj, "billing document")
    items = []
    for index, item in enumerate(fields.rows("items")):
        row = _Fields(item, f"{fields.what} item {index}")
        items.append(
            BillingDocumentItem(
                type=row.text("type"),
                amount=row.amount("billing_document_amount"),
                employment_id=row.text("employment_id", required=False),
            )
        )
    return BillingDocument(
        id=fields.text("id"),
        number=fields.text("billing_document_number"),
        period=fields.period("billing_document_period"),
        document_type=fields.text("billing_document_type"),
        currency=fields.text("billing_document_currency"),
        company_id=fields.text("company_id"),
        issued_date=fields.day("issued_date"),
        total=fields.amount("total"),
        items=tuple(items),
        bill_from=bill_from,
    )


_BREAKDOWN_FIELDS = frozenset(
    {
        "type",
        "description",
        "employment_id",
        "invoice_amount",
        "invoice_currency",
        "invoice_number",
        "invoice_period",
        "country_code",
        "source_amount",
        "source_currency",
        "fx_rate",
    }
)


def breakdown_line(obj, what):
    row = _Fields(obj, what)
    row.amount("variance_from_invoice_amount", required=False)
    return BreakdownLine(
        type=row.text("type"),
        description=row.text("description", required=False) or "",
        employment_id=row.text("employment_id", required=False),
        invoice_amount=row.amount("invoice_amount"),
        invoice_currency=row.text("invoice_currency", required=False),
        invoice_number=row.text("invoice_number", required=False),
        invoice_period=row.period("invoice_period", required=False),
        country_code=row.text("country_code", required=False),
        source_amount=row.amount("source_amount", required=False),
        source_currency=row.text("source_currency", required=False),
        fx_rate=row.decimal_text("fx_rate"),
        extra={key: value for key, value in obj.items() if key not in _BREAKDOWN_FIELDS},
    )


def webhook_event(obj):
    fields = _Fields(obj, "webhook event")
    event_type = fields.text("event_type")
    return WebhookEvent(
        event_type=event_type,
        billing_document_id=fields.text(
            "billing_document_id", required=event_type == "billing_document.issued"
        ),
        document_type=fields.text("document_type", required=False),
        company_id=fields.text("company_id", required=False),
    )
