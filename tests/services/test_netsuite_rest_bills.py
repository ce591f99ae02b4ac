"""REST transport: bills upserted by externalId over the record API, on the same simulated
account as SOAP, so a bill booked over SOAP is updated over REST, never booked twice."""

import time
from datetime import date
from decimal import Decimal

import pytest
import requests
from rest_support import Clock, client_for
from test_netsuite_client_sim import bill, settings_for

from remote_netsuite_connector.services.netsuite import (
    VENDOR_CREDIT,
    NetSuiteAuthError,
    NetSuiteClient,
    NetSuiteFault,
    NetSuiteRateLimitError,
)
from remote_netsuite_connector.services.netsuite.periods import PeriodAwareClient


@pytest.fixture
def rest(server, sim, kid_and_key):
    sim.reset_bookings()
    retries = []
    kid, key = kid_and_key
    clock = Clock()
    sim.oauth.clock = clock
    client = client_for(server, key, kid, clock)
    client._on_retry = retries.append
    client.retries = retries
    with client:
        yield client
    sim.allow_permission("vendorBill")


def test_bill_booked_over_soap_is_updated_over_rest(server, sim, rest):
    with NetSuiteClient(settings_for(server), sleep=lambda s: None) as soap_client:
        [booked] = soap_client.upsert_bills([bill(sim, 1)])
    [updated] = rest.upsert_bills([bill(sim, 1, amount="250.00", memo="corrected")])
    assert updated.ok and updated.internal_id == booked.internal_id
    [stored] = sim.bills()
    assert stored["memo"] == "corrected"
    assert Decimal(stored["total"]) == Decimal("262.50")
    read = rest.get_bills(["remote-doc-1", "remote-doc-404"])
    assert list(read) == ["remote-doc-1"]
    assert read["remote-doc-1"].total == Decimal("262.5")
    assert read["remote-doc-1"].lines[0].amount == Decimal("250.00")


def test_upserting_twice_over_rest_books_once(sim, rest):
    results = rest.upsert_bills([bill(sim, n) for n in range(1, 7)])
    again = rest.upsert_bills([bill(sim, n) for n in range(1, 7)])
    assert [r.internal_id for r in results] == [r.internal_id for r in again]
    assert len(sim.bills()) == 6
    assert rest.calls["upsert"] == 12


def test_concurrency_refusal_is_retried_and_reported(sim, rest):
    sim.fail_next("rest", "concurrency", count=2)
    [result] = rest.upsert_bills([bill(sim, 1)])
    assert result.ok
    assert len(rest.retries) == 2 and "CONCURRENCY_LIMIT_EXCEEDED" in rest.retries[0]
    assert len(sim.bills()) == 1


def test_refused_record_comes_back_in_its_result(sim, rest):
    results = rest.upsert_bills([bill(sim, 1), bill(sim, 2, vendor_id="999999")])
    assert results[0].ok
    assert not results[1].ok and results[1].error_code
    assert [b["external_id"] for b in sim.bills()] == ["remote-doc-1"]


@pytest.fixture
def rest_with(server, sim, kid_and_key):
    """A REST client with settings overridden (concurrency, max_attempts, ...)."""
    sim.reset_bookings()
    kid, key = kid_and_key
    made = []

    def make(**overrides):
        clock = Clock()
        sim.oauth.clock = clock
        client = client_for(server, key, kid, clock, **overrides)
        client.retries = []
        client._on_retry = client.retries.append
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()
    sim.concurrency_limit = 5
    sim.latency_call = 0.0
    sim.allow_permission("vendorBill")


