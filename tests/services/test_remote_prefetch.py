"""Reading documents a few at a time for a sync run, against the Remote simulator on loopback."""

import hashlib
import threading

import pytest

from remote_netsuite_connector.services.remote import RemoteClient, RemoteUnavailable
from remote_netsuite_connector.services.remote.prefetch import (
    EmploymentCache,
    fetch_document,
    prefetch,
)
from simulators.remote import RemoteSimulator
from simulators.remote.simulator import ServerHandle

TOKEN = "ra_test_simulator_token"


@pytest.fixture(scope="module")
def demo():
    sim = RemoteSimulator(token=TOKEN, seed=1, start_period="2026-01", months=3, scale="demo")
    with sim.serve() as server:
        sim.url = server.url
        yield sim


def digest(document):
    return hashlib.sha256(f"{document.number}{document.total}".encode()).hexdigest()


def summaries(url):
    with RemoteClient(url, TOKEN) as client:
        return [s for period in ("2026-01", "2026-02", "2026-03")
                for s in client.billing_documents(period)]  # fmt: skip


def test_documents_come_back_in_order_with_each_employment_read_once(demo):
    listed = summaries(demo.url)
    clients = [RemoteClient(demo.url, TOKEN) for _ in range(4)]
    try:
        fetched = list(
            prefetch(
                clients,
                listed,
                digest=digest,
                known_digests={},
                employments=EmploymentCache(),
                window=5,
            )
        )
    finally:
        calls = sum((client.calls for client in clients), start=type(clients[0].calls)())
        for client in clients:
            client.close()
    assert [f.summary.id for f in fetched] == [s.id for s in listed]
    people = {
        line.employment_id for f in fetched for line in f.breakdown or () if line.employment_id
    }
    assert people and all(set(f.employments) <= people for f in fetched)
    assert calls["GET /v1/employments/{id}"] == len(people)
    known = sum(f.document.is_known_type for f in fetched)
    assert calls["GET /v1/billing-documents/{id}/breakdown"] == known


def test_an_unchanged_document_costs_one_call(demo):
    listed = summaries(demo.url)[:3]
    with RemoteClient(demo.url, TOKEN) as client:
        first = client.billing_document(listed[0].id, bill_from=listed[0].bill_from)
    clients = [RemoteClient(demo.url, TOKEN) for _ in range(2)]
    fetched = list(
        prefetch(clients, listed, digest=digest, known_digests={listed[0].id: digest(first)})
    )
    assert fetched[0].unchanged and fetched[0].breakdown is None
    assert not any(f.unchanged for f in fetched[1:])
    assert clients[0].calls["GET /v1/billing-documents/{id}/breakdown"] + clients[1].calls[
        "GET /v1/billing-documents/{id}/breakdown"
    ] == sum(f.document.is_known_type for f in fetched[1:])


def test_an_outage_stops_the_reads_with_the_clients_error(demo):
    listed = summaries(demo.url)
    demo.fail_next("/v1/billing-documents/", status=503, count=1000)
    clients = [RemoteClient(demo.url, TOKEN, max_attempts=1) for _ in range(3)]
    try:
        with pytest.raises(RemoteUnavailable):
            list(prefetch(clients, listed, digest=digest, known_digests={}))
    finally:
        demo.faults.clear()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ({"description": "before\x00after"}, "description contains a NUL character"),
        ({"description": "long " * 1000}, ""),  # free text may be long
    ],
)
def test_a_line_odoo_cannot_store_fails_its_document_alone(line, expected):
    sim = RemoteSimulator(token=TOKEN, seed=2, start_period="2026-01", months=1, scale="demo")
    with sim.serve() as server:
        listed = summaries_of(server.url, ["2026-01"])
        invoice = next(s for s in listed if s.document_type.endswith("_invoice"))
        sim.reissue(invoice.id, 100, **line)
        with RemoteClient(server.url, TOKEN) as client:
            fetched = fetch_document(client, invoice, digest=digest, employments=EmploymentCache())
            others = [fetch_document(client, s, digest=digest) for s in listed if s != invoice]
        if expected:
            assert expected in fetched.error and fetched.breakdown is None
            assert client.calls["GET /v1/employments/{id}"] == 0
        else:
            assert not fetched.error and fetched.breakdown
        assert not any(other.error for other in others)


def summaries_of(url, periods):
    with RemoteClient(url, TOKEN) as client:
        return [s for period in periods for s in client.billing_documents(period)]


def test_readers_sharing_a_gate_never_send_more_requests_at_once_than_it_allows():
    sim = RemoteSimulator(token=TOKEN, seed=3, start_period="2026-01", months=2, scale="demo")
    sim.latency = 0.02
    in_flight = {"now": 0, "peak": 0}
    lock = threading.Lock()

    def counting(environ, start_response):
        with lock:
            in_flight["now"] += 1
            in_flight["peak"] = max(in_flight["peak"], in_flight["now"])
        try:
            return sim(environ, start_response)
        finally:
            with lock:
                in_flight["now"] -= 1

    with ServerHandle(counting, "127.0.0.1", 0) as server:
        listed = summaries_of(server.url, ["2026-01", "2026-02"])
        in_flight["peak"] = 0
        gate = threading.BoundedSemaphore(2)
        clients = [RemoteClient(server.url, TOKEN, gate=gate) for _ in range(5)]
        try:
            fetched = list(prefetch(clients, listed, digest=digest, known_digests={}))
        finally:
            for client in clients:
                client.close()
    assert [f.summary.id for f in fetched] == [s.id for s in listed]
    assert all(f.breakdown is not None or not f.document.is_known_type for f in fetched)
    assert in_flight["peak"] == 2  # the gate's limit is reached, never passed


class _MeetingClient(RemoteClient):
    """A real client whose employment reads wait until another thread reads one too."""

    def __init__(self, url, meeting):
        super().__init__(url, TOKEN)
        self.meeting = meeting
        self.read = []

    def employment(self, employment_id):
        self.meeting.wait()
        self.read.append(employment_id)
        return super().employment(employment_id)


def test_threads_needing_the_same_people_share_their_reads(demo):
    """A first sync reads most employments on its first documents: the threads reading those
    documents share the reads instead of waiting while one thread reads them one by one."""
    listed = summaries(demo.url)
    with RemoteClient(demo.url, TOKEN) as client:
        breakdown = next(b for s in listed if (b := client.breakdown(s.id)))
    people = list(dict.fromkeys(line.employment_id for line in breakdown if line.employment_id))
    assert len(people) >= 2
    meeting = threading.Barrier(2, timeout=10)  # broken when one thread reads alone
    cache = EmploymentCache()
    clients = [_MeetingClient(demo.url, meeting) for _ in range(2)]
    results = [None, None]

    def read(index):
        results[index] = cache.get(clients[index], people[:2])

    threads = [threading.Thread(target=read, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    for client in clients:
        client.close()
    assert results[0] == results[1] and set(results[0]) == set(people[:2])
    assert sorted(clients[0].read + clients[1].read) == sorted(people[:2]), "each read once"
    assert clients[0].read and clients[1].read, "both threads read"
