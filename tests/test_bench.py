"""The benchmark's own arithmetic and the bad input drill's breakage (no Odoo, no servers)."""

import json

import pytest

from bench.amounts import compare
from bench.bad_input import apply_case, generated_cases
from bench.floor import pipeline_floor
from bench.odoo_run import latency_floor, rest_floor


def bill(external_id, total, kind="vendorBill"):
    return {"external_id": external_id, "total": total, "kind": kind}


def test_compare_counts_duplicates_missing_stray_and_wrong_amounts():
    totals = {"a": (12345, 2), "b": (-500, 2), "c": (1000, 0), "d": (1, 2)}
    bills = [
        bill("remote-a-s1", "100.00"),
        bill("remote-a-s2", "23.45"),
        bill("remote-b", "5.00", "vendorCredit"),
        bill("remote-c", "999"),
        bill("remote-c", "999"),
        bill("remote-e", "1.00"),
    ]
    assert compare(bills, totals, ["a", "B", "c", "d"]) == {
        "duplicates": 1,
        "missing": 1,  # d
        "stray": 1,  # e was not booked by Odoo
        "wrong_amounts": 1,  # c: 1998 booked for 1000
    }


def test_floor_counts_listing_in_sequence_reads_in_parallel_and_the_last_write():
    calls = {"GET /v1/billing-documents": 12, "GET /v1/billing-documents/{id}": 400}
    requests = [["search", 0], ["upsertList", 100], ["upsertList", 50]]
    floor = latency_floor(calls, requests, remote_concurrency=4)
    assert floor == pytest.approx(12 * 0.06 + 100 * 0.06 + 0.15 + 50 * 0.02)


def test_rest_floor_waits_for_the_documents_read_before_their_puts():
    """Most employments are read on the first documents: their reads come first, then the PUTs
    of every document after them, a bill each, 4 at a time."""
    figures = {
        "remote_calls": {"GET /v1/billing-documents": 2, "GET /v1/employments/{id}": 40},
        "documents_in_order": [("A", "40", [f"p{i}" for i in range(40)])]
        + [(f"D{i}", "40", ["p1"]) for i in range(39)],
        "netsuite_bills": [{"external_id": f"remote-d{i}"} for i in range(39)]
        + [{"external_id": "remote-a-s1"}, {"external_id": "remote-a-s2"}],
    }
    floor = rest_floor(figures, remote_concurrency=4)
    # the listing; A's 42 reads, 11 rounds of 4; then the 41 PUTs, 11 rounds of 4
    assert floor == pytest.approx(2 * 0.06 + 11 * 0.06 + 11 * 0.17)
    all_reads_and_the_last_put = 2 * 0.06 + (42 + 2 * 39) / 4 * 0.06 + 0.17
    assert floor > all_reads_and_the_last_put


def test_pipeline_floor_is_never_below_its_two_ends():
    reads, writes = [30, 2, 2, 2, 2], [1, 1, 0, 1, 1]
    floor = pipeline_floor(
        reads, writes, read_latency=1, read_concurrency=2, write_latency=3, write_concurrency=1
    )
    assert floor == 15 + 4 * 3  # the first document read, then all four writes
    assert floor >= 38 / 2 + 3  # all reads and the last write
    assert pipeline_floor([1], [0], read_latency=1, read_concurrency=1, write_latency=9,
                          write_concurrency=1) == 1  # fmt: skip


SHOW = {"data": {"billing_document": {"id": "x", "total": 300, "billing_document_currency": "USD"}}}
BREAKDOWN = {
    "data": {
        "billing_document_breakdown": [
            {"type": "Base Salary", "invoice_amount": 100, "invoice_currency": "USD"},
            {"type": "Benefits", "invoice_amount": 200, "invoice_currency": "USD"},
        ]
    }
}


def test_breakage_unbalances_lines_and_can_break_the_json():
    show, breakdown = apply_case([("unbalance", 7), ("currency", "ZZZ")], SHOW, BREAKDOWN)
    lines = json.loads(breakdown)["data"]["billing_document_breakdown"]
    assert sum(line["invoice_amount"] for line in lines) == 307
    assert json.loads(show)["data"]["billing_document"]["billing_document_currency"] == "ZZZ"
    show, _ = apply_case([("not_json", "show")], SHOW, BREAKDOWN)
    with pytest.raises(json.JSONDecodeError):
        json.loads(show)
    assert SHOW["data"]["billing_document"]["total"] == 300  # the originals are left alone


def test_hypothesis_draws_the_same_cases_for_the_same_seed():
    assert generated_cases(20, 3) == generated_cases(20, 3)
    assert len(generated_cases(20, 3)) == 20
