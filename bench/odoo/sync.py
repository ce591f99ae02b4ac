# Run inside `odoo shell` (``env`` given) by bench/odoo_run.py: one sync of the bench connection,
# as the wizard or the scheduled action would run it, with figures on one JSON line.
import cProfile
import json
import os
import resource
import time

from odoo import sql_db

params = json.loads(os.environ["RNC_BENCH_PARAMS"])
connection = env["remote.netsuite.connection"].browse(params["connection_id"])  # noqa: F821
if params.get("tuning"):  # netsuite_batch_size, netsuite_concurrency, remote_concurrency
    connection.write(params["tuning"])
    env.cr.commit()  # noqa: F821
baseline_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
queries = sql_db.sql_counter
print("RNC_BENCH_SYNC_STARTED", flush=True)  # the kill drill tells kills while Odoo loads apart
profile_path = os.environ.get("RNC_BENCH_PROFILE")  # a cProfile of the sync thread, for pstats
profiler = cProfile.Profile() if profile_path else None
started = time.monotonic()
cpu = resource.getrusage(resource.RUSAGE_SELF)
if profiler:
    profiler.enable()
if params.get("wizard"):  # the manual sync a user starts: every month since sync_from
    result = connection._sync_manual(connection.sync_selection)
else:
    result = connection._sync(params.get("trigger", "manual"), periods=params["periods"])
if profiler:
    profiler.disable()
    profiler.dump_stats(profile_path)
env.cr.commit()  # noqa: F821
wall = time.monotonic() - started
cpu_after = resource.getrusage(resource.RUSAGE_SELF)
cpu_seconds = cpu_after.ru_utime - cpu.ru_utime + cpu_after.ru_stime - cpu.ru_stime
queries = sql_db.sql_counter - queries
states, messages = {}, {}
for document in connection.document_ids:
    states[document.state] = states.get(document.state, 0) + 1
    if document.state not in ("synced", "skipped"):
        key = f"{document.state}: {document.message}"
        messages[key] = messages.get(key, 0) + 1
print(
    "RNC_BENCH_RESULT "
    + json.dumps(
        {
            "result": {k: v for k, v in result.items() if isinstance(v, (str, int, float, bool))},
            "wall": wall,
            "netsuite_seconds": result.get("netsuite_seconds"),
            "timings": result.get("timings"),
            "cpu_seconds": cpu_seconds,
            "sql_queries": queries,
            "states": states,
            "messages": messages,
            "documents": sum(states.values()),
            "lines": env["remote.netsuite.document.line"].search_count(  # noqa: F821
                [("document_id.connection_id", "=", connection.id)]
            ),
            "baseline_rss_mb": baseline_rss,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    ),
    flush=True,
)
