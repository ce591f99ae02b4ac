"""OAuth 2.0 client credentials (M2M) of the REST face: verifies client assertions, mints tokens.

NetSuite documents neither the token endpoint's error bodies nor its status codes per cause, so
REFUSALS is this simulator's choice (RFC 6749 section 5.2 bodies); see simulators/README.md.
"""

import base64
import hashlib
import json
import secrets
import threading
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

TOKEN_PATH = "/services/rest/auth/oauth2/v1/token"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
REST_SCOPE = "rest_webservices"
SCOPES = {REST_SCOPE, "restlets", "suite_analytics"}
TOKEN_LIFETIME = 3600
MAX_ASSERTION_LIFETIME = 3600
ALGORITHMS = {
    "PS256": hashes.SHA256,
    "PS384": hashes.SHA384,
    "PS512": hashes.SHA512,
    "ES256": hashes.SHA256,
    "ES384": hashes.SHA384,
    "ES512": hashes.SHA512,
}
# cause -> (HTTP status, OAuth error, Login Audit Trail detail): the one place the simulator's
# UNCONFIRMED choice lives. NetSuite shows the detail in Setup > Users/Roles > View Login Audit
# Trail; whether the HTTP body carries it as ``error_description`` is UNCONFIRMED, so the
# simulator sends it only when ``OAuthServer.describe_refusals`` is on.
REFUSALS = {
    "malformed": (400, "invalid_request", "InvalidTokenType"),
    "unsupported_grant": (400, "unsupported_grant_type", "InvalidTokenType"),
    "algorithm": (400, "invalid_request", "UnsupportedAlgo"),
    "unknown_client": (401, "invalid_client", "InvalidIssuer"),
    "unknown_kid": (401, "invalid_client", "MissingKey"),
    "signature": (401, "invalid_client", "InvalidSignature"),
    "audience": (400, "invalid_grant", "TokenRejected"),
    "expired": (400, "invalid_grant", "TokenExpired"),
    "too_long": (400, "invalid_grant", "TokenValidityTooBroad"),
    "scope": (400, "invalid_scope", "ScopeMismatched"),
}


class TokenRefused(Exception):
    def __init__(self, cause):
        super().__init__(cause)
        self.cause = cause
        self.status, self.error, self.detail = REFUSALS[cause]

    def body(self, describe: bool) -> dict:
        """RFC 6749 section 5.2 body; ``describe`` adds the Login Audit Trail's detail."""
        return {"error": self.error, **({"error_description": self.detail} if describe else {})}


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def certificate_id(public_key) -> str:
    """base64url(SHA-256(DER public key)): 43 characters, like NetSuite's Certificate IDs."""
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.urlsafe_b64encode(hashlib.sha256(der).digest()).rstrip(b"=").decode()


def _verify(public_key, alg, signature: bytes, message: bytes):
    digest = ALGORITHMS[alg]()
    if alg.startswith("PS") and isinstance(public_key, rsa.RSAPublicKey):
        pss = padding.PSS(mgf=padding.MGF1(digest), salt_length=digest.digest_size)  # RFC 7518 3.5
        public_key.verify(signature, message, pss, digest)
    elif alg.startswith("ES") and isinstance(public_key, ec.EllipticCurvePublicKey):
        half = len(signature) // 2
        der = encode_dss_signature(
            int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
        )
        public_key.verify(der, message, ec.ECDSA(digest))
    else:
        raise InvalidSignature


class OAuthServer:
    """Registered M2M mappings (client id -> certificate ids -> public keys) and live tokens."""

    def __init__(self, account_host_label: str, clock=time.time):
        self.clock = clock
        self.audiences = {
            f"https://{account_host_label}.{service}.api.netsuite.com{TOKEN_PATH}"
            for service in ("suitetalk", "restlets")
        }
        self._clients: dict[str, dict] = {}
        self._tokens: dict[str, tuple[float, frozenset]] = {}  # token -> (expiry, scopes)
        self._lock = threading.Lock()
        self.token_requests = 0
        self.describe_refusals = False  # see REFUSALS

    def register(self, client_id: str, public_key) -> str:
        """Map a public key (or certificate) to ``client_id``; returns its Certificate ID."""
        public_key = getattr(public_key, "public_key", lambda: public_key)()
        kid = certificate_id(public_key)
        self._clients.setdefault(client_id, {})[kid] = public_key
        return kid

    def revoke_tokens(self):
        with self._lock:
            self._tokens.clear()

    def valid(self, token: str, scope: str = REST_SCOPE) -> bool:
        """A live token granted ``scope`` (rest_webservices for REST, restlets for RESTlets)."""
        with self._lock:
            expires, scopes = self._tokens.get(token, (None, frozenset()))
        return expires is not None and self.clock() < expires and scope in scopes

    def token(self, form: dict, request_url: str) -> dict:
        with self._lock:
            self.token_requests += 1
        if form.get("grant_type") != "client_credentials":
            raise TokenRefused("unsupported_grant")
        if form.get("client_assertion_type") != ASSERTION_TYPE:
            raise TokenRefused("malformed")
        header, claims, signature, signing_input = self._parse(form.get("client_assertion", ""))
        alg = header.get("alg")
        if alg not in ALGORITHMS:
            raise TokenRefused("algorithm")
        keys = self._clients.get(claims.get("iss"))
        if keys is None:
            raise TokenRefused("unknown_client")
        public_key = keys.get(header.get("kid"))
        if public_key is None:
            raise TokenRefused("unknown_kid")
        try:
            _verify(public_key, alg, signature, signing_input)
        except InvalidSignature:
            raise TokenRefused("signature") from None
        scopes = self._check_claims(claims, request_url)
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens[token] = (self.clock() + TOKEN_LIFETIME, scopes)
        return {"access_token": token, "expires_in": TOKEN_LIFETIME, "token_type": "Bearer"}

    @staticmethod
    def _parse(assertion: str):
        try:
            head, body, signature = assertion.split(".")
            return (
                json.loads(_unb64(head)),
                json.loads(_unb64(body)),
                _unb64(signature),
                f"{head}.{body}".encode(),
            )
        except ValueError:
            raise TokenRefused("malformed") from None

    def _check_claims(self, claims, request_url):
        # Lenient on the host (see NOTES): the account's suitetalk/restlets host, or the URL hit.
        if claims.get("aud") not in {*self.audiences, request_url}:
            raise TokenRefused("audience")
        iat, exp = claims.get("iat"), claims.get("exp")
        if not isinstance(iat, int | float) or not isinstance(exp, int | float):
            raise TokenRefused("malformed")
        if exp - iat > MAX_ASSERTION_LIFETIME:
            raise TokenRefused("too_long")
        if not iat - 300 <= self.clock() < exp:
            raise TokenRefused("expired")
        scope = claims.get("scope")
        scopes = scope if isinstance(scope, list) else str(scope or "").replace(",", " ").split()
        granted = frozenset(str(s) for s in scopes) & SCOPES
        if not granted:
            raise TokenRefused("scope")
        return granted
