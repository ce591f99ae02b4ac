"""REST transport: bills upserted by externalId over the record API, on the same simulated
account as SOAP, so a bill booked over SOAP is updated over REST, never booked twice."""

from decimal import Decimal

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from test_netsuite_client_sim import bill, settings_for
from test_netsuite_rest_token import CLIENT_ID, Clock, client_for

from remote_netsuite_connector.services.netsuite import NetSuiteClient
from simulators.netsuite import NetSuiteSimulator


@pytest.fixture(scope="module")
def sim():
    return NetSuiteSimulator(
        version="2023_2", consumer_secret="sim-consumer-secret", token_secret="sim-token-secret"
    )


@pytest.fixture(scope="module")
def server(sim):
    with sim.serve(port=0) as server:
        yield server


@pytest.fixture(scope="module")
def kid_and_key(sim):
    key = rsa.generate_private_key(65537, 3072)
    return sim.oauth.register(CLIENT_ID, key.public_key()), key


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
