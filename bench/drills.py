"""``python -m bench.drills``: reliability drills of the addon's sync in Odoo processes.

kill         an Odoo process syncing the medium scale is SIGKILLed at a random point, then a
             normal run follows; NetSuite must end with one bill per booked document, amounts
             exact. Remote and NetSuite latency are 0 here (documented in bench/README.md) so 50
             trials fit in the time budget: the kill points still fall inside reads, upserts and
             commits because the Odoo process spends its time there.
two_workers  two Odoo processes run the sync on one database at the same moment; every
             document is booked once.
Exits 1 when an invariant fails. The fault and bad-input drills are not written yet.
"""

import argparse
import random
import signal
import sys
import time
from collections import Counter

from .odoo_run import OdooDatabase, drop_template
from .scales import SCALES, START_PERIOD
from .servers import start_netsuite, start_remote


def periods(scale):
    from .__main__ import periods as scale_periods

    return scale_periods(scale)


def bill_check(netsuite, remote):
    """(duplicate externalIds, bills) NetSuite holds."""
    bills = netsuite.bills()
    booked = Counter(bill["external_id"] for bill in bills)
    duplicates = sum(n - 1 for n in booked.values() if n > 1)
    return duplicates, bills


def kill_drill(trials, seed):
    rng = random.Random(seed)
    scale = SCALES["medium"]
    months = periods(scale)
    with start_netsuite() as netsuite, start_remote(scale, start_period=START_PERIOD) as remote:
        database = OdooDatabase().create()
        try:
            database.setup_connection(netsuite, remote, f"{months[0]}-01")
            params = database.sync_params(months)
            kills = 0
            for _ in range(trials):
                process = database.shell("sync.py", params, wait=False)
                time.sleep(rng.uniform(0.5, 5.0))
                if process.poll() is None:
                    process.send_signal(signal.SIGKILL)
                    kills += 1
                process.communicate()
                database.shell("sync.py", params)
            final = database.shell("sync.py", params)
            duplicates, bills = bill_check(netsuite, remote)
            states = final["states"]
            booked_documents = {
                row[0] for row in database.sql(
                    "SELECT d.remote_id FROM remote_netsuite_document d WHERE d.state = 'synced'"
                )
            }  # fmt: skip
            billed_documents = {
                bill["external_id"].removeprefix("remote-").split("-s")[0] for bill in bills
            }
            missing = len({d.lower() for d in booked_documents} - billed_documents)
            stray = len(billed_documents - {d.lower() for d in booked_documents})
            to_sync = states.get("to_sync", 0)
            print(
                f"kill drill: {trials} trials ({kills} killed mid-run), documents {states}, "
                f"bills {len(bills)}, duplicates {duplicates}, missing {missing + to_sync}, "
                f"bills without a synced document {stray}"
            )
            return duplicates == 0 and missing == 0 and stray == 0 and to_sync == 0
        finally:
            database.drop()


def two_workers_drill():
    scale = SCALES["small"]
    months = periods(scale)
    with (
        start_netsuite(latency_call=0.05) as netsuite,
        start_remote(scale, latency=0.02, start_period=START_PERIOD) as remote,
    ):
        database = OdooDatabase().create()
        try:
            database.setup_connection(netsuite, remote, f"{months[0]}-01")
            params = database.sync_params(months, trigger="cron")
            workers = [database.shell("sync.py", params, wait=False) for _ in range(2)]
            outputs = [worker.communicate() for worker in workers]
            duplicates, bills = bill_check(netsuite, remote)
            upserts = sum(n for op, n in netsuite.calls().items() if op in ("upsert", "upsertList"))
            ran = [out for out, _ in outputs if "RNC_BENCH_RESULT" in out]
            print(
                f"two workers: {len(ran)} of 2 finished, bills {len(bills)}, duplicates "
                f"{duplicates}, upsert calls {upserts}"
            )
            return duplicates == 0 and len(ran) == 2 and upserts == 1
        finally:
            database.drop()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.drills")
    parser.add_argument("--drills", default="two_workers,kill")
    parser.add_argument("--kill-trials", type=int, default=50)
    parser.add_argument("--seed", type=int, default=8)
    options = parser.parse_args(argv)
    ok = True
    try:
        for drill in options.drills.split(","):
            started = time.monotonic()
            if drill == "kill":
                passed = kill_drill(options.kill_trials, options.seed)
            elif drill == "two_workers":
                passed = two_workers_drill()
            else:
                raise SystemExit(f"unknown drill {drill}")
            print(
                f"  [{'ok' if passed else 'FAILED'}] {drill} ({time.monotonic() - started:.0f} s)"
            )
            ok &= passed
    finally:
        drop_template()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
