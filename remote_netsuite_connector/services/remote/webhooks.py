"""Remote webhook deliveries: signature check and event parsing.

Remote signs ``raw body + b":" + X-Remote-Timestamp`` (Unix milliseconds) with the callback's
signing key, HMAC-SHA256, lowercase hex in ``X-Remote-Signature``. Deliveries are at-least-once:
dedupe on the billing document id.
"""

import hashlib
import hmac
import json
import re
import time

from . import parsing
from .errors import RemoteDataError, WebhookSignatureError

SIGNATURE_HEADER = "X-Remote-Signature"
TIMESTAMP_HEADER = "X-Remote-Timestamp"
BILLING_DOCUMENT_ISSUED = "billing_document.issued"

_HEX_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_DIGITS = re.compile(r"\d{1,16}")


def sign(raw_body, timestamp, signing_key):
    """The hex signature Remote sends for ``raw_body`` delivered at ``timestamp`` (ms, as text)."""
    message = bytes(raw_body) + b":" + str(timestamp).encode("ascii")
    return hmac.new(signing_key.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify_signature(raw_body, signature, timestamp, signing_key, *, now_ms=None, tolerance_s=300):
    """Raise WebhookSignatureError unless the delivery is signed with ``signing_key`` and recent.

    ``raw_body`` must be the bytes exactly as received (never re-serialised JSON).
    """
    if not isinstance(raw_body, bytes | bytearray):
        raise TypeError("verify_signature needs the raw request body as bytes")
    if not signing_key:
        raise WebhookSignatureError(
            "No webhook signing key is configured: register the webhook again and store the "
            "signing key Remote shows once."
        )
    if not signature or not timestamp:
        raise WebhookSignatureError(
            f"Webhook delivery without the {SIGNATURE_HEADER} and {TIMESTAMP_HEADER} headers"
        )
    signature, timestamp = str(signature).strip(), str(timestamp).strip()
    if not _HEX_SHA256.fullmatch(signature):
        raise WebhookSignatureError(f"Malformed {SIGNATURE_HEADER} header: not a hex SHA-256")
    if not _DIGITS.fullmatch(timestamp):
        raise WebhookSignatureError(f"Malformed {TIMESTAMP_HEADER} header: not Unix milliseconds")
    expected = sign(raw_body, timestamp, signing_key)
    if not hmac.compare_digest(expected, signature.lower()):
        raise WebhookSignatureError("Webhook signature does not match: refused as forged")
    now_ms = int(time.time() * 1000) if now_ms is None else now_ms
    age_s = (now_ms - int(timestamp)) / 1000
    if abs(age_s) > tolerance_s:
        raise WebhookSignatureError(
            f"Webhook delivery signed {age_s:.0f} s from now, outside the {tolerance_s} s "
            "tolerance: refused as stale (check the server clock if this repeats)"
        )


def parse_event(raw_body):
    """The event of a delivery; RemoteDataError if the body is not a readable event."""
    try:
        body = json.loads(raw_body)
    except (ValueError, TypeError):
        raise RemoteDataError("Webhook delivery body is not valid JSON") from None
    if _has_nul(body):  # PostgreSQL stores no NUL character in text
        raise RemoteDataError("Webhook delivery body contains a NUL character")
    return parsing.webhook_event(body)


def _has_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False
