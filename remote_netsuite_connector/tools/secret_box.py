"""Fernet encryption of the connector's secrets with a key that never lives in the database.

The key is the server option ``remote_netsuite_key`` when set (a Fernet key, or a passphrase
stretched by PBKDF2-HMAC-SHA256 with the fixed salt below and ``PASSPHRASE_ITERATIONS``), else a
key file per database in Odoo's data directory, created on first use with owner-only rights. A
database dump alone therefore reveals no secret. Secrets written before the stretching (a single
SHA-256 of the passphrase) still decrypt; they are re-encrypted whenever they are saved again.
"""

import base64
import functools
import hashlib
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from odoo.tools import config

from ..const import KEY_OPTION


class SecretKeyError(Exception):
    """The key is missing or is not the one the secrets were encrypted with."""


def key_file_path(dbname: str) -> str:
    return os.path.join(config["data_dir"], "remote_netsuite", f"{dbname}.key")


# Fixed per purpose (not secret): one passphrase used elsewhere too yields another key here.
PASSPHRASE_SALT = b"remote_netsuite_connector/secret_box/v2"
PASSPHRASE_ITERATIONS = 600_000  # OWASP's 2023 figure for PBKDF2-HMAC-SHA256


@functools.lru_cache(maxsize=4)
def _fernet_from_text(text: str) -> Fernet | MultiFernet:
    try:
        return Fernet(text.strip())
    except (ValueError, TypeError):
        pass
    kdf = PBKDF2HMAC(
        algorithm=hashes.SHA256(),
        length=32,
        salt=PASSPHRASE_SALT,
        iterations=PASSPHRASE_ITERATIONS,
    )
    stretched = Fernet(base64.urlsafe_b64encode(kdf.derive(text.encode())))
    legacy = Fernet(base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()))
    return MultiFernet([stretched, legacy])  # encrypts with the first, decrypts with either


def _create_key_file(path: str) -> None:
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker created it meanwhile
        return
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(Fernet.generate_key())


def fernet(dbname: str, *, create: bool) -> Fernet | MultiFernet:
    option = config.get(KEY_OPTION)
    if option:
        return _fernet_from_text(str(option))
    path = key_file_path(dbname)
    if not os.path.exists(path):
        if not create:
            raise SecretKeyError(f"the key file {path} is missing")
        _create_key_file(path)
    with open(path, encoding="ascii") as handle:
        return _fernet_from_text(handle.read())


def encrypt(dbname: str, plain: str) -> str:
    return fernet(dbname, create=True).encrypt(plain.encode()).decode("ascii")


def decrypt(dbname: str, token: str) -> str:
    try:
        return fernet(dbname, create=False).decrypt(token.encode("ascii")).decode()
    except InvalidToken:
        raise SecretKeyError("the secrets were encrypted with another key") from None
