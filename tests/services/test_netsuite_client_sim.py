"""NetSuiteClient against the NetSuite simulator: real SOAP over loopback HTTP, XSD-validated.

The simulator validates every request against the 2023_2 schema and faults otherwise, so each
successful call here also proves the client sends schema-valid SOAP.
"""

import hashlib
import logging
import time
from datetime import date
from decimal import Decimal

import pytest

from remote_netsuite_connector.services.netsuite import (
    VENDOR_BILL,
    VENDOR_CREDIT,
    BillLine,
    BillPayload,
    NetSuiteAuthError,
    NetSuiteClient,
    NetSuiteFault,
    NetSuiteRateLimitError,
    NetSuiteSettings,
    NetSuiteTransportError,
    passport,
    soap,
)
from remote_netsuite_connector.services.netsuite import soap_records as records
from simulators.netsuite import NetSuiteSimulator

SECRETS = {"consumer_secret": "sim-consumer-secret", "token_secret": "sim-token-secret"}


@pytest.fixture(scope="module")
def sim():
    return NetSuiteSimulator(version="2023_2", account="1234567_SB1", seed=1)


@pytest.fixture(scope="module")
def server(sim):
    with sim.serve(host="127.0.0.1", port=0) as running:
        yield running


@pytest.fixture(autouse=True)
def clean_sim(sim):
    sim.reset_bookings()
    sim.calls.clear()
    yield
    for record_type in ("department", "vendor", "vendorBill"):
        sim.allow_permission(record_type)


class Sleeps(list):
    def __call__(self, seconds):
        self.append(seconds)


def settings_for(server, **overrides):
    values = {
        "account_id": "1234567_SB1",
        "consumer_key": "sim-consumer-key",
        "token_id": "sim-token-id",
        "wsdl_version": "2023_2",
        "wsdl_url": server.wsdl_url,
        "endpoint_url": server.endpoint_url,
        "timeout": 10.0,
        **SECRETS,
        **overrides,
    }
    return NetSuiteSettings(**values)


@pytest.fixture
def sleeps():
    return Sleeps()


@pytest.fixture
def client(server, sleeps):
    with NetSuiteClient(settings_for(server, page_size=5), sleep=sleeps) as ns_client:
        yield ns_client


def bill(sim, number, *, kind=VENDOR_BILL, amount="100.00", **changes):
    data = sim.data
    values = {
        "kind": kind,
        "external_id": f"remote-doc-{number}",
        "tran_id": f"INV-2025-{number:06d}",
        "tran_date": date(2025, 1, 6),
        "vendor_id": data.vendor("Remote Europe Holding BV").internal_id,
        "subsidiary_id": data.subsidiary("Acme Germany").internal_id,
        "currency_id": data.currency("EUR").internal_id,
        "memo": f"Remote billing document {number}",
        "lines": (
            BillLine(
                account_id=data.account("6000").internal_id,
                amount=Decimal(amount),
                memo="Base Salary",
                department_id=data.department("Engineering").internal_id,
                class_id=data.classification("Payroll").internal_id,
                location_id=data.location("Berlin").internal_id,
            ),
            BillLine(account_id=data.account("6030").internal_id, amount=Decimal("12.5")),
        ),
        "utc_offset": "-08:00",  # midnight for the simulated NetSuite user (Pacific time)
    }
    values.update(changes)
    return BillPayload(**values)


# --- lookups -----------------------------------------------------------------------------------


def test_lookups_page_through_every_record(client, sim):
    subsidiaries = client.list_subsidiaries()
    accounts = client.list_accounts()
    departments = client.list_departments()
    classes = client.list_classes()
    locations = client.list_locations()

    data = sim.data
    assert {s.internal_id: s.name for s in subsidiaries} == {
        s.internal_id: s.name for s in data.subsidiaries
    }
    assert [a.number for a in accounts] == sorted(
        (a.number for a in data.accounts), key=lambda n: int(data.account(n).internal_id)
    )
    assert {d.name for d in departments} == {d.name for d in data.departments}
    assert {c.name for c in classes} == {c.name for c in data.classifications}
    assert {loc.name for loc in locations} == {loc.name for loc in data.locations}
    # page size 5: 9 subsidiaries, 11 accounts, 6 departments and 6 locations need more pages
    assert len(subsidiaries) > 5 and len(accounts) > 10
    assert sim.calls["search"] == 5
    assert sim.calls["searchMoreWithId"] == 1 + 2 + 1 + 0 + 1
    assert client.calls == sim.calls


