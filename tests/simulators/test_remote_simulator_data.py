"""The Remote simulator's generated data at every scale, runtime changes, webhooks and the CLI."""

import hashlib
import hmac
import json
import random
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import requests
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from simulators.remote import RemoteSimulator
from simulators.remote.generator import default_start_period

TOKEN = "ra_test_simulator_token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ROOT = Path(__file__).resolve().parents[2]


def breakdown_over_http(url, document_id):
    response = requests.get(
        f"{url}/v1/billing-documents/{document_id}/breakdown", headers=AUTH, timeout=30
    )
    return response.json()["data"]["billing_document_breakdown"]


def total_over_http(url, document_id):
    response = requests.get(f"{url}/v1/billing-documents/{document_id}", headers=AUTH, timeout=30)
    return response.json()["data"]["billing_document"]["total"]


def test_every_medium_document_breakdown_sums_to_its_total():
    sim = RemoteSimulator(scale="medium", start_period="2025-01")
    assert len(sim.data.legal_entities) == 10 and len(sim.data.employments) == 500
    with sim.serve() as server, requests.Session() as session:
        session.headers.update(AUTH)
        for document in sim.data.documents:
            base = f"{server.url}/v1/billing-documents/{document.id}"
            total = session.get(base, timeout=30).json()["data"]["billing_document"]["total"]
            lines = session.get(base + "/breakdown", timeout=30).json()["data"]
            amounts = [line["invoice_amount"] for line in lines["billing_document_breakdown"]]
            assert sum(amounts) == total == document.total
        listed = []
        for period in sim.data.periods:
            page = session.get(
                f"{server.url}/v1/billing-documents",
                params={"period": period, "page_size": 100},
                timeout=30,
            ).json()["data"]
            assert page["total_pages"] == 1
            listed += [item["id"] for item in page["billing_documents"]]
    assert sorted(listed) == sorted(document.id for document in sim.data.documents)
    assert len(listed) == len(set(listed)) == 12 * 2 * len(sim.data.groups)


def test_large_scale_is_fast_and_sized_as_promised():
    started = time.monotonic()
    sim = RemoteSimulator(scale="large", start_period="2025-01")
    assert time.monotonic() - started < 5
    documents = sim.data.documents
    assert len(sim.data.legal_entities) == 40 and len(sim.data.employments) == 2000
    assert 850 <= len(documents) <= 1100
    sample = random.Random(7).sample(documents, 12)
    with sim.serve() as server:
        for document in sample:
            lines = breakdown_over_http(server.url, document.id)
            assert sum(line["invoice_amount"] for line in lines) == total_over_http(
                server.url, document.id
            )
    prefunding = [d for d in sample if d.type == "prefunding_invoice"]
    assert all(200 <= len(d.breakdown) <= 320 for d in prefunding)


@pytest.mark.parametrize("scale", ["demo", "small", "medium", "large"])
def test_special_documents_exist_at_every_scale(scale):
    documents = RemoteSimulator(scale=scale, start_period="2025-01").data.documents
    legacy = [d for d in documents if d.is_legacy_negative]
    assert len(legacy) == 1
    assert legacy[0].type == "reconciliation_invoice" and legacy[0].total < 0
    assert all(line.invoice_amount < 0 for line in legacy[0].breakdown)
    zero = [d for d in documents if d.type == "reconciliation_invoice" and d.total == 0]
    assert zero and all(zero_doc.breakdown for zero_doc in zero)
    credit_notes = [d for d in documents if d.type == "reconciliation_credit_note"]
    assert credit_notes
    for credit_note in credit_notes:
        assert credit_note.total > 0
        assert all(line.invoice_amount > 0 for line in credit_note.breakdown)
        assert credit_note.number.startswith("CN-")


def test_demo_company_shape():
    data = RemoteSimulator(start_period="2026-01").data
    assert [(e.country_code, e.currency) for e in data.legal_entities] == [
        ("USA", "USD"), ("DEU", "EUR"), ("NLD", "EUR"), ("GBR", "GBP"), ("JPN", "JPY"),
        ("CAN", "CAD"),
    ]  # fmt: skip
    assert len(data.employments) == 24 and data.periods == ["2026-01", "2026-02", "2026-03"]
    assert len(data.documents) == 5 * 2 * 3  # five currencies, two documents a month
    company_lines = [line for d in data.documents for line in d.breakdown if not line.employment_id]
    assert {line.type for line in company_lines} >= {"Management Fee", "Ad-hoc Service Costs"}
    prefunding = data.documents[0]
    assert prefunding.type == "prefunding_invoice" and prefunding.issued_date == date(2026, 1, 1)
    reconciliation = next(d for d in data.documents if d.type != "prefunding_invoice")
    assert reconciliation.period == "2026-01" and reconciliation.issued_date == date(2026, 2, 5)
    foreign = [line for d in data.documents for line in d.breakdown
               if line.source_currency != line.invoice_currency]  # fmt: skip
    assert foreign and all(line.fx_rate != "1.000000" for line in foreign)


def test_same_seed_same_data_other_seed_other_data():
    first = RemoteSimulator(seed=5, start_period="2026-01").data
    again = RemoteSimulator(seed=5, start_period="2026-01").data
    other = RemoteSimulator(seed=6, start_period="2026-01").data
    assert [(d.id, d.number, d.total) for d in first.documents] == [
        (d.id, d.number, d.total) for d in again.documents
    ]
    assert first.documents[3].breakdown == again.documents[3].breakdown
    assert first.company_id != other.company_id
    assert [d.total for d in first.documents] != [d.total for d in other.documents]


