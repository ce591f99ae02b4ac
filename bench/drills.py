"""``python -m bench.drills``: reliability drills of the addon's sync in Odoo processes.

kill         medium scale: Remote re-issues invoices, an Odoo process syncing them is SIGKILLed
             at a random point, then a normal run follows; NetSuite must end with one record
             per bill, amounts as Remote says. Latency 0 so that 50 trials fit in the budget.
fault        30 % NetSuite faults, Remote 503s and 429s: syncs converge, nothing booked twice,
             every transient failure in Events History.
bad_input    hypothesis-broken Remote payloads: named states, readable messages, no crash,
             the untouched documents booked exactly.
two_workers  two Odoo processes run the sync on one database at the same moment; every
             document is booked once.
two_manual   two `odoo shell` processes start the manual sync of one connection at the same
             moment: one complete run, one "already running" answer, both in Events History,
             neither rolled back.
two_http     the same from the wizard's Sync button, pressed by two sessions at once, each
             answered by its own Odoo HTTP worker (--workers=2).
cron_threads 4 companies' syncs run by an Odoo server's cron workers: wall time with 1, then 2
             cron threads (bench/background.py).
multi_worker --workers=2 --max-cron-threads=2 --limit-time-real=30: a large first manual sync
             from the wizard over HTTP completes in the background, booked exactly once.
Exits 1 when an invariant fails.
"""

import argparse
import json
import random
import signal
import sys
import threading
import time
from collections import Counter

from .odoo_run import OdooDatabase, drop_template
from .scales import SCALES, START_PERIOD
from .servers import start_netsuite, start_remote


def periods(scale):
    from .__main__ import periods as scale_periods

    return scale_periods(scale)


def booked_check(database, netsuite, remote, months):
    """NetSuite against a fresh read of Remote: duplicates, missing, stray, wrong amounts, and
    the documents Odoo has not settled (to sync, failed)."""
    from .amounts import compare, remote_totals

    rows = database.sql("SELECT remote_id, state FROM remote_netsuite_document")
    synced = [remote_id for remote_id, state in rows if state == "synced"]
    counts = compare(netsuite.bills(), remote_totals(remote.url, months), synced)
    counts["unsettled"] = sum(state not in ("synced", "skipped") for _, state in rows)
    for remote_id, state, message in database.sql(
        "SELECT remote_id, state, left(message, 300) FROM remote_netsuite_document "
        "WHERE state NOT IN ('synced', 'skipped') LIMIT 3"
    ):
        print(f"  not settled: {remote_id} {state}: {message}")
    counts["documents"] = len(rows)
    return counts


def bill_check(netsuite, remote):
    """(duplicate externalIds, bills) NetSuite holds."""
    bills = netsuite.bills()
    booked = Counter(bill["external_id"] for bill in bills)
    duplicates = sum(n - 1 for n in booked.values() if n > 1)
    return duplicates, bills


REISSUED_PER_TRIAL = 10
KILL_WINDOW = (2.0, 4.5)  # seconds after the process starts (Odoo takes ~2 s to load)


def kill_drill(trials, seed, transport="soap"):
    """Medium scale booked once (over ``transport``); then each trial: Remote re-issues a few
    invoices (new totals, to be booked again as updates), a sync is SIGKILLed at a random point,
    a normal run follows. NetSuite must end with one record per bill, every amount as Remote
    now says."""
    rng = random.Random(seed)
    scale = SCALES["medium"]
    months = periods(scale)
    with start_netsuite() as netsuite, start_remote(scale, start_period=START_PERIOD) as remote:
        database = OdooDatabase().create()
        try:
            database.setup_connection(netsuite, remote, f"{months[0]}-01", transport=transport)
            params = database.sync_params(months)
            database.shell("sync.py", params)
            kills = in_sync = 0
            for trial in range(trials):
                remote.reissue(REISSUED_PER_TRIAL, seed * 1000 + trial)
                process = database.shell("sync.py", params, wait=False)
                time.sleep(rng.uniform(*KILL_WINDOW))
                killed = process.poll() is None
                if killed:
                    process.send_signal(signal.SIGKILL)
                out, _ = process.communicate()
                kills += killed
                in_sync += killed and "RNC_BENCH_SYNC_STARTED" in out
                database.shell("sync.py", params)
                if (trial + 1) % 10 == 0:
                    print(f"  kill drill: {trial + 1} trials, {kills} killed", flush=True)
            counts = booked_check(database, netsuite, remote, months)
            print(
                f"kill drill ({transport}): {trials} trials ({kills} killed, {in_sync} of them "
                f"while syncing, "
                f"{REISSUED_PER_TRIAL} re-issued invoices each), documents {counts['documents']}, "
                f"bills {len(netsuite.bills())}, duplicates {counts['duplicates']}, missing "
                f"{counts['missing'] + counts['unsettled']}, wrong amounts "
                f"{counts['wrong_amounts']}, bills without a synced document {counts['stray']}"
            )
            return kills > 0 and not any(counts[key] for key in _INVARIANTS)
        finally:
            database.drop()


