"""The Remote client against the Remote simulator over real HTTP on loopback."""

import json
import math
import socket
import time

import pytest
from werkzeug.wrappers import Request, Response

from remote_netsuite_connector.services.remote import (
    KNOWN_TYPES,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    RemoteAuthError,
    RemoteClient,
    RemoteDataError,
    RemoteNotFound,
    RemoteUnavailable,
    RemoteValidationError,
    WebhookSignatureError,
    parse_event,
    verify_signature,
)
from simulators.remote import RemoteSimulator, ServerHandle

TOKEN = "ra_test_simulator_token"
PERIOD = "2026-01"


def simulator(**options):
    return RemoteSimulator(token=TOKEN, seed=1, start_period=PERIOD, **{"months": 3, **options})


@pytest.fixture(scope="module")
def demo():
    """A shared, never-mutated demo company: 6 legal entities, 24 employments, 30 documents."""
    sim = simulator(scale="demo")
    with sim.serve() as server:
        sim.url = server.url
        yield sim


@pytest.fixture
def fresh():
    """A company a test may change (faults, scopes, rate limit, extra documents)."""
    sim = simulator(scale="demo")
    with sim.serve() as server:
        sim.url = server.url
        yield sim


class Sleeps(list):
    """Records every wait; really sleeps only when asked to (rate-limit windows)."""

    def __init__(self, real=False):
        super().__init__()
        self.real = real

    def __call__(self, seconds):
        self.append(seconds)
        if self.real:
            time.sleep(seconds)


def client_for(sim, token=TOKEN, **options):
    options.setdefault("sleep", Sleeps())
    options.setdefault("timeout", 5)
    return RemoteClient(sim.url, token, **options)


def assert_token_hidden(*things):
    for thing in things:
        assert TOKEN not in str(thing) and TOKEN not in repr(thing)


# Company, people, paging


def test_identity_learns_the_company(demo):
    identity = client_for(demo).identity()
    assert identity.company_id == demo.data.company_id
    assert identity.company_name == demo.data.company.name
    assert identity.user_email == demo.data.company.user_email


def test_legal_entities_are_paged_to_the_end(demo):
    client = client_for(demo, page_size=4)
    entities = client.legal_entities(demo.data.company_id)
    assert [(e.id, e.name, e.country_code, e.is_default) for e in entities] == [
        (e.id, e.name, e.country_code, e.is_default) for e in demo.data.legal_entities
    ]
    pages = math.ceil(len(demo.data.legal_entities) / 4)
    assert pages > 1
    assert client.calls == {"GET /v1/companies/{company_id}/legal-entities": pages}


def test_departments_are_paged_with_their_top_level_paging_fields(demo):
    client = client_for(demo, page_size=2)
    departments = client.departments(demo.data.company_id)
    assert [(d.id, d.name) for d in departments] == [(d.id, d.name) for d in demo.data.departments]
    assert client.calls["GET /v1/company-departments"] == math.ceil(len(departments) / 2) > 1


def test_all_employments_of_a_large_company_are_read_by_pages_of_100():
    sim = simulator(scale="medium", months=1)
    with sim.serve() as server:
        sim.url = server.url
        client = client_for(sim)
        employments = client.employments(sim.data.company_id)
    assert len(sim.data.employments) == 500
    assert [e.id for e in employments] == [e.id for e in sim.data.employments]
    assert client.calls == {"GET /v1/employments": 5}
    expected = {e.id: (e.full_name, e.department_id, e.department) for e in sim.data.employments}
    assert {e.id: (e.full_name, e.department_id, e.department) for e in employments} == expected
    assert all(e.bill_to_legal_entity_id is None for e in employments)  # not on the listing


# Billing documents and exact money


def _read_period(client, period):
    documents = []
    for summary in client.billing_documents(period):
        document = client.billing_document(summary.id, bill_from=summary.bill_from)
        documents.append((document, client.breakdown(summary.id)))
    return documents


def test_every_breakdown_sums_exactly_to_its_document_total_across_thousands_of_lines():
    sim = simulator(scale="medium", months=1)
    with sim.serve() as server:
        sim.url = server.url
        client = client_for(sim)
        documents = _read_period(client, PERIOD)
    expected = {d.id: d for d in sim.data.documents if d.period == PERIOD}
    assert {document.id for document, _ in documents} == set(expected)
    assert sum(len(lines) for _, lines in documents) > 2000
    for document, lines in documents:
        truth = expected[document.id]
        assert document.total == truth.total
        assert sum(line.invoice_amount for line in lines) == document.total
        assert sum(item.amount for item in document.items) == document.total
        assert all(type(line.invoice_amount) is int for line in lines)
        assert (document.number, document.currency, document.bill_from) == (
            truth.number,
            truth.currency,
            truth.bill_from,
        )
        assert document.issued_date == truth.issued_date
    assert client.calls == sim.calls  # the client's count is the server's count


