"""Syncs in the background, run by a real Odoo server's cron workers (``python -m bench.drills``).

cron_threads   N companies (medium-ish data, bench latencies) each ask for a manual sync; an Odoo
               server with ``--max-cron-threads=1``, then one with ``=2``, runs them. Wall time
               from the first run's start to the last one's end, and the ratio.
multi_worker   ``--workers=2 --max-cron-threads=2 --limit-time-real=30`` (and a cron job limit
               of 90 s, see MULTI_WORKER_CRON_TIME_LIMIT): an administrator
               starts the first manual sync of the large scale from the wizard over HTTP, Remote
               twice as slow as the bench's; the button answers at once, the sync completes in
               the background through cron workers the time limit kills (each next run goes on
               from what the killed one saved) and books every document exactly once.
"""

import time
from contextlib import ExitStack

from .drills import booked_check, periods
from .odoo_run import OdooDatabase
from .scales import (
    NETSUITE_CONCURRENCY,
    NETSUITE_LATENCY_CALL,
    NETSUITE_LATENCY_RECORD,
    REMOTE_LATENCY_CALL,
    SCALES,
    START_PERIOD,
    Scale,
)
from .servers import start_netsuite, start_remote

WIZARD = "remote.netsuite.sync.wizard"
POLL_SECONDS = 0.5
# medium's entities and people over a quarter: a sync of ~20 s with the bench latencies
CRON_SCALE = Scale("cron", 10, 500, 3)
CRON_COMPANIES = 4
# ratio wall(1 thread) / wall(2 threads) expected of syncs that mostly wait on Remote and NetSuite
CRON_SPEEDUP_TARGET = 1.5
MULTI_WORKER_TIME_LIMIT = 30  # seconds: --limit-time-real
# --limit-time-real-cron. By default a cron job gets --limit-time-real (30 s), but a prefork cron
# worker sleeps 60-69 s between passes and pings the watchdog only before it sleeps: with a limit
# under 70 s Odoo kills its idle cron workers every 30 s and no cron job ever runs. With 90 s, a
# worker that slept its full pass has ~20 s for the sync, one woken at once by a trigger ~85 s:
# both shorter than the large sync, so the drill goes through kills and resumed runs.
MULTI_WORKER_CRON_TIME_LIMIT = 90
BUTTON_ANSWER_LIMIT = 5.0  # seconds: the Sync button answers at once
# Remote's answer time in the multi-worker drill, as a multiple of the bench's: the sync then
# takes ~2 min, so the first run is killed at the cron limit and the next ones resume it.
MULTI_WORKER_SLOWER_REMOTE = 2


def _latency_netsuite(accounts=1):
    """The bench's NetSuite; ``accounts`` companies' bookings share it, each with its own
    concurrency limit, as separate NetSuite accounts would."""
    return start_netsuite(
        latency_call=NETSUITE_LATENCY_CALL,
        latency_record=NETSUITE_LATENCY_RECORD,
        concurrency_limit=NETSUITE_CONCURRENCY * accounts,
    )


def _wait_for_jobs(database, deadline_s, *, wake):
    """Until no sync job is pending: (first seen running, all done) as monotonic times, or None
    for the end when ``deadline_s`` ran out. ``wake``: the jobs were asked for before the server
    listened, so wake its cron workers as the request's ``_trigger()`` would have (until then a
    cron worker sleeps its ~60 s between passes)."""
    started = finished = None
    deadline = time.monotonic() + deadline_s
    queued = 1
    while time.monotonic() < deadline:
        if wake and queued:
            database.wake_crons()
        [[queued, running]] = database.sql(
            "SELECT count(*) FILTER (WHERE state = 'queued'), "
            "count(*) FILTER (WHERE state = 'running') FROM remote_netsuite_sync_job"
        )
        queued, running = int(queued), int(running)
        now = time.monotonic()
        if started is None and (running or not queued):
            started = now
        if not queued and not running:
            finished = now
            break
        time.sleep(POLL_SECONDS)
    return started, finished


def cron_threads_drill(companies=CRON_COMPANIES):
    """Wall time of ``companies`` manual syncs run by 1, then 2 cron workers."""
    months = periods(CRON_SCALE)
    with ExitStack() as stack:
        netsuite = stack.enter_context(_latency_netsuite(companies))
        remotes = [
            stack.enter_context(
                start_remote(
                    CRON_SCALE, latency=REMOTE_LATENCY_CALL, start_period=START_PERIOD, seed=number
                )
            )
            for number in range(1, companies + 1)
        ]
        database = OdooDatabase().create()
        try:
            ids = [
                database.setup_connection(
                    netsuite, remote, f"{months[0]}-01", company=f"Bench company {number}"
                )
                for number, remote in enumerate(remotes, 1)
            ]
            walls, checks = {}, {}
            for threads in (1, 2):
                database.sql("DELETE FROM remote_netsuite_document")  # a first sync each time
                database.sql("DELETE FROM remote_netsuite_sync_job")
                netsuite.reset()
                database.shell("request_syncs.py", {"connection_ids": ids, "periods": months})
                server = database.serve(workers=1, cron_threads=threads)
                try:
                    started, finished = _wait_for_jobs(database, 900, wake=True)
                finally:
                    server.stop()
                walls[threads] = finished - (started or finished) if finished else float("inf")
                checks[threads] = _all_booked(database, netsuite, remotes, months)
        finally:
            database.drop()
    ratio = walls[1] / walls[2]
    print(
        f"cron threads: {companies} companies of {CRON_SCALE.legal_entities} entities, "
        f"{CRON_SCALE.employments} people, {CRON_SCALE.months} months; wall with 1 cron thread "
        f"{walls[1]:.1f} s, with 2 {walls[2]:.1f} s: {ratio:.2f}x (target >= "
        f"{CRON_SPEEDUP_TARGET}); every company booked once: "
        f"{'yes' if all(checks.values()) else 'NO ' + str(checks)}"
    )
    return all(checks.values()) and ratio >= CRON_SPEEDUP_TARGET


