"""The generated company as plain objects, and their JSON shapes as Remote's API returns them.

Money is integer minor units of the currency concerned (JPY has none, KWD three).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .catalog import Country

PREFUNDING_INVOICE = "prefunding_invoice"
RECONCILIATION_INVOICE = "reconciliation_invoice"
RECONCILIATION_CREDIT_NOTE = "reconciliation_credit_note"
SUPPLEMENTAL_SERVICE_INVOICE = "supplemental_service_invoice"

CREDIT_NOTE_SUFFIX = "_credit_note"


@dataclass(frozen=True)
class Company:
    id: str
    name: str
    user_id: str
    user_name: str
    user_email: str


@dataclass(frozen=True)
class LegalEntity:
    id: str
    name: str
    country_code: str  # ISO 3166-1 alpha-3
    currency: str  # the currency this entity is billed in
    is_default: bool = False
    global_payroll_enabled: bool = False

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "country_code": self.country_code,
            "is_default": self.is_default,
            "global_payroll_enabled": self.global_payroll_enabled,
        }


@dataclass(frozen=True)
class Department:
    id: str
    company_id: str
    name: str

    def to_json(self) -> dict:
        return {"id": self.id, "company_id": self.company_id, "name": self.name}


@dataclass(frozen=True)
class Employment:
    id: str
    company_id: str
    full_name: str
    job_title: str
    country: Country  # where the employee works (source currency of the lines)
    department_id: str | None
    department: str | None
    bill_to_legal_entity_id: str
    external_id: str
    short_id: str
    work_email: str
    monthly_salary_usd: int  # whole USD, the size of the salary before conversion
    monthly_benefits_usd: int

    def to_minimal_json(self) -> dict:
        return {
            "id": self.id,
            "full_name": self.full_name,
            "job_title": self.job_title,
            "status": "active",
            "type": "employee",
            "employment_model": "eor",
            "country": {
                "code": self.country.alpha3,
                "alpha_2_code": self.country.alpha2,
                "name": self.country.name,
            },
            "external_id": self.external_id,
            "short_id": self.short_id,
            "department": self.department,
            "department_id": self.department_id,
            "work_email": self.work_email,
            "login_email": self.work_email,
        }

    def to_json(self) -> dict:
        return {
            **self.to_minimal_json(),
            "company_id": self.company_id,
            "bill_to_legal_entity_id": self.bill_to_legal_entity_id,
            "engaged_by_legal_entity_id": self.bill_to_legal_entity_id,
            "manager_email": None,
        }


@dataclass(frozen=True)
class BreakdownLine:
    type: str  # human category, "Base Salary"
    description: str
    employment_id: str | None  # None: a company-level charge
    country_code: str | None
    invoice_amount: int
    invoice_currency: str
    invoice_number: str
    invoice_period: str
    source_amount: int
    source_currency: str
    fx_rate: str
    variance_from_invoice: str | None = None
    variance_from_invoice_amount: int | None = None

    @property
    def item_type(self) -> str:
        """The snake_case cost category of the document's ``items[]``."""
        return re.sub(r"[^a-z0-9]+", "_", self.type.lower()).strip("_")

    def to_json(self) -> dict:
        return {
            "type": self.type,
            "description": self.description,
            "employment_id": self.employment_id,
            "country_code": self.country_code,
            "invoice_amount": self.invoice_amount,
            "invoice_currency": self.invoice_currency,
            "invoice_number": self.invoice_number,
            "invoice_period": self.invoice_period,
            "source_amount": self.source_amount,
            "source_currency": self.source_currency,
            "fx_rate": self.fx_rate,
            "variance_from_invoice": self.variance_from_invoice,
            "variance_from_invoice_amount": self.variance_from_invoice_amount,
        }

    def to_item_json(self) -> dict:
        same_currency = self.source_currency == self.invoice_currency
        return {
            "type": self.item_type,
            "billing_document_amount": self.invoice_amount,
            "billing_document_currency": self.invoice_currency,
            "employment_id": self.employment_id,
            "source_amount": self.source_amount,
            "source_currency": None if same_currency else self.source_currency,
        }


@dataclass(frozen=True)
class BillingGroup:
    """Legal entities billed in one currency share one document per type and month."""

    currency: str
    legal_entities: tuple[LegalEntity, ...]
    employments: tuple[Employment, ...]

    @property
    def has_default_entity(self) -> bool:
        return any(entity.is_default for entity in self.legal_entities)


@dataclass(eq=False)
class Document:
    """A billing document. Its lines are generated on demand (see lines.py), to keep memory low.

    ``kind`` tells the generator what to produce: "prefunding", "reconciliation",
    "credit_note", "zero", "legacy_negative", "service" or "explicit" (``explicit_lines``).
    """

    id: str
    number: str
    period: str
    type: str
    currency: str
    company_id: str
    issued_date: date
    bill_from: str
    group: BillingGroup
    kind: str
    line_source: Callable[["Document"], list[BreakdownLine]] = field(repr=False)
    explicit_lines: list[BreakdownLine] | None = field(default=None, repr=False)
    adjustments: list[BreakdownLine] = field(default_factory=list, repr=False)
    _total: int | None = field(default=None, repr=False)

    @property
    def is_credit_note(self) -> bool:
        return self.type.endswith(CREDIT_NOTE_SUFFIX)

    @property
    def is_legacy_negative(self) -> bool:
        return self.kind == "legacy_negative"

    @property
    def breakdown(self) -> list[BreakdownLine]:
        return self.line_source(self) + self.adjustments

    @property
    def total(self) -> int:
        if self._total is None:
            self._total = sum(line.invoice_amount for line in self.breakdown)
        return self._total

    def forget_total(self) -> None:
        self._total = None

    def totals_by_legal_entity(self, employments_by_id: dict) -> dict:
        """Sum of the lines per ``bill_to_legal_entity_id``; company-level lines under None."""
        totals: dict = {}
        for line in self.breakdown:
            employment = employments_by_id.get(line.employment_id)
            key = employment.bill_to_legal_entity_id if employment else None
            totals[key] = totals.get(key, 0) + line.invoice_amount
        return totals

    def to_summary_json(self) -> dict:
        return {
            "id": self.id,
            "billing_document_period": self.period,
            "billing_document_type": self.type,
            "bill_from": self.bill_from,
        }

    def to_json(self) -> dict:
        lines = self.breakdown
        return {
            "id": self.id,
            "billing_document_number": self.number,
            "billing_document_period": self.period,
            "billing_document_type": self.type,
            "billing_document_currency": self.currency,
            "company_id": self.company_id,
            "issued_date": self.issued_date.isoformat(),
            "total": sum(line.invoice_amount for line in lines),
            "items": [line.to_item_json() for line in lines],
        }
