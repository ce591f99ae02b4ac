"""The client against crafted answers from a tiny loopback server: every error body shape Remote
documents, malformed payloads and values the simulator does not produce (unknown document types).
Real HTTP over loopback; nothing in ``requests`` is replaced.
"""

import json
import logging
import time
from email.utils import formatdate

import pytest
from werkzeug.wrappers import Request, Response

from remote_netsuite_connector.services.remote import (
    RemoteAuthError,
    RemoteClient,
    RemoteDataError,
    RemoteError,
    RemoteNotFound,
    RemoteUnavailable,
    RemoteValidationError,
)
from simulators.remote import ServerHandle

TOKEN = "ra_test_crafted_secret_9f8e7d6c"
DOC_ID = "0b6a7d2e-5c1f-4e39-9a1b-7f3c2d1e0a99"


class CraftedRemote:
    """Answers each path with the next queued (status, body, headers); records what it got."""

    def __init__(self):
        self.answers = {}
        self.requests = []

    def queue(self, path, *answers):
        self.answers.setdefault(path, []).extend(answers)

    def __call__(self, environ, start_response):
        request = Request(environ)
        raw_path = environ.get("RAW_URI", request.path).split("?")[0]
        self.requests.append((raw_path, dict(request.args), dict(request.headers)))
        queued = self.answers.get(request.path) or [(404, {"message": "route not found"}, {})]
        status, body, headers = queued.pop(0) if len(queued) > 1 else queued[0]
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        return Response(payload, status=status, headers=headers, content_type="application/json")(
            environ, start_response
        )


@pytest.fixture(scope="module")
def crafted_server():
    app = CraftedRemote()
    with ServerHandle(app, "127.0.0.1", 0) as server:
        app.url = server.url
        yield app


@pytest.fixture
def remote(crafted_server):
    crafted_server.answers.clear()
    crafted_server.requests.clear()
    return crafted_server


@pytest.fixture
def waits():
    return []


@pytest.fixture
def client(remote, waits):
    with RemoteClient(remote.url, TOKEN, timeout=5, max_attempts=3, sleep=waits.append) as client:
        yield client


def document(**changes):
    body = {
        "id": DOC_ID,
        "billing_document_number": "INV-2026-0001",
        "billing_document_period": "2026-01",
        "billing_document_type": "prefunding_invoice",
        "billing_document_currency": "EUR",
        "company_id": "c0ffee00-0000-4000-8000-000000000001",
        "issued_date": "2026-01-02",
        "total": 515001,
        "items": [
            {
                "type": "base_salary",
                "billing_document_amount": 500001,
                "billing_document_currency": "EUR",
                "employment_id": "e1",
                "source_amount": 2150000,
                "source_currency": "PLN",
            },
            {"type": "management_fee", "billing_document_amount": 15000, "employment_id": None},
        ],
    }
    body.update(changes)
    return {"data": {"billing_document": body}}


def breakdown_line(**changes):
    line = {
        "type": "Base Salary",
        "description": "January salary",
        "employment_id": "e1",
        "country_code": "POL",
        "invoice_amount": 500001,
        "invoice_currency": "EUR",
        "invoice_number": "INV-2026-0001",
        "invoice_period": "2026-01",
        "source_amount": 2150000,
        "source_currency": "PLN",
        "fx_rate": "0.2325586",
        "variance_from_invoice": None,
        "variance_from_invoice_amount": None,
    }
    line.update(changes)
    return line


def assert_token_hidden(*things):
    for thing in things:
        assert TOKEN not in str(thing) and TOKEN not in repr(thing)
        assert "crafted_secret" not in str(thing) and "crafted_secret" not in repr(thing)


# Reading documents