def test_lookup_values_are_plain_and_complete(client, sim):
    data = sim.data
    germany = next(s for s in client.list_subsidiaries() if s.name == "Acme Germany")
    assert germany.extra["currency_id"] == data.currency("EUR").internal_id
    assert germany.extra["country"] == "germany"
    assert germany.extra["parent_id"] == data.subsidiary("Acme Holdings").internal_id
    france = next(s for s in client.list_subsidiaries() if s.name == "Acme France")
    assert france.is_inactive

    accounts = {a.number: a for a in client.list_accounts()}
    assert accounts["6000"].account_type == "expense"
    assert accounts["6080"].account_type == "otherExpense"
    assert accounts["2000"].account_type == "accountsPayable"
    assert accounts["6000"].include_children
    assert set(accounts["6050"].subsidiary_ids) == {
        data.subsidiary(n).internal_id for n in ("Acme Germany", "Acme Netherlands", "Acme UK")
    }
    assert accounts["6070"].is_inactive

    locations = {loc.name: loc for loc in client.list_locations()}
    assert locations["Berlin"].subsidiary_ids == (data.subsidiary("Acme Germany").internal_id,)
    assert not locations["Berlin"].include_children and locations["Remote (any)"].include_children
    departments = {department.name: department for department in client.list_departments()}
    assert departments["Engineering"].include_children
    assert departments["Engineering"].subsidiary_ids == (data.parent_subsidiary.internal_id,)
    assert not departments["Customer Success"].include_children
    assert set(departments["Customer Success"].subsidiary_ids) == {
        data.subsidiary(n).internal_id for n in ("Acme US", "Acme UK", "Acme Canada")
    }
    classes = {record.name: record for record in client.list_classes()}
    assert classes["Payroll"].include_children

    currencies = {c.iso_code: c for c in client.list_currencies()}
    assert set(currencies) == {"USD", "EUR", "GBP", "JPY", "CAD", "KWD", "CHF"}
    assert currencies["EUR"].internal_id == data.currency("EUR").internal_id
    assert currencies["CHF"].is_inactive


def test_vendors_carry_their_subsidiaries(client, sim):
    vendors = {v.name: v for v in client.list_vendors()}
    data = sim.data
    for seeded in data.vendors:
        vendor = vendors[seeded.name]
        assert vendor.internal_id == seeded.internal_id
        assert vendor.subsidiary_ids[0] == seeded.subsidiary_id
        assert set(vendor.subsidiary_ids) <= set(seeded.shared_subsidiary_ids)
        assert vendor.is_inactive == seeded.is_inactive


def test_server_time_and_check_access(client, sim):
    assert client.server_time().tzinfo is not None
    report = client.check_access()
    assert report["ok"] is True
    assert report["problems"] == {}

    sim.deny_permission("department")
    report = client.check_access()
    assert report["ok"] is False
    assert set(report["problems"]) == {"department"}
    assert "INSUFFICIENT_PERMISSION" in report["problems"]["department"]
    assert "role" in report["problems"]["department"]


def test_denied_search_raises_auth_error_without_retry(client, sim):
    sim.deny_permission("vendor")
    with pytest.raises(NetSuiteAuthError, match="permission"):
        client.list_vendors()
    assert sim.calls["search"] == 1


# --- authentication ----------------------------------------------------------------------------


def test_wrong_secret_is_refused_and_not_retried(server, sim, sleeps):
    settings = settings_for(server, consumer_secret="not-the-secret")
    bad_client = NetSuiteClient(settings, sleep=sleeps)
    with bad_client, pytest.raises(NetSuiteAuthError) as caught:
        bad_client.server_time()
    assert "Invalid login attempt" in str(caught.value)
    assert "not-the-secret" not in str(caught.value)
    assert "sim-token-secret" not in str(caught.value)
    assert sim.calls["getServerTime"] == 1
    assert sleeps == []


