"""NetSuite simulator: concurrency limit, injected faults, dropped connections, inspection, CLI."""

import http.client
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from test_netsuite_simulator_support import (
    CREDENTIALS,
    NS,
    SoapCaller,
    bill_xml,
    envelope,
    passport_xml,
    write_statuses,
)

from simulators.netsuite import NetSuiteSimulator

REPO_ROOT = Path(__file__).resolve().parents[2]


def _wait_until(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


def test_parallel_calls_over_the_limit_are_blocked():
    # The admitted calls are held inside the simulator until released: no timing assumption, so
    # a loaded machine cannot let them finish before the others arrive.
    sim = NetSuiteSimulator(**CREDENTIALS, concurrency_limit=2)
    sim.hold = threading.Event()
    with sim.serve(port=0) as server, ThreadPoolExecutor(max_workers=2) as pool:
        caller = SoapCaller(server)
        try:
            admitted = [pool.submit(caller.call, "getServerTime", "") for _ in range(2)]
            _wait_until(lambda: sim.in_flight == 2)
            blocked = [caller.call("getServerTime", "") for _ in range(4)]
        finally:
            sim.hold.set()
        replies = [future.result() for future in admitted]
        after_release = caller.call("getServerTime", "")

    assert [r.status for r in replies] == [200, 200]
    assert [r.status for r in blocked] == [500] * 4
    for reply in blocked:
        assert reply.fault_code == ("exceededConcurrentRequestLimitFault", "WS_REQUEST_BLOCKED")
        assert reply.faultstring == "SuiteTalk concurrent request limit exceeded. Request blocked."
    assert after_release.status == 200 and sim.in_flight == 0
    assert sim.calls["getServerTime"] == 7


def test_commit_then_drop_books_the_bill_and_the_client_sees_a_dropped_connection(ns, ns_sim):
    ns_sim.fail_next("upsert", "commit_then_drop")
    with pytest.raises(requests.ConnectionError) as dropped:
        ns.call("upsert", bill_xml(ns_sim.data, "DROP-1"))
    retried = ns.call("upsert", bill_xml(ns_sim.data, "DROP-1"))

    assert "RemoteDisconnected" in repr(dropped.value) or "reset" in repr(dropped.value).lower()
    assert write_statuses(retried)[0][0] is True
    bills = ns_sim.bills()
    assert len(bills) == 1 and bills[0]["updated_count"] == 1
    assert ns_sim.calls["upsert"] == 2


def test_dropped_connection_is_remote_disconnected_at_http_level(ns_sim, ns_server):
    ns_sim.fail_next("getServerTime", "commit_then_drop")
    connection = http.client.HTTPConnection(ns_server.host, ns_server.port, timeout=5)
    connection.request(
        "POST",
        f"/services/NetSuitePort_{ns_sim.version}",
        body=envelope("<platformMsgs:getServerTime/>", passport_xml()),
        headers={"Content-Type": "text/xml", "SOAPAction": "getServerTime"},
    )
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        connection.getresponse()
    connection.close()


def test_drop_before_processing_books_nothing(ns, ns_sim):
    ns_sim.fail_next("upsertList", "drop_before")
    with pytest.raises(requests.ConnectionError):
        ns.call("upsertList", bill_xml(ns_sim.data, "NOPE-1"))

    assert ns_sim.bills() == []


def test_http_503_is_html_without_a_soap_fault_and_unexpected_error_is_a_fault(ns, ns_sim):
    ns_sim.fail_next("*", "http_503")
    ns_sim.fail_next("getAll", "unexpected_error")
    unavailable = ns.call("getServerTime", "")
    unexpected = ns.call("getAll", '<platformMsgs:record recordType="currency"/>')
    normal = ns.call("getServerTime", "")

    assert unavailable.status == 503 and unavailable.root is None
    assert "<html>" in unavailable.text and "Fault" not in unavailable.text
    assert unexpected.fault_code == ("unexpectedErrorFault", "UNEXPECTED_ERROR")
    assert "Error ID" in unexpected.faultstring
    assert normal.status == 200


def test_random_faults_are_reproducible_from_the_seed():
    def outcomes(seed):
        sim = NetSuiteSimulator(**CREDENTIALS, seed=seed, fault_rate=0.5,
                                fault_kinds=("concurrency", "http_503"))  # fmt: skip
        with sim.serve(port=0) as server:
            caller = SoapCaller(server)
            return [caller.call("getServerTime", "").status for _ in range(12)]

    first, again = outcomes(3), outcomes(3)

    assert first == again
    assert {200, 500, 503} <= set(first)


def test_drop_after_commit_rate_drops_writes_only(ns, ns_sim):
    ns_sim.drop_after_commit_rate = 1.0
    try:
        read = ns.call("getServerTime", "")
        with pytest.raises(requests.ConnectionError):
            ns.call("upsert", bill_xml(ns_sim.data, "RATE-1"))
    finally:
        ns_sim.drop_after_commit_rate = 0.0

    assert read.status == 200
    assert [b["external_id"] for b in ns_sim.bills()] == ["RATE-1"]


def test_per_record_latency_slows_list_calls(ns, ns_sim):
    ns_sim.latency_record = 0.05
    try:
        started = time.monotonic()
        ns.call("upsertList", "".join(bill_xml(ns_sim.data, f"L-{i}") for i in range(6)))
        elapsed = time.monotonic() - started
    finally:
        ns_sim.latency_record = 0.0

    assert elapsed >= 0.3


def test_inspection_endpoints(ns, ns_sim, ns_server):
    ns.call("upsert", bill_xml(ns_sim.data, "J-1", lines=(("6000", "1.10"), ("6010", "2.20"))))
    bills = requests.get(f"{ns_server.url}/_sim/bills", timeout=5).json()
    calls = requests.get(f"{ns_server.url}/_sim/calls", timeout=5).json()
    data = requests.get(f"{ns_server.url}/_sim/data", timeout=5).json()
    reset = requests.post(f"{ns_server.url}/_sim/reset", timeout=5)

    assert bills[0]["external_id"] == "J-1" and bills[0]["total"] == "3.30"
    assert bills[0]["lines"][1]["amount"] == "2.20"
    assert bills[0]["vendor_id"] == ns_sim.data.vendor("Remote Europe Holding BV").internal_id
    assert calls == {"upsert": 1}
    assert {s["name"] for s in data["subsidiaries"]} >= {"Acme US", "Acme Kuwait"}
    assert reset.status_code == 200 and ns_sim.bills() == []


def test_cli_serves_on_a_free_port():
    process = subprocess.Popen(
        [sys.executable, "-m", "simulators.netsuite", "--port", "0", "--seed", "4",
         "--closed-period", "2025-03", "--concurrency-limit", "3"],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        first_line = process.stdout.readline()
        url = first_line.rsplit(" at ", 1)[1].strip()
        wsdl = requests.get(f"{url}/wsdl/v2025_2_0/netsuite.wsdl", timeout=5)
        data = requests.get(f"{url}/_sim/data", timeout=5).json()
    finally:
        process.terminate()
        process.wait(timeout=10)

    assert url.startswith("http://127.0.0.1:")
    assert wsdl.status_code == 200 and "NetSuiteService" in wsdl.text
    closed = [p["key"] for p in data["periods"] if p["closed"]]
    assert closed == ["2025-03"]


def test_after_submit_failed_saves_the_record_but_reports_a_failure(ns, ns_sim):
    ns_sim.fail_next("upsertList", "after_submit_failed")
    closed_period = bill_xml(ns_sim.data, "AS-2", tran_date="2024-12-15")
    reply = ns.call("upsertList", bill_xml(ns_sim.data, "AS-1") + closed_period)
    saved, refused = reply.findall(".//platformMsgs:writeResponse")

    bills = ns_sim.bills()
    assert reply.status == 200
    list_status = reply.find(".//platformMsgs:writeResponseList/platformCore:status")
    assert list_status.get("isSuccess") == "true"
    assert [b["external_id"] for b in bills] == ["AS-1"]
    assert saved.find("platformCore:status", NS).get("isSuccess") == "false"
    detail = saved.find("platformCore:status/platformCore:statusDetail", NS)
    assert detail.get("type") == "ERROR"
    assert detail.findtext("platformCore:afterSubmitFailed", namespaces=NS) == "true"
    assert "afterSubmit" in detail.findtext("platformCore:message", namespaces=NS)
    base_ref = saved.find("platformMsgs:baseRef", NS)
    assert base_ref.get("internalId") == bills[0]["internal_id"]
    assert base_ref.get("externalId") == "AS-1"
    assert refused.find("platformMsgs:baseRef", NS) is None
    assert refused.find(".//platformCore:afterSubmitFailed", NS) is None
    assert ns_sim.schemas.validation_error(reply.find("soapenv:Body")[0]) is None
    again = ns.call("upsertList", bill_xml(ns_sim.data, "AS-3"))
    assert write_statuses(again)[0][0] is True  # one call only


def test_before_submit_failed_saves_nothing_and_refuses_every_record(ns, ns_sim):
    ns.call("upsertList", bill_xml(ns_sim.data, "BS-0"))
    before = ns_sim.bills()
    ns_sim.fail_next("upsertList", "before_submit_failed")

    reply = ns.call("upsertList", bill_xml(ns_sim.data, "BS-0") + bill_xml(ns_sim.data, "BS-1"))

    assert reply.status == 200
    assert ns_sim.bills() == before, "neither the update nor the new record is saved"
    for response in reply.findall(".//platformMsgs:writeResponse"):
        assert response.find("platformCore:status", NS).get("isSuccess") == "false"
        detail = response.find("platformCore:status/platformCore:statusDetail", NS)
        assert detail.findtext("platformCore:code", namespaces=NS) == "USER_ERROR"
        assert "beforeSubmit" in detail.findtext("platformCore:message", namespaces=NS)
        assert response.find("platformMsgs:baseRef", NS) is None
    assert ns_sim.schemas.validation_error(reply.find("soapenv:Body")[0]) is None
    again = ns.call("upsertList", bill_xml(ns_sim.data, "BS-1"))
    assert write_statuses(again)[0][0] is True  # one call only


def test_after_submit_failed_is_refused_for_reads(ns_sim):
    with pytest.raises(ValueError, match="writes"):
        ns_sim.fail_next("getServerTime", "after_submit_failed")
    with pytest.raises(ValueError, match="writes"):
        ns_sim.fail_next("search", "before_submit_failed")