def test_billing_documents_of_a_period_are_paged_to_the_end(demo):
    client = client_for(demo, page_size=3)
    summaries = client.billing_documents(PERIOD)
    expected = [d for d in demo.data.documents if d.period == PERIOD]
    assert [(s.id, s.document_type, s.bill_from, s.period) for s in summaries] == [
        (d.id, d.type, d.bill_from, d.period) for d in expected
    ]
    assert client.calls == {"GET /v1/billing-documents": math.ceil(len(expected) / 3)}
    assert len(expected) > 3


def test_document_types_and_credit_notes_are_recognised(demo):
    client = client_for(demo)
    documents = [d for period in demo.data.periods for d, _ in _read_period(client, period)]
    types = {document.document_type for document in documents}
    assert {"prefunding_invoice", "reconciliation_invoice", "reconciliation_credit_note"} <= types
    assert types <= KNOWN_TYPES
    assert len(documents) == len(demo.data.documents)
    for document in documents:
        assert document.is_credit_note == document.document_type.endswith("_credit_note")


def test_an_unknown_document_type_is_returned_as_such(fresh):
    added = fresh.add_document(
        PERIOD, "peo_funding_payrolls", lines=[{"type": "Payroll Funding", "amount": 123456}]
    )
    client = client_for(fresh)
    [summary] = [s for s in client.billing_documents(PERIOD) if s.id == added.id]
    assert summary.document_type == "peo_funding_payrolls"
    document = client.billing_document(added.id, bill_from=summary.bill_from)
    assert document.document_type == "peo_funding_payrolls"
    assert not document.is_known_type and not document.is_credit_note
    assert (
        document.total == 123456 == sum(line.invoice_amount for line in client.breakdown(added.id))
    )


def test_pdf_is_downloaded(demo):
    document = demo.data.documents[0]
    assert client_for(demo).pdf(document.id).startswith(b"%PDF-")


# Errors Remote answers


def test_unknown_document_is_not_found_with_remotes_message(demo):
    client = client_for(demo)
    with pytest.raises(RemoteNotFound, match="billing document not found") as caught:
        client.billing_document("00000000-0000-4000-8000-000000000000")
    assert caught.value.status == 404
    with pytest.raises(RemoteNotFound, match="employment not found"):
        client.employment("no-such-employment")


def test_validation_error_carries_remotes_message(demo):
    client = client_for(demo, page_size=500)
    with pytest.raises(RemoteValidationError, match="page_size: must be less than or equal to 100"):
        client.billing_documents(PERIOD)
    with pytest.raises(RemoteValidationError, match="YYYY-MM"):
        client.billing_documents("January 2026")
    assert client.calls == {"GET /v1/billing-documents": 1}


def test_wrong_token_is_an_auth_error_telling_what_to_check(demo):
    wrong = "ra_test_not_the_right_token_1234"
    client = client_for(demo, token=wrong)
    with pytest.raises(RemoteAuthError) as caught:
        client.billing_documents(PERIOD)
    text = str(caught.value)
    assert "Unauthorized" in text and "token" in text and demo.url in text
    assert caught.value.status == 401
    assert wrong not in text and wrong not in repr(caught.value) and wrong not in repr(client)
    assert client.calls == {"GET /v1/billing-documents": 1}  # not retried


@pytest.mark.parametrize(
    ("scope", "call"),
    [
        ("invoices:read", lambda client, sim: client.billing_documents(PERIOD)),
        ("invoices:read", lambda client, sim: client.breakdown(sim.data.documents[0].id)),
        ("company:read", lambda client, sim: client.legal_entities(sim.data.company_id)),
        ("employment:read", lambda client, sim: client.employments(sim.data.company_id)),
    ],
)
def test_a_revoked_scope_is_named(fresh, scope, call):
    fresh.revoke_scope(scope)
    client = client_for(fresh)
    with pytest.raises(RemoteAuthError) as caught:
        call(client, fresh)
    assert caught.value.status == 403
    assert f"lacks the scope '{scope}'" in str(caught.value)
    assert f"required scope: {scope}" in str(caught.value)  # Remote's own words
    assert_token_hidden(caught.value)
    assert client.identity().company_id == fresh.data.company_id  # identity needs no scope


# Retries and rate limits


def test_server_errors_are_retried_with_growing_back_off_then_succeed(fresh):
    fresh.fail_next("/v1/billing-documents", status=503, count=2)
    sleeps = Sleeps()
    client = client_for(fresh, sleep=sleeps)
    summaries = client.billing_documents(PERIOD)
    assert len(summaries) == len([d for d in fresh.data.documents if d.period == PERIOD])
    assert client.calls == {"GET /v1/billing-documents": 3}
    assert len(sleeps) == 2 and 0 < sleeps[0] < sleeps[1]


