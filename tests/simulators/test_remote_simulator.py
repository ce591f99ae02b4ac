"""The Remote simulator over real HTTP on loopback: shapes, paging, auth, limits, faults."""

import io
import time
from decimal import Decimal

import pytest
import requests

from simulators.remote import RemoteSimulator, ServerHandle

TOKEN = "ra_test_simulator_token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def sim():
    return RemoteSimulator(token=TOKEN, seed=1, scale="demo", start_period="2026-01")


@pytest.fixture(scope="module")
def url(sim):
    with sim.serve() as server:
        yield server.url


def get(url, path, **params):
    response = requests.get(url + path, headers=AUTH, params=params, timeout=10)
    return response


def collect(url, path, key, page_size, top_level=False, **params):
    """Follow the pages to the end; returns (items, pages seen)."""
    items, page, pages = [], 1, 0
    while True:
        response = get(url, path, page=page, page_size=page_size, **params)
        assert response.status_code == 200, response.text
        body = response.json()
        meta = body if top_level else body["data"]
        items += body["data"][key]
        pages += 1
        assert meta["current_page"] == page
        if page >= meta["total_pages"]:
            assert len(items) == meta["total_count"]
            return items, pages
        page += 1


def test_identity_tells_the_company_with_status_201(sim, url):
    response = get(url, "/v1/identity/current")
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["company"] == {"id": sim.data.company_id, "name": "Acme Holdings"}
    assert set(data["user"]) == {"id", "name", "email", "status"}


def test_legal_entities_page_through_all(sim, url):
    path = f"/v1/companies/{sim.data.company_id}/legal-entities"
    entities, pages = collect(url, path, "legal_entities", page_size=4)
    assert pages == 2
    assert [e["id"] for e in entities] == [e.id for e in sim.data.legal_entities]
    assert [e["country_code"] for e in entities] == ["USA", "DEU", "NLD", "GBR", "JPN", "CAN"]
    assert [e["is_default"] for e in entities] == [True] + [False] * 5
    assert set(entities[0]) == {
        "id",
        "name",
        "country_code",
        "is_default",
        "global_payroll_enabled",
    }
    assert get(url, "/v1/companies/not-ours/legal-entities").json() == {
        "message": "company not found"
    }


def test_departments_carry_paging_fields_at_top_level(sim, url):
    company_id = sim.data.company_id
    departments, pages = collect(
        url, "/v1/company-departments", "company_departments", 2, top_level=True,
        company_id=company_id,
    )  # fmt: skip
    assert pages == 3
    assert [d["name"] for d in departments] == [
        "Engineering", "Sales", "Marketing", "General & Administrative", "Customer Success",
    ]  # fmt: skip
    assert all(d["company_id"] == company_id for d in departments)

    everything = get(url, "/v1/company-departments", company_id=company_id, paginate="false")
    body = everything.json()
    assert body["total_count"] == 5 and body["total_pages"] == 1
    assert body["data"]["company_departments"] == departments
    assert "current_page" not in body["data"]

    missing = get(url, "/v1/company-departments")
    assert missing.status_code == 422 and "company_id" in missing.json()["errors"]


def test_employments_list_and_show(sim, url):
    listed, pages = collect(url, "/v1/employments", "employments", page_size=7)
    assert pages == 4
    assert [e["id"] for e in listed] == [e.id for e in sim.data.employments]
    without_department = [e for e in listed if e["department_id"] is None]
    assert 0 < len(without_department) < len(listed) / 2
    assert all(e["department"] is None for e in without_department)

    one = sim.data.employments[0]
    shown = get(url, f"/v1/employments/{one.id}").json()["data"]["employment"]
    assert shown["bill_to_legal_entity_id"] == one.bill_to_legal_entity_id
    assert shown["department_id"] == one.department_id
    assert shown["department"] == one.department
    assert shown["company_id"] == sim.data.company_id
    assert get(url, "/v1/employments/nope").json() == {"message": "employment not found"}


def test_billing_document_listing_covers_every_document_once(sim, url):
    seen = []
    for period in sim.data.periods:
        items, _pages = collect(url, "/v1/billing-documents", "billing_documents", 3, period=period)
        assert {item["billing_document_period"] for item in items} == {period}
        seen += [item["id"] for item in items]
    assert sorted(seen) == sorted(document.id for document in sim.data.documents)
    assert len(seen) == len(set(seen)) == 30

    item = get(url, "/v1/billing-documents", period="2026-01").json()["data"]["billing_documents"][
        0
    ]
    assert set(item) == {"id", "billing_document_period", "billing_document_type", "bill_from"}


