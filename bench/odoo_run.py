"""The addon's real sync in Odoo processes: a database with the addon installed (copied from a
template made once per run), a connection mapped by bench/odoo/setup_connection.py, and syncs
run by ``odoo shell`` with bench/odoo/sync.py. Needs PostgreSQL (scripts/lib.sh ensure_postgres)
and ``RNC_ADDONS_PATH`` (scripts/bench.sh sets both)."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter

import requests

from .addon import ROOT
from .amounts import document_of
from .floor import netsuite_latency, phase_floor, pipeline_floor
from .scales import NETSUITE_LATENCY_CALL, NETSUITE_LATENCY_RECORD, REMOTE_LATENCY_CALL
from .servers import NETSUITE_CREDENTIALS, REST_CLIENT_ID, TOKEN, VERSION, register_m2m_key
from .targets import WRITE_OPERATIONS

MODULE = "remote_netsuite_connector"
ODOO_SERVER = os.path.join(ROOT, "scripts", "odoo_server.py")  # odoo-bin, for multi-worker mode
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
            _TEMPLATE = OdooDatabase(f"rnc_bench_template_{os.getpid()}")
            subprocess.run(
                [sys.executable, "-m", "odoo", "-c", _TEMPLATE.conf, "-i", MODULE,
                 "--stop-after-init", "--log-level=warn"],
                cwd=ROOT, env=_env(), check=True, capture_output=True,
            )  # fmt: skip
        subprocess.run(["createdb", "-T", _TEMPLATE.name, self.name], check=True)
        return self

    def drop(self):
        """Drop the database and remove its work folder (config, logs, filestore)."""
        subprocess.run(["dropdb", "--if-exists", self.name], check=False, capture_output=True)
        shutil.rmtree(self.workdir, ignore_errors=True)

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

    def serve(self, *, workers, cron_threads=0, limit_time_real=300, limit_time_real_cron=-1):
        """Odoo's HTTP server on this database in multi-worker (prefork) mode, with
        ``cron_threads`` cron workers; stop() it."""
        port = _free_port()
        command = [sys.executable, ODOO_SERVER, "-c", self.conf, "--log-level=warn",
                   f"--workers={workers}", f"--max-cron-threads={cron_threads}",
                   f"--http-port={port}", f"--gevent-port={_free_port()}",
                   f"--limit-time-real={limit_time_real}",
                   f"--limit-time-real-cron={limit_time_real_cron}"]  # fmt: skip
        log = open(self.server_log, "w")  # noqa: SIM115 - lives with the server
        process = subprocess.Popen(command, cwd=ROOT, env=_env(), stdout=log, stderr=log)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:  # a first page can take long on a loaded machine: its assets are built then
                if requests.get(f"{url}/web/login", timeout=10).ok:
                    return OdooServer(url, self.name, process, log)
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.5)
        process.kill()
        raise RuntimeError(f"Odoo did not answer on {url} within 120 s")

    @property
    def server_log(self):
        return os.path.join(self.workdir, "server.log")

    def wake_crons(self):
        """What a committed ``ir.cron._trigger()`` does: cron workers asleep between passes wake
        up and run the jobs that are due."""
        self.sql(f"NOTIFY cron_trigger, '{self.name}'")

    def setup_connection(self, netsuite, remote, sync_from, *, transport="soap", company=None):
        """A connection of the database's company, or of a new company named ``company``."""
        params = {
            "company": company,
            "transport": transport,
            "remote_url": remote.url,
            "remote_token": TOKEN,
            "version": VERSION,
            "wsdl_url": netsuite.wsdl_url,
            "endpoint_url": netsuite.endpoint_url,
            "sync_from": sync_from,
            **NETSUITE_CREDENTIALS,
        }
        if transport == "rest":
            certificate_id, private_key = register_m2m_key(netsuite.url)
            params.update(
                client_id=REST_CLIENT_ID,
                certificate_id=certificate_id,
                private_key=private_key,
                rest_url=netsuite.url,
            )
        self.connection_id = self.shell("setup_connection.py", params)["connection_id"]
        return self.connection_id

    def sync_params(self, periods, **extra):
        return {"connection_id": self.connection_id, "periods": periods, **extra}

    def sql(self, query):
        out = subprocess.run(
            ["psql", "-d", self.name, "-Atc", query], check=True, capture_output=True, text=True
        )
        return [row.split("|") for row in out.stdout.splitlines() if row]


