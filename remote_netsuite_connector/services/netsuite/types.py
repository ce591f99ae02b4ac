"""Plain values exchanged with NetSuite, independent of the SOAP transport.

Every NetSuite call of the addon goes through :class:`~.client.NetSuiteClient` and takes or returns
only these values, so a REST transport can later replace SOAP behind the same interface.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

VENDOR_BILL = "vendor_bill"
VENDOR_CREDIT = "vendor_credit"


@dataclass(frozen=True)
class NetSuiteSettings:
    account_id: str  # as NetSuite shows it, e.g. "1234567_SB1"
    consumer_key: str
    consumer_secret: str = field(repr=False)
    token_id: str
    token_secret: str = field(repr=False)
    wsdl_version: str = "2025_2"
    wsdl_url: str | None = None  # default: derived from the account host and version
    endpoint_url: str | None = (
        None  # default: https://<account-host>/services/NetSuitePort_<version>
    )
    timeout: float = 60.0
    max_attempts: int = 5  # retryable faults and transport errors
    concurrency: int = 4  # parallel requests for upserts, within the account's limit
    page_size: int = 1000  # search page size, 5-1000
    transport: str = "soap"  # "soap" (TBA) or "rest" (OAuth 2.0 client credentials, M2M)
    client_id: str = ""  # REST: the integration record's client id
    certificate_id: str = ""  # REST: the M2M mapping's Certificate ID (the JWT kid)
    private_key: str = field(default="", repr=False)  # REST: PEM of the certificate's key
    rest_url: str | None = None  # default: https://<account-host>
    # REST: the PDF RESTlet's URL (.../app/site/hosting/restlet.nl?script=...&deploy=...);
    # without it a REST connection stores no files (REST has no File Cabinet records)
    restlet_url: str | None = None


@dataclass(frozen=True)
class NsRecord:
    """A list record (subsidiary, department, class, location)."""

    internal_id: str
    name: str
    is_inactive: bool = False
    subsidiary_ids: tuple[str, ...] = ()  # empty = not restricted
    extra: dict = field(default_factory=dict, compare=False)  # e.g. subsidiary currency/country


@dataclass(frozen=True)
class NsAccount:
    internal_id: str
    name: str
    number: str | None
    account_type: str  # NetSuite AccountType without underscore, e.g. "expense", "otherExpense"
    is_inactive: bool = False
    subsidiary_ids: tuple[str, ...] = ()
    include_children: bool = False


@dataclass(frozen=True)
class NsVendor:
    internal_id: str
    name: str  # companyName, else entityId
    is_inactive: bool = False
    subsidiary_ids: tuple[
        str, ...
    ] = ()  # primary subsidiary and every subsidiary it is shared with


@dataclass(frozen=True)
class NsCurrency:
    internal_id: str
    name: str
    iso_code: str  # "symbol" in NetSuite, e.g. "EUR"
    is_inactive: bool = False


@dataclass(frozen=True)
class AccountingPeriod:
    internal_id: str
    name: str
    start: date
    end: date
    closed: bool  # closed, or locked for payables: no vendor bill can post in it
    is_posting: bool = True  # a month (or other base period): not a quarter, year or adjustment


@dataclass(frozen=True)
class BillLine:
    account_id: str
    amount: (
        Decimal  # at most the currency's decimals; may be negative, the transaction total is not
    )
    memo: str = ""
    department_id: str | None = None
    class_id: str | None = None
    location_id: str | None = None


@dataclass(frozen=True)
class BillPayload:
    kind: str  # VENDOR_BILL or VENDOR_CREDIT
    external_id: str
    tran_id: str
    tran_date: date
    vendor_id: str
    subsidiary_id: str
    currency_id: str
    memo: str
    lines: tuple[BillLine, ...]
    posting_period_id: str | None = None
    utc_offset: str = "+00:00"  # tranDate is sent as midnight with this explicit offset

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


@dataclass(frozen=True)
class UpsertResult:
    """One result per upserted payload, in input order."""

    external_id: str
    internal_id: str | None = None
    error_code: str | None = None
    error_message: str | None = None

    @property
    def ok(self) -> bool:
        return self.internal_id is not None and self.error_code is None


@dataclass(frozen=True)
class BookedBill:
    """A bill or credit as read back from NetSuite."""

    kind: str
    internal_id: str
    external_id: str
    tran_id: str | None
    subsidiary_id: str | None
    vendor_id: str | None
    currency_id: str | None
    total: Decimal | None
    lines: tuple[BillLine, ...] = ()