_INVARIANTS = ("duplicates", "missing", "stray", "wrong_amounts", "unsettled")
NETSUITE_FAULTS = ("concurrency", "http_503", "commit_then_drop")


def fault_drill(fault_rate, max_runs, transport="soap"):
    """30 % of NetSuite requests (over ``transport``) fail (concurrency faults, 503s, committed
    then dropped) and Remote answers 503s and 429s (a tight rate limit); syncs run until every
    document is settled. Every transient failure the clients met must be in Events History: the
    retries a run recorded, plus one error event per run stopped by a failure that outlasted its
    retries."""
    scale = SCALES["medium"]
    months = periods(scale)
    with start_netsuite() as netsuite, start_remote(scale, start_period=START_PERIOD) as remote:
        database = OdooDatabase().create()
        try:
            database.setup_connection(netsuite, remote, f"{months[0]}-01", transport=transport)
            netsuite.reset()
            netsuite.inject(fault_rate, NETSUITE_FAULTS)
            remote.inject(fault_rate / 2, rate_limit=40, rate_window=1.0)
            # 5 bills per request: ~50 NetSuite writes per run for the faults to hit
            params = database.sync_params(months, tuning={"netsuite_batch_size": 5})
            runs, states = 0, {}
            while runs < max_runs:
                runs += 1
                states = database.shell("sync.py", params)["states"]
                if set(states) <= {"synced", "skipped"}:
                    break
            injected = netsuite.faults()
            statuses = remote.statuses()
            netsuite.inject(0.0)
            remote.inject(0.0, rate_limit=10_000, rate_window=60.0)
            counts = booked_check(database, netsuite, remote, months)
            retried, stopped = _transient_events(database)
            met = sum(injected.values()) + statuses.get("503", 0) + statuses.get("429", 0)
            print(
                f"fault drill ({transport}): {runs} runs to converge, documents {states}, bills "
                f"{len(netsuite.bills())}; NetSuite faults {dict(injected)}, Remote 503 "
                f"{statuses.get('503', 0)}, 429 {statuses.get('429', 0)}; in Events History: "
                f"{retried} retried + {stopped} runs stopped = {retried + stopped} of {met}; "
                f"duplicates {counts['duplicates']}, missing "
                f"{counts['missing'] + counts['unsettled']}, wrong amounts "
                f"{counts['wrong_amounts']}"
            )
            return not any(counts[key] for key in _INVARIANTS) and retried + stopped >= met
        finally:
            database.drop()


def _transient_events(database):
    """(retries listed in Events History, sync runs that stopped on an error)."""
    retried = database.sql(
        "SELECT coalesce(sum(array_length(string_to_array(details, E'\\n'), 1)), 0) "
        "FROM remote_netsuite_event WHERE event_type = 'sync' AND summary LIKE '%transient%'"
    )[0][0]
    stopped = database.sql(
        "SELECT count(*) FROM remote_netsuite_event WHERE event_type = 'sync' AND level = 'error'"
    )[0][0]
    return int(retried), int(stopped)


NAMED_STATES = {"synced", "failed", "needs_mapping", "skipped"}
MESSAGE_LIMIT = 2000  # a readable message, not a payload echoed back


