"""Closed accounting periods (VALID_PRD_REQD) against the NetSuite simulator over loopback SOAP."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from remote_netsuite_connector.services.netsuite import (
    VENDOR_BILL,
    BillLine,
    BillPayload,
    NetSuiteClient,
    NetSuiteSettings,
)
from remote_netsuite_connector.services.netsuite.periods import (
    CLOSED_PERIOD_CODE,
    AccountingPeriod,
    PeriodAwareClient,
    first_open_from,
    moved_payload,
    period_of,
)
from simulators.netsuite import NetSuiteSimulator

CLOSED = ("2024-11", "2024-12")  # two in a row: the first open period is two months later


@pytest.fixture(scope="module")
def sim():
    return NetSuiteSimulator(version="2023_2", account="1234567_SB1", seed=3, closed_periods=CLOSED)


@pytest.fixture(scope="module")
def server(sim):
    with sim.serve(host="127.0.0.1", port=0) as running:
        yield running


@pytest.fixture(autouse=True)
def clean_sim(sim):
    sim.reset_bookings()


def client_for(server, **kwargs):
    settings = NetSuiteSettings(
        account_id="1234567_SB1",
        consumer_key="sim-consumer-key",
        consumer_secret="sim-consumer-secret",
        token_id="sim-token-id",
        token_secret="sim-token-secret",
        wsdl_version="2023_2",
        wsdl_url=server.wsdl_url,
        endpoint_url=server.endpoint_url,
        timeout=10.0,
        max_attempts=1,
    )
    return PeriodAwareClient(NetSuiteClient(settings), **kwargs)


def bill(sim, tran_date, number=1):
    data = sim.data
    return BillPayload(
        kind=VENDOR_BILL,
        external_id=f"remote-period-{number}",
        tran_id=f"INV-2024-{number:06d}",
        tran_date=tran_date,
        vendor_id=data.vendor("Remote Europe Holding BV").internal_id,
        subsidiary_id=data.subsidiary("Acme Germany").internal_id,
        currency_id=data.currency("EUR").internal_id,
        memo="Remote prefunding invoice",
        lines=(BillLine(account_id=data.account("6000").internal_id, amount=Decimal("10.00")),),
        utc_offset="-08:00",  # midnight for the simulated NetSuite user (Pacific time)
    )


def test_periods_are_read_with_their_state(server, sim):
    with client_for(server) as client:
        periods = client.list_accounting_periods()
    assert len(periods) == len(sim.data.periods)
    november = period_of(periods, date(2024, 11, 15))
    assert november.name == "Nov 2024" and november.closed
    assert not period_of(periods, date(2025, 1, 1)).closed
    assert first_open_from(periods, date(2024, 11, 4)).name == "Jan 2025"
    assert first_open_from(periods, date(2025, 3, 31)).name == "Mar 2025"


def test_closed_period_fails_naming_the_period(server, sim):
    with client_for(server) as client:
        [result] = client.upsert_bills([bill(sim, date(2024, 12, 2))])
    assert result.error_code == CLOSED_PERIOD_CODE
    assert "2024-12-02 falls in the accounting period Dec 2024" in result.error_message
    assert not sim.bills()


def test_closed_period_books_in_first_open_period_with_the_date_in_the_memo(server, sim):
    moved = []
    with client_for(
        server, book_in_open_period=True, on_moved=lambda *args: moved.append(args)
    ) as (client):
        results = client.upsert_bills(
            [bill(sim, date(2024, 11, 4)), bill(sim, date(2025, 2, 3), 2)]
        )
    assert all(result.ok for result in results)
    booked = {booking["external_id"]: booking for booking in sim.bills()}
    first, second = booked["remote-period-1"], booked["remote-period-2"]
    january = next(p for p in sim.data.periods if p.key == "2025-01")
    assert first["posting_period_id"] == january.internal_id
    assert first["tran_date"] == "2025-01-01"
    assert "dated 2024-11-04 in Nov 2024 (closed), booked in Jan 2025" in first["memo"]
    assert second["tran_date"] == "2025-02-03" and "closed" not in second["memo"]
    [(payload, closed, target)] = moved
    assert (payload.external_id, closed.name, target.name) == (
        "remote-period-1",
        "Nov 2024",
        "Jan 2025",
    )


def test_a_moved_bill_gets_midnight_offset_of_its_new_date():
    # Booked in October (daylight saving time) but moved to December (standard time): the
    # offset of the new date keeps NetSuite's date on the first day of the open period.
    october = AccountingPeriod("10", "Oct 2024", date(2024, 10, 1), date(2024, 10, 31), True)
    december = AccountingPeriod("12", "Dec 2024", date(2024, 12, 1), date(2024, 12, 31), False)
    payload = replace(bill_payload_stub(date(2024, 10, 15)), utc_offset="-07:00")

    def pacific(day):
        return "-07:00" if date(2024, 3, 10) <= day < date(2024, 11, 3) else "-08:00"

    moved = moved_payload(payload, october, december, pacific)
    assert (moved.tran_date, moved.utc_offset) == (date(2024, 12, 1), "-08:00")
    assert "dated 2024-10-15 in Oct 2024 (closed)" in moved.memo


def bill_payload_stub(tran_date):
    return BillPayload(
        kind=VENDOR_BILL,
        external_id="remote-stub",
        tran_id="INV-STUB",
        tran_date=tran_date,
        vendor_id="1",
        subsidiary_id="1",
        currency_id="1",
        memo="Remote reconciliation invoice",
        lines=(BillLine(account_id="1", amount=Decimal("1.00")),),
    )