def test_lower_case_sandbox_account_is_refused(server, sim, sleeps):
    bad = NetSuiteClient(settings_for(server, account_id="1234567_sb1"), sleep=sleeps)
    with bad, pytest.raises(NetSuiteAuthError, match="Account ids are upper-case: 1234567_SB1"):
        bad.list_currencies()
    assert sim.calls["getAll"] == 1


def test_replayed_nonce_is_refused_and_not_retried(client, sim, sleeps, monkeypatch):
    monkeypatch.setattr(passport, "new_nonce", lambda: "SameNonceEveryTime2024")
    client.server_time()
    with pytest.raises(NetSuiteAuthError):
        client.server_time()
    assert sim.calls["getServerTime"] == 2
    assert sleeps == []


def test_stale_clock_is_refused(server, sim, sleeps):
    stale = NetSuiteClient(settings_for(server), sleep=sleeps, clock=lambda: time.time() - 3600)
    with stale, pytest.raises(NetSuiteAuthError, match="clock"):
        stale.server_time()
    assert sim.calls["getServerTime"] == 1


def test_every_request_and_retry_gets_a_fresh_passport(client, sim, sleeps):
    sim.fail_next("getServerTime", "concurrency", count=2)
    client.server_time()
    # the simulator refuses a reused nonce: the third attempt succeeding proves fresh passports
    assert sim.calls["getServerTime"] == 3
    assert len(sleeps) == 2


# --- upserts -----------------------------------------------------------------------------------


def test_hundred_bills_go_in_one_upsert_list(client, sim):
    payloads = [bill(sim, n) for n in range(100)]
    results = client.upsert_bills(payloads)
    assert sim.calls["upsertList"] == 1
    assert [r.external_id for r in results] == [p.external_id for p in payloads]
    assert all(r.ok for r in results)
    booked = {b["external_id"]: b for b in sim.bills()}
    assert len(booked) == 100
    for payload, result in zip(payloads, results, strict=True):
        assert booked[payload.external_id]["internal_id"] == result.internal_id


def test_250_bills_in_three_calls_in_parallel_keep_input_order(client, sim):
    payloads = [bill(sim, n, amount=f"{n}.{n % 100:02d}") for n in range(250)]
    results = client.upsert_bills(payloads, concurrency=3)
    assert sim.calls["upsertList"] == 3
    assert [r.external_id for r in results] == [p.external_id for p in payloads]
    booked = {b["internal_id"]: b for b in sim.bills()}
    assert len(booked) == 250
    for payload, result in zip(payloads, results, strict=True):
        assert booked[result.internal_id]["external_id"] == payload.external_id
        assert Decimal(booked[result.internal_id]["total"]) == payload.total


def test_one_bill_per_call_mode(client, sim):
    payloads = [bill(sim, n) for n in range(7)]
    results = client.upsert_bills(payloads, batch_size=1)
    assert sim.calls["upsert"] == 7
    assert sim.calls["upsertList"] == 0
    assert all(r.ok for r in results)
    assert len(sim.bills()) == 7


def test_tran_date_is_kept_as_the_date_in_the_netsuite_users_time_zone(client, sim):
    # Midnight in Berlin is still the previous afternoon for a NetSuite user in Pacific time:
    # only the user's own offset keeps Remote's issue date.
    berlin = bill(sim, 3, utc_offset="+01:00")
    pacific = bill(sim, 4, utc_offset="-08:00")
    client.upsert_bills([berlin, pacific])
    booked = {b["external_id"]: b["tran_date"] for b in sim.bills()}
    assert booked[berlin.external_id] == "2025-01-05"
    assert booked[pacific.external_id] == "2025-01-06"


