"""Token-based authentication: the single-use ``tokenPassport`` of every SuiteTalk request."""

import base64
import hashlib
import hmac
import secrets
import string
from dataclasses import dataclass, field

from .types import NetSuiteSettings

ALGORITHM = "HMAC-SHA256"
NONCE_ALPHABET = string.ascii_letters + string.digits
NONCE_LENGTH = 32  # NetSuite accepts 6-64 alphanumeric characters


def sign(
    account: str,
    consumer_key: str,
    token: str,
    nonce: str,
    timestamp: int,
    *,
    consumer_secret: str,
    token_secret: str,
) -> str:
    """Base64 HMAC-SHA256 of ``account&consumerKey&token&nonce&timestamp`` (no URL encoding)."""
    base = "&".join((account, consumer_key, token, nonce, str(timestamp)))
    key = f"{consumer_secret}&{token_secret}"
    digest = hmac.new(key.encode(), base.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def new_nonce(length: int = NONCE_LENGTH) -> str:
    return "".join(secrets.choice(NONCE_ALPHABET) for _ in range(length))


@dataclass(frozen=True)
class TokenPassport:
    """The passport's fields; the signature is single-use but still kept out of reprs."""

    account: str
    consumer_key: str
    token: str
    nonce: str = field(repr=False)
    timestamp: int
    signature: str = field(repr=False)
    algorithm: str = ALGORITHM


def new_passport(settings: NetSuiteSettings, timestamp: int, nonce: str | None = None):
    nonce = nonce or new_nonce()
    signature = sign(
        settings.account_id,
        settings.consumer_key,
        settings.token_id,
        nonce,
        timestamp,
        consumer_secret=settings.consumer_secret,
        token_secret=settings.token_secret,
    )
    return TokenPassport(
        account=settings.account_id,
        consumer_key=settings.consumer_key,
        token=settings.token_id,
        nonce=nonce,
        timestamp=timestamp,
        signature=signature,
    )