def test_document_is_read_exactly_and_bill_from_comes_from_the_listing(remote, client):
    remote.queue(f"/v1/billing-documents/{DOC_ID}", (200, document(), {}))
    doc = client.billing_document(DOC_ID, bill_from="Remote Europe Holding BV")
    assert doc.total == 515001 and type(doc.total) is int
    assert [item.amount for item in doc.items] == [500001, 15000]
    assert doc.items[1].employment_id is None
    assert doc.issued_date.isoformat() == "2026-01-02"
    assert doc.bill_from == "Remote Europe Holding BV"
    assert doc.is_known_type and not doc.is_credit_note
    assert remote.requests[-1][2]["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize("document_type", ["peo_funding_payrolls", "peo_management_fees"])
def test_unknown_document_types_pass_through(remote, client, document_type):
    listing = {
        "data": {
            "billing_documents": [
                {
                    "id": DOC_ID,
                    "billing_document_period": "2026-01",
                    "billing_document_type": document_type,
                    "bill_from": None,
                }
            ],
            "current_page": 1,
            "total_count": 1,
            "total_pages": 1,
        }
    }
    remote.queue("/v1/billing-documents", (200, listing, {}))
    remote.queue(
        f"/v1/billing-documents/{DOC_ID}",
        (200, document(billing_document_type=document_type, billing_document_currency="USD"), {}),
    )
    [summary] = client.billing_documents("2026-01")
    assert summary.document_type == document_type
    doc = client.billing_document(summary.id, bill_from=summary.bill_from)
    assert doc.document_type == document_type
    assert not doc.is_known_type and not doc.is_credit_note


def test_breakdown_keeps_extra_fields_and_exact_amounts(remote, client):
    lines = [
        breakdown_line(),
        breakdown_line(
            type="Management Fee",
            employment_id=None,
            invoice_amount=15000,
            variance_from_invoice="FX rounding",
            variance_from_invoice_amount=-1,
            cost_center="R&D",
        ),
    ]
    remote.queue(
        f"/v1/billing-documents/{DOC_ID}/breakdown",
        (200, {"data": {"billing_document_breakdown": lines}}, {}),
    )
    first, fee = client.breakdown(DOC_ID)
    assert first.invoice_amount == 500001 and first.fx_rate == "0.2325586"
    assert fee.employment_id is None
    assert fee.extra["variance_from_invoice_amount"] == -1
    assert fee.extra["cost_center"] == "R&D"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"total": 5150.01}, "total"),
        ({"total": "515001"}, "total"),
        ({"total": True}, "total"),
        ({"total": None}, "total"),
        ({"total": 10**20}, "total' is too large to book"),
        ({"total": -(10**20)}, "total' is too large to book"),
        ({"issued_date": "02/01/2026"}, "issued_date"),
        ({"issued_date": "2026-02-30"}, "issued_date"),
        ({"billing_document_period": "2026-13"}, "billing_document_period"),
        ({"billing_document_number": 42}, "billing_document_number"),
        ({"billing_document_currency": None}, "billing_document_currency"),
        ({"items": {"type": "x"}}, "items"),
        ({"items": [{"type": "base_salary", "billing_document_amount": 1.5}]}, "item 0"),
        ({"items": [{"billing_document_amount": 1}]}, "'type'"),
        ({"items": ["base_salary"]}, "item 0"),
    ],
)
def test_malformed_documents_raise_data_error_naming_document_and_field(
    remote, client, changes, field
):
    remote.queue(f"/v1/billing-documents/{DOC_ID}", (200, document(**changes), {}))
    with pytest.raises(RemoteDataError) as caught:
        client.billing_document(DOC_ID)
    assert DOC_ID in str(caught.value)
    assert field in str(caught.value)


def test_missing_field_is_named(remote, client):
    body = document()
    del body["data"]["billing_document"]["company_id"]
    remote.queue(f"/v1/billing-documents/{DOC_ID}", (200, body, {}))
    with pytest.raises(RemoteDataError, match=f"billing document {DOC_ID}: field 'company_id' is"):
        client.billing_document(DOC_ID)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>gateway</html>", "not valid JSON"),
        ({"billing_document": {}}, "'data' is missing"),
        ({"data": []}, "not a JSON object"),
        ({"data": {"billing_document": None}}, "'billing_document' is null"),
        (document(id="another-id"), "answered billing document"),
    ],
)
def test_unreadable_envelopes_raise_data_error(remote, client, body, message):
    remote.queue(f"/v1/billing-documents/{DOC_ID}", (200, body, {}))
    with pytest.raises(RemoteDataError, match=message):
        client.billing_document(DOC_ID)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"invoice_amount": 12.5}, "invoice_amount"),
        ({"invoice_amount": "1250"}, "invoice_amount"),
        ({"invoice_amount": 2**63}, "invoice_amount"),
        ({"source_amount": 1.0}, "source_amount"),
        ({"variance_from_invoice_amount": "1"}, "variance_from_invoice_amount"),
        ({"fx_rate": 0.23}, "fx_rate"),
        ({"fx_rate": "about 0.2"}, "fx_rate"),
        ({"fx_rate": "NaN"}, "fx_rate"),
        ({"employment_id": 7}, "employment_id"),
        ({"type": None}, "type"),
    ],
)
def test_malformed_breakdown_lines_name_line_and_field(remote, client, changes, field):
    lines = [breakdown_line(), breakdown_line(**changes)]
    remote.queue(
        f"/v1/billing-documents/{DOC_ID}/breakdown",
        (200, {"data": {"billing_document_breakdown": lines}}, {}),
    )
    with pytest.raises(RemoteDataError, match=f"{DOC_ID} breakdown line 1: field '{field}'"):
        client.breakdown(DOC_ID)