def _all_booked(database, netsuite, remotes, months):
    """Every sync done, every document settled, and NetSuite holds each company's documents
    once, amounts exact (against a fresh read of each company's Remote)."""
    from .amounts import compare, remote_totals

    states = dict(
        database.sql("SELECT state, count(*) FROM remote_netsuite_sync_job GROUP BY state")
    )
    totals = {}
    for remote in remotes:
        totals.update(remote_totals(remote.url, months))
    rows = database.sql("SELECT lower(remote_id), state FROM remote_netsuite_document")
    counts = compare(netsuite.bills(), totals, [r for r, state in rows if state == "synced"])
    counts["unsettled"] = sum(state not in ("synced", "skipped") for _, state in rows)
    counts["not in Odoo"] = len(set(totals) - {r for r, _ in rows})
    bad = {key: n for key, n in counts.items() if n}
    if bad or states != {"done": str(len(remotes))}:
        print(f"  sync jobs {states}, not booked exactly: {bad}")
    return not bad and states == {"done": str(len(remotes))}


def multi_worker_drill(scale_name="large"):
    """The first manual sync of ``scale_name`` started from the wizard over HTTP on an Odoo
    server with ``--workers=2 --max-cron-threads=2 --limit-time-real=30``."""
    scale = SCALES[scale_name]
    months = periods(scale)
    with (
        _latency_netsuite() as netsuite,
        start_remote(
            scale,
            latency=REMOTE_LATENCY_CALL * MULTI_WORKER_SLOWER_REMOTE,
            start_period=START_PERIOD,
        ) as remote,
    ):
        database = OdooDatabase().create()
        try:
            database.setup_connection(netsuite, remote, f"{months[0]}-01")
            server = database.serve(
                workers=2,
                cron_threads=2,
                limit_time_real=MULTI_WORKER_TIME_LIMIT,
                limit_time_real_cron=MULTI_WORKER_CRON_TIME_LIMIT,
            )
            try:
                session = server.session("admin", "admin")
                values = {"connection_id": database.connection_id, "selection": "both",
                          "sync_from": f"{months[0]}-01"}  # fmt: skip
                [wizard_id] = session.call(WIZARD, "create", [values])
                pressed = time.monotonic()
                session.button(WIZARD, "action_sync", wizard_id)
                answered = time.monotonic() - pressed
                # no wake-up: the Sync button's trigger wakes the cron workers, and a worker that
                # replaces one the time limit killed sleeps its ~60 s, as in production
                _started, finished = _wait_for_jobs(database, 1800, wake=False)
            finally:
                server.stop()
            with open(database.server_log) as log:
                lines = log.readlines()
            killed = sum("WorkerCron" in line and "timeout after" in line for line in lines)
            tracebacks = sum(line.startswith("Traceback") for line in lines)
            [[state, attempts, job_booked, message]] = database.sql(
                "SELECT state, attempts, booked_count, message FROM remote_netsuite_sync_job"
            )
            [[synced]] = database.sql(
                "SELECT count(*) FROM remote_netsuite_document WHERE state = 'synced'"
            )
            counts = booked_check(database, netsuite, remote, months)
            bills = len(netsuite.bills())  # while the simulator runs
        finally:
            database.drop()
    wall = finished - pressed if finished else float("inf")
    missing = counts["missing"] + counts["unsettled"]
    print(
        f"multi-worker (--workers=2 --max-cron-threads=2 --limit-time-real="
        f"{MULTI_WORKER_TIME_LIMIT} --limit-time-real-cron={MULTI_WORKER_CRON_TIME_LIMIT}, "
        f"{scale_name}): Sync answered in {answered:.2f} s; the sync "
        f"{state} in the background after {wall:.0f} s ({attempts} runs, {killed} cron workers "
        f"killed by the time limit, {tracebacks} tracebacks in the server log): {message}; "
        f"documents {counts['documents']}, bills {bills}, duplicates {counts['duplicates']}, "
        f"missing {missing}, wrong amounts {counts['wrong_amounts']}, stray {counts['stray']}; "
        f"booked by the job's count {job_booked}, synced in Odoo {synced}"
    )
    return (
        answered < BUTTON_ANSWER_LIMIT
        and state == "done"
        and wall > MULTI_WORKER_TIME_LIMIT
        and killed >= 1  # the drill went through a kill and a resumed run
        and int(attempts) >= 2
        and job_booked == synced  # the resumed runs counted on from the killed ones
        and not any(counts[key] for key in ("duplicates", "missing", "unsettled", "stray"))
        and not counts["wrong_amounts"]
    )
