"""Read the billing documents of a sync run from Remote a few at a time, handed back in order.

Worker threads only do HTTP and parsing and return plain values (:class:`Fetched`); the caller's
thread does everything else (the ORM is not thread-safe). Each worker borrows one of the clients
the caller created (a client's session and call counter are not thread-safe). At most ``window``
documents are read ahead of the one the caller is at, which bounds memory.
"""

import dataclasses
import functools
import queue
import re
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from .errors import RemoteDataError, RemoteNotFound
from .types import BillingDocument, BillingDocumentSummary

# What an employment id looks like (Remote's are UUIDs): anything else is refused before it is
# put in a URL, so one broken line fails its document instead of the whole run.
_EMPLOYMENT_ID = re.compile(r"[A-Za-z0-9_.-]{1,100}")


# Longest names and codes Odoo keeps (indexed and shown in lists); descriptions are free text.
_NAME_LIMIT = 200
_FREE_TEXT = {"description"}


@dataclass
class Fetched:
    """One document as Remote gave it: ``error`` when Remote cannot give it (the document fails
    alone); ``unchanged`` when it is booked already with this content (nothing more is read)."""

    summary: BillingDocumentSummary
    document: BillingDocument | None = None
    digest: str | None = None
    breakdown: list | None = None  # None: not read (unknown type, unchanged or unreadable)
    employments: dict = field(default_factory=dict)  # per-entity mode: id -> Employment
    error: str = ""
    unchanged: bool = False


class EmploymentCache:
    """Employments read once per run. A thread that needs an employment nobody has started
    reading reads it itself; one that another thread is reading waits for it. So threads whose
    documents name the same people share the reads instead of waiting for one thread to read
    them one by one (a first sync reads most employments on its first few documents).

    ``known`` holds those read so far, by id. A reading thread may add to it at any time: look
    employments up in it by id, and iterate over it only when no reading thread fills it.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._futures: dict[str, Future] = {}
        self._started: set[str] = set()  # ids a thread has begun to read (or that were added)
        self.known: dict = {}

    def add(self, employments):
        """Employments read otherwise (e.g. the company's listing): never read again."""
        with self._lock:
            for ident, employment in employments.items():
                if ident in self._started:  # being read, or read: that answer stands
                    continue
                self._futures[ident] = done = Future()
                done.set_result(employment)
                self._started.add(ident)
                self.known[ident] = employment

    def get(self, client, employment_ids):
        wanted = list(dict.fromkeys(i for i in employment_ids if i))
        with self._lock:
            for ident in wanted:
                self._futures.setdefault(ident, Future())
        for ident in wanted:
            with self._lock:
                if ident in self._started:
                    continue
                self._started.add(ident)
            try:
                employment = client.employment(ident)
            except BaseException as error:
                self._futures[ident].set_exception(error)
            else:
                self.known[ident] = employment
                self._futures[ident].set_result(employment)
        return {ident: self._futures[ident].result() for ident in wanted}


def fetch_document(
    client, summary, *, digest: Callable, known_digest=None, employments=None, headers_only=False
):
    """Read ``summary``'s document and, unless it is unchanged (its digest is ``known_digest``)
    or ``headers_only``, its breakdown and (with an :class:`EmploymentCache`) the employments on
    it. Errors other than a missing or malformed document propagate: they stop the run."""
    fetched = Fetched(summary)
    try:
        fetched.document = client.billing_document(summary.id, bill_from=summary.bill_from)
        _check_text(fetched.document, f"Remote billing document {summary.id}")
        fetched.digest = digest(fetched.document)
        if known_digest is not None and known_digest == fetched.digest:
            fetched.unchanged = True
            return fetched
        if fetched.document.is_known_type and not headers_only:
            fetched.breakdown = client.breakdown(summary.id)
            for index, line in enumerate(fetched.breakdown):
                _check_text(line, f"Remote billing document {summary.id} breakdown line {index}")
            if employments is not None:
                ids = [line.employment_id for line in fetched.breakdown]
                _check_employment_ids(ids, summary.id)
                fetched.employments = employments.get(client, ids)
    except (RemoteNotFound, RemoteDataError) as error:
        fetched.error = str(error)
        fetched.breakdown = None
    return fetched


def _check_text(record, what):
    """Refuse text a database cannot store (NUL characters) and names or codes too long to be
    one: the document fails alone, with a message quoting the start of the value."""
    values = [(name, getattr(record, name)) for name in _field_names(type(record))]
    values += [("item type", item.type) for item in getattr(record, "items", ())]
    for name, value in values:
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            raise RemoteDataError(f"{what}: {name} contains a NUL character")
        if len(value) > _NAME_LIMIT and name not in _FREE_TEXT:
            raise RemoteDataError(
                f"{what}: {name} is {len(value)} characters long ({value[:40]!r}…)"
            )


@functools.cache
def _field_names(record_class):
    return tuple(field.name for field in dataclasses.fields(record_class))


def _check_employment_ids(ids, document_id):
    for index, ident in enumerate(ids):
        if ident and not _EMPLOYMENT_ID.fullmatch(ident):
            shown = ident if len(ident) <= 40 else f"{ident[:40]}… ({len(ident)} characters)"
            raise RemoteDataError(
                f"Remote billing document {document_id} breakdown line {index} names employment "
                f"{shown!r}, which is not an employment id"
            )


def prefetch(
    clients: list,
    summaries: Iterable[BillingDocumentSummary],
    *,
    digest: Callable,
    known_digests: dict,
    employments: EmploymentCache | None = None,
    window: int = 64,
    headers_only: bool = False,
) -> Iterator[Fetched]:
    """:func:`fetch_document` for each summary, ``len(clients)`` at a time, yielded in order.
    Closing the iterator early (or an error) cancels the reads not started yet."""
    idle = queue.SimpleQueue()
    for client in clients:
        idle.put(client)

    def task(summary):
        client = idle.get()
        try:
            return fetch_document(
                client,
                summary,
                digest=digest,
                known_digest=known_digests.get(summary.id),
                employments=employments,
                headers_only=headers_only,
            )
        finally:
            idle.put(client)

    pending = deque()
    executor = ThreadPoolExecutor(len(clients), thread_name_prefix="remote-prefetch")
    try:
        for summary in summaries:
            pending.append(executor.submit(task, summary))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)
