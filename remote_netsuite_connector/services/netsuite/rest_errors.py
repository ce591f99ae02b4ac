"""REST error bodies (``o:errorDetails``) -> the typed errors SOAP faults also map onto."""

from .errors import (
    NetSuiteFault,
    NetSuiteRateLimitError,
    NetSuiteTransportError,
)
from .soap_faults import auth_error

RATE_LIMIT_CODES = {"CONCURRENCY_LIMIT_EXCEEDED"}
AUTH_CODES = {"INVALID_LOGIN"}
PERMISSION_CODES = {"INSUFFICIENT_PERMISSION"}


def error_code_and_detail(body: dict) -> tuple[str | None, str]:
    details = body.get("o:errorDetails") or [{}]
    first = details[0] if isinstance(details[0], dict) else {}
    code = first.get("o:errorCode") or body.get("o:errorCode")
    return code, first.get("detail") or body.get("title") or ""


def error_from_response(status: int, body: dict, what: str, account_id: str):
    code, detail = error_code_and_detail(body)
    if status == 429 or code in RATE_LIMIT_CODES:
        return NetSuiteRateLimitError(f"{what}: {detail}", code=code or "429")
    if status >= 500:
        return NetSuiteTransportError(f"{what}: HTTP {status} {detail}".strip(), code=code)
    if code in PERMISSION_CODES or status == 403:
        return auth_error(code, detail, account_id=account_id, permission=True)
    if code in AUTH_CODES or status == 401:
        return auth_error(code or "INVALID_LOGIN", detail, account_id=account_id)
    if isinstance(code, str) and code:
        return NetSuiteFault(f"{what}: {detail}", code=code)
    return NetSuiteFault(f"{what}: HTTP {status} {detail}".strip())
