"""NetSuite client: SuiteTalk SOAP (zeep, token-based authentication) or REST (OAuth 2.0
client credentials) behind plain values."""

from .client import MAX_RECORDS_PER_REQUEST, NetSuiteClient
from .errors import (
    NetSuiteAuthError,
    NetSuiteError,
    NetSuiteFault,
    NetSuiteRateLimitError,
    NetSuiteRestletMissing,
    NetSuiteTransportError,
)
from .types import (
    VENDOR_BILL,
    VENDOR_CREDIT,
    AccountingPeriod,
    BillLine,
    BillPayload,
    BookedBill,
    NetSuiteSettings,
    NsAccount,
    NsCurrency,
    NsRecord,
    NsVendor,
    UpsertResult,
)

__all__ = [
    "MAX_RECORDS_PER_REQUEST",
    "VENDOR_BILL",
    "VENDOR_CREDIT",
    "AccountingPeriod",
    "BillLine",
    "BillPayload",
    "BookedBill",
    "NetSuiteAuthError",
    "NetSuiteClient",
    "NetSuiteError",
    "NetSuiteFault",
    "NetSuiteRateLimitError",
    "NetSuiteRestletMissing",
    "NetSuiteSettings",
    "NetSuiteTransportError",
    "NsAccount",
    "NsCurrency",
    "NsRecord",
    "NsVendor",
    "UpsertResult",
]