def test_a_connection_moved_from_soap_to_rest_books_nothing_twice(server, sim, rest):
    with NetSuiteClient(settings_for(server), sleep=lambda s: None) as soap_client:
        soap_booked = soap_client.upsert_bills(
            [bill(sim, 1), bill(sim, 2), bill(sim, 3, kind=VENDOR_CREDIT)]
        )
    over_rest = rest.upsert_bills(
        [bill(sim, n) for n in (1, 2, 4)] + [bill(sim, 3, kind=VENDOR_CREDIT, memo="again")]
    )
    assert all(result.ok for result in over_rest)
    assert [r.internal_id for r in over_rest[:2]] == [r.internal_id for r in soap_booked[:2]]
    assert over_rest[3].internal_id == soap_booked[2].internal_id
    stored = {b["external_id"]: b for b in sim.bills()}
    assert sorted(stored) == [f"remote-doc-{n}" for n in (1, 2, 3, 4)]
    assert [stored[f"remote-doc-{n}"]["updated_count"] for n in (1, 2, 3, 4)] == [1, 1, 1, 0]
    assert stored["remote-doc-3"]["kind"] == "vendorCredit"
    assert set(rest.get_bills(list(stored))) == set(stored)


def test_delete_by_external_id_over_rest(sim, rest):
    rest.upsert_bills([bill(sim, 1, kind=VENDOR_CREDIT), bill(sim, 2)])
    assert rest.delete_bill(VENDOR_CREDIT, "remote-doc-1") is True
    assert rest.delete_bill(VENDOR_CREDIT, "remote-doc-1") is False  # gone: nothing to delete
    assert rest.delete_bill(VENDOR_CREDIT, "remote-doc-2") is False  # a bill, not a credit
    assert [b["external_id"] for b in sim.bills()] == ["remote-doc-2"]


def test_deleting_an_applied_credit_over_rest_is_refused_and_keeps_it(sim, rest):
    rest.upsert_bills([bill(sim, 1, kind=VENDOR_CREDIT)])
    sim.mark_applied("remote-doc-1")
    with pytest.raises(NetSuiteFault) as refused:
        rest.delete_bill(VENDOR_CREDIT, "remote-doc-1")
    assert refused.value.code == "CANT_DELETE_TRANS"
    assert "dependent records" in str(refused.value)
    assert len(sim.bills()) == 1
    assert rest.calls["delete"] == 1  # a refusal is not retried


def test_closed_period_over_rest_is_recognised_and_booked_in_the_next_open_one(sim, rest):
    december = bill(sim, 1, tran_date=date(2024, 12, 20))
    [refused] = rest.upsert_bills([december])
    assert refused.error_code == "VALID_PRD_REQD"
    moved = PeriodAwareClient(rest, book_in_open_period=True)
    [booked] = moved.upsert_bills([december])
    assert booked.ok
    [stored] = sim.bills()
    assert stored["tran_date"] == "2025-01-01"
    assert stored["posting_period_id"] == sim.data.period("2025-01").internal_id


@pytest.mark.parametrize("kind", ["http_503", "drop_before", "unexpected_error"])
def test_transient_failures_are_retried_and_reported(sim, rest, kind):
    sim.fail_next("rest", kind)
    [result] = rest.upsert_bills([bill(sim, 1)])
    assert result.ok and len(sim.bills()) == 1
    assert len(rest.retries) == 1


def test_answer_lost_after_commit_is_retried_and_booked_once(sim, rest):
    sim.fail_next("rest record", "commit_then_drop")
    [result] = rest.upsert_bills([bill(sim, 1)])
    assert result.ok and rest.calls["upsert"] == 2
    [stored] = sim.bills()
    assert stored["created_count"] == 1 and stored["updated_count"] == 1


def test_concurrency_refusals_give_up_after_max_attempts(sim, rest_with):
    client = rest_with(max_attempts=3)
    sim.fail_next("rest", "concurrency", count=3)
    with pytest.raises(NetSuiteRateLimitError) as raised:
        client.upsert_bills([bill(sim, 1)])
    assert raised.value.attempts == 3 and len(client.retries) == 2
    assert sim.bills() == []


def test_denied_permission_is_an_auth_error_not_retried(sim, rest):
    sim.deny_permission("vendorBill")
    with pytest.raises(NetSuiteAuthError) as raised:
        rest.upsert_bills([bill(sim, 1)])
    assert raised.value.code == "INSUFFICIENT_PERMISSION"
    assert "REST Web Services" in str(raised.value)
    assert rest.calls["upsert"] == 1 and rest.retries == []