class OdooServer:
    """A running Odoo server; sessions log in over JSON-RPC as the web client does."""

    def __init__(self, url, database, process, log):
        self.url, self.database, self.process, self.log = url, database, process, log

    def session(self, login, password):
        return OdooSession(self, login, password)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class OdooSession:
    def __init__(self, server, login, password):
        self.server = server
        self.http = requests.Session()
        self.rpc(
            "/web/session/authenticate",
            {"db": server.database, "login": login, "password": password},
        )

    def rpc(self, path, params):
        body = {"jsonrpc": "2.0", "method": "call", "params": params}
        answer = self.http.post(self.server.url + path, json=body, timeout=600).json()
        if "error" in answer:
            raise RuntimeError(f"{path}: {answer['error']['data']['message']}")
        return answer["result"]

    def call(self, model, method, *args, **kwargs):
        params = {"model": model, "method": method, "args": list(args), "kwargs": kwargs}
        return self.rpc(f"/web/dataset/call_kw/{model}/{method}", params)

    def button(self, model, method, record_id):
        params = {"model": model, "method": method, "args": [[record_id]], "kwargs": {}}
        return self.rpc("/web/dataset/call_button", params)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


REMOTE_CONCURRENCY = int(os.environ.get("RNC_BENCH_REMOTE_CONCURRENCY", "4"))
NETSUITE_CONCURRENCY = int(os.environ.get("RNC_BENCH_NETSUITE_CONCURRENCY", "4"))
# Remote calls the sync makes one after the other before reading documents in parallel.
SEQUENTIAL_REMOTE = (
    "GET /v1/billing-documents",
    "GET /v1/identity",
    "GET /v1/companies/{company_id}/legal-entities",
    "GET /v1/employments",
)


def run_odoo_scale(scale, netsuite, remote, periods, *, single=True, rest=True):
    """Figures of one sync of ``scale`` by the addon in an Odoo process over SOAP, then
    (``single``) the same sync on a second database set up alike with one bill per NetSuite
    request, one request at a time (``netsuite_batch_size`` 1: what netsuitesdk does), then
    (``rest``) on a third one over REST + OAuth 2.0; each against an emptied NetSuite. A copy of
    the first database could not read the secrets: the encryption key belongs to its name."""
    databases = [OdooDatabase().create()]
    try:
        databases[0].setup_connection(netsuite, remote, f"{periods[0]}-01")
        tuning = {
            "netsuite_batch_size": 100,
            "netsuite_concurrency": NETSUITE_CONCURRENCY,
            "remote_concurrency": REMOTE_CONCURRENCY,
        }
        batched = _timed_sync(databases[0], netsuite, remote, periods, tuning)
        figures = _shaped(batched, periods, tuning)
        if single:
            databases.append(OdooDatabase().create())
            databases[-1].setup_connection(netsuite, remote, f"{periods[0]}-01")
            one_per_call = dict(tuning, netsuite_batch_size=1)
            figures["single"] = _run_figures(
                _timed_sync(databases[-1], netsuite, remote, periods, one_per_call), one_per_call
            )
        if rest:
            databases.append(OdooDatabase().create())
            databases[-1].setup_connection(netsuite, remote, f"{periods[0]}-01", transport="rest")
            run = _timed_sync(databases[-1], netsuite, remote, periods, tuning)
            figures["rest"] = _run_figures(run, tuning, floor=rest_floor)
        return figures
    finally:
        for database in databases:
            database.drop()


def _timed_sync(database, netsuite, remote, periods, tuning):
    netsuite.reset()
    before = remote.calls()
    remote.in_flight()  # forget the setup's requests
    started = time.monotonic()
    figures = database.shell("sync.py", database.sync_params(periods, tuning=tuning))
    figures["process_wall"] = time.monotonic() - started
    figures["remote_calls"] = dict(remote.calls() - before)
    figures["remote_in_flight"] = remote.in_flight()
    figures["netsuite_calls"] = dict(netsuite.calls())
    figures["latency"] = netsuite.latency()
    figures["netsuite_bills"] = netsuite.bills()
    figures["mirrored"] = database.sql(
        "SELECT remote_id, amount_minor, currency_code, state FROM remote_netsuite_document"
    )
    figures["documents_in_order"] = [
        (remote_id, lines, people.split(",") if people else [])
        for remote_id, lines, people in database.sql(
            "SELECT d.remote_id, count(l.id), string_agg(DISTINCT l.employment_id, ',')"
            " FROM remote_netsuite_document d"
            " LEFT JOIN remote_netsuite_document_line l ON l.document_id = d.id"
            " GROUP BY d.id ORDER BY d.id"
        )
    ]
    return figures


