"""Turns zeep/requests failures and failed NetSuite statuses into the typed errors of errors.py."""

import requests
from lxml import etree
from zeep import exceptions as zeep_exceptions

from .errors import (
    NetSuiteAuthError,
    NetSuiteError,
    NetSuiteFault,
    NetSuiteRateLimitError,
    NetSuiteTransportError,
    sentence,
)

AUTH_FAULTS = {"invalidCredentialsFault", "invalidAccountFault", "invalidSessionFault"}
PERMISSION_FAULTS = {"insufficientPermissionFault"}
RATE_LIMIT_FAULTS = {"exceededConcurrentRequestLimitFault", "exceededRequestLimitFault"}
AUTH_CODES = {"INVALID_LOGIN_CREDENTIALS", "INVALID_LOGIN_ATTEMPT", "INVALID_ACCOUNT"}
PERMISSION_CODES = {"INSUFFICIENT_PERMISSION"}
RATE_LIMIT_CODES = {"WS_REQUEST_BLOCKED", "WS_CONCUR_SESSION_DISALLWD", "EXCEEDED_MAX_CONCUR_RQST"}

LOGIN_HINT = (
    "Check the account id (exactly as NetSuite shows it, sandboxes as 1234567_SB1), the consumer "
    "key and secret of the integration record, the token id and secret, that the token belongs to "
    "this account and its integration record is enabled, and that this server's clock is correct."
)
PERMISSION_HINT = (
    "Check the permissions of the access token's role: SOAP Web Services, Log in using Access "
    "Tokens, the Lists permissions of the record types read (subsidiaries, accounts, departments, "
    "classes, locations, vendors, currencies) and Transactions > Bills / Vendor Credits."
)
MAX_TEXT = 300


def _local_name(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _fault_detail(fault: zeep_exceptions.Fault):
    """(fault element name, NetSuite code, NetSuite message) from the fault's detail element."""
    detail = fault.detail
    if detail is None or not hasattr(detail, "iterchildren"):
        return "", None, None
    for child in detail.iterchildren():
        name = _local_name(child.tag)
        if not name.endswith("Fault"):
            continue
        texts = {_local_name(part.tag): (part.text or "").strip() for part in child.iterchildren()}
        return name, texts.get("code") or None, texts.get("message") or None
    return "", None, None


def auth_error(code, message, *, account_id, permission=False) -> NetSuiteAuthError:
    if permission:
        text = f"NetSuite refused a permission: {sentence(message or code)} {PERMISSION_HINT}"
    else:
        text = (
            f"NetSuite refused the login to account {account_id}: {sentence(message or code)} "
            f"{LOGIN_HINT}"
        )
        if account_id != account_id.upper():
            text += f" Account ids are upper-case: {account_id.upper()}?"
    return NetSuiteAuthError(text, code=code)


def error_from_fault(fault: zeep_exceptions.Fault, *, operation: str, account_id: str):
    name, code, message = _fault_detail(fault)
    message = message or (fault.message or "").strip() or None
    if not name and not fault.code:
        # A non-200 answer with XML but no SOAP Fault: a proxy or load balancer, not NetSuite.
        return NetSuiteTransportError(f"{operation}: NetSuite answered with an error page")
    if name in PERMISSION_FAULTS or code in PERMISSION_CODES:
        return auth_error(code, message, account_id=account_id, permission=True)
    if (
        name in AUTH_FAULTS
        or code in AUTH_CODES
        or (message or "").startswith("Invalid login attempt")
    ):
        return auth_error(code, message, account_id=account_id)
    if (
        name in RATE_LIMIT_FAULTS
        or code in RATE_LIMIT_CODES
        or "concurrent request limit" in (message or "").lower()
    ):
        return NetSuiteRateLimitError(f"{operation}: {message or name}", code=code)
    return NetSuiteFault(f"{operation}: {message or name or 'SOAP fault'}", code=code or name)


def error_from_exception(exc: Exception, *, operation: str, account_id: str, timeout: float):
    """The typed error for an exception raised while sending one SOAP request."""
    if isinstance(exc, NetSuiteError):
        return exc
    if isinstance(exc, zeep_exceptions.Fault):
        return error_from_fault(exc, operation=operation, account_id=account_id)
    # Transport failures are retried, writes included: every write is an upsert keyed by
    # externalId, so a request that was committed before the connection broke is not booked twice.
    if isinstance(exc, requests.Timeout):
        return NetSuiteTransportError(f"{operation}: NetSuite did not answer within {timeout:g} s")
    if isinstance(exc, requests.RequestException):
        return NetSuiteTransportError(f"{operation}: connection failed ({type(exc).__name__})")
    if isinstance(exc, zeep_exceptions.TransportError):
        status = getattr(exc, "status_code", 0)
        if status >= 500 or status in (408, 429):
            return NetSuiteTransportError(
                f"{operation}: HTTP {status} from NetSuite without a SOAP fault"
            )
        return NetSuiteFault(f"{operation}: unexpected HTTP {status} from NetSuite", code=status)
    if isinstance(exc, zeep_exceptions.Error):
        text = str(exc)[:MAX_TEXT]
        return NetSuiteFault(f"{operation}: unreadable NetSuite answer: {text}")
    return None


def error_from_status_detail(code, message, *, operation: str, account_id: str):
    """The error for a failed request-level status (e.g. of a search), not a per-record error."""
    if code in PERMISSION_CODES:
        return auth_error(code, message, account_id=account_id, permission=True)
    if code in RATE_LIMIT_CODES:
        return NetSuiteRateLimitError(f"{operation}: {message or code}", code=code)
    return NetSuiteFault(f"{operation}: {message or code or 'failed'}", code=code)
