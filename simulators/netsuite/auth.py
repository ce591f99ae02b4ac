"""Token-based authentication: the tokenPassport check NetSuite does on every request."""

import base64
import hashlib
import hmac
import re
import threading
import time

from .soap import SoapFault, invalid_login
from .xmlutil import local

NONCE_PATTERN = re.compile(r"[A-Za-z0-9]{6,64}")
ALGORITHMS = {"HMAC-SHA256": hashlib.sha256, "HMAC_SHA256": hashlib.sha256}
TIMESTAMP_WINDOW = 5 * 60
PASSPORT_FIELDS = ("account", "consumerKey", "token", "nonce", "timestamp", "signature")


def sign(account, consumer_key, consumer_secret, token_id, token_secret, nonce, timestamp):
    """Base64 HMAC-SHA256 of ``account&consumerKey&token&nonce&timestamp``.

    The key is ``consumerSecret&tokenSecret``.
    """
    base = "&".join((account, consumer_key, token_id, nonce, str(timestamp)))
    key = f"{consumer_secret}&{token_secret}"
    digest = hmac.new(key.encode(), base.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


class PassportVerifier:
    """Checks one account's passports; remembers nonces so that each passport is single-use."""

    def __init__(self, account, consumer_key, consumer_secret, token_id, token_secret):
        self.account = account
        self.consumer_key = consumer_key
        self._consumer_secret = consumer_secret
        self.token_id = token_id
        self._token_secret = token_secret
        self._used_nonces: dict[str, float] = {}
        self._lock = threading.Lock()

    def __repr__(self):
        return f"PassportVerifier(account={self.account!r}, consumer_key={self.consumer_key!r})"

    def verify(self, passports, other_auth_headers):
        """``passports``: tokenPassport header elements. Raises :class:`SoapFault` if refused."""
        if passports and other_auth_headers:
            raise SoapFault("Ambiguous authentication", "USER_ERROR", "invalidCredentialsFault")
        if len(passports) != 1:
            raise invalid_login()
        fields = {local(child): child for child in passports[0] if isinstance(child.tag, str)}
        if set(fields) != set(PASSPORT_FIELDS):
            raise invalid_login()
        values = {name: (fields[name].text or "").strip() for name in PASSPORT_FIELDS}
        algorithm = ALGORITHMS.get((fields["signature"].get("algorithm") or "").strip().upper())
        if algorithm is None:
            raise invalid_login()
        if (values["account"], values["consumerKey"], values["token"]) != (
            self.account,
            self.consumer_key,
            self.token_id,
        ):
            raise invalid_login()
        if not NONCE_PATTERN.fullmatch(values["nonce"]):
            raise invalid_login()
        try:
            timestamp = int(values["timestamp"])
        except ValueError:
            raise invalid_login() from None
        now = time.time()
        if abs(now - timestamp) > TIMESTAMP_WINDOW:
            raise invalid_login()
        expected = sign(
            self.account,
            self.consumer_key,
            self._consumer_secret,
            self.token_id,
            self._token_secret,
            values["nonce"],
            timestamp,
        )
        given = re.sub(r"\s+", "", values["signature"])
        if not hmac.compare_digest(expected, given):
            raise invalid_login()
        with self._lock:
            self._used_nonces = {
                n: t for n, t in self._used_nonces.items() if now - t <= 2 * TIMESTAMP_WINDOW
            }
            if values["nonce"] in self._used_nonces:
                raise invalid_login()
            self._used_nonces[values["nonce"]] = now