def test_every_demo_document_breakdown_sums_to_its_total(sim, url):
    for document in sim.data.documents:
        shown = get(url, f"/v1/billing-documents/{document.id}").json()["data"]["billing_document"]
        lines = get(url, f"/v1/billing-documents/{document.id}/breakdown").json()["data"][
            "billing_document_breakdown"
        ]
        assert shown["total"] == document.total
        assert sum(line["invoice_amount"] for line in lines) == shown["total"]
        assert sum(item["billing_document_amount"] for item in shown["items"]) == shown["total"]
        assert {line["invoice_number"] for line in lines} == {shown["billing_document_number"]}
        assert {line["invoice_currency"] for line in lines} == {shown["billing_document_currency"]}
        assert all(isinstance(line["fx_rate"], str) for line in lines)


def test_document_shapes(sim, url):
    document = next(d for d in sim.data.documents if d.currency == "EUR")
    shown = get(url, f"/v1/billing-documents/{document.id}").json()["data"]["billing_document"]
    assert set(shown) == {
        "id", "billing_document_number", "billing_document_period", "billing_document_type",
        "billing_document_currency", "company_id", "issued_date", "total", "items",
    }  # fmt: skip
    assert shown["billing_document_number"].startswith("INV-2026-")
    assert set(shown["items"][0]) == {
        "type", "billing_document_amount", "billing_document_currency", "employment_id",
        "source_amount", "source_currency",
    }  # fmt: skip
    line = get(url, f"/v1/billing-documents/{document.id}/breakdown").json()["data"][
        "billing_document_breakdown"
    ][0]
    assert set(line) == {
        "type", "description", "employment_id", "country_code", "invoice_amount",
        "invoice_currency", "invoice_number", "invoice_period", "source_amount",
        "source_currency", "fx_rate", "variance_from_invoice", "variance_from_invoice_amount",
    }  # fmt: skip


def test_breakdown_type_filter(sim, url):
    document = sim.data.documents[0]
    path = f"/v1/billing-documents/{document.id}/breakdown"
    lines = get(url, path, type="Base Salary").json()["data"]["billing_document_breakdown"]
    assert lines and {line["type"] for line in lines} == {"Base Salary"}
    assert len(lines) == len(document.group.employments)


def test_eur_documents_bill_two_legal_entities(sim, url):
    entities = {entity.country_code: entity.id for entity in sim.data.legal_entities}
    document = next(d for d in sim.data.documents if d.currency == "EUR")
    assert document.bill_from == "Remote Europe Holding BV"
    lines = get(url, f"/v1/billing-documents/{document.id}/breakdown").json()["data"][
        "billing_document_breakdown"
    ]
    by_id = sim.data.employments_by_id
    billed = {by_id[line["employment_id"]].bill_to_legal_entity_id for line in lines}
    assert billed == {entities["DEU"], entities["NLD"]}


def test_bill_from_follows_currency(sim, url):
    expected = {
        "USD": "Remote Technology Services, Inc.",
        "CAD": "Canada Remote Technology Inc.",
        "GBP": "Remote Europe Holding BV",
        "JPY": "Remote Europe Holding BV",
    }
    items = get(url, "/v1/billing-documents", page_size=100).json()["data"]["billing_documents"]
    by_id = sim.data.documents_by_id
    for item in items:
        currency = by_id[item["id"]].currency
        assert item["bill_from"] == expected.get(currency, "Remote Europe Holding BV")


def test_errors_have_remote_bodies(sim, url):
    missing = get(url, "/v1/billing-documents/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404
    assert missing.json() == {"message": "billing document not found"}
    bad_period = get(url, "/v1/billing-documents", period="2025-13")
    assert bad_period.status_code == 422
    assert bad_period.json() == {"errors": {"period": ["is invalid"]}}
    too_big = get(url, "/v1/billing-documents", page_size=101)
    assert too_big.status_code == 422 and "page_size" in too_big.json()["errors"]


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}]
)
def test_unauthorized(url, headers):
    response = requests.get(url + "/v1/billing-documents", headers=headers, timeout=10)
    assert response.status_code == 401
    assert response.json() == {"message": "Unauthorized"}
    assert "x-ratelimit-count" not in response.headers


def test_revoked_scope_is_403_naming_the_scope(sim, url):
    sim.revoke_scope("invoices:read")
    try:
        denied = get(url, "/v1/billing-documents")
        assert denied.status_code == 403
        assert "invoices:read" in denied.json()["message"]
        assert get(url, "/v1/employments").status_code == 200
    finally:
        sim.grant_scope("invoices:read")
    assert get(url, "/v1/billing-documents").status_code == 200


def test_injected_failures_then_recovery_and_call_counts(sim, url):
    document = sim.data.documents[0]
    path = f"/v1/billing-documents/{document.id}/breakdown"
    before = sim.calls["GET /v1/billing-documents/{id}/breakdown"]
    sim.fail_next("/v1/billing-documents", status=503, count=2)
    assert get(url, path).status_code == 503
    assert get(url, path).status_code == 503
    assert get(url, path).status_code == 200
    assert sim.calls["GET /v1/billing-documents/{id}/breakdown"] == before + 3
    counted = requests.get(url + "/_sim/calls", timeout=10).json()["calls"]
    assert counted["GET /v1/billing-documents/{id}/breakdown"] == before + 3


