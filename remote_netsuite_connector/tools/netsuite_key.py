"""The M2M private key an administrator pastes: checked on save, so a wrong paste is named at
once rather than as a refused token at the next sync."""

import re

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

# NetSuite's certificate conditions for OAuth 2.0 client credentials (README, REST setup)
RSA_KEY_SIZES = (3072, 4096)  # PS256
EC_CURVES = ("secp256r1", "secp384r1", "secp521r1")  # P-256 (ES256), P-384, P-521


PEM_BLOCK = re.compile(r"(-----BEGIN [A-Z ]+-----)(.*?)(-----END [A-Z ]+-----)", re.DOTALL)


def normalize_pem(pem: str) -> str:
    """``pem`` with its line breaks restored: a browser's one-line input field drops them."""

    def rewrap(match):
        body = re.sub(r"\s+", "", match.group(2))
        lines = [body[i : i + 64] for i in range(0, len(body), 64)]
        return "\n".join((match.group(1), *lines, match.group(3)))

    return "\n".join(rewrap(match) for match in PEM_BLOCK.finditer(pem or "")) + "\n"


def private_key_problem(env, pem: str) -> str:
    """Why NetSuite cannot use ``pem`` as the certificate's private key; "" when it can."""
    _ = env._
    text = normalize_pem(pem)
    if "PRIVATE KEY-----" not in text and "-----BEGIN" in text:
        return _(
            "This is the certificate (the public part, uploaded to NetSuite). Paste the "
            "private key instead: the file that starts with -----BEGIN PRIVATE KEY-----."
        )
    try:
        key = serialization.load_pem_private_key(text.encode(), password=None)
    except TypeError:
        return _(
            "This private key is protected by a passphrase. Paste it without one (openssl "
            "pkey -in private.pem -out plain.pem), or create it with -nodes."
        )
    except (ValueError, UnsupportedAlgorithm):
        return _(
            "This is not a PEM private key. Paste the whole private key file, from "
            "-----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----."
        )
    if isinstance(key, rsa.RSAPrivateKey):
        if key.key_size not in RSA_KEY_SIZES:
            return _(
                "This RSA key has %(bits)s bits: NetSuite accepts RSA certificates of 3072 or "
                "4096 bits only (signed PS256). Create a new key and certificate.",
                bits=key.key_size,
            )
        return ""
    if isinstance(key, ec.EllipticCurvePrivateKey):
        if key.curve.name not in EC_CURVES:
            return _(
                "This EC key is on curve %(curve)s: NetSuite accepts P-256, P-384 or P-521 "
                "only. Create a new key and certificate.",
                curve=key.curve.name,
            )
        return ""
    return _("NetSuite accepts RSA (PS256) or EC (ES256) certificates only: create a new key.")
