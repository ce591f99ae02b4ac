"""One sync run of one connection: read Remote, mirror in Odoo, upsert to NetSuite in batches.

Exactly once: every NetSuite write is an upsert keyed by the document's externalId, and a
document is marked synced only after NetSuite answered, in the transaction that is committed
after its batch. A run that dies after NetSuite booked a batch but before that commit leaves the
batch "to sync": the next run sends it again, as updates of the same NetSuite records.
"""

import re
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from odoo import fields
from odoo.exceptions import UserError

from ..services import bill_builder
from ..services.bill_builder import BuildOutcome, build_bills
from ..services.mapping import PER_ENTITY
from ..services.netsuite import VENDOR_CREDIT, NetSuiteError, UpsertResult
from ..services.remote import (
    BillingDocument,
    BillingDocumentSummary,
    RemoteAuthError,
    RemoteDataError,
    RemoteError,
    RemoteNotFound,
)
from ..services.remote.prefetch import EmploymentCache, Fetched, fetch_document, prefetch
from ..tools.service_text import translated
from .connection_sync_split import SplitGuard
from .connection_sync_writer import SyncWriter
from .document import (
    PREFUNDING,
    RECONCILIATION,
    SETTLED_STATES,
    content_hash,
    family_of,
)

# Bills per upsertList request (NetSuite's limit) and documents per batch. Batches are sent
# together once their requests fill the connection's "NetSuite concurrent requests", in the
# background, and committed together once NetSuite answered.
BATCH_SIZE = 100
# Documents read from Remote ahead of the one being built: enough for the reads to go on while
# this thread mirrors a batch or waits for NetSuite, and a bound on the memory of a run.
READ_AHEAD = 2 * BATCH_SIZE
SELECTED_FAMILIES = {
    "both": {PREFUNDING, RECONCILIATION, "other"},
    "prefunding": {PREFUNDING, "other"},
    "reconciliation": {RECONCILIATION, "other"},
}


class SyncStopped(Exception):
    """The run cannot go on, e.g. another run took the connection's lock over."""


class SyncCancelled(SyncStopped):
    """A user cancelled the run: it stops at this batch boundary."""


@dataclass
class _Sent:
    """Bills on their way to NetSuite while the run builds the next batches."""

    reads: list  # the _Read of every document whose bills were sent
    answers: dict  # externalId -> UpsertResult known before sending (refused deletes)
    payloads: list
    future: Future  # -> (results in payload order, seconds NetSuite took)


@dataclass
class _Read:
    """One document as this run read it, and what became of it."""

    summary: BillingDocumentSummary
    document: BillingDocument | None = None
    digest: str | None = None
    breakdown: list | None = None  # None: not read in this run
    outcome: BuildOutcome | None = None
    error: str = ""  # why Remote could not give it
    record: object = None  # its remote.netsuite.document, once mirrored
    before: tuple = field(default=(None, None))  # (state, message) before this run

    @property
    def bills(self):
        if self.outcome and self.outcome.status == bill_builder.READY:
            return self.outcome.bills
        return ()