def test_pdf_bytes_are_returned_and_non_pdf_is_refused(remote, client):
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
    remote.queue(f"/v1/billing-documents/{DOC_ID}/pdf", (200, pdf, {}))
    assert client.pdf(DOC_ID) == pdf
    assert remote.requests[-1][2]["Accept"] == "application/pdf"
    remote.answers.clear()
    remote.queue(f"/v1/billing-documents/{DOC_ID}/pdf", (200, {"data": {}}, {}))
    with pytest.raises(RemoteDataError, match="no PDF"):
        client.pdf(DOC_ID)


# Paging


def test_listing_without_paging_fields_stops_at_a_short_page(remote, client):
    client.page_size = 2
    rows = [{"id": f"d{n}", "name": f"Dept {n}"} for n in range(3)]
    remote.queue(
        "/v1/company-departments",
        (200, {"data": {"company_departments": rows[:2]}}, {}),
        (200, {"data": {"company_departments": rows[2:]}}, {}),
    )
    assert [d.id for d in client.departments("c1")] == ["d0", "d1", "d2"]
    assert [query["page"] for _, query, _ in remote.requests] == ["1", "2"]


def test_items_repeated_on_a_later_page_are_returned_once(remote, client):
    client.page_size = 2
    page = {"current_page": 1, "total_count": 3, "total_pages": 2}
    rows = [{"id": f"le{n}", "name": f"Entity {n}"} for n in range(3)]
    remote.queue(
        "/v1/companies/c1/legal-entities",
        (200, {"data": {"legal_entities": rows[:2], **page}}, {}),
        (200, {"data": {"legal_entities": rows[1:], **page, "current_page": 2}}, {}),
    )
    assert [entity.id for entity in client.legal_entities("c1")] == ["le0", "le1", "le2"]


def test_bad_paging_field_is_a_data_error(remote, client):
    body = {"data": {"legal_entities": [], "total_pages": "1"}}
    remote.queue("/v1/companies/c1/legal-entities", (200, body, {}))
    with pytest.raises(RemoteDataError, match="total_pages"):
        client.legal_entities("c1")


# Errors: every body shape of Remote's contract keeps Remote's words


@pytest.mark.parametrize(
    ("status", "body", "error", "words"),
    [
        (400, {"message": "invalid billing document"}, RemoteValidationError, ["invalid billing"]),
        (
            400,
            {"message": {"code": "bad_period", "message": "period is invalid"}},
            RemoteValidationError,
            ["bad_period", "period is invalid"],
        ),
        (404, {"message": "billing document not found"}, RemoteNotFound, ["not found"]),
        (
            422,
            {"errors": {"period": ["is invalid", "is too old"]}},
            RemoteValidationError,
            ["period: is invalid; is too old"],
        ),
        (
            422,
            {"message": {"code": "x", "message": "must be a month", "param": "period"}},
            RemoteValidationError,
            ["must be a month (period)"],
        ),
        (
            422,
            {
                "message": [
                    {"code": "a", "message": "first problem", "param": "page"},
                    {"code": "b", "message": "cannot download", "action": "download_pdf"},
                ]
            },
            RemoteValidationError,
            ["first problem (page)", "cannot download (download_pdf)"],
        ),
        (422, {"message": "Unprocessable"}, RemoteValidationError, ["Unprocessable"]),
        (409, {"message": "conflict here"}, RemoteError, ["conflict here"]),
    ],
)
def test_client_errors_carry_remotes_message(remote, client, status, body, error, words):
    remote.queue(f"/v1/billing-documents/{DOC_ID}", (status, body, {}))
    with pytest.raises(error) as caught:
        client.billing_document(DOC_ID)
    assert caught.value.status == status
    for word in words:
        assert word in str(caught.value)
    assert len(remote.requests) == 1  # client errors are not retried
    assert_token_hidden(caught.value)


