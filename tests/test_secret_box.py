"""The key a ``remote_netsuite_key`` passphrase yields: stretched, and old secrets still open."""

import base64
import hashlib

import pytest
from cryptography.fernet import Fernet, InvalidToken

from odoo.tools import config

from remote_netsuite_connector.const import KEY_OPTION
from remote_netsuite_connector.tools import secret_box

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def passphrase(monkeypatch):
    monkeypatch.setitem(config.options, KEY_OPTION, PASSPHRASE)


def _one_sha256(text):
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()))


def test_a_passphrase_is_not_the_key_after_one_unsalted_hash(passphrase):
    token = secret_box.encrypt("db", "token-secret")
    assert secret_box.decrypt("db", token) == "token-secret"
    with pytest.raises(InvalidToken):
        _one_sha256(PASSPHRASE).decrypt(token.encode())


def test_secrets_encrypted_with_the_old_derivation_still_decrypt(passphrase):
    old = _one_sha256(PASSPHRASE).encrypt(b"token-secret").decode()
    assert secret_box.decrypt("db", old) == "token-secret"


def test_a_real_fernet_key_is_used_as_is(monkeypatch):
    key = Fernet.generate_key()
    monkeypatch.setitem(config.options, KEY_OPTION, key.decode())
    assert Fernet(key).decrypt(secret_box.encrypt("db", "x").encode()) == b"x"
