"""The simulators in their own processes, so they never share the GIL with the code measured.

``python -m bench.servers netsuite|remote [options]`` serves one simulator and prints one JSON
line ``{"url": ...}``. The NetSuite side also serves ``GET /_bench/latency``: the simulated latency
of every request that reached the latency sleep (operation, records), for the latency floor.
"""

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import requests

from .addon import ROOT

TOKEN = "ra_test_simulator_token"
NETSUITE_CREDENTIALS = {
    "account_id": "1234567_SB1",
    "consumer_key": "sim-consumer-key",
    "consumer_secret": "sim-consumer-secret",
    "token_id": "sim-token-id",
    "token_secret": "sim-token-secret",
}
VERSION = "2023_2"
REST_CLIENT_ID = "bench" + "0" * 59  # the M2M integration record's client id (REST runs)


class Server:
    """A simulator process started by the harness; ``stop()`` ends it (by its pid only)."""

    def __init__(self, kind, args, *, log=None):
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.servers", kind, *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log or subprocess.DEVNULL,
            text=True,
        )
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the {kind} simulator did not start (exit {self.process.wait()})")
        self.url = json.loads(line)["url"]
        self.kind = kind

    def get(self, path):
        response = requests.get(self.url + path, timeout=60)
        response.raise_for_status()
        return response.json()

    def post(self, path, payload=None):
        response = requests.post(self.url + path, json=payload, timeout=60)
        response.raise_for_status()
        return response.json()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


def start_netsuite(*, latency_call=0.0, latency_record=0.0, concurrency_limit=5, fault_rate=0.0,
                   fault_kinds=None, drop_after_commit_rate=0.0, seed=1,
                   async_processors=1, async_task_cost=None):  # fmt: skip
    args = [
        f"--async-processors={async_processors}",
        f"--latency-call={latency_call}",
        f"--latency-record={latency_record}",
        f"--concurrency-limit={concurrency_limit}",
        f"--fault-rate={fault_rate}",
        f"--drop-after-commit-rate={drop_after_commit_rate}",
        f"--seed={seed}",
    ]
    if fault_kinds:
        args.append("--fault-kinds=" + ",".join(fault_kinds))
    if async_task_cost is not None:
        args.append(f"--async-task-cost={async_task_cost}")
    return NetSuite("netsuite", args)


class NetSuite(Server):
    @property
    def endpoint_url(self):
        return f"{self.url}/services/NetSuitePort_{VERSION}"

    @property
    def wsdl_url(self):
        return f"{self.url}/wsdl/v{VERSION}_0/netsuite.wsdl"

    def calls(self) -> Counter:
        return Counter(self.get("/_sim/calls"))

    def bills(self) -> list[dict]:
        return self.get("/_sim/bills")

    def faults(self) -> Counter:
        """Faults injected since the last reset, by kind."""
        return Counter(self.get("/_bench/faults"))

    def inject(self, fault_rate, fault_kinds=()):
        """From now on, ``fault_rate`` of the requests fail with one of ``fault_kinds``."""
        self.post("/_bench/faults", {"fault_rate": fault_rate, "fault_kinds": list(fault_kinds)})

    def latency(self) -> list[list]:
        """[operation, records] of each request that slept the simulated latency."""
        return self.get("/_bench/latency")

    def reset(self):
        """Forget bookings, calls and latency records."""
        self.post("/_sim/reset")
        self.post("/_bench/reset")


def start_remote(scale, *, latency=0.0, fault_rate=0.0, rate_limit=10000, rate_window=60.0,
                 start_period="2025-01", seed=1):  # fmt: skip
    args = [
        f"--legal-entities={scale.legal_entities}",
        f"--employments={scale.employments}",
        f"--months={scale.months}",
        f"--scale={scale.name if scale.name in ('small', 'medium', 'large') else 'demo'}",
        *(
            [f"--lines-per-employment={scale.lines_per_employment}"]
            if scale.lines_per_employment
            else []
        ),
        f"--latency={latency}",
        f"--fault-rate={fault_rate}",
        f"--rate-limit={rate_limit}",
        f"--rate-window={rate_window}",
        f"--start-period={start_period}",
        f"--seed={seed}",
    ]
    return Remote("remote", args)


class Remote(Server):
    def calls(self) -> Counter:
        return Counter(self.get("/_sim/calls")["calls"])

    def inject(self, fault_rate, *, rate_limit=None, rate_window=None):
        """From now on: ``fault_rate`` of the calls answer 503; ``rate_limit`` calls per
        ``rate_window`` seconds, then 429s."""
        settings = {"fault_rate": fault_rate}
        if rate_limit:
            settings.update(rate_limit=rate_limit, rate_window=rate_window)
        self.post("/_bench/faults", settings)

    def reissue(self, count, seed):
        """Remote changes ``count`` invoices in place (same id, new total): they must be booked
        again, as updates of the same NetSuite records."""
        return self.post("/_bench/reissue", {"count": count, "seed": seed})

    def statuses(self) -> Counter:
        """HTTP statuses answered so far (429, 503, ...), by code."""
        return Counter(self.get("/_bench/statuses"))

    def in_flight(self) -> dict:
        """Since the previous ask: ``peak``, the most requests answered at the same moment;
        ``answered`` requests and the ``seconds`` the simulator took over them in all."""
        return self.get("/_bench/in_flight")


