"""REST error bodies (``o:errorDetails``) -> the typed errors SOAP faults also map onto."""

import re

from .errors import (
    NetSuiteAuthError,
    NetSuiteFault,
    NetSuiteRateLimitError,
    NetSuiteTransportError,
)

RATE_LIMIT_CODES = {"CONCURRENCY_LIMIT_EXCEEDED"}
AUTH_CODES = {"INVALID_LOGIN"}
PERMISSION_CODES = {"INSUFFICIENT_PERMISSION"}
# NetSuite's REST codes are coarse (USER_ERROR, INVALID_CONTENT); the SOAP codes the addon acts
# on are recognised by their text too (whether REST sends them as o:errorCode is UNCONFIRMED).
GENERIC_CODES = {None, "", "USER_ERROR", "INVALID_CONTENT"}
SOAP_CODES_BY_TEXT = (
    ("VALID_PRD_REQD", re.compile(r"no valid, open,? .*period|period .* is closed", re.I)),
    ("DUP_RCRD", re.compile(r"(record|entity) already exists", re.I)),
    ("INVALID_KEY_OR_REF", re.compile(r"invalid \w+ reference key|invalid field value", re.I)),
)

LOGIN_HINT = (
    "Check the account id (exactly as NetSuite shows it, sandboxes as 1234567_SB1), the client "
    "id of the integration record, the Certificate ID of its OAuth 2.0 client credentials "
    "mapping, that the mapping is active, and this server's clock."
)
PERMISSION_HINT = (
    "Check the permissions of the mapping's role: REST Web Services, Log in using OAuth 2.0 "
    "Access Tokens, the Lists permissions of the record types read (subsidiaries, accounts, "
    "departments, classes, locations, vendors, currencies, accounting periods) and "
    "Transactions > Bills / Vendor Credits."
)


def error_code_and_detail(body: dict) -> tuple[str | None, str]:
    details = body.get("o:errorDetails") or [{}]
    first = details[0] if isinstance(details, list) and isinstance(details[0], dict) else {}
    code = first.get("o:errorCode") or body.get("o:errorCode")
    return code, str(first.get("detail") or body.get("title") or "")


def _business_code(code, detail):
    if code in GENERIC_CODES:
        for soap_code, pattern in SOAP_CODES_BY_TEXT:
            if pattern.search(detail):
                return soap_code
    return code


def error_from_response(status: int, body: dict, what: str, account_id: str):
    code, detail = error_code_and_detail(body)
    if status == 429 or code in RATE_LIMIT_CODES:
        return NetSuiteRateLimitError(f"{what}: {detail}", code=code or "429")
    if status >= 500:
        return NetSuiteTransportError(f"{what}: HTTP {status} {detail}".strip(), code=code)
    if code in PERMISSION_CODES or status == 403:
        return NetSuiteAuthError(
            f"NetSuite refused a permission: {(detail or code).rstrip('.')}. {PERMISSION_HINT}",
            code=code or "INSUFFICIENT_PERMISSION",
        )
    if code in AUTH_CODES or status == 401:
        return NetSuiteAuthError(
            f"NetSuite refused the access token of account {account_id}: "
            f"{(detail or code).rstrip('.')}. "
            f"{LOGIN_HINT}",
            code=code or "INVALID_LOGIN",
        )
    code = _business_code(code, detail)
    if isinstance(code, str) and code:
        return NetSuiteFault(f"{what}: {detail}", code=code)
    return NetSuiteFault(f"{what}: HTTP {status} {detail}".strip())
