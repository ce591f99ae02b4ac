"""Webhook signatures and events: what the connector's webhook endpoint accepts and refuses."""

import json
import time

import pytest

from remote_netsuite_connector.services.remote import (
    RemoteDataError,
    WebhookSignatureError,
    parse_event,
    sign,
    verify_signature,
)

KEY = "whsec_signing_key_for_tests"
BODY = json.dumps(
    {
        "event_type": "billing_document.issued",
        "billing_document_id": "8772a9f1-7c52-4d6f-9a36-2b0d5f0e6a11",
        "document_type": "reconciliation_invoice",
        "company_id": "2f889520-1111-4a7e-8d3b-3f0c2b9a7e55",
    }
).encode()


def _now_ms():
    return int(time.time() * 1000)


def test_a_delivery_signed_with_the_key_verifies():
    timestamp = str(_now_ms())
    verify_signature(BODY, sign(BODY, timestamp, KEY), timestamp, KEY)


def test_signature_is_hmac_sha256_of_body_colon_timestamp():
    # independent recomputation of Remote's documented scheme
    import hashlib
    import hmac

    expected = hmac.new(KEY.encode(), BODY + b":1767225600000", hashlib.sha256).hexdigest()
    assert sign(BODY, "1767225600000", KEY) == expected


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (lambda body, sig, ts, key: (body + b" ", sig, ts, key), "forged"),
        (lambda body, sig, ts, key: (body, sig, ts, "another_key"), "forged"),
        (lambda body, sig, ts, key: (body, sig, str(int(ts) + 1), key), "forged"),
        (lambda body, sig, ts, key: (body, "0" * 64, ts, key), "forged"),
        (lambda body, sig, ts, key: (body, sig[:-2], ts, key), "Malformed"),
        (lambda body, sig, ts, key: (body, "zz" * 32, ts, key), "Malformed"),
        (lambda body, sig, ts, key: (body, "", ts, key), "without"),
        (lambda body, sig, ts, key: (body, sig, "", key), "without"),
        (lambda body, sig, ts, key: (body, sig, "2026-01-01T00:00:00Z", key), "Malformed"),
        (lambda body, sig, ts, key: (body, sig, ts, ""), "No webhook signing key"),
    ],
)
def test_forged_missing_or_malformed_deliveries_are_refused(tamper, reason):
    timestamp = str(_now_ms())
    args = tamper(BODY, sign(BODY, timestamp, KEY), timestamp, KEY)
    with pytest.raises(WebhookSignatureError, match=reason) as caught:
        verify_signature(*args)
    assert KEY not in str(caught.value) and KEY not in repr(caught.value)


def test_uppercase_hex_signature_is_accepted():
    timestamp = str(_now_ms())
    verify_signature(BODY, sign(BODY, timestamp, KEY).upper(), timestamp, KEY)


def test_stale_and_future_deliveries_are_refused_even_when_signed():
    now = _now_ms()
    for delta_ms in (-301_000, 301_000):
        timestamp = str(now + delta_ms)
        with pytest.raises(WebhookSignatureError, match="stale"):
            verify_signature(BODY, sign(BODY, timestamp, KEY), timestamp, KEY, now_ms=now)
    timestamp = str(now - 299_000)
    verify_signature(BODY, sign(BODY, timestamp, KEY), timestamp, KEY, now_ms=now)


def test_tolerance_is_configurable():
    now = _now_ms()
    timestamp = str(now - 20_000)
    signature = sign(BODY, timestamp, KEY)
    with pytest.raises(WebhookSignatureError, match="stale"):
        verify_signature(BODY, signature, timestamp, KEY, now_ms=now, tolerance_s=10)


def test_billing_document_issued_event_is_parsed():
    event = parse_event(BODY)
    assert event.event_type == "billing_document.issued"
    assert event.billing_document_id == "8772a9f1-7c52-4d6f-9a36-2b0d5f0e6a11"
    assert event.document_type == "reconciliation_invoice"
    assert event.company_id == "2f889520-1111-4a7e-8d3b-3f0c2b9a7e55"


def test_other_event_types_parse_without_a_document():
    event = parse_event(b'{"event_type": "employment.onboarding.completed", "company_id": "c1"}')
    assert event.event_type == "employment.onboarding.completed"
    assert event.billing_document_id is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"not json", "not valid JSON"),
        (b"", "not valid JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"billing_document_id": "x"}', "'event_type' is missing"),
        (b'{"event_type": "billing_document.issued"}', "'billing_document_id' is missing"),
        (
            b'{"event_type": "billing_document.issued", "billing_document_id": 7}',
            "must be a string",
        ),
        (
            b'{"event_type": "billing_document.issued", "billing_document_id": "a\\u0000b"}',
            "NUL character",
        ),
    ],
)
def test_unreadable_events_raise_remote_data_error(raw, message):
    with pytest.raises(RemoteDataError, match=message):
        parse_event(raw)
