"""REST bookings: single PUTs at the concurrency limit against the asynchronous batch API.

``python -m bench.rest_batch [--bills 300] [--processors 1]``: the same bills booked on the
NetSuite simulator (bench latencies, 5 requests at a time) both ways, from empty each time:

* **single PUTs**: what the client does, ``upsert_bills`` = one ``PUT …/eid:<externalId>`` per
  bill, ``NETSUITE_CONCURRENCY`` at once;
* **async batch**: one ``PUT /record/v1/vendorBill`` of up to 100 items per job
  (``Prefer: respond-async``), the jobs polled every ``POLL_INTERVAL`` s until complete, then one
  ``GET …/task/<n>/result`` per bill (the only way to learn each bill's id or refusal), those at
  the concurrency limit.

Prints the wall times, requests and bills per second of each; the simulator's async model is in
simulators/netsuite/rest_async.py (a task costs what a single PUT costs, tasks of a job run in
sequence, ``--processors`` jobs at once; ``--task-cost`` overrides a task's cost).
"""

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import requests

from remote_netsuite_connector.services.netsuite import (
    VENDOR_BILL,
    BillLine,
    BillPayload,
    NetSuiteClient,
)
from remote_netsuite_connector.services.netsuite.rest_records import bill_body

from .addon import ADDON  # noqa: F401
from .scales import NETSUITE_CONCURRENCY, NETSUITE_LATENCY_CALL, NETSUITE_LATENCY_RECORD
from .servers import start_netsuite
from .services_run import rest_settings

POLL_INTERVAL = 0.5  # seconds between two looks at a job
BATCH = 100


def payloads(data, count):
    vendor = data["vendors"][2]  # Remote Europe Holding BV, shared with every subsidiary
    account = next(a for a in data["accounts"] if a["number"] == "6000")
    return [
        BillPayload(
            kind=VENDOR_BILL,
            external_id=f"bench-batch-{n}",
            tran_id=f"INV-{n}",
            tran_date=date(2025, 2, 3),
            vendor_id=vendor["internal_id"],
            subsidiary_id=vendor["subsidiary_id"],
            currency_id=vendor["currency_id"],
            memo="bench",
            lines=(BillLine(account_id=account["internal_id"], amount=Decimal("10.00")),),
        )
        for n in range(count)
    ]


def book_single(client, bills):
    started = time.monotonic()
    results = client.upsert_bills(bills)
    return time.monotonic() - started, sum(r.ok for r in results)


def book_batched(client, bills):
    gateway = client._gateway
    started = time.monotonic()
    jobs = []
    for start in range(0, len(bills), BATCH):
        chunk = bills[start : start + BATCH]
        items = [{"externalId": p.external_id, **bill_body(p)} for p in chunk]
        response = gateway._request(
            "PUT",
            "/record/v1/vendorBill",
            "batch upsert",
            json={"items": items},
            headers={"Prefer": "respond-async"},
        )
        jobs.append((response.headers["Location"].split("/async/v1/job/")[1], len(chunk)))
    for job_id, _count in jobs:
        while not gateway._request("GET", f"/async/v1/job/{job_id}", "job").json()["completed"]:
            time.sleep(POLL_INTERVAL)

    def result(task):
        job_id, number = task
        path = f"/async/v1/job/{job_id}/task/{number}/result"
        return gateway._request("GET", path, "task result").json().get("status") == 204

    tasks = [(job_id, n) for job_id, count in jobs for n in range(1, count + 1)]
    with ThreadPoolExecutor(NETSUITE_CONCURRENCY) as pool:
        booked = sum(pool.map(result, tasks))
    return time.monotonic() - started, booked


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.rest_batch")
    parser.add_argument("--bills", type=int, default=300)
    parser.add_argument("--processors", type=int, default=1)
    parser.add_argument(
        "--task-cost", type=float, help="seconds per batch task (default: as a single PUT)"
    )
    options = parser.parse_args(argv)
    figures = {
        "bills": options.bills,
        "async_processors": options.processors,
        "task_cost": options.task_cost,
    }
    with start_netsuite(
        latency_call=NETSUITE_LATENCY_CALL,
        latency_record=NETSUITE_LATENCY_RECORD,
        concurrency_limit=NETSUITE_CONCURRENCY,
        async_processors=options.processors,
        async_task_cost=options.task_cost,
    ) as netsuite:
        bills = payloads(netsuite.get("/_sim/data"), options.bills)
        for mode, book in (("single_puts", book_single), ("async_batch", book_batched)):
            netsuite.reset()
            with NetSuiteClient(rest_settings(netsuite.url)) as client:
                wall, booked = book(client, bills)
                calls = {k: v for k, v in client.calls.items() if k != "token"}
            stored = requests.get(f"{netsuite.url}/_sim/bills", timeout=60).json()
            figures[mode] = {
                "wall": round(wall, 2),
                "requests": sum(calls.values()),
                "calls": calls,
                "booked": booked,
                "stored": len(stored),
                "bills_per_second": round(options.bills / wall, 1),
            }
    json.dump(figures, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