# --- the server processes ---------------------------------------------------------------------


def _serve_netsuite(options):
    from simulators.netsuite import server as ns_server
    from simulators.netsuite.simulator import NetSuiteSimulator
    from simulators.remote.catalog import CURRENCIES

    from .netsuite_account import add_currencies

    kinds = {"fault_kinds": tuple(options.fault_kinds.split(","))} if options.fault_kinds else {}
    sim = NetSuiteSimulator(
        version=VERSION,
        seed=options.seed,
        latency_call=options.latency_call,
        latency_record=options.latency_record,
        concurrency_limit=options.concurrency_limit,
        fault_rate=options.fault_rate,
        drop_after_commit_rate=options.drop_after_commit_rate,
        **kinds,
    )
    sim.async_processors = options.async_processors
    sim.async_task_cost = options.async_task_cost
    add_currencies(sim.data, CURRENCIES, lambda code: CURRENCIES[code].exponent)
    recorder = _LatencyRecorder(sim)
    faults = _count_faults(sim)
    sim.schemas.validator  # noqa: B018 - compile before the first request
    inner = ns_server.SimulatorApp(sim)

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/_bench/latency":
            body = json.dumps(recorder.snapshot()).encode()
            start_response("200 OK", [("Content-Type", "application/json")])
            return [body]
        if path == "/_bench/faults":
            if environ["REQUEST_METHOD"] == "POST":  # {"fault_rate": .., "fault_kinds": [..]}
                settings = _json_body(environ)
                sim.fault_rate = settings.get("fault_rate", sim.fault_rate)
                sim.fault_kinds = tuple(settings.get("fault_kinds", sim.fault_kinds))
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps(faults).encode()]
        if path == "/_bench/register":  # {"client_id", "public_key_pem"} -> {"kid"}
            from cryptography.hazmat.primitives import serialization

            settings = _json_body(environ)
            key = serialization.load_pem_public_key(settings["public_key_pem"].encode())
            kid = sim.oauth.register(settings["client_id"], key)
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps({"kid": kid}).encode()]
        if path == "/_bench/reset":
            recorder.reset()
            faults.clear()
            sim.calls.clear()
            start_response("200 OK", [("Content-Type", "application/json")])
            return [b"{}"]
        return inner(environ, start_response)

    _serve(app, ns_server._RequestHandler)


def _count_faults(sim):
    """Faults the simulator injects, by kind (dict updated in place)."""
    counts = Counter()
    injected, chance = sim._injected_fault, sim._chance

    def counted_injected(*operations):
        kind = injected(*operations)
        if kind:
            counts[kind] += 1
        return kind

    def counted_chance(rate):
        hit = chance(rate)
        if hit and rate == sim.drop_after_commit_rate:
            counts["commit_then_drop"] += 1
        return hit

    sim._injected_fault, sim._chance = counted_injected, counted_chance
    return counts


class _LatencyRecorder:
    """Counts, per request, the per-record pauses of the simulator (``latency_record`` each)."""

    def __init__(self, sim):
        self._local = threading.local()
        self._lock = threading.Lock()
        self._requests = []
        process, pause = sim._process, sim._operations.per_record_pause
        process_rest = sim.process_rest

        def counted_process(body, operation, *args, **kwargs):
            self._local.records = 0
            try:
                return process(body, operation, *args, **kwargs)
            finally:
                with self._lock:
                    self._requests.append((operation, self._local.records))

        def counted_rest(operation, handle):
            self._local.records = 0
            try:
                return process_rest(operation, handle)
            finally:
                with self._lock:
                    self._requests.append((operation, self._local.records))

        def counted_pause():
            self._local.records += 1
            pause()

        sim._process = counted_process
        sim.process_rest = counted_rest
        sim._operations.per_record_pause = counted_pause

    def snapshot(self):
        with self._lock:
            return list(self._requests)

    def reset(self):
        with self._lock:
            self._requests.clear()


