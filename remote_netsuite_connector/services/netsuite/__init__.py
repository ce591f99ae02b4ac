"""NetSuite client: SuiteTalk SOAP (zeep, token-based authentication) behind plain values."""

from .client import NetSuiteClient
from .errors import (
    NetSuiteAuthError,
    NetSuiteError,
    NetSuiteFault,
    NetSuiteRateLimitError,
    NetSuiteTransportError,
)
from .types import (
    VENDOR_BILL,
    VENDOR_CREDIT,
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
    "VENDOR_BILL",
    "VENDOR_CREDIT",
    "BillLine",
    "BillPayload",
    "BookedBill",
    "NetSuiteAuthError",
    "NetSuiteClient",
    "NetSuiteError",
    "NetSuiteFault",
    "NetSuiteRateLimitError",
    "NetSuiteSettings",
    "NetSuiteTransportError",
    "NsAccount",
    "NsCurrency",
    "NsRecord",
    "NsVendor",
    "UpsertResult",
]