def bad_input_drill(count, rounds, seed):
    """``count`` generated breakages over ``rounds`` syncs of the medium scale (a fresh database
    each); at least a fifth of the documents stay untouched as controls."""
    from .amounts import compare, document_of, remote_totals
    from .bad_input import BreakingProxy, generated_cases

    scale = SCALES["medium"]
    months = periods(scale)
    cases = generated_cases(count, seed)
    rng = random.Random(seed)
    outcomes, bad, crashed, tried = Counter(), [], 0, 0
    controls_ok = True
    with start_netsuite() as netsuite, start_remote(scale, start_period=START_PERIOD) as remote:
        totals = remote_totals(remote.url, months)
        ids = sorted(totals)
        per_round = min(-(-len(cases) // rounds), len(ids) * 4 // 5)
        for number in range(rounds):
            chunk = cases[number * per_round : (number + 1) * per_round]
            if not chunk:
                break
            broken = dict(zip(rng.sample(ids, len(chunk)), chunk, strict=True))
            with BreakingProxy(remote.url) as proxy:
                proxy.cases = broken
                netsuite.reset()
                database = OdooDatabase().create()
                try:
                    database.setup_connection(netsuite, proxy, f"{months[0]}-01")
                    result = database.shell("sync.py", database.sync_params(months))
                    crashed += not result["result"]["ok"]
                    rows = database.sql(
                        "SELECT lower(remote_id), state, coalesce(message, '') "
                        "FROM remote_netsuite_document"
                    )
                finally:
                    database.drop()
            tried += len(broken)
            for remote_id, state, message in rows:
                if remote_id not in broken:
                    continue
                outcomes[state] += 1
                if state not in NAMED_STATES or not message or len(message) > MESSAGE_LIMIT:
                    bad.append((remote_id, state, message[:200], broken[remote_id]))
            controls = {remote_id for remote_id, _, _ in rows if remote_id not in broken}
            synced = [r for r, state, _ in rows if r in controls and state == "synced"]
            bills = [b for b in netsuite.bills() if document_of(b["external_id"]) in controls]
            check = compare(bills, totals, synced)
            unsettled = [r for r, state, _ in rows if r in controls and state not in
                         ("synced", "skipped")]  # fmt: skip
            controls_ok &= not any(check.values()) and not unsettled
            outcomes["(not in Odoo)"] += len(set(broken) - {r for r, _, _ in rows})
    for remote_id, state, message, case in bad[:5]:
        print(f"  unnamed outcome: {remote_id} {state} {message!r} after {case!r}"[:400])
    print(
        f"bad input drill: {tried} cases tried in {rounds} syncs, outcomes {dict(outcomes)}, "
        f"unreadable or unnamed {len(bad)}, syncs that failed {crashed}, controls booked "
        f"exactly: {'yes' if controls_ok else 'NO'}"
    )
    return not bad and not crashed and controls_ok and not outcomes["(not in Odoo)"]


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


WIZARD = "remote.netsuite.sync.wizard"


def two_manual_drill():
    """Two manual syncs of one connection started at once from two ``odoo shell`` processes."""

    def start_both(database, months):
        params = database.sync_params(months, wizard=True)
        workers = [database.shell("sync.py", params, wait=False) for _ in range(2)]
        outputs = [worker.communicate() for worker in workers]
        for _, errors in outputs:
            if "Traceback" in errors or "SerializationFailure" in errors:
                print(errors[-2000:])
        return [
            json.loads(line.split(" ", 1)[1])["result"]
            for out, _ in outputs
            for line in out.splitlines()
            if line.startswith("RNC_BENCH_RESULT ")
        ]

    return _two_syncs_at_once("two manual syncs (odoo shell)", start_both)


def two_http_workers_drill():
    """Two administrators press the wizard's Sync at the same moment, each answered by its own
    Odoo HTTP worker (``--workers=2``)."""

    def start_both(database, months):
        server = database.serve(workers=2)
        try:
            sessions = [server.session("admin", "admin") for _ in range(2)]
            values = {"connection_id": database.connection_id, "selection": "both",
                      "sync_from": f"{months[0]}-01"}  # fmt: skip
            wizards = [session.call(WIZARD, "create", [values])[0] for session in sessions]
            barrier = threading.Barrier(2)

            def press(session, wizard_id):
                barrier.wait()
                session.button(WIZARD, "action_sync", wizard_id)

            threads = [
                threading.Thread(target=press, args=pair)
                for pair in zip(sessions, wizards, strict=True)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            # the sync asked for runs in the connection's scheduled action ("Run manually")
            [[cron_id]] = database.sql(
                "SELECT sync_cron_id FROM remote_netsuite_connection"  # the drill's only one
            )
            sessions[0].button("ir.cron", "method_direct_trigger", int(cron_id))
            ids = ", ".join(str(wizard_id) for wizard_id in wizards)
            # the drill's own wizards and the sync each asked for
            query = f"SELECT job.state, wizard.note FROM remote_netsuite_sync_wizard wizard LEFT JOIN remote_netsuite_sync_job job ON job.id = wizard.job_id WHERE wizard.id IN ({ids})"  # noqa: S608, E501
            rows = database.sql(query)
        finally:
            server.stop()
        return [
            {"ok": state == "done", "already_running": "already running" in note.lower()}
            for state, note in rows
        ]

    return _two_syncs_at_once("two manual syncs (two HTTP workers)", start_both)


def _two_syncs_at_once(name, start_both):
    """One complete run, one "already running" answer, both in Events History, no duplicate."""
    scale = SCALES["small"]
    months = periods(scale)
    with (
        start_netsuite(latency_call=0.2) as netsuite,
        start_remote(scale, latency=0.05, start_period=START_PERIOD) as remote,
    ):
        database = OdooDatabase().create()
        try:
            database.setup_connection(netsuite, remote, f"{months[0]}-01")
            results = start_both(database, months)
            duplicates, bills = bill_check(netsuite, remote)
            refused = sum(1 for result in results if result.get("already_running"))
            complete = sum(1 for result in results if result.get("ok"))
            events = database.sql(  # the drill's database holds this one connection
                "SELECT summary FROM remote_netsuite_event WHERE event_type = 'sync'"
            )
            print(
                f"{name}: {len(results)} of 2 finished, complete {complete}, "
                f"already running {refused}, sync events {len(events)}, bills {len(bills)}, "
                f"duplicates {duplicates}"
            )
            return (len(results), complete, refused, len(events), duplicates) == (2, 1, 1, 2, 0)
        finally:
            database.drop()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.drills")
    parser.add_argument(
        "--drills",
        default="two_workers,two_manual,two_http,cron_threads,multi_worker,fault,fault_rest,"
        "bad_input,kill,kill_rest",
    )
    parser.add_argument("--kill-trials", type=int, default=50)
    parser.add_argument("--kill-trials-rest", type=int, default=20)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--fault-rate", type=float, default=0.3)
    parser.add_argument("--fault-max-runs", type=int, default=8)
    parser.add_argument("--bad-cases", type=int, default=300)
    parser.add_argument("--bad-rounds", type=int, default=2)
    options = parser.parse_args(argv)
    ok = True
    try:
        for drill in options.drills.split(","):
            started = time.monotonic()
            if drill == "kill":
                passed = kill_drill(options.kill_trials, options.seed)
            elif drill == "kill_rest":
                passed = kill_drill(options.kill_trials_rest, options.seed, transport="rest")
            elif drill == "fault":
                passed = fault_drill(options.fault_rate, options.fault_max_runs)
            elif drill == "fault_rest":
                passed = fault_drill(options.fault_rate, options.fault_max_runs, transport="rest")
            elif drill == "bad_input":
                passed = bad_input_drill(options.bad_cases, options.bad_rounds, options.seed)
            elif drill == "two_workers":
                passed = two_workers_drill()
            elif drill == "two_manual":
                passed = two_manual_drill()
            elif drill == "two_http":
                passed = two_http_workers_drill()
            elif drill == "cron_threads":
                from .background import cron_threads_drill

                passed = cron_threads_drill()
            elif drill == "multi_worker":
                from .background import multi_worker_drill

                passed = multi_worker_drill()
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