def test_bill_fields_reach_netsuite_exactly(client, sim):
    data = sim.data
    payload = bill(sim, 1, amount="1234.50", posting_period_id=data.period("2025-01").internal_id)
    credit = bill(sim, 2, kind=VENDOR_CREDIT, amount="1234")
    client.upsert_bills([payload, credit])
    booked = {b["external_id"]: b for b in sim.bills()}

    sent = booked[payload.external_id]
    assert sent["kind"] == "vendorBill"
    assert sent["tran_id"] == payload.tran_id
    assert sent["tran_date"] == "2025-01-06"
    assert sent["memo"] == payload.memo
    assert sent["vendor_id"] == payload.vendor_id
    assert sent["subsidiary_id"] == payload.subsidiary_id
    assert sent["currency_id"] == payload.currency_id
    assert sent["posting_period_id"] == data.period("2025-01").internal_id
    first, second = sent["lines"]
    assert first["amount"] == "1234.50"
    assert first["memo"] == "Base Salary"
    assert first["department_id"] == data.department("Engineering").internal_id
    assert first["class_id"] == data.classification("Payroll").internal_id
    assert first["location_id"] == data.location("Berlin").internal_id
    assert second["amount"] == "12.5"
    assert second["department_id"] is None
    assert booked[credit.external_id]["kind"] == "vendorCredit"
    assert booked[credit.external_id]["total"] == "1246.5"


def test_upserting_again_updates_instead_of_duplicating(client, sim):
    first = client.upsert_bills([bill(sim, 1, amount="10.00")])
    again = client.upsert_bills([bill(sim, 1, amount="20.00")])
    assert first[0].internal_id == again[0].internal_id
    (booked,) = sim.bills()
    assert booked["lines"][0]["amount"] == "20.00"
    assert len(booked["lines"]) == 2


def test_per_record_errors_come_back_in_order(client, sim):
    data = sim.data
    japan = data.subsidiary("Acme Japan").internal_id
    yen = data.currency("JPY").internal_id
    caterer = data.vendor("Berlin Catering GmbH").internal_id
    payloads = [
        bill(sim, 1),
        bill(sim, 2, tran_date=date(2024, 12, 16)),  # closed period
        bill(sim, 3),
        # a vendor not shared with the subsidiary
        bill(sim, 4, subsidiary_id=japan, currency_id=yen, vendor_id=caterer),
        bill(sim, 5, lines=(BillLine(account_id="999999", amount=Decimal("1.00")),)),
        bill(sim, 6),
    ]
    results = client.upsert_bills(payloads)
    assert [r.ok for r in results] == [True, False, True, False, False, True]
    assert [r.error_code for r in results] == [
        None,
        "VALID_PRD_REQD",
        None,
        "INVALID_KEY_OR_REF",
        "INVALID_KEY_OR_REF",
        None,
    ]
    assert "closed" in results[1].error_message
    assert "999999" in results[4].error_message
    assert {b["external_id"] for b in sim.bills()} == {
        "remote-doc-1",
        "remote-doc-3",
        "remote-doc-6",
    }


def test_concurrency_fault_is_retried_with_a_fresh_passport(client, sim, sleeps):
    sim.fail_next("upsertList", "concurrency")
    results = client.upsert_bills([bill(sim, n) for n in range(3)])
    assert all(r.ok for r in results)
    assert sim.calls["upsertList"] == 2
    assert len(sleeps) == 1 and 0 <= sleeps[0] <= 0.5
    assert len(sim.bills()) == 3


def test_drop_after_commit_then_retry_books_each_bill_once(client, sim):
    sim.fail_next("upsertList", "commit_then_drop")
    payloads = [bill(sim, n) for n in range(5)]
    results = client.upsert_bills(payloads)
    assert sim.calls["upsertList"] == 2
    booked = sim.bills()
    assert len(booked) == 5
    assert [r.internal_id for r in results] == [b["internal_id"] for b in booked]
    assert all(b["created_count"] == 1 for b in booked)


@pytest.mark.parametrize("kind", ["http_503", "drop_before"])
def test_transport_failures_are_retried(client, sim, kind):
    sim.fail_next("upsert", kind)
    (result,) = client.upsert_bills([bill(sim, 1)])
    assert result.ok
    assert sim.calls["upsert"] == 2
    assert len(sim.bills()) == 1


def test_unexpected_error_fault_is_not_retried(client, sim):
    sim.fail_next("upsertList", "unexpected_error")
    with pytest.raises(NetSuiteFault) as caught:
        client.upsert_bills([bill(sim, 1), bill(sim, 2)])
    assert caught.value.code == "UNEXPECTED_ERROR"
    assert sim.calls["upsertList"] == 1