def test_fault_rate_answers_503(sim, url):
    sim.fault_rate = 1.0
    try:
        assert get(url, "/v1/employments").status_code == 503
    finally:
        sim.fault_rate = 0.0
    assert get(url, "/v1/employments").status_code == 200


def test_slow_answer_makes_client_time_out(sim, url):
    sim.fail_next("/v1/identity", status=None, delay=1.0)
    with pytest.raises(requests.Timeout):
        requests.get(url + "/v1/identity/current", headers=AUTH, timeout=0.3)


def test_pdf_is_a_pdf_with_number_and_total(sim, url):
    document = next(d for d in sim.data.documents if d.currency == "JPY")
    response = get(url, f"/v1/billing-documents/{document.id}/pdf")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    assert document.number.encode() in pdf
    assert f"Total: {document.total} JPY".encode() in pdf
    startxref = int(pdf.rsplit(b"startxref", 1)[1].split()[0])
    assert pdf[startxref:].startswith(b"xref")


def test_pdf_reads_back_with_a_strict_pdf_parser(sim, url):
    pdf_library = pytest.importorskip("PyPDF2")
    document = next(d for d in sim.data.documents if d.currency == "EUR")
    response = get(url, f"/v1/billing-documents/{document.id}/pdf")
    reader = pdf_library.PdfReader(io.BytesIO(response.content), strict=True)
    text = reader.pages[0].extract_text()
    assert document.number in text
    assert f"Total: {Decimal(document.total).scaleb(-2):.2f} EUR" in text


def test_rate_limit_429_then_success_after_reset():
    # a window the four requests fit in on a loaded machine (0.6 s did not, beside two test runs)
    sim = RemoteSimulator(token=TOKEN, start_period="2026-01", rate_limit=3, rate_window=3)
    with sim.serve() as server:
        answers = [get(server.url, "/v1/identity/current") for _ in range(4)]
        assert [a.status_code for a in answers] == [201, 201, 201, 429]
        assert [a.headers["x-ratelimit-count"] for a in answers] == ["1", "2", "3", "4"]
        assert [a.headers["x-ratelimit-remaining"] for a in answers] == ["2", "1", "0", "0"]
        assert answers[3].json() == {"message": "Too many requests"}
        reset_ms = int(answers[3].headers["x-ratelimit-reset"])
        assert 0 < reset_ms <= 3000
        time.sleep(reset_ms / 1000 + 0.05)
        again = get(server.url, "/v1/identity/current")
        assert again.status_code == 201
        assert again.headers["x-ratelimit-count"] == "1"


def test_one_client_connection_serves_many_requests_as_remote_gateway_does(sim):
    ports = []

    def recording(environ, start_response):
        ports.append(environ["REMOTE_PORT"])
        return sim(environ, start_response)

    with ServerHandle(recording, "127.0.0.1", 0) as server, requests.Session() as session:
        for path in ("/v1/identity/current", "/v1/employments", "/v1/billing-documents"):
            response = session.get(server.url + path, headers=AUTH, timeout=10)
            assert response.ok and response.headers.get("Connection") != "close"
        # a request with a body the application may leave unread: that connection is closed
        response = session.post(server.url + "/v1/employments", data=b"{}", headers=AUTH)
        assert response.headers.get("Connection") == "close"
    assert len(ports) == 4 and len(set(ports)) == 1


def test_latency_is_the_whole_answer_time_its_own_work_included(monkeypatch):
    """A bench's Remote answers in its latency however long the simulator takes over a large
    document (within it); a stall it was told to make comes on top."""
    slow = RemoteSimulator(token=TOKEN, seed=1, scale="demo", start_period="2026-01", latency=0.5)
    document_id = slow.data.documents[0].id
    show = slow._handlers.billing_document

    def working_hard(request, id):
        time.sleep(0.4)  # e.g. hundreds of lines, under the GIL with three other requests
        return show(request, id)

    monkeypatch.setattr(slow._handlers, "billing_document", working_hard)
    with slow.serve() as server:
        started = time.monotonic()
        assert get(server.url, f"/v1/billing-documents/{document_id}").status_code == 200
        answered = time.monotonic() - started
        assert 0.5 <= answered < 0.8  # not 0.9: the work is inside the latency

        slow.fail_next(f"/v1/billing-documents/{document_id}", None, delay=0.5)
        started = time.monotonic()
        assert get(server.url, f"/v1/billing-documents/{document_id}").status_code == 200
        assert time.monotonic() - started >= 0.95, "a stall comes on top"