def test_server_errors_with_errors_object_are_retried_then_reported(remote, client, waits, caplog):
    caplog.set_level(logging.DEBUG)
    remote.queue(f"/v1/billing-documents/{DOC_ID}", (500, {"errors": {"db": ["unavailable"]}}, {}))
    with pytest.raises(RemoteUnavailable) as caught:
        client.billing_document(DOC_ID)
    assert "retrying" in caplog.text and TOKEN not in caplog.text
    assert "db: unavailable" in str(caught.value)
    assert "after 3 attempts" in str(caught.value)
    assert caught.value.status == 500 and caught.value.attempts == 3
    assert len(waits) == 2 and waits[0] < waits[1]  # exponential back-off


def test_retry_after_seconds_is_honoured_when_no_reset_header(remote, client, waits):
    remote.queue(
        "/v1/identity/current",
        (429, {"message": "Too many requests"}, {"Retry-After": "2"}),
        (200, {"data": {"company": {"id": "c1", "name": "Acme"}, "user": {}}}, {}),
    )
    assert client.identity().company_id == "c1"
    assert waits == [pytest.approx(2.05)]


def test_rate_limit_without_wait_headers_backs_off_then_reports_429(remote, client, waits):
    remote.queue("/v1/identity/current", (429, {"message": "Too many requests"}, {}))
    with pytest.raises(RemoteUnavailable) as caught:
        client.identity()
    assert caught.value.status == 429 and caught.value.attempts == 3
    assert "Too many requests" in str(caught.value)
    assert len(waits) == 2 and waits[0] < waits[1]


def test_retry_after_as_http_date_is_honoured(remote, client, waits):
    when = formatdate(time.time() + 30, usegmt=True)
    remote.queue(
        "/v1/identity/current",
        (429, {"message": "Too many requests"}, {"Retry-After": when}),
        (200, {"data": {"company": {"id": "c1", "name": "Acme"}}}, {}),
    )
    assert client.identity().company_id == "c1"
    assert 28 < waits[0] <= 30.1


def test_a_reset_far_away_is_reported_instead_of_blocking(remote, client, waits):
    remote.queue(
        "/v1/identity/current",
        (429, {"message": "Too many requests"}, {"x-ratelimit-reset": "3600000"}),
    )
    with pytest.raises(RemoteUnavailable, match="resets only in 3600 s"):
        client.identity()
    assert waits == []


def test_a_token_echoed_by_a_server_is_redacted(remote, client):
    remote.queue("/v1/identity/current", (401, {"message": f"bad token {TOKEN}"}, {}))
    with pytest.raises(RemoteAuthError) as caught:
        client.identity()
    assert_token_hidden(caught.value)
    assert "bad token ***" in str(caught.value)


def test_forbidden_names_the_scope_of_the_endpoint(remote, client):
    for path, call, scope in [
        ("/v1/companies/c1/legal-entities", lambda: client.legal_entities("c1"), "company:read"),
        ("/v1/company-departments", lambda: client.departments("c1"), "company_department:read"),
        ("/v1/employments/e1", lambda: client.employment("e1"), "employment:read"),
        (f"/v1/billing-documents/{DOC_ID}/pdf", lambda: client.pdf(DOC_ID), "invoices:read"),
    ]:
        remote.queue(path, (403, {"message": "Forbidden scope"}, {}))
        with pytest.raises(RemoteAuthError, match=f"scope '{scope}'") as caught:
            call()
        assert "Forbidden scope" in str(caught.value)


def test_ids_are_escaped_in_paths(remote, client):
    remote.queue("/v1/employments/a/b", (404, {"message": "employment not found"}, {}))
    with pytest.raises(RemoteNotFound, match="employment not found"):
        client.employment("a/b")
    assert remote.requests[-1][0] == "/v1/employments/a%2Fb"