def test_server_errors_exhaust_into_unavailable_with_the_attempt_count(fresh):
    document = fresh.data.documents[0]
    fresh.fail_next(f"/v1/billing-documents/{document.id}", status=502, count=10)
    sleeps = Sleeps()
    client = client_for(fresh, max_attempts=4, sleep=sleeps)
    with pytest.raises(RemoteUnavailable) as caught:
        client.billing_document(document.id)
    assert caught.value.attempts == 4 and caught.value.status == 502
    assert "after 4 attempts" in str(caught.value) and "Bad Gateway" in str(caught.value)
    assert fresh.calls["GET /v1/billing-documents/{id}"] == 4
    assert len(sleeps) == 3  # no pointless wait after the last attempt
    assert_token_hidden(caught.value)


def test_a_slow_answer_times_out_and_is_retried(fresh):
    fresh.fail_next("/v1/identity/current", status=None, count=1, delay=1.0)
    client = client_for(fresh, timeout=0.3)
    assert client.identity().company_id == fresh.data.company_id
    assert client.calls == {"GET /v1/identity/current": 2}


def test_timeouts_exhaust_into_unavailable(fresh):
    fresh.fail_next("/v1/identity/current", status=None, count=2, delay=0.6)
    client = client_for(fresh, timeout=0.2, max_attempts=2)
    with pytest.raises(
        RemoteUnavailable, match=r"no answer .*(Timeout|Deadline).*after 2 attempts"
    ):
        client.identity()


def test_connection_refused_is_unavailable_after_the_bound():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps = Sleeps()
    client = RemoteClient(f"http://127.0.0.1:{port}", TOKEN, max_attempts=3, sleep=sleeps)
    with pytest.raises(RemoteUnavailable) as caught:
        client.identity()
    assert caught.value.attempts == 3 and "ConnectionError" in str(caught.value)
    assert len(sleeps) == 2


def test_rate_limit_is_waited_out_by_the_reset_header_and_the_call_succeeds(fresh):
    fresh.set_rate_limit(3, window=0.8)
    sleeps = Sleeps(real=True)
    client = client_for(fresh, page_size=1, sleep=sleeps)
    started = time.monotonic()
    entities = client.legal_entities(fresh.data.company_id)
    assert [e.id for e in entities] == [e.id for e in fresh.data.legal_entities]
    assert len(sleeps) >= 1
    assert all(0 < wait <= 0.8 + client._transport.rate_limit_margin for wait in sleeps)
    assert client.calls["GET /v1/companies/{company_id}/legal-entities"] == 6 + len(sleeps)
    assert time.monotonic() - started < 5


# Webhooks delivered by the simulator


class Receiver:
    """A connector-like webhook endpoint: verifies, parses, answers 204 or 401."""

    def __init__(self, signing_key):
        self.signing_key = signing_key
        self.events, self.refusals = [], []

    def __call__(self, environ, start_response):
        request = Request(environ)
        raw = request.get_data()
        try:
            verify_signature(
                raw,
                request.headers.get(SIGNATURE_HEADER, ""),
                request.headers.get(TIMESTAMP_HEADER, ""),
                self.signing_key,
            )
            self.events.append(parse_event(raw))
            response = Response(status=204)
        except (WebhookSignatureError, RemoteDataError) as error:
            self.refusals.append(str(error))
            response = Response(json.dumps({"error": str(error)}), status=401)
        return response(environ, start_response)


@pytest.fixture
def receiver():
    app = Receiver("whsec_receiver_key")
    with ServerHandle(app, "127.0.0.1", 0) as server:
        app.url = f"{server.url}/remote/webhook"
        yield app


def test_a_delivery_from_the_simulator_verifies_and_parses(demo, receiver):
    document = demo.data.documents[1]
    assert demo.send_webhook(receiver.url, document.id, receiver.signing_key) == 204
    [event] = receiver.events
    assert event.event_type == "billing_document.issued"
    assert event.billing_document_id == document.id
    assert event.document_type == document.type
    assert event.company_id == demo.data.company_id


def test_forged_stale_or_wrongly_keyed_deliveries_are_refused(demo, receiver):
    document_id = demo.data.documents[0].id
    stale = int(time.time() * 1000) - 10 * 60 * 1000
    assert demo.send_webhook(receiver.url, document_id, receiver.signing_key, tamper=True) == 401
    assert demo.send_webhook(receiver.url, document_id, "another_key") == 401
    assert (
        demo.send_webhook(receiver.url, document_id, receiver.signing_key, timestamp_ms=stale)
        == 401
    )
    assert receiver.events == []
    assert [("forged" in r, "stale" in r) for r in receiver.refusals] == [
        (True, False),
        (True, False),
        (False, True),
    ]
    assert all(receiver.signing_key not in refusal for refusal in receiver.refusals)
