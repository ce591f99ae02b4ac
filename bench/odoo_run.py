"""The addon's real sync in Odoo processes: a database with the addon installed (copied from a
template made once per run), a connection mapped by bench/odoo/setup_connection.py, and syncs
run by ``odoo shell`` with bench/odoo/sync.py. Needs PostgreSQL (scripts/lib.sh ensure_postgres)
and ``RNC_ADDONS_PATH`` (scripts/bench.sh sets both)."""

import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

from .addon import ROOT
from .servers import NETSUITE_CREDENTIALS, TOKEN, VERSION

MODULE = "remote_netsuite_connector"
_TEMPLATE = None


class OdooDatabase:
    """A fresh database with the addon, and the config to run Odoo processes on it."""

    def __init__(self, name=None):
        self.name = name or f"rnc_bench_{uuid.uuid4().hex[:8]}"
        self.workdir = tempfile.mkdtemp(prefix="rnc-bench-")
        self.conf = os.path.join(self.workdir, "odoo.conf")
        with open(self.conf, "w") as handle:
            handle.write(_config(self.name, self.workdir))
        self.connection_id = None

    def create(self):
        global _TEMPLATE
        if _TEMPLATE is None:
            _TEMPLATE = f"rnc_bench_template_{os.getpid()}"
            template = OdooDatabase(_TEMPLATE)
            subprocess.run(
                [sys.executable, "-m", "odoo", "-c", template.conf, "-i", MODULE,
                 "--stop-after-init", "--log-level=warn"],
                cwd=ROOT, env=_env(), check=True, capture_output=True,
            )  # fmt: skip
        subprocess.run(["createdb", "-T", _TEMPLATE, self.name], check=True)
        return self

    def drop(self):
        subprocess.run(["dropdb", "--if-exists", self.name], check=False, capture_output=True)

    def shell(self, script, params, *, wait=True):
        """Run ``bench/odoo/<script>`` in ``odoo shell``; a Popen when not ``wait``."""
        env = _env(RNC_BENCH_PARAMS=json.dumps(params))
        command = [sys.executable, "-m", "odoo", "shell", "-c", self.conf, "--log-level=warn",
                   "--no-http"]  # fmt: skip
        with open(os.path.join(ROOT, "bench", "odoo", script)) as source:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdin=source,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        if not wait:
            return process
        out, err = process.communicate()
        return _last_json(out, err, process.returncode, script)

    def setup_connection(self, netsuite, remote, sync_from):
        params = {
            "remote_url": remote.url,
            "remote_token": TOKEN,
            "version": VERSION,
            "wsdl_url": netsuite.wsdl_url,
            "endpoint_url": netsuite.endpoint_url,
            "sync_from": sync_from,
            **NETSUITE_CREDENTIALS,
        }
        self.connection_id = self.shell("setup_connection.py", params)["connection_id"]
        return self.connection_id

    def sync_params(self, periods, **extra):
        return {"connection_id": self.connection_id, "periods": periods, **extra}

    def sql(self, query):
        out = subprocess.run(
            ["psql", "-d", self.name, "-Atc", query], check=True, capture_output=True, text=True
        )
        return [row.split("|") for row in out.stdout.splitlines() if row]


def run_odoo_scale(scale, netsuite, remote, periods):
    """Figures of one sync of ``scale`` by the addon in an Odoo process (batched only: the sync
    has no one-bill-per-call mode; the services level measures that ratio)."""
    database = OdooDatabase().create()
    try:
        database.setup_connection(netsuite, remote, f"{periods[0]}-01")
        netsuite.reset()
        before = remote.calls()
        started = time.monotonic()
        figures = database.shell("sync.py", database.sync_params(periods))
        figures["process_wall"] = time.monotonic() - started
        figures["remote_calls"] = dict(remote.calls() - before)
        figures["netsuite_calls"] = dict(netsuite.calls())
        figures["latency"] = netsuite.latency()
        bills = netsuite.bills()
        return _shaped(figures, bills, periods)
    finally:
        database.drop()


def _shaped(figures, bills, periods):
    """The services level's shape: the sync runs Remote reads and NetSuite batches one at a
    time, so its floor is the sum of every simulated latency."""
    from collections import Counter

    from .floor import netsuite_latency
    from .scales import NETSUITE_LATENCY_CALL, NETSUITE_LATENCY_RECORD, REMOTE_LATENCY_CALL

    remote_calls = figures["remote_calls"]
    floor = REMOTE_LATENCY_CALL * sum(remote_calls.values()) + sum(
        netsuite_latency(records, NETSUITE_LATENCY_CALL, NETSUITE_LATENCY_RECORD)
        for _, records in figures["latency"]
    )
    booked = Counter(bill["external_id"] for bill in bills)
    documents = max(figures["documents"], 1)
    return {
        "documents": figures["documents"],
        "states": figures["states"],
        "lines": None,
        "employments": remote_calls.get("GET /v1/employments/{id}", 0),
        "periods": len(periods),
        "bills": len(bills),
        "remote_calls": remote_calls,
        "remote_concurrency": 1,
        "netsuite_concurrency": 1,
        "batched": {
            "netsuite_calls": figures["netsuite_calls"],
            "latency": figures["latency"],
            "wall": figures["wall"],
            "booking_wall": None,
            "floor": floor,
            "duplicates": sum(n - 1 for n in booked.values() if n > 1),
            "missing": 0,
            "wrong_amounts": 0,
            "failed_results": 0,
        },
        "single": None,
        "baseline_rss_mb": figures["baseline_rss_mb"],
        "peak_rss_mb": figures["peak_rss_mb"],
        "sql_per_document": figures["sql_queries"] / documents,
        "sync_result": figures["result"],
    }


def _config(name, workdir):
    lines = [
        "[options]",
        f"addons_path = {os.environ['RNC_ADDONS_PATH']}",
        f"data_dir = {workdir}/data",
        f"db_name = {name}",
        f"dbfilter = ^{name}$",
        "http_interface = 127.0.0.1",
        "workers = 0",
        "max_cron_threads = 0",
        "without_demo = all",
    ]
    if os.environ.get("PGHOST"):
        lines.append(f"db_host = {os.environ['PGHOST']}")
    if os.environ.get("PGPORT"):
        lines.append(f"db_port = {os.environ['PGPORT']}")
    return "\n".join(lines) + "\n"


def _env(**extra):
    path = os.environ.get("PYTHONPATH")
    return dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep + path if path else ''}", **extra)


def _last_json(out, err, returncode, script):
    for line in reversed(out.splitlines()):
        if line.startswith("RNC_BENCH_RESULT "):
            return json.loads(line.removeprefix("RNC_BENCH_RESULT "))
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"{script} gave no result (exit {returncode}):\n{err[-3000:]}")


def drop_template():
    if _TEMPLATE:
        subprocess.run(["dropdb", "--if-exists", _TEMPLATE], check=False, capture_output=True)
