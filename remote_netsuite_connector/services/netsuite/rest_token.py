"""OAuth 2.0 client credentials (M2M) for SuiteTalk REST: a signed JWT buys an access token.

The client assertion is signed with ``cryptography`` directly. PyJWT 2.10.1 does sign PS256 on
the ``cryptography`` 3.4.8 that Odoo 18 pins (checked), but Odoo 18 does not ship PyJWT, so it
would be one more package to install on every Odoo server for a 20-line signature.
"""

import base64
import json
import threading

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

TOKEN_PATH = "/services/rest/auth/oauth2/v1/token"  # noqa: S105 - a path, not a secret
SCOPE = "rest_webservices"
RESTLET_SCOPE = "restlets"  # asked for only when the connection uses the PDF RESTlet
ASSERTION_LIFETIME = 300  # seconds; NetSuite refuses exp more than 3600 s after iat
RENEW_MARGIN = 60  # renew the access token this many seconds before NetSuite expires it
CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
EC_ALGORITHMS = {256: ("ES256", hashes.SHA256), 384: ("ES384", hashes.SHA384)}
EC_ALGORITHMS[521] = ("ES512", hashes.SHA512)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def load_private_key(pem: str | bytes):
    key = serialization.load_pem_private_key(
        pem.encode() if isinstance(pem, str) else pem, password=None
    )
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise ValueError("the M2M private key must be an RSA (PS256) or EC (ES256) key")
    return key


def _sign(key, message: bytes) -> tuple[str, bytes]:
    """(alg, signature): PS256 for RSA keys (NetSuite refuses RS256), ES256/384/512 for EC."""
    if isinstance(key, rsa.RSAPrivateKey):
        pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
        return "PS256", key.sign(message, pss, hashes.SHA256())
    alg, digest = EC_ALGORITHMS[key.curve.key_size]
    r, s = decode_dss_signature(key.sign(message, ec.ECDSA(digest())))
    size = (key.curve.key_size + 7) // 8
    return alg, r.to_bytes(size, "big") + s.to_bytes(size, "big")


def client_assertion(
    key, *, client_id: str, certificate_id: str, audience: str, now: int, scopes=(SCOPE,)
) -> str:
    """The signed JWT NetSuite's token endpoint takes: iss = client id, kid = certificate id."""
    alg = "PS256" if isinstance(key, rsa.RSAPrivateKey) else EC_ALGORITHMS[key.curve.key_size][0]
    header = {"typ": "JWT", "alg": alg, "kid": certificate_id}
    claims = {
        "iss": client_id,
        "scope": list(scopes),
        "aud": audience,
        "iat": now,
        "exp": now + ASSERTION_LIFETIME,
    }
    signing_input = ".".join(
        b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, claims)
    )
    _alg, signature = _sign(key, signing_input.encode())
    return f"{signing_input}.{b64url(signature)}"


class AccessTokens:
    """One cached access token, renewed shortly before it expires or when NetSuite refuses it.

    ``fetch(form) -> (access_token, expires_in)`` posts the token request; thread-safe, so
    parallel upserts share one token and only one thread renews it.
    """

    def __init__(self, key, *, client_id, certificate_id, token_url, fetch, clock, scopes=(SCOPE,)):
        self._key = key
        self._client_id = client_id
        self._certificate_id = certificate_id
        self._token_url = token_url
        self._fetch = fetch
        self._clock = clock
        self._scopes = tuple(scopes)
        self._lock = threading.Lock()
        self._token = None
        self._renew_at = 0.0

    def get(self) -> str:
        with self._lock:
            if self._token is None or self._clock() >= self._renew_at:
                self._renew()
            return self._token

    def refused(self, token: str) -> None:
        """NetSuite answered INVALID_LOGIN to ``token``: the next get() mints a new one."""
        with self._lock:
            if self._token == token:
                self._token = None

    def _renew(self):
        now = int(self._clock())
        assertion = client_assertion(
            self._key,
            client_id=self._client_id,
            certificate_id=self._certificate_id,
            audience=self._token_url,
            now=now,
            scopes=self._scopes,
        )
        token, expires_in = self._fetch(
            {
                "grant_type": "client_credentials",
                "client_assertion_type": CLIENT_ASSERTION_TYPE,
                "client_assertion": assertion,
            }
        )
        self._token = token
        self._renew_at = now + max(0, expires_in - RENEW_MARGIN)