def test_rate_limit_gives_up_after_max_attempts(server, sim, sleeps):
    sim.fail_next("getServerTime", "concurrency", count=3)
    limited = NetSuiteClient(settings_for(server, max_attempts=3), sleep=sleeps)
    with limited, pytest.raises(NetSuiteRateLimitError) as caught:
        limited.server_time()
    assert caught.value.attempts == 3
    assert "WS_REQUEST_BLOCKED" in str(caught.value)
    assert sim.calls["getServerTime"] == 3


def test_parallel_chunks_over_the_account_limit_are_retried_until_booked(server, sim):
    sim.concurrency_limit = 1
    sim.latency_call = 0.05
    try:
        payloads = [bill(sim, n) for n in range(40)]
        with NetSuiteClient(settings_for(server, max_attempts=30), sleep=lambda s: None) as fast:
            results = fast.upsert_bills(payloads, batch_size=10, concurrency=4)
    finally:
        sim.concurrency_limit = 5
        sim.latency_call = 0.0
    assert all(r.ok for r in results)
    assert len(sim.bills()) == 40
    assert sim.calls["upsertList"] >= 4


# --- reading back ------------------------------------------------------------------------------


def test_get_bills_reads_bills_and_credits_back(client, sim):
    payloads = [bill(sim, 1, amount="1234.50"), bill(sim, 2, kind=VENDOR_CREDIT, amount="7")]
    results = client.upsert_bills(payloads)
    found = client.get_bills(["remote-doc-1", "remote-doc-2", "never-booked"])
    assert set(found) == {"remote-doc-1", "remote-doc-2"}
    booked_bill, booked_credit = found["remote-doc-1"], found["remote-doc-2"]
    assert booked_bill.kind == VENDOR_BILL
    assert booked_bill.internal_id == results[0].internal_id
    assert booked_bill.tran_id == payloads[0].tran_id
    assert booked_bill.vendor_id == payloads[0].vendor_id
    assert booked_bill.subsidiary_id == payloads[0].subsidiary_id
    assert booked_bill.currency_id == payloads[0].currency_id
    assert booked_bill.total == Decimal("1247.00")
    assert [line.amount for line in booked_bill.lines] == [Decimal("1234.5"), Decimal("12.5")]
    assert booked_bill.lines[0].department_id == payloads[0].lines[0].department_id
    assert booked_credit.kind == VENDOR_CREDIT
    assert booked_credit.total == Decimal("19.5")
    assert sim.calls["getList"] == 2


# --- process-wide behaviour and secrets --------------------------------------------------------


def test_wsdl_is_parsed_once_for_clients_of_the_same_url(sleeps):
    other_sim = NetSuiteSimulator(version="2023_2", seed=2)
    with other_sim.serve(host="127.0.0.1", port=0) as other_server:
        settings = settings_for(other_server)
        first = NetSuiteClient(settings, sleep=sleeps)
        second = NetSuiteClient(settings, sleep=sleeps)
        with first, second:
            first.server_time()
            second.server_time()
        assert soap.wsdl_loads[other_server.wsdl_url] == 1


def test_secrets_stay_out_of_reprs_errors_and_debug_logs(server, sim, client, caplog):
    assert all(secret not in repr(client) for secret in SECRETS.values())
    assert all(secret not in repr(client.settings) for secret in SECRETS.values())
    with caplog.at_level(logging.DEBUG):
        client.server_time()
        sim.fail_next("getServerTime", "concurrency")
        client.server_time()
    logged = caplog.text
    assert "HTTP Post to" in logged  # zeep did log the envelope at DEBUG ...
    assert "[redacted]" in logged  # ... with the passport replaced
    assert "signature" not in logged and "nonce" not in logged
    assert all(secret not in logged for secret in SECRETS.values())


# --- documents ---------------------------------------------------------------------------------