def test_knob_overrides():
    data = RemoteSimulator(
        scale="small", start_period="2026-01", months=2, employments=7, lines_per_employment=2
    ).data
    assert len(data.employments) == 7 and data.periods == ["2026-01", "2026-02"]
    prefunding = data.documents[0]
    assert len(prefunding.breakdown) == 7 * 2 + 1  # plus the company-level platform fee


def test_late_reissued_and_hidden_documents_over_http():
    sim = RemoteSimulator(start_period="2026-01", today=date(2026, 2, 15))
    listing = "/v1/billing-documents"
    with sim.serve() as server:

        def listed(period):
            response = requests.get(
                server.url + listing, headers=AUTH, params={"period": period}, timeout=10
            )
            return {item["id"] for item in response.json()["data"]["billing_documents"]}

        march = sim.data.visible_documents(None, "2026-03")
        assert listed("2026-03") == set()
        hidden = requests.get(f"{server.url}{listing}/{march[0].id}", headers=AUTH, timeout=10)
        assert hidden.status_code == 404

        late = sim.add_document("2026-01", "supplemental_service_invoice", "EUR",
                                issued_date=date(2026, 2, 10))  # fmt: skip
        assert late.id in listed("2026-01")
        assert total_over_http(server.url, late.id) == late.total > 0

        target = sim.data.documents[0]
        old_total = target.total
        sim.reissue(target.id, 12345)
        assert total_over_http(server.url, target.id) == old_total + 12345
        lines = breakdown_over_http(server.url, target.id)
        assert sum(line["invoice_amount"] for line in lines) == old_total + 12345

        explicit = sim.add_document(
            "2026-01",
            "peo_management_fees",
            "USD",
            lines=[{"type": "Management Fee", "amount": 5000}],
            issued_date=date(2026, 2, 1),
        )
        assert explicit.total == 5000 and explicit.id in listed("2026-01")


class _Receiver:
    """A loopback webhook endpoint that remembers what it got and answers 204."""

    def __init__(self):
        self.deliveries = []
        self.server = make_server("127.0.0.1", 0, self, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"

    def __call__(self, environ, start_response):
        request = Request(environ)
        self.deliveries.append((request.get_data(), dict(request.headers)))
        return Response(status=204)(environ, start_response)


@pytest.fixture
def receiver():
    import threading

    hook = _Receiver()
    thread = threading.Thread(target=hook.server.serve_forever, daemon=True)
    thread.start()
    yield hook
    hook.server.shutdown()
    hook.server.server_close()


def _signature_ok(body: bytes, headers: dict, key: str) -> bool:
    message = body + b":" + headers["X-Remote-Timestamp"].encode()
    expected = hmac.new(key.encode(), message, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["X-Remote-Signature"])


def test_webhook_delivery_is_signed(receiver):
    sim = RemoteSimulator(start_period="2026-01")
    document = sim.data.documents[-1]
    key = "whsec_test_key"
    assert sim.send_webhook(receiver.url, document.id, key, timestamp_ms=1767225600000) == 204
    body, headers = receiver.deliveries[-1]
    assert json.loads(body) == {
        "event_type": "billing_document.issued",
        "billing_document_id": document.id,
        "document_type": document.type,
        "company_id": sim.data.company_id,
    }
    assert headers["X-Remote-Timestamp"] == "1767225600000"
    assert headers["X-Remote-Signature"] == headers["X-Remote-Signature"].lower()
    assert _signature_ok(body, headers, key)
    assert not _signature_ok(body, headers, "another key")

    sim.send_webhook(receiver.url, document.id, key, tamper=True)
    body, headers = receiver.deliveries[-1]
    assert abs(int(headers["X-Remote-Timestamp"]) - time.time() * 1000) < 60_000
    assert not _signature_ok(body, headers, key)


def test_cli_serves_on_a_free_port_as_of_the_given_today():
    process = subprocess.Popen(
        [sys.executable, "-m", "simulators.remote", "--port", "0", "--start-period", "2026-01",
         "--today", "2026-02-15"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        url = process.stdout.readline().strip().rsplit(" ", 1)[-1]
        assert process.stdout.readline().strip().endswith("today 2026-02-15")
        assert url.startswith("http://127.0.0.1:")
        response = requests.get(url + "/v1/identity/current", headers=AUTH, timeout=10)
        assert response.status_code == 201
        listing = requests.get(
            url + "/v1/billing-documents", headers=AUTH, params={"period": "2026-03"}, timeout=10
        )
        assert listing.json()["data"]["billing_documents"] == []
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_cli_refuses_a_today_that_is_no_date():
    result = subprocess.run(
        [sys.executable, "-m", "simulators.remote", "--today", "2026-02-30"],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and "not a date YYYY-MM-DD" in result.stderr


def test_without_a_today_remote_serves_nothing_issued_after_the_real_date():
    sim = RemoteSimulator()
    assert sim.today == date.today()
    assert sim.data.periods[0] == default_start_period(date.today())
    with sim.serve() as server:
        issued = []
        for period in sim.data.periods:
            response = requests.get(
                server.url + "/v1/billing-documents",
                headers=AUTH,
                params={"period": period},
                timeout=10,
            )
            listed = response.json()["data"]["billing_documents"]
            issued += [sim.data.documents_by_id[item["id"]].issued_date for item in listed]
    assert issued, "the demo company has documents up to today"
    assert max(issued) <= date.today()
    assert any(d.issued_date > date.today() for d in sim.data.documents), "some are still future"