def _serve_remote(options):
    from simulators.remote.simulator import RemoteSimulator, _QuietHandler

    sim = RemoteSimulator(
        token=TOKEN,
        seed=options.seed,
        scale=options.scale,
        start_period=options.start_period,
        months=options.months,
        latency=options.latency,
        rate_limit=options.rate_limit,
        rate_window=options.rate_window,
        fault_rate=options.fault_rate,
        legal_entities=options.legal_entities,
        employments=options.employments,
        lines_per_employment=options.lines_per_employment,
    )
    statuses = Counter()
    in_flight = {"now": 0, "peak": 0, "answered": 0, "seconds": 0.0, "by_kind": {}}
    in_flight_lock = threading.Lock()

    def app(environ, start_response):
        if environ.get("PATH_INFO") == "/_bench/faults":  # {"fault_rate", "rate_limit", ...}
            settings = _json_body(environ)
            sim.fault_rate = settings.get("fault_rate", sim.fault_rate)
            if "rate_limit" in settings:
                sim.set_rate_limit(settings["rate_limit"], settings.get("rate_window"))
            start_response("200 OK", [("Content-Type", "application/json")])
            return [b"{}"]
        if environ.get("PATH_INFO") == "/_bench/reissue":  # {"count": n, "seed": s}
            settings = _json_body(environ)
            rng = random.Random(settings.get("seed", 0))
            invoices = sorted(d for d, doc in sim.data.documents_by_id.items()
                              if doc.type.endswith("_invoice"))  # fmt: skip
            chosen = rng.sample(invoices, min(settings.get("count", 1), len(invoices)))
            for document_id in chosen:  # the correction goes to someone on the document, so
                people = sorted(  # its split across subsidiaries stays as booked
                    {line.employment_id for line in sim.data.documents_by_id[document_id]
                     .breakdown if line.employment_id}
                )  # fmt: skip
                sim.reissue(document_id, rng.randint(1, 500_000),
                            employment_id=people[0] if people else None)  # fmt: skip
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps(chosen).encode()]
        if environ.get("PATH_INFO") == "/_bench/statuses":
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps(statuses).encode()]
        if environ.get("PATH_INFO") == "/_bench/in_flight":
            with in_flight_lock:
                figures = dict(in_flight)
                in_flight.update(peak=in_flight["now"], answered=0, seconds=0.0, by_kind={})
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps(figures).encode()]

        def counted(status, headers, *args):
            statuses[status.split()[0]] += 1
            return start_response(status, headers, *args)

        with in_flight_lock:
            in_flight["now"] += 1
            in_flight["peak"] = max(in_flight["peak"], in_flight["now"])
        started = time.monotonic()
        try:  # the simulator answers (latency included) before it returns the body
            return sim.wsgi_app(environ, counted)
        finally:
            seconds = time.monotonic() - started
            with in_flight_lock:
                in_flight["now"] -= 1
                in_flight["answered"] += 1
                in_flight["seconds"] += seconds
                kind = in_flight["by_kind"].setdefault(_call_kind(environ), [0, 0.0])
                kind[0] += 1
                kind[1] += seconds

    _serve(app, _QuietHandler)


def _call_kind(environ):
    """The kind of Remote request, for the answer time of each: documents and breakdowns are
    large (hundreds of lines), employments small."""
    path = environ.get("PATH_INFO", "")
    if path.endswith("/breakdown"):
        return "breakdowns"
    if path.startswith("/v1/billing-documents/"):
        return "documents"
    if path.startswith("/v1/employments/"):
        return "employments"
    return "other"


def _json_body(environ):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    return json.loads(environ["wsgi.input"].read(length) or b"{}")


def _serve(app, handler):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=handler)
    print(json.dumps({"url": f"http://127.0.0.1:{server.server_port}"}), flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever()
    finally:
        server.server_close()


def register_m2m_key(netsuite_url):
    """The M2M setup of a REST run: a new EC key whose public half the simulated account maps to
    REST_CLIENT_ID; (certificate id, private key PEM)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    answer = requests.post(
        f"{netsuite_url}/_bench/register",
        json={"client_id": REST_CLIENT_ID, "public_key_pem": public_pem.decode()},
        timeout=30,
    )
    answer.raise_for_status()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return answer.json()["kid"], private_pem.decode()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.servers")
    sub = parser.add_subparsers(dest="kind", required=True)
    ns = sub.add_parser("netsuite")
    ns.add_argument("--latency-call", type=float, default=0.0)
    ns.add_argument("--latency-record", type=float, default=0.0)
    ns.add_argument("--concurrency-limit", type=int, default=5)
    ns.add_argument("--fault-rate", type=float, default=0.0)
    ns.add_argument("--fault-kinds", default="")
    ns.add_argument("--drop-after-commit-rate", type=float, default=0.0)
    ns.add_argument("--seed", type=int, default=1)
    ns.add_argument("--async-processors", type=int, default=1)
    ns.add_argument("--async-task-cost", type=float)
    rm = sub.add_parser("remote")
    rm.add_argument("--scale", default="demo")
    rm.add_argument("--legal-entities", type=int)
    rm.add_argument("--employments", type=int)
    rm.add_argument("--months", type=int)
    rm.add_argument("--lines-per-employment", type=int)
    rm.add_argument("--latency", type=float, default=0.0)
    rm.add_argument("--fault-rate", type=float, default=0.0)
    rm.add_argument("--rate-limit", type=int, default=10000)
    rm.add_argument("--rate-window", type=float, default=60.0)
    rm.add_argument("--start-period", default="2025-01")
    rm.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(argv)
    (_serve_netsuite if options.kind == "netsuite" else _serve_remote)(options)


if __name__ == "__main__":
    main()
