"""Pure parts of the NetSuite client: signature, hosts, amounts, dates, back-off, secrets."""

import random
import string
from datetime import date
from decimal import Decimal

import pytest

from remote_netsuite_connector.services.netsuite import NetSuiteClient, passport
from remote_netsuite_connector.services.netsuite.endpoints import (
    account_host,
    endpoint_url,
    wsdl_url,
)
from remote_netsuite_connector.services.netsuite.errors import NetSuiteRateLimitError
from remote_netsuite_connector.services.netsuite.retry import backoff_delay, call_with_retry
from remote_netsuite_connector.services.netsuite.soap_records import midnight, xsd_double
from remote_netsuite_connector.services.netsuite.types import (
    VENDOR_BILL,
    BillLine,
    BillPayload,
    NetSuiteSettings,
)

# Oracle's documented inputs (NetSuite Help, section_4395630653).
ORACLE = {
    "consumer_key": "71cc02b731f05895561ef0862d71553a3ac99498a947c3b7beaf4a1e4a29f7c4",
    "consumer_secret": "7278da58caf07f5c336301a601203d10a58e948efa280f0618e25fcee1ef2abd",
    "token": "89e08d9767c5ac85b374415725567d05b54ecf0960ad2470894a52f741020d82",
    "token_secret": "060cd9ab3ffbbe1e3d3918e90165ffd37ab12acc76b4691046e2d29c7d7674c2",
    "nonce": "6obMKq0tmY8ylVOdEkA1",
    "timestamp": 1439829974,
}


def oracle_settings(account="1234567"):
    return NetSuiteSettings(
        account_id=account,
        consumer_key=ORACLE["consumer_key"],
        consumer_secret=ORACLE["consumer_secret"],
        token_id=ORACLE["token"],
        token_secret=ORACLE["token_secret"],
    )


@pytest.mark.parametrize(
    ("account", "signature"),
    [
        ("1234567", "FCghIZqXNetuZY8ILWOFH0ucdfzQOmAuL+q+kF21zPs="),
        ("1234567_SB1", "/cDDnQpbaRiT4UOJY7EHF99fSIA3W6YK/liJKJ1CxI8="),
    ],
)
def test_passport_reproduces_oracle_vector(account, signature):
    token_passport = passport.new_passport(
        oracle_settings(account), ORACLE["timestamp"], nonce=ORACLE["nonce"]
    )
    assert token_passport.signature == signature
    assert token_passport.account == account
    assert token_passport.algorithm == "HMAC-SHA256"


def test_passport_nonce_is_fresh_alphanumeric_and_signature_hidden():
    settings = oracle_settings()
    first = passport.new_passport(settings, 1700000000)
    second = passport.new_passport(settings, 1700000000)
    assert first.nonce != second.nonce
    assert first.signature != second.signature
    alphabet = set(string.ascii_letters + string.digits)
    assert 20 <= len(first.nonce) <= 64
    assert set(first.nonce) <= alphabet
    assert first.signature not in repr(first)
    assert first.nonce not in repr(first)


def test_settings_repr_hides_secrets():
    text = repr(oracle_settings())
    assert ORACLE["consumer_secret"] not in text
    assert ORACLE["token_secret"] not in text
    assert "1234567" in text


@pytest.mark.parametrize(
    ("account", "host"),
    [
        ("1234567", "1234567.suitetalk.api.netsuite.com"),
        ("1234567_SB1", "1234567-sb1.suitetalk.api.netsuite.com"),
        ("TSTDRV123", "tstdrv123.suitetalk.api.netsuite.com"),
    ],
)
def test_account_host_follows_netsuite_naming(account, host):
    assert account_host(account) == host


@pytest.mark.parametrize("account", ["", "1234567-sb1", "123 4567", "evil.example.com/x", "a__b"])
def test_account_host_rejects_what_is_not_an_account_id(account):
    with pytest.raises(ValueError, match="account id"):
        account_host(account)


def test_default_urls_use_account_host_and_version():
    settings = oracle_settings("1234567_SB1")
    assert wsdl_url(settings) == (
        "https://1234567-sb1.suitetalk.api.netsuite.com/wsdl/v2025_2_0/netsuite.wsdl"
    )
    assert endpoint_url(settings) == (
        "https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2025_2"
    )


def test_url_overrides_win():
    settings = NetSuiteSettings(
        "1234567_SB1",
        "ck",
        "cs",
        "tok",
        "ts",
        wsdl_version="2023_2",
        wsdl_url="http://127.0.0.1:9/wsdl",
        endpoint_url="http://127.0.0.1:9/ep",
    )
    assert wsdl_url(settings) == "http://127.0.0.1:9/wsdl"
    assert endpoint_url(settings) == "http://127.0.0.1:9/ep"


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("1234.50"), "1234.50"),
        (Decimal("1234"), "1234"),
        (Decimal("0.01"), "0.01"),
        (Decimal("1E+3"), "1000"),
        (Decimal("12345678901234.99"), "12345678901234.99"),
    ],
)
def test_amounts_are_sent_as_exact_decimal_text(amount, text):
    assert xsd_double(amount) == text


def test_float_amounts_are_refused():
    with pytest.raises(TypeError):
        xsd_double(1234.5)


def _payload(offset):
    return BillPayload(
        kind=VENDOR_BILL,
        external_id="x",
        tran_id="INV-1",
        tran_date=date(2024, 2, 29),
        vendor_id="1",
        subsidiary_id="1",
        currency_id="1",
        memo="",
        lines=(BillLine("1", Decimal("1.00")),),
        utc_offset=offset,
    )


def test_tran_date_is_midnight_with_explicit_offset():
    assert midnight(_payload("+02:00")) == "2024-02-29T00:00:00+02:00"
    assert midnight(_payload("-08:00")) == "2024-02-29T00:00:00-08:00"
    assert midnight(_payload("Z")) == "2024-02-29T00:00:00+00:00"
    with pytest.raises(ValueError):
        midnight(_payload("0200"))


def test_backoff_is_full_jitter_capped():
    rng = random.Random(7)
    delays = [backoff_delay(attempt, rng) for attempt in range(1, 12) for _ in range(20)]
    assert all(0 <= delay <= 30.0 for delay in delays)
    assert max(backoff_delay(1, rng) for _ in range(200)) <= 0.5
    assert max(backoff_delay(10, rng) for _ in range(200)) > 15


def test_retry_gives_up_after_max_attempts_and_reports_them():
    sleeps = []

    def blocked():
        raise NetSuiteRateLimitError("blocked", code="WS_REQUEST_BLOCKED")

    with pytest.raises(NetSuiteRateLimitError) as caught:
        call_with_retry(blocked, what="test", max_attempts=3, sleep=sleeps.append)
    assert caught.value.attempts == 3
    assert "after 3 attempts" in str(caught.value)
    assert len(sleeps) == 2


@pytest.mark.parametrize("page_size", [4, 1001])
def test_page_size_outside_netsuite_limits_is_refused(page_size):
    settings = NetSuiteSettings("1234567", "ck", "cs", "tok", "ts", page_size=page_size)
    with pytest.raises(ValueError, match="page_size"):
        NetSuiteClient(settings)
