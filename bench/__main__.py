"""``python -m bench``: the benchmark of issue 8 at each scale; exits 1 when a target is missed.

``--level services`` (default): Remote client + bill builder + NetSuite client, no Odoo.
``--level odoo``: the addon's sync in an Odoo process (see odoo_run.py).
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time

from .addon import ROOT
from .report import print_table
from .scales import (
    NETSUITE_CONCURRENCY,
    NETSUITE_LATENCY_CALL,
    NETSUITE_LATENCY_RECORD,
    REMOTE_LATENCY_CALL,
    SCALES,
    START_PERIOD,
)
from .servers import start_netsuite, start_remote
from .targets import check


def periods(scale):
    year, month = map(int, START_PERIOD.split("-"))
    result = []
    for _ in range(scale.months):
        result.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def run_scale(scale, level):
    with (
        start_netsuite(
            latency_call=NETSUITE_LATENCY_CALL,
            latency_record=NETSUITE_LATENCY_RECORD,
            concurrency_limit=NETSUITE_CONCURRENCY,
        ) as netsuite,
        start_remote(scale, latency=REMOTE_LATENCY_CALL, start_period=START_PERIOD) as remote,
    ):
        if level == "services":
            command = [sys.executable, "-m", "bench.services_run", netsuite.url, remote.url]
            command.append(",".join(periods(scale)))
            out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
            if out.returncode:
                sys.stderr.write(out.stderr)
                raise SystemExit(f"the services run of {scale.name} failed")
            return json.loads(out.stdout.strip().splitlines()[-1])
        from .odoo_run import run_odoo_scale

        single = scale.one_per_call and os.environ.get("RNC_BENCH_ONE_PER_CALL", "1") != "0"
        rest = scale.rest and os.environ.get("RNC_BENCH_REST", "1") != "0"
        return run_odoo_scale(scale, netsuite, remote, periods(scale), single=single, rest=rest)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--scales", default="small,medium,large,lines")
    parser.add_argument("--level", choices=("services", "odoo"), default="services")
    parser.add_argument("--json", help="write the figures there too")
    options = parser.parse_args(argv)
    print(
        f"Benchmark ({options.level} level) on {platform.node() or 'this machine'}: "
        f"Python {platform.python_version()}, {_cores()} cores, {time.strftime('%Y-%m-%d %H:%M')}"
    )
    print(
        f"Latency: NetSuite {NETSUITE_LATENCY_CALL * 1000:.0f} ms/call + "
        f"{NETSUITE_LATENCY_RECORD * 1000:.0f} ms/record, {NETSUITE_CONCURRENCY} at a time; "
        f"Remote {REMOTE_LATENCY_CALL * 1000:.0f} ms/call"
    )
    missed, everything = 0, {}
    try:
        missed = _run_scales(options, everything)
    finally:
        if options.level == "odoo":
            from .odoo_run import drop_template

            drop_template()
    return _finish(options, everything, missed)


def _run_scales(options, everything):
    missed = 0
    for name in options.scales.split(","):
        started = time.monotonic()
        figures = run_scale(SCALES[name], options.level)
        checks = check(figures, name)
        print_table(name, figures, checks)
        print(f"  (scale done in {time.monotonic() - started:.0f} s)")
        missed += sum(not ok for _, ok, _ in checks)
        figures["batched"]["latency"] = None  # long; the floor keeps what matters
        if figures.get("rest"):
            figures["rest"]["latency"] = None
        everything[name] = figures
    return missed


def _finish(options, everything, missed):
    if options.json:
        with open(options.json, "w") as handle:
            json.dump(everything, handle, indent=1, default=str)
    print(f"\n{'All targets met.' if not missed else f'{missed} target(s) MISSED.'}")
    return 1 if missed else 0


def _cores():
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


if __name__ == "__main__":
    sys.exit(main())