def test_a_token_refused_twice_is_an_auth_error(sim, rest, monkeypatch):
    monkeypatch.setattr(sim.oauth, "valid", lambda token, scope="": False)
    with pytest.raises(NetSuiteAuthError) as raised:
        rest.upsert_bills([bill(sim, 1)])
    assert raised.value.code == "INVALID_LOGIN"
    assert rest.calls["token"] == 2 and rest.calls["upsert"] == 2


def test_parallel_puts_stay_within_the_connection_concurrency(sim, rest_with):
    sim.concurrency_limit, sim.latency_call = 3, 0.05
    client = rest_with(concurrency=3)
    results = client.upsert_bills([bill(sim, n) for n in range(1, 13)])
    assert all(r.ok for r in results) and len(sim.bills()) == 12
    assert client.retries == []  # three at once, never refused


def test_parallel_puts_over_the_account_limit_are_retried_until_booked(sim, rest_with):
    sim.concurrency_limit, sim.latency_call = 2, 0.05
    client = rest_with(concurrency=6, max_attempts=20)
    client._sleep = lambda seconds: time.sleep(min(seconds, 0.02))  # back off, briefly
    results = client.upsert_bills([bill(sim, n) for n in range(1, 13)])
    assert [r.external_id for r in results] == [f"remote-doc-{n}" for n in range(1, 13)]
    assert all(r.ok for r in results) and len(sim.bills()) == 12
    assert client.retries and all("CONCURRENCY_LIMIT_EXCEEDED" in r for r in client.retries)


def test_simulator_record_api_create_read_delete(server, sim, rest):
    token = rest._gateway.tokens.get()
    headers = {"Authorization": f"Bearer {token}"}
    base = f"{server.url}/services/rest/record/v1/vendorbill"
    body = {
        "externalId": "made-by-post",
        "entity": {"id": sim.data.vendor("Remote Europe Holding BV").internal_id},
        "subsidiary": {"id": sim.data.subsidiary("Acme Germany").internal_id},
        "tranDate": "2025-01-06",
        "expense": {
            "items": [{"account": {"id": sim.data.account("6000").internal_id}, "amount": 5}]
        },
    }
    created = requests.post(base, json=body, headers=headers, timeout=10)
    assert created.status_code == 201
    internal_id = created.headers["Location"].rsplit("/", 1)[-1]
    again = requests.post(base, json=body, headers=headers, timeout=10)
    assert again.status_code == 400
    assert again.json()["o:errorDetails"][0]["o:errorCode"] == "DUP_RCRD"
    by_id = requests.get(f"{base}/{internal_id}", headers=headers, timeout=10).json()
    by_eid = requests.get(f"{base}/eid:made-by-post", headers=headers, timeout=10).json()
    assert by_id == by_eid and by_id["externalId"] == "made-by-post"
    assert requests.delete(f"{base}/{internal_id}", headers=headers, timeout=10).status_code == 204
    missing = requests.get(f"{base}/{internal_id}", headers=headers, timeout=10)
    assert missing.status_code == 404
    assert missing.json()["o:errorDetails"][0]["o:errorCode"] == "NONEXISTENT_ID"


def test_a_sync_sends_rest_bills_a_few_rounds_at_a_time_and_soap_bills_a_full_list(server, rest):
    """Each REST bill is a request of its own: a sync sends a few rounds of PUTs at a time, so
    NetSuite starts on the first documents read instead of waiting for a list of 100."""
    with NetSuiteClient(settings_for(server), sleep=lambda s: None) as soap_client:
        assert soap_client.bills_per_send(4) == 100
        assert soap_client.upsert_requests(100) == 1
    assert rest.bills_per_send(4) == 16
    assert rest.bills_per_send(1) == 4
    assert rest.upsert_requests(16) == 16
