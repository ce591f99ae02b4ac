"""Plain values read from Remote's API. Money stays in integer minor units, never float."""

from dataclasses import dataclass, field
from datetime import date

PREFUNDING_INVOICE = "prefunding_invoice"
RECONCILIATION_INVOICE = "reconciliation_invoice"
RECONCILIATION_CREDIT_NOTE = "reconciliation_credit_note"
SUPPLEMENTAL_SERVICE_INVOICE = "supplemental_service_invoice"
PREFUNDING_CREDIT_NOTE = "prefunding_credit_note"
SUPPLEMENTAL_SERVICE_CREDIT_NOTE = "supplemental_service_credit_note"

INVOICE_TYPES = frozenset(
    {PREFUNDING_INVOICE, RECONCILIATION_INVOICE, SUPPLEMENTAL_SERVICE_INVOICE}
)
CREDIT_NOTE_TYPES = frozenset(
    {RECONCILIATION_CREDIT_NOTE, PREFUNDING_CREDIT_NOTE, SUPPLEMENTAL_SERVICE_CREDIT_NOTE}
)
KNOWN_TYPES = INVOICE_TYPES | CREDIT_NOTE_TYPES
PREFUNDING_TYPES = frozenset({PREFUNDING_INVOICE, PREFUNDING_CREDIT_NOTE})
RECONCILIATION_TYPES = frozenset({RECONCILIATION_INVOICE, RECONCILIATION_CREDIT_NOTE})


@dataclass(frozen=True)
class Identity:
    company_id: str
    company_name: str
    user_email: str | None = None


@dataclass(frozen=True)
class LegalEntity:
    id: str
    name: str
    country_code: str | None = None
    is_default: bool = False


@dataclass(frozen=True)
class Department:
    id: str
    name: str


@dataclass(frozen=True)
class Employment:
    id: str
    full_name: str
    department_id: str | None = None
    department: str | None = None
    bill_to_legal_entity_id: str | None = None


@dataclass(frozen=True)
class BillingDocumentSummary:
    """An item of the period listing: no amounts there, a show call is needed."""

    id: str
    period: str | None
    document_type: str | None
    bill_from: str | None


@dataclass(frozen=True)
class BillingDocumentItem:
    type: str
    amount: int  # minor units of the document currency
    employment_id: str | None = None


@dataclass(frozen=True)
class BillingDocument:
    id: str
    number: str
    period: str  # "YYYY-MM"
    document_type: str  # may be a type this connector does not know: never an error here
    currency: str  # ISO 4217
    company_id: str
    issued_date: date
    total: int  # minor units
    items: tuple[BillingDocumentItem, ...] = ()
    bill_from: str | None = None  # the issuing Remote entity, from the listing

    @property
    def is_known_type(self) -> bool:
        return self.document_type in KNOWN_TYPES

    @property
    def is_credit_note(self) -> bool:
        return self.document_type in CREDIT_NOTE_TYPES


@dataclass(frozen=True)
class BreakdownLine:
    type: str  # human category, e.g. "Base Salary"
    description: str
    employment_id: str | None  # None = company-level charge
    invoice_amount: int  # minor units of the invoice currency
    invoice_currency: str | None = None
    invoice_number: str | None = None
    invoice_period: str | None = None
    country_code: str | None = None
    source_amount: int | None = None
    source_currency: str | None = None
    fx_rate: str | None = None  # decimal string, kept as given
    extra: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class WebhookEvent:
    event_type: str
    billing_document_id: str | None
    document_type: str | None
    company_id: str | None