def test_upload_and_attach_a_file_to_a_booked_bill(client, sim):
    (booked,) = client.upsert_bills([bill(sim, 1)])
    pdf = b"%PDF-1.4\n% billing document\n"
    file_id = client.upload_file("INV-2025-000001.pdf", pdf, "42", external_id="remote-pdf-1")
    client.attach_file(file_id, "vendorBill", booked.internal_id)

    (stored,) = [f for f in sim.files() if f["internal_id"] == file_id]
    assert stored["name"] == "INV-2025-000001.pdf"
    assert stored["size"] == len(pdf)
    assert stored["folder_id"] == "42"
    (booked_bill,) = sim.bills()
    assert booked_bill["attached_file_ids"] == [file_id]


def test_replacing_a_file_content_keeps_its_id_and_attachments(client, sim):
    (booked,) = client.upsert_bills([bill(sim, 1)])
    file_id = client.upload_file("INV-2025-000001.pdf", b"%PDF-1.4 old", "42")
    client.attach_file(file_id, "vendorBill", booked.internal_id)
    new = b"%PDF-1.4\n% re-issued billing document\n"
    client.replace_file_content(file_id, new)

    (stored,) = sim.files()
    assert (stored["internal_id"], stored["name"]) == (file_id, "INV-2025-000001.pdf")
    assert (stored["size"], stored["sha256"]) == (len(new), hashlib.sha256(new).hexdigest())
    assert sim.bills()[0]["attached_file_ids"] == [file_id]


def test_replacing_a_missing_file_raises_with_netsuite_code(client, sim):
    with pytest.raises(NetSuiteFault) as caught:
        client.replace_file_content("999999999", b"%PDF-1.4")
    assert caught.value.code == "RCRD_DSNT_EXIST"


def test_deleting_a_credit_by_external_id_removes_it(client, sim):
    credit = bill(sim, 1, kind=VENDOR_CREDIT)
    client.upsert_bills([credit])
    assert client.delete_bill(VENDOR_CREDIT, credit.external_id) is True
    assert sim.bills() == []
    assert client.get_bills([credit.external_id]) == {}


def test_deleting_an_applied_credit_is_refused_and_keeps_it(client, sim):
    credit = bill(sim, 1, kind=VENDOR_CREDIT)
    client.upsert_bills([credit])
    sim.mark_applied(credit.external_id)
    with pytest.raises(NetSuiteFault) as caught:
        client.delete_bill(VENDOR_CREDIT, credit.external_id)
    assert caught.value.code == "CANT_DELETE_TRANS"
    assert [b["external_id"] for b in sim.bills()] == [credit.external_id]


def test_deleting_under_the_wrong_type_finds_nothing_and_keeps_the_bill(client, sim):
    client.upsert_bills([bill(sim, 1)])
    assert client.delete_bill(VENDOR_CREDIT, bill(sim, 1).external_id) is False
    assert len(sim.bills()) == 1


def test_file_upload_is_not_resent_after_a_broken_connection(client, sim):
    sim.fail_next("add", "commit_then_drop")
    with pytest.raises(NetSuiteTransportError):
        client.upload_file("doc.pdf", b"%PDF-1.4", "42")
    assert sim.calls["add"] == 1
    assert len(sim.files()) == 1


def test_attach_to_a_missing_record_raises_with_netsuite_code(client, sim):
    file_id = client.upload_file("doc.pdf", b"%PDF-1.4", "42")
    with pytest.raises(NetSuiteFault) as caught:
        client.attach_file(file_id, "vendorBill", "999999999")
    assert caught.value.code == "INVALID_KEY_OR_REF"


# --- afterSubmitFailed -------------------------------------------------------------------------


def test_after_submit_failure_counts_as_booked(client):
    # NetSuite's answer when a user event script fails after the record was saved (the
    # simulator cannot produce it): built from the schema's own types.
    schema = client._gateway.schema
    core = schema.core
    write = schema.type("messages", "platform", "WriteResponse")(
        status=core("Status")(
            isSuccess=False,
            statusDetail=[
                core("StatusDetail")(
                    code="USER_ERROR",
                    message="Script error in afterSubmit",
                    afterSubmitFailed=True,
                    type="ERROR",
                )
            ],
        ),
        baseRef=schema.record_ref("5501", "vendorBill", "remote-doc-1"),
    )
    result = records.upsert_result(write, "remote-doc-1")
    assert result.ok
    assert result.internal_id == "5501"
    assert "afterSubmit" in result.error_message