def latency_floor(remote_calls, netsuite_requests, remote_concurrency):
    """The sync lists documents (and reads the legal entities) one call at a time, then reads
    the documents ``remote_concurrency`` at a time; its last NetSuite request can only start after
    the last read. NetSuite requests sent while later documents are read overlap those reads and
    are not counted (a strict floor)."""
    sequential = sum(n for key, n in remote_calls.items() if key in SEQUENTIAL_REMOTE)
    parallel = sum(remote_calls.values()) - sequential
    writes = [records for operation, records in netsuite_requests if operation in WRITE_OPERATIONS]
    last_write = (
        netsuite_latency(writes[-1], NETSUITE_LATENCY_CALL, NETSUITE_LATENCY_RECORD)
        if writes
        else 0
    )
    return (
        REMOTE_LATENCY_CALL * sequential
        + phase_floor([REMOTE_LATENCY_CALL] * parallel, remote_concurrency)
        + last_write
    )


def rest_floor(figures, remote_concurrency):
    """REST books one bill per PUT, ``NETSUITE_CONCURRENCY`` at a time, and a bill's PUT starts
    only once its document is read: the floor of that two-stage pipeline (floor.pipeline_floor),
    documents in the order the run read them, after the listing. It is never below the Remote
    reads plus the last PUT (latency_floor) nor below all the PUTs."""
    remote_calls = figures["remote_calls"]
    sequential = sum(n for key, n in remote_calls.items() if key in SEQUENTIAL_REMOTE)
    reads, puts = _requests_per_document(figures)
    return REMOTE_LATENCY_CALL * sequential + pipeline_floor(
        reads,
        puts,
        read_latency=REMOTE_LATENCY_CALL,
        read_concurrency=remote_concurrency,
        write_latency=netsuite_latency(1, NETSUITE_LATENCY_CALL, NETSUITE_LATENCY_RECORD),
        write_concurrency=NETSUITE_CONCURRENCY,
    )


def _requests_per_document(figures):
    """Per document, in the order the run read (and mirrored) them: the Remote reads it surely
    cost (the document; its breakdown when it has lines; each employment the first time a line
    names it, when the run read employments) and its PUTs (its bills in NetSuite)."""
    employments_read = figures["remote_calls"].get("GET /v1/employments/{id}", 0)
    seen, reads = set(), []
    for _remote_id, lines, people in figures["documents_in_order"]:
        new = {person for person in people if person and person not in seen}
        seen |= new
        reads.append(1 + (int(lines) > 0) + (len(new) if employments_read else 0))
    puts = Counter(document_of(bill["external_id"]) for bill in figures["netsuite_bills"])
    return reads, [
        puts[remote_id.lower()] for remote_id, _lines, _people in figures["documents_in_order"]
    ]


def _soap_floor(figures, remote_concurrency):
    return latency_floor(figures["remote_calls"], figures["latency"], remote_concurrency)


def _run_figures(figures, tuning, floor=_soap_floor):
    """Timings, and NetSuite's bills against the Remote totals Odoo mirrored (the kill drill
    reads Remote itself)."""
    from simulators.remote.catalog import CURRENCIES

    from .amounts import compare

    bills = figures["netsuite_bills"]
    totals = {
        remote_id.lower(): (int(amount), CURRENCIES[currency].exponent)
        for remote_id, amount, currency, _state in figures["mirrored"]
    }
    synced = [row[0] for row in figures["mirrored"] if row[3] == "synced"]
    booking = compare(bills, totals, synced)
    return {
        "netsuite_calls": figures["netsuite_calls"],
        "latency": figures["latency"],
        "wall": figures["wall"],
        "booking_wall": figures["netsuite_seconds"],
        "floor": floor(figures, tuning["remote_concurrency"]),
        "bills": len(bills),
        "states": figures["states"],
        "duplicates": booking["duplicates"],
        "missing": booking["missing"],
        "wrong_amounts": booking["wrong_amounts"] + booking["stray"],
        "failed_results": 0,
        "timings": figures.get("timings"),
        "cpu_seconds": figures.get("cpu_seconds"),
    }


def _shaped(figures, periods, tuning):
    """The services level's shape, so one table and one set of checks serve both levels."""
    remote_calls = figures["remote_calls"]
    documents = max(figures["documents"], 1)
    return {
        "documents": figures["documents"],
        "states": figures["states"],
        "messages": figures.get("messages", {}),
        "lines": figures.get("lines"),
        "employments": remote_calls.get("GET /v1/employments/{id}", 0),
        "periods": len(periods),
        "bills": len(figures["netsuite_bills"]),
        "remote_calls": remote_calls,
        "remote_concurrency": tuning["remote_concurrency"],
        "remote_in_flight": figures["remote_in_flight"],
        "netsuite_concurrency": tuning["netsuite_concurrency"],
        "batched": _run_figures(figures, tuning),
        "single": None,
        "baseline_rss_mb": figures["baseline_rss_mb"],
        "peak_rss_mb": figures["peak_rss_mb"],
        "sql_per_document": figures["sql_queries"] / documents,
        "sync_result": figures["result"],
        "timings": figures.get("timings"),
        "cpu_seconds": figures.get("cpu_seconds"),
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
        _TEMPLATE.drop()