class SyncRun(SplitGuard, SyncWriter):
    def __init__(self, connection, *, trigger, selection, job=None):
        self.connection = connection.sudo()  # users may retry; the run writes what they read
        self.env = self.connection.env
        self.trigger = trigger
        self.selection = selection
        self.job = job.sudo() if job else None  # a run in the background shows its progress
        # and saves its work at least this often, within Odoo's time limit of a cron job
        self.save_every = connection._sync_save_interval() if job else None
        self._saved_at = time.monotonic()
        self.listed = 0  # documents this run has to go through
        self.read_count = 0  # of them, read from Remote so far
        self.cancelled_by = ""
        self.counts = dict.fromkeys(
            ("booked", "unchanged", "needs_mapping", "failed", "skipped", "kept"), 0
        )
        self.error = ""
        self.remote_refused = ""  # why Remote refused the token, when it did
        self.periods = []
        self.records = {}  # Remote id -> remote.netsuite.document of this connection
        self._batch: list[_Read] = []
        self._batch_bills = 0
        self._pending: list[list[_Read]] = []  # mirrored batches waiting to be sent together
        self._sent: _Sent | None = None  # the send NetSuite has not answered yet
        self._sender = None  # the thread that waits for NetSuite's answers
        self.netsuite_seconds = 0.0  # time NetSuite took to answer the deletes and upserts
        self.timings = dict.fromkeys(
            ("remote_wait", "build", "mirror", "netsuite_wait", "commit"), 0.0
        )
        self._started = time.monotonic()
        # Every Remote request of the run holds it: at most "Remote concurrent requests" at once.
        self._remote_gate = threading.BoundedSemaphore(max(1, connection.remote_concurrency))
        self.retried = []  # the transient failures the clients retried, for Events History
        self._clients = {}
        self._employments = None  # the company's employments, listed once per run
        self._employment_cache = {}  # per-entity mode: full employments, one call each per run
        self._shared_employments = EmploymentCache()  # the same, for the reading threads
        self._legal_entity_names = None
        self._subsidiary_names = None
        # externalId -> the record of the other kind deleted in NetSuite to book it
        self.deleted = {}
        self.gone_from_netsuite = set()  # externalIds of records the user deleted in NetSuite

    # --- clients and what is read once per run ------------------------------------------------

    @property
    def remote(self):
        if "remote" not in self._clients:
            self._clients["remote"] = self._new_remote_client()
        return self._clients["remote"]

    def _new_remote_client(self):
        return self.connection._remote_client(gate=self._remote_gate, on_retry=self.retried.append)

    @property
    def netsuite(self):
        if "netsuite" not in self._clients:
            self._clients["netsuite"] = self.connection._netsuite_client(
                on_retry=self.retried.append
            )
        return self._clients["netsuite"]

    @property
    def mappings(self):
        if "mappings" not in self._clients:
            self._clients["mappings"] = self.connection._mappings()
        return self._clients["mappings"]

    def _remote_company_id(self):
        if not self.connection.remote_company_id:
            self.connection.remote_company_id = self.remote.identity().company_id
        return self.connection.remote_company_id

    def _employments_for(self, breakdown):
        wanted = sorted({line.employment_id for line in breakdown if line.employment_id})
        if not wanted:
            return {}
        if self.mappings.entity_mode == PER_ENTITY:  # only the show call has the bill-to entity
            return self.remote.employments_by_id(wanted, cache=self._employment_cache)
        if self._employments is None:
            employments = self.remote.employments(self._remote_company_id())
            self._employments = {employment.id: employment for employment in employments}
        return self._employments

    def _entity_names(self):
        if self.mappings.entity_mode != PER_ENTITY:
            return {}
        if self._legal_entity_names is None:
            entities = self.remote.legal_entities(self._remote_company_id())
            self._legal_entity_names = {entity.id: entity.name for entity in entities}
        return self._legal_entity_names

    def _subsidiary_name(self, internal_id):
        if self._subsidiary_names is None:
            rows = self.env["remote.netsuite.subsidiary"].search_read(
                [("connection_id", "=", self.connection.id)], ["internal_id", "name"]
            )
            self._subsidiary_names = {row["internal_id"]: row["name"] for row in rows}
        return self._subsidiary_names.get(internal_id) or internal_id

    def _close_clients(self):
        for name in ("remote", "netsuite"):
            client = self._clients.pop(name, None)
            if client is not None:
                client.close()

    # --- the run --------------------------------------------------------------------------------

    def execute(self, *, periods=None, documents=None):
        """Sync the documents listed for ``periods``, or exactly ``documents`` (a retry)."""
        self.periods = list(periods or ())
        self._execute(periods, documents)
        self._finish()

    def _execute(self, periods, documents):
        try:
            self._report_progress(self.env._("Listing the documents in Remote"))
            if documents is not None:
                summaries, force = [_summary_of(record) for record in documents], True
            else:
                summaries, force = self._listed(self.periods), False
            self.listed = len(summaries)
            self._load_records(summaries)
            self._timed_commit()  # the progress bar knows how many documents there are
            for fetched in self._timed("remote_wait", self._prefetched(summaries, force=force)):
                self.read_count += 1
                started = time.monotonic()
                read = self._build(fetched, force=force)
                self.timings["build"] += time.monotonic() - started
                self._add(read)
            self._queue_batch()
            self._send_pending()
            self._settle_sent()
        except (RemoteError, NetSuiteError, UserError, SyncStopped) as error:
            self.error = _plain(self.env, error)
            if isinstance(error, SyncCancelled):
                self.cancelled_by = self.connection.sync_cancel_user_id.name
            if isinstance(error, RemoteAuthError):
                self.remote_refused = translated(self.env, error.message)
            unsettled = [read for batch in self._pending for read in batch] + self._batch
            self._keep_to_sync(unsettled + (self._sent.reads if self._sent else []))
        finally:
            self._stop_sender()
            self._close_clients()

    def _timed(self, key, iterator):
        """``iterator``'s items, the time spent waiting for each added to ``timings[key]``."""
        iterator = iter(iterator)
        while True:
            started = time.monotonic()
            try:
                item = next(iterator)
            except StopIteration:
                return
            finally:
                self.timings[key] += time.monotonic() - started
            yield item

    def _prefetched(self, summaries, *, force):
        """The documents read from Remote with ``remote_concurrency`` requests at a time, in
        listing order. The clients are made here: making one reads the connection (ORM, this
        thread only)."""
        clients = [
            self._new_remote_client() for _ in range(max(1, self.connection.remote_concurrency))
        ]
        known = {} if force else self._booked_digests()
        try:
            yield from prefetch(
                clients,
                summaries,
                digest=content_hash,
                known_digests=known,
                employments=self._shared_employments if self._per_entity() else None,
                window=READ_AHEAD,
            )
        finally:
            for client in clients:
                client.close()

    def _booked_digests(self):
        return {
            remote_id: record.content_hash
            for remote_id, record in self.records.items()
            if self._unchanged(record, record.content_hash)
        }

    def _per_entity(self):
        return self.mappings.entity_mode == PER_ENTITY

    def preview(self, periods):
        """What a sync of ``periods`` would send: document counts and totals per type and
        currency, read from Remote (one show call per document), nothing written or sent."""
        rows, unchanged, unreadable = {}, 0, 0
        try:
            summaries = self._listed(periods)
            self._load_records(summaries)
            for summary in summaries:
                try:
                    document = self.remote.billing_document(summary.id, bill_from=summary.bill_from)
                except (RemoteNotFound, RemoteDataError):
                    unreadable += 1
                    continue
                if self._unchanged(self.records.get(summary.id), content_hash(document)):
                    unchanged += 1
                    continue
                row = rows.setdefault((document.document_type, document.currency), [0, 0])
                row[0] += 1
                row[1] += document.total
        except (RemoteError, UserError) as error:
            return {"ok": False, "message": _plain(self.env, error)}
        finally:
            self._close_clients()
        return {
            "ok": True,
            "rows": [
                {"document_type": key[0], "currency": key[1], "count": row[0], "total": row[1]}
                for key, row in sorted(rows.items())
            ],
            "unchanged": unchanged,
            "unreadable": unreadable,
        }

    def _listed(self, periods):
        families = SELECTED_FAMILIES[self.selection]
        listed = {}
        for period in periods:
            for summary in self.remote.billing_documents(period):
                if family_of(summary.document_type) in families:
                    listed.setdefault(summary.id, summary)
        return list(listed.values())

    def _load_records(self, summaries):
        records = self.env["remote.netsuite.document"].search(
            [
                ("connection_id", "=", self.connection.id),
                ("remote_id", "in", [summary.id for summary in summaries]),
            ]
        )
        self.records = {record.remote_id: record for record in records}

    @staticmethod
    def _unchanged(record, digest):
        return bool(record and record.state in SETTLED_STATES and record.content_hash == digest)

    def _read(self, summary, *, force):
        """Read one document (and its breakdown when it has to be booked) and build its bills;
        None when it is booked already and Remote did not change it."""
        record = self.records.get(summary.id)
        fetched = fetch_document(
            self.remote,
            summary,
            digest=content_hash,
            known_digest=record.content_hash
            if not force and self._unchanged(record, record.content_hash)
            else None,
            employments=self._shared_employments if self._per_entity() else None,
        )
        return self._build(fetched, force=force)

    def _build(self, fetched: Fetched, *, force):
        """Build the bills of a document read from Remote (see _read)."""
        read = _Read(fetched.summary, document=fetched.document, digest=fetched.digest)
        if fetched.error:
            read.error = readable(fetched.error)
            return read
        if fetched.unchanged and not force:
            self.counts["unchanged"] += 1
            return None
        read.breakdown = fetched.breakdown
        self._employment_cache.update(fetched.employments)
        employments = fetched.employments
        if read.breakdown is not None and not self._per_entity():
            try:
                employments = self._employments_for(read.breakdown)
            except (RemoteNotFound, RemoteDataError) as error:
                read.error = _plain(self.env, error)
                read.breakdown = None
                return read
        outcome = build_bills(
            read.document,
            read.breakdown or (),
            employments,
            self.mappings,
            legal_entity_names=self._entity_names(),
            utc_offset=self.connection._netsuite_utc_offset(read.document.issued_date),
        )
        if len(outcome.message) > MESSAGE_LIMIT or _LONG_WORD.search(outcome.message):
            outcome = replace(outcome, message=readable(outcome.message))
        read.outcome = self._guard_split(
            self.records.get(fetched.summary.id), outcome, employments or {}, fetched.digest
        )
        return read

    def _add(self, read):
        if read is None:
            return
        if self._batch and (
            len(self._batch) >= BATCH_SIZE
            or self._batch_bills + len(read.bills) > BATCH_SIZE
            or self._save_due()  # a slow read must not hold the save back
        ):
            self._queue_batch()
        self._batch.append(read)
        self._batch_bills += len(read.bills)

    def _queue_batch(self):
        """Mirror the batch (its lines are then dropped from memory) and settle what will not be
        sent; once enough batches wait, send them together."""
        batch = self._batch
        if batch:
            started = time.monotonic()
            self._mirror(batch)
            self._settle([read for read in batch if not read.bills], {})
            for read in batch:
                read.breakdown = None
            self._pending.append(batch)
            self._batch, self._batch_bills = [], 0
            self.timings["mirror"] += time.monotonic() - started
        if self._pending_requests() >= self._netsuite_concurrency() or self._save_due():
            self._send_pending()

    def _save_due(self):
        """Once the last save is ``save_every`` old, what waits is sent without waiting for
        more: sending settles and saves the send before it."""
        return self.save_every is not None and time.monotonic() - self._saved_at >= self.save_every

    def _pending_requests(self):
        """NetSuite requests the waiting batches make: one per batch on SOAP (an upsertList),
        one per bill on REST. Sending once they fill the concurrent requests, and no later,
        keeps Remote's reads going on (READ_AHEAD) while this thread waits for NetSuite."""
        batch_size = self.connection.netsuite_batch_size or BATCH_SIZE
        return sum(
            self.netsuite.upsert_requests(
                sum(len(read.bills) for read in batch), batch_size=batch_size
            )
            for batch in self._pending
        )

    def _send_pending(self):
        """Send the bills of the waiting batches in one upsert_bills call (up to
        ``netsuite_concurrency`` requests at once) in the background, once the send before it
        is settled and committed: this thread builds and mirrors the next batches while NetSuite
        answers. A crash loses at most the batches in flight (sent again, as upserts, by the
        next run). A request may carry the bills of two documents' batches: each bill is
        answered on its own and a document is synced only once every one of its bills is."""
        self._settle_sent()  # may stop the run: the waiting batches are still in _pending
        batches, self._pending = self._pending, []
        ready = [read for batch in batches for read in batch if read.bills]
        if not ready:
            if batches:
                self._timed_commit()
            return
        started = time.monotonic()
        try:
            answers = self._remove_other_kind(ready)
        finally:
            self.netsuite_seconds += time.monotonic() - started
        payloads = [
            bill for read in ready for bill in read.bills if bill.external_id not in answers
        ]
        future = self._sender_thread().submit(
            _upsert,
            self.netsuite,
            payloads,
            batch_size=self.connection.netsuite_batch_size or BATCH_SIZE,
            concurrency=self._netsuite_concurrency(),
        )
        self._sent = _Sent(ready, answers, payloads, future)

    def _settle_sent(self):
        """Wait for NetSuite's answers to the bills in flight, record them, and commit."""
        sent = self._sent
        if sent is None:
            return
        started = time.monotonic()
        try:
            results, seconds = sent.future.result()
        finally:
            self.timings["netsuite_wait"] += time.monotonic() - started
        self.netsuite_seconds += seconds
        answers = dict(sent.answers)
        answers.update(
            (payload.external_id, result)
            for payload, result in zip(sent.payloads, results, strict=True)
        )
        self._settle(sent.reads, answers)
        self._sent = None
        self._timed_commit()

    def _sender_thread(self):
        if self._sender is None:
            self._sender = ThreadPoolExecutor(1, thread_name_prefix="netsuite-send")
        return self._sender

    def _stop_sender(self):
        """A run that stops early still waits for its send: no request outlives the run."""
        if self._sender is not None:
            self._sender.shutdown(wait=True, cancel_futures=True)
            self._sender = None

    def _timed_commit(self):
        """Save the run's progress; a batch boundary, where a cancelled run stops."""
        started = time.monotonic()
        self._report_progress(self.env._("Reading Remote and booking in NetSuite"))
        self._commit()
        self._saved_at = time.monotonic()
        self.timings["commit"] += time.monotonic() - started
        # nothing left: the run is done, whatever came in meanwhile
        if self.job and self.connection.sync_cancel_user_id and self._done_and_left()[1]:
            raise SyncCancelled(
                self.env._("cancelled by %s", self.connection.sync_cancel_user_id.name)
            )

    def _done_and_left(self):
        done = sum(self.counts.values())
        return done, max(0, self.listed - done)

    def _report_progress(self, step):
        if not self.job:
            return
        done, left = self._done_and_left()
        self.job.write(
            {
                "step": step,
                "total_count": self.listed,
                "read_count": self.read_count,
                "booked_count": self.counts["booked"],
                "left_count": left,
            }
        )
        # Odoo's cron then knows the job did some work: a worker killed now is resumed
        self.env["ir.cron"]._notify_progress(done=done, remaining=left)

    def _remove_other_kind(self, reads):
        """A re-issue that flips the sign (credit <-> bill) keeps the externalId, which NetSuite
        refuses as DUP_RCRD while the record of the other type exists: delete it first.
        Returns the refusals, by externalId, of the records NetSuite would not delete."""
        refusals = {}
        for read in reads:
            booked = {bill.external_id: bill for bill in read.record.bill_ids if bill.internal_id}
            for payload in read.bills:
                old = booked.get(payload.external_id)
                if not old or old.kind == payload.kind:
                    continue
                try:
                    self.netsuite.delete_bill(old.kind, old.external_id)
                except NetSuiteError as error:
                    refusals[payload.external_id] = UpsertResult(
                        payload.external_id,
                        error_code=getattr(error, "code", None),
                        error_message=self._not_deleted_message(read, old, error),
                    )
                    continue
                # NetSuite no longer has it: whatever happens to the new record, Odoo must not
                # show the deleted one's internal id
                self.deleted[payload.external_id] = self.env._(
                    "%(record)s (internal id %(id)s)",
                    record=self._record_label(read, old.kind),
                    id=old.internal_id,
                )
                if read.record.netsuite_internal_id == old.internal_id:
                    read.record.netsuite_internal_id = False
                old.write({"internal_id": False, "error": False})
        return refusals

    def _record_label(self, read, kind):
        if kind == VENDOR_CREDIT:
            return self.env._("vendor credit %s", read.record.name)
        return self.env._("vendor bill %s", read.record.name)

    def _refused_after_delete(self, read, payload, refusal):
        """The message of a document whose old record was deleted, its new one refused."""
        return self.env._(
            "Remote re-issued this document with the other sign: the %(old)s was deleted from "
            "NetSuite, but NetSuite refused the %(new)s that replaces it (%(external_id)s: "
            "%(refusal)s). NetSuite holds neither for this document now: fix what NetSuite "
            "reports, then retry this document to book the %(new)s.",
            old=self.deleted[payload.external_id],
            new=self._record_label(read, payload.kind),
            external_id=payload.external_id,
            refusal=refusal,
        )

    def _not_deleted_message(self, read, old, error):
        record = self._record_label(read, old.kind)
        return self.env._(
            "Remote re-issued this document with the other sign, but NetSuite kept the %(record)s "
            "(internal id %(id)s): %(error)s. Unapply it in NetSuite (remove the payments or "
            "bill applications linked to it), then retry this document.",
            record=record,
            id=old.internal_id,
            error=error,
        )

    def _netsuite_concurrency(self):
        """One request at a time when sending one bill per request (what netsuitesdk does)."""
        if (self.connection.netsuite_batch_size or BATCH_SIZE) == 1:
            return 1
        return max(1, self.connection.netsuite_concurrency)

    def _commit(self):
        self.env.flush_all()
        self.env.invalidate_all()  # the batches' lines need not stay in memory
        # Progress is saved per batch on purpose: a crash then loses at most the batch in
        # flight, which the next run resends as upserts of the same externalIds.
        if not self.connection._commit_sync_progress():
            raise SyncStopped(
                self.env._(
                    "another sync of this connection started meanwhile; this one stopped after "
                    "saving its progress"
                )
            )

    def _finish(self):
        if self.retried:
            self.connection._log_event(
                "sync",
                self.env._("%s transient failures retried during this sync", len(self.retried)),
                level="warning",
                details="\n".join(self.retried),
            )
        summary = self._summary()
        counts = self.counts
        level = "error" if self.error else "info"
        to_fix = counts["failed"] or counts["needs_mapping"] or counts["kept"]
        if self.cancelled_by or (not self.error and to_fix):
            level = "warning"
        self.connection._log_event(
            "sync",
            summary,
            level=level,
            details=self._details(),
            sync_trigger=self.trigger,
            sync_selection=self.selection,
            sync_booked=counts["booked"],
            sync_unchanged=counts["unchanged"],
            sync_needs_mapping=counts["needs_mapping"],
            sync_failed=counts["failed"],
            sync_skipped=counts["skipped"],
            sync_duration=time.monotonic() - self._started,
        )
        values = {"last_sync_date": fields.Datetime.now(), "last_sync_message": summary}
        if self.job:
            values["sync_cancel_user_id"] = False
        self.connection.write(values)

    def _summary(self):
        _ = self.env._
        name = {
            "manual": _("Manual sync"),
            "cron": _("Automatic sync"),
            "retry": _("Retry"),
            "webhook": _("Remote webhook"),
        }
        counts = self.counts
        parts = [
            _("%s booked", counts["booked"]),
            _("%s unchanged", counts["unchanged"]),
            _("%s need mapping", counts["needs_mapping"]),
            _("%s failed", counts["failed"]),
            _("%s skipped", counts["skipped"]),
        ]
        if counts["kept"]:
            parts.append(_("%s not booked again (still right in NetSuite)", counts["kept"]))
        text = f"{name[self.trigger]}: {', '.join(parts)}"
        if self.cancelled_by:
            text = _("%(run)s cancelled by %(user)s (%(counts)s)", run=name[self.trigger],
                     user=self.cancelled_by, counts=", ".join(parts))  # fmt: skip
        elif self.error:
            text = _("%(run)s failed: %(error)s (%(counts)s)", run=name[self.trigger],
                     error=self.error, counts=", ".join(parts))  # fmt: skip
        return text

    def _details(self):
        _ = self.env._
        lines = []
        if self.periods:
            lines.append(_("Months: %s", ", ".join(self.periods)))
        lines.append(_("Started by: %s", self.env.user.name))
        if self.error:
            lines.append(
                _("Documents not booked stay to sync; the next sync or a Retry sends them.")
            )
        return "\n".join(lines)

    def result(self):
        return {
            "ok": not self.error,
            "already_running": False,
            "cancelled": bool(self.cancelled_by),
            "message": self._summary(),
            "counts": dict(self.counts),
            "error": self.error,
            "remote_refused": self.remote_refused,
            "netsuite_seconds": self.netsuite_seconds,
            "timings": dict(self.timings),
        }


MESSAGE_LIMIT = 1000
_LONG_WORD = re.compile(r"\S{81,}")


def readable(message):
    """``message`` with the values Remote sent elided when absurdly long (a 200,000-character
    currency code is quoted back as its start and its length), at most MESSAGE_LIMIT long."""
    message = _LONG_WORD.sub(lambda m: f"{m.group()[:40]}… ({len(m.group())} characters)", message)
    return message if len(message) <= MESSAGE_LIMIT else message[: MESSAGE_LIMIT - 1] + "…"


def _summary_of(record):
    return BillingDocumentSummary(
        id=record.remote_id,
        period=record.period or None,
        document_type=record.remote_type or None,
        bill_from=record.bill_from or None,
    )


def _plain(env, error):
    """A readable message for an error in the user's language: UserError keeps its text in
    args[0]; the services' errors are translated by the text they give."""
    if isinstance(error, UserError):
        return error.args[0]
    return translated(env, error)


def _upsert(netsuite, payloads, **options):
    """The sender thread's work: NetSuite's answers and how long they took (no ORM here)."""
    started = time.monotonic()
    results = netsuite.upsert_bills(payloads, **options)
    return results, time.monotonic() - started
