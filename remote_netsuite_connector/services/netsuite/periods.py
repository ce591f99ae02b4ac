"""Closed accounting periods: NetSuite refuses a bill dated in one with VALID_PRD_REQD.

:class:`PeriodAwareClient` wraps the client with two additions: it reads the accounting periods
(``search`` of AccountingPeriodSearchBasic; there is no getAll for them) and, when an upsert is
refused for a closed period, either books the transaction in the first open period after the
closed one (``book_in_open_period``: tranDate moved to that period's first day, postingPeriod set,
the memo keeps the original date) or replaces NetSuite's terse refusal by one that names the period.
"""

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from . import soap
from .client import NetSuiteClient
from .types import AccountingPeriod, BillPayload, UpsertResult

CLOSED_PERIOD_CODE = "VALID_PRD_REQD"


def parse_period(record) -> AccountingPeriod:
    """An AccountingPeriod record as zeep parsed it (dates in NetSuite's own time zone)."""
    return AccountingPeriod(
        internal_id=record.internalId,
        name=record.periodName or record.internalId,
        start=record.startDate.date(),
        end=record.endDate.date(),
        closed=bool(record.closed or record.apLocked or record.allLocked),
        is_posting=not (record.isQuarter or record.isYear or record.isAdjust),
    )


soap.SEARCHES.setdefault("accountingPeriod", ("AccountingPeriodSearchBasic", parse_period))


def period_of(periods: Sequence[AccountingPeriod], day: date) -> AccountingPeriod | None:
    """The posting period ``day`` falls in."""
    return next((p for p in periods if p.is_posting and p.start <= day <= p.end), None)


def first_open_from(periods: Sequence[AccountingPeriod], day: date) -> AccountingPeriod | None:
    """The earliest open posting period that ends on or after ``day``."""
    candidates = [p for p in periods if p.is_posting and not p.closed and p.end >= day]
    return min(candidates, key=lambda p: p.start, default=None)


def moved_payload(
    payload: BillPayload,
    closed: AccountingPeriod | None,
    target: AccountingPeriod,
    utc_offset_for: Callable[[date], str] | None = None,
) -> BillPayload:
    """``payload`` booked in ``target``, its memo noting the original date and closed period.
    ``utc_offset_for`` gives midnight's offset on the new date (daylight saving may differ)."""
    closed_name = closed.name if closed else "a closed period"
    note = (
        f"dated {payload.tran_date.isoformat()} in {closed_name} (closed), booked in {target.name}"
    )
    tran_date = max(target.start, payload.tran_date)
    return replace(
        payload,
        tran_date=tran_date,
        utc_offset=utc_offset_for(tran_date) if utc_offset_for else payload.utc_offset,
        posting_period_id=target.internal_id,
        memo=f"{payload.memo}; {note}" if payload.memo else note,
    )


def closed_period_message(payload: BillPayload, closed: AccountingPeriod | None) -> str:
    period = f"the accounting period {closed.name}" if closed else "its accounting period"
    return (
        f"{payload.tran_date.isoformat()} falls in {period}, which is closed in NetSuite. "
        'Reopen it (or unlock Accounts Payable for it) in NetSuite, or turn on "Book into the '
        'first open period" on the connection, then Retry.'
    )


class PeriodAwareClient:
    """Wraps a :class:`NetSuiteClient`: same methods, upserts aware of closed periods."""

    def __init__(
        self,
        client: NetSuiteClient,
        *,
        book_in_open_period: bool = False,
        on_moved: Callable[[BillPayload, AccountingPeriod | None, AccountingPeriod], None]
        | None = None,
        utc_offset_for: Callable[[date], str] | None = None,
    ):
        self.client = client
        self.book_in_open_period = book_in_open_period
        self.on_moved = on_moved
        self.utc_offset_for = utc_offset_for

    def __getattr__(self, name):
        return getattr(self.client, name)

    def __repr__(self):
        return f"<PeriodAwareClient {self.client!r}>"

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.client.close()

    def list_accounting_periods(self) -> list[AccountingPeriod]:
        return self.client._search_all("accountingPeriod")

    def upsert_bills(self, payloads: Sequence[BillPayload], **kwargs) -> list[UpsertResult]:
        results = list(self.client.upsert_bills(payloads, **kwargs))
        refused = [i for i, result in enumerate(results) if result.error_code == CLOSED_PERIOD_CODE]
        if not refused:
            return results
        periods = self.list_accounting_periods()
        moves = []
        for index in refused:
            payload = payloads[index]
            closed = period_of(periods, payload.tran_date)
            target = (
                first_open_from(periods, payload.tran_date) if self.book_in_open_period else None
            )
            if target is None:
                message = closed_period_message(payload, closed)
                results[index] = replace(results[index], error_message=message)
            else:
                moved = moved_payload(payload, closed, target, self.utc_offset_for)
                moves.append((index, moved, closed, target))
        if moves:
            again = self.client.upsert_bills([move[1] for move in moves], **kwargs)
            for (index, payload, closed, target), result in zip(moves, again, strict=True):
                results[index] = result
                if result.ok and self.on_moved:
                    self.on_moved(payload, closed, target)
        return results
