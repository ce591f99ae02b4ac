"""The services-level run (no Odoo), in its own process: the Remote client reads a scale, the
bill builder makes the payloads, the NetSuite client books them batched, then again one bill per
call. Prints one JSON line of figures; ``python -m bench.services_run NETSUITE_URL REMOTE_URL``.

Remote reads run ``REMOTE_CONCURRENCY`` at a time (one client per thread); lookups run once.
"""

import argparse
import json
import resource
import sys
import threading
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import requests

from remote_netsuite_connector.services.bill_builder import READY, build_bills
from remote_netsuite_connector.services.netsuite import (
    NetSuiteClient,
    NetSuiteSettings,
)
from remote_netsuite_connector.services.remote import RemoteClient

from .addon import ADDON  # noqa: F401
from .floor import netsuite_latency, phase_floor
from .mappings import build_mappings
from .scales import (
    NETSUITE_CONCURRENCY,
    NETSUITE_LATENCY_CALL,
    NETSUITE_LATENCY_RECORD,
    REMOTE_LATENCY_CALL,
)
from .servers import NETSUITE_CREDENTIALS, REST_CLIENT_ID, TOKEN, VERSION, register_m2m_key
from .targets import WRITE_OPERATIONS

REMOTE_CONCURRENCY = 8
NETSUITE_USER_ZONE = ZoneInfo("America/Los_Angeles")  # the simulator's integration user


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class RemoteReader:
    """Remote reads spread over threads, each with its own client (sessions are not shared)."""

    def __init__(self, url):
        self.url = url
        self._local = threading.local()
        self._clients = []
        self._lock = threading.Lock()

    def client(self):
        client = getattr(self._local, "client", None)
        if client is None:
            client = self._local.client = RemoteClient(self.url, TOKEN)
            with self._lock:
                self._clients.append(client)
        return client

    def map(self, function, items):
        with ThreadPoolExecutor(REMOTE_CONCURRENCY) as pool:
            return list(pool.map(lambda item: function(self.client(), item), items))

    def calls(self):
        total = Counter()
        for client in self._clients:
            total.update(client.calls)
        return total


class EmploymentCache:
    """Full employments shared by the reader threads: each is fetched once."""

    def __init__(self):
        self._lock = threading.Lock()
        self._futures = {}
        self.fetched = 0

    def get(self, client, ident):
        with self._lock:
            future = self._futures.get(ident)
            owner = future is None
            if owner:
                future = self._futures[ident] = Future()
                self.fetched += 1
        if owner:
            try:
                future.set_result(client.employment(ident))
            except BaseException as error:
                future.set_exception(error)
        return future.result()


def user_utc_offset(day):
    """Midnight's UTC offset on ``day`` for the simulated NetSuite user, as the addon sends it
    (connection time zone): SOAP's tranDate is a dateTime, REST's a bare date."""
    offset = datetime.combine(day, datetime.min.time(), NETSUITE_USER_ZONE).strftime("%z")
    return f"{offset[:3]}:{offset[3:]}"


def soap_settings(netsuite_url):
    return NetSuiteSettings(
        **NETSUITE_CREDENTIALS,
        wsdl_version=VERSION,
        wsdl_url=f"{netsuite_url}/wsdl/v{VERSION}_0/netsuite.wsdl",
        endpoint_url=f"{netsuite_url}/services/NetSuitePort_{VERSION}",
        concurrency=NETSUITE_CONCURRENCY,
    )


def rest_settings(netsuite_url):
    """REST + OAuth 2.0: a new EC key, its public half mapped in the simulator (M2M setup)."""
    certificate_id, private_pem = register_m2m_key(netsuite_url)
    return NetSuiteSettings(
        account_id=NETSUITE_CREDENTIALS["account_id"],
        consumer_key="",
        consumer_secret="",
        token_id="",
        token_secret="",
        transport="rest",
        client_id=REST_CLIENT_ID,
        certificate_id=certificate_id,
        private_key=private_pem,
        rest_url=netsuite_url,
        concurrency=NETSUITE_CONCURRENCY,
    )


def _reset(netsuite_url):
    requests.post(f"{netsuite_url}/_sim/reset", timeout=30)
    requests.post(f"{netsuite_url}/_bench/reset", timeout=30)


def run(netsuite_url, remote_url, periods):
    baseline_rss = peak_rss_mb()
    netsuite = NetSuiteClient(soap_settings(netsuite_url))
    soap = _pipeline(netsuite, netsuite_url, remote_url, periods)
    batched = soap.pop("run")
    rss_after_batched = peak_rss_mb()

    # The same bookings, one bill per call and one call at a time, as netsuitesdk does.
    _reset(netsuite_url)
    netsuite.calls.clear()
    single_started = time.monotonic()
    single_results = netsuite.upsert_bills(soap["payloads"], batch_size=1, concurrency=1)
    single = _figures(netsuite_url, netsuite, soap["payloads"], single_results)
    single["booking_wall"] = time.monotonic() - single_started
    single["floor"] = _floor({}, single["latency"], concurrency=1)

    # The whole run again over REST + OAuth 2.0 (SuiteQL lookups, one PUT per bill, at most
    # the account's limit at once) on the same simulated account, emptied first.
    _reset(netsuite_url)
    rest_client = NetSuiteClient(rest_settings(netsuite_url))
    rest = _pipeline(rest_client, netsuite_url, remote_url, periods)["run"]
    rest_client.close()
    netsuite.close()

    return {
        "documents": soap["documents"],
        "states": soap["states"],
        "lines": soap["lines"],
        "employments": soap["employments"],
        "periods": len(periods),
        "bills": len(soap["payloads"]),
        "remote_calls": soap["remote_calls"],
        "remote_concurrency": REMOTE_CONCURRENCY,
        "netsuite_concurrency": NETSUITE_CONCURRENCY,
        "batched": batched,
        "single": single,
        "rest": rest,
        "baseline_rss_mb": baseline_rss,
        "peak_rss_mb": rss_after_batched,
        "sql_per_document": None,
    }


def _pipeline(netsuite, netsuite_url, remote_url, periods):
    """Lookups, Remote reads, bills built, then booked: the figures of one complete run."""
    reader = RemoteReader(remote_url)
    phases = {}
    started = time.monotonic()

    # Lookups, once per run.
    lookups = {
        "subsidiaries": netsuite.list_subsidiaries(),
        "accounts": netsuite.list_accounts(),
        "vendors": netsuite.list_vendors(),
        "currencies": netsuite.list_currencies(),
    }
    remote = reader.client()
    company_id = remote.identity().company_id
    legal_entities = remote.legal_entities(company_id)
    phases["remote_lookups"] = sum(remote.calls.values())

    # Remote reads: listings per month, then each document, its breakdown and the employments
    # not seen yet, turned into bills at once (only the bills are kept, not the 250 lines).
    listings = reader.map(lambda client, period: client.billing_documents(period), periods)
    summaries = [summary for listing in listings for summary in listing]
    phases["remote_listings"] = sum(reader.calls().values()) - phases["remote_lookups"]
    mappings = build_mappings(legal_entities=legal_entities, **lookups)
    names = {e.id: e.name for e in legal_entities}
    employments = EmploymentCache()

    def book_ready(client, summary):
        """Read one document, its breakdown and new employments; keep only its bills."""
        document = client.billing_document(summary.id, bill_from=summary.bill_from)
        lines = client.breakdown(summary.id)
        wanted = {line.employment_id for line in lines if line.employment_id}
        known = {ident: employments.get(client, ident) for ident in wanted}
        outcome = build_bills(
            document,
            lines,
            known,
            mappings,
            legal_entity_names=names,
            utc_offset=user_utc_offset(document.issued_date),
        )
        return outcome, len(lines)

    built = reader.map(book_ready, summaries)
    build_done = time.monotonic()
    phases["remote_documents"] = 2 * len(summaries)
    phases["remote_employments"] = employments.fetched
    outcomes = [outcome for outcome, _ in built]
    payloads = [bill for outcome in outcomes if outcome.status == READY for bill in outcome.bills]

    results = netsuite.upsert_bills(payloads)
    booked = time.monotonic()
    figures = _figures(netsuite_url, netsuite, payloads, results)
    figures.update(
        wall=booked - started,
        booking_wall=booked - build_done,
        read_wall=build_done - started,
        documents=len(outcomes),
    )
    figures["floor"] = _floor(phases, figures["latency"], concurrency=NETSUITE_CONCURRENCY)
    return {
        "run": figures,
        "payloads": payloads,
        "documents": len(outcomes),
        "states": dict(Counter(outcome.status for outcome in outcomes)),
        "lines": sum(count for _, count in built),
        "employments": employments.fetched,
        "remote_calls": dict(reader.calls()),
    }


def _figures(netsuite_url, netsuite, payloads, results):
    """Calls made, and whether NetSuite now holds exactly these bills with these totals."""
    latency = requests.get(f"{netsuite_url}/_bench/latency", timeout=30).json()
    bills = requests.get(f"{netsuite_url}/_sim/bills", timeout=60).json()
    expected = {p.external_id: p.total for p in payloads}
    booked = Counter(bill["external_id"] for bill in bills)
    totals = {bill["external_id"]: Decimal(str(bill["total"])) for bill in bills}
    return {
        "netsuite_calls": dict(netsuite.calls),
        "latency": latency,
        "failed_results": sum(not r.ok for r in results),
        "duplicates": sum(n - 1 for n in booked.values() if n > 1),
        "missing": len(set(expected) - set(booked)),
        "wrong_amounts": sum(
            1 for key, total in expected.items() if key in totals and totals[key] != total
        ),
    }


def _floor(phases, latency, *, concurrency):
    """Remote phases (equal latencies) then NetSuite lookups in sequence, then writes."""
    remote = REMOTE_LATENCY_CALL
    floor = phase_floor([remote] * phases.get("remote_lookups", 0))
    floor += phase_floor([remote] * phases.get("remote_listings", 0), REMOTE_CONCURRENCY)
    # each document's show and breakdown calls, and the employments first seen there
    reads = phases.get("remote_documents", 0) + phases.get("remote_employments", 0)
    floor += phase_floor([remote] * reads, REMOTE_CONCURRENCY)

    def ns(records):
        return netsuite_latency(records, NETSUITE_LATENCY_CALL, NETSUITE_LATENCY_RECORD)

    reads = [ns(records) for op, records in latency if op not in WRITE_OPERATIONS]
    writes = [ns(records) for op, records in latency if op in WRITE_OPERATIONS]
    return floor + phase_floor(reads) + phase_floor(writes, concurrency)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.services_run")
    parser.add_argument("netsuite_url")
    parser.add_argument("remote_url")
    parser.add_argument("periods", help="comma-separated YYYY-MM")
    options = parser.parse_args(argv)
    result = run(options.netsuite_url, options.remote_url, options.periods.split(","))
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
