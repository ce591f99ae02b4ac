"""One sync run of one connection: list Remote's documents, read and build them, mirror them in
Odoo, upsert them to NetSuite in batches in the background, commit per batch, report progress,
stop when cancelled.

Exactly once: every NetSuite write is an upsert keyed by the document's externalId, and a
document is marked synced only after NetSuite answered, in the transaction that is committed
after its batch. A run that dies after NetSuite booked a batch but before that commit leaves the
batch "to sync": the next run sends it again, as updates of the same NetSuite records.
"""

import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from odoo import fields
from odoo.exceptions import UserError

from ..const import SETTLED_STATES
from ..services import bill_builder
from ..services.bill_builder import BuildOutcome
from ..services.netsuite import (
    MAX_RECORDS_PER_REQUEST,
    NetSuiteError,
    UpsertResult,
)
from ..services.remote import BillingDocument, BillingDocumentSummary, RemoteAuthError, RemoteError
from ..tools.service_text import translated
from .bills import BillMaker, NetSuiteLink
from .reader import RemoteReader, summary_of
from .remote_documents import content_hash
from .writer import SyncWriter


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


class SyncRun:
    """Batches of at most MAX_RECORDS_PER_REQUEST documents and bills (one upsertList each) are
    sent together once their requests fill the connection's "NetSuite concurrent requests", in
    the background, and committed together once NetSuite answered."""

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
        # a run of a job whose run before was killed goes on from what that one saved
        self.resumed = bool(self.job and self.job.attempts > 1)
        if self.resumed:
            self.counts.update(
                (key, n) for key, n in (self.job.counts or {}).items() if key in self.counts
            )
        self._unchanged = []  # ids of the documents found unchanged since the last save
        self.error = ""
        self.remote_refused = ""  # why Remote refused the token, when it did
        self.periods = []
        self._batch: list[_Read] = []
        self._batch_bills = 0
        self._limit = None  # documents and bills a batch holds (_batch_limit)
        self._pending: list[list[_Read]] = []  # mirrored batches waiting to be sent together
        self._sent: _Sent | None = None  # the send NetSuite has not answered yet
        self._sender = None  # the thread that waits for NetSuite's answers
        self.netsuite_seconds = 0.0  # time NetSuite took to answer the deletes and upserts
        self.timings = dict.fromkeys(
            ("remote_wait", "build", "mirror", "netsuite_wait", "commit"), 0.0
        )
        self._started = time.monotonic()
        self.retried = []  # the transient failures the clients retried, for Events History
        # externalId -> the record of the other kind deleted in NetSuite to book it
        self.deleted = {}
        mappings = self.connection._mappings()
        self.netsuite_link = NetSuiteLink(self.connection, on_retry=self.retried.append)
        self.reader = RemoteReader(self.connection, mappings=mappings, on_retry=self.retried.append)
        self._employments_saved = 0  # employments the job holds
        if self.resumed and self.job.employments:
            self.reader.remember(self.job.employments)
            self._employments_saved = len(self.job.employments)
        self.maker = BillMaker(
            self.connection, self.reader, mappings=mappings, netsuite=self.netsuite_link
        )
        self.writer = SyncWriter(
            self.connection,
            trigger=trigger,
            reader=self.reader,
            maker=self.maker,
            counts=self.counts,
            deleted=self.deleted,
            job=self.job,
        )

    @property
    def netsuite(self):
        return self.netsuite_link.client

    def _close_clients(self):
        self.reader.close()
        self.netsuite_link.close()

    # --- the run --------------------------------------------------------------------------------

    def execute(self, *, periods=None, documents=None):
        """Sync the documents listed for ``periods``, or exactly ``documents`` (a retry)."""
        self.periods = list(periods or ())
        self._execute(documents)
        self._finish()

    def _execute(self, documents):
        try:
            self._report_progress(self.env._("Listing the documents in Remote"))
            if documents is not None:
                summaries, force = [summary_of(record) for record in documents], True
            else:
                summaries, force = self.reader.listed(self.periods, self.selection), False
            self.listed = len(summaries)
            self.writer.load(summaries)
            summaries = self._left_by_earlier_runs(summaries)
            self._timed_commit()  # the progress bar knows how many documents there are
            known = {} if force else self._booked_digests()
            reads = self.reader.documents(summaries, digest=content_hash, known_digests=known)
            for fetched in self._timed("remote_wait", reads):
                self.read_count += 1
                started = time.monotonic()
                read = self._build(fetched, force=force)
                self.timings["build"] += time.monotonic() - started
                self._add(read)
            self._queue_batch()
            self._send_pending()
            self._settle_sent()
        except (RemoteError, NetSuiteError, UserError, SyncStopped) as error:
            self.error = plain_error(self.env, error)
            if isinstance(error, SyncCancelled):
                self.cancelled_by = self.connection.sync_cancel_user_id.name
            if isinstance(error, RemoteAuthError):
                self.remote_refused = translated(self.env, error.message)
            unsettled = [read for batch in self._pending for read in batch] + self._batch
            sent = self._sent.reads if self._sent else []
            self.writer.keep_to_sync(unsettled + sent, self.error)
        finally:
            self._stop_sender()
            self._close_clients()

    def _left_by_earlier_runs(self, summaries):
        """``summaries`` but those the killed runs of this job dealt with and saved: a resumed
        run reads only the rest (what it skips counts as read)."""
        if not self.resumed:
            return summaries
        dealt_with = {
            remote_id
            for remote_id, record in self.writer.records.items()
            if record.sync_job_id == self.job
        }
        left = [summary for summary in summaries if summary.id not in dealt_with]
        self.read_count = len(summaries) - len(left)
        return left

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

    def _booked_digests(self):
        return {
            remote_id: record.content_hash
            for remote_id, record in self.writer.records.items()
            if unchanged(record, record.content_hash)
        }

    def _build(self, fetched, *, force):
        """The document read from Remote, with its bills built; None when it is booked already
        and Remote did not change it."""
        read = _Read(fetched.summary, document=fetched.document, digest=fetched.digest)
        if fetched.unchanged and not force:
            self.counts["unchanged"] += 1
            self._unchanged.append(self.writer.records[fetched.summary.id].id)
            return None
        if not fetched.error:
            read.breakdown = fetched.breakdown
        read.outcome, read.error = self.maker.build(
            fetched, self.writer.records.get(fetched.summary.id)
        )
        if read.error:
            read.breakdown = None
        return read

    def _add(self, read):
        if self._sent is not None and self._sent.future.done():
            self._settle_sent()  # now, not once the next send is due: the end waits for less
        if read is None:  # unchanged: nothing to send, but what it counts is saved in time too
            if self._save_due():
                self._queue_batch()  # sends what waits: that settles and saves the send before
                if self._save_due() and self._sent is None:
                    self._timed_commit()
            return
        # the client is made only once there is something to send
        limit = self._batch_limit() if self._batch_bills or read.bills else MAX_RECORDS_PER_REQUEST
        if self._batch and (
            len(self._batch) >= limit
            or self._batch_bills + len(read.bills) > limit
            or self._save_due()  # a slow read must not hold the save back
        ):
            self._queue_batch()
        self._batch.append(read)
        self._batch_bills += len(read.bills)

    def _batch_limit(self):
        """Documents (and bills) a batch holds: one upsertList on SOAP, a few rounds of PUTs on
        REST (the client says which)."""
        if self._limit is None:
            concurrency = self._netsuite_concurrency()
            self._limit = min(MAX_RECORDS_PER_REQUEST, self.netsuite.bills_per_send(concurrency))
        return self._limit

    def _queue_batch(self):
        """Mirror the batch (its lines are then dropped from memory) and settle what will not be
        sent; once enough batches wait, send them together."""
        batch = self._batch
        if batch:
            started = time.monotonic()
            self.writer.mirror(batch)
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
        keeps Remote's reads going on (const.READ_AHEAD) while this thread waits for NetSuite."""
        batch_size = self.connection.netsuite_batch_size or MAX_RECORDS_PER_REQUEST
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
            batch_size=self.connection.netsuite_batch_size or MAX_RECORDS_PER_REQUEST,
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

    def _settle(self, reads, answers):
        """Record what became of ``reads`` (NetSuite's ``answers``, by externalId)."""
        self.writer.settle(reads, answers)

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
        self.writer.dealt_with(self._unchanged)
        self._unchanged = []
        self._save_employments()
        self._report_progress(self.env._("Reading Remote and booking in NetSuite"))
        self._commit()
        self._saved_at = time.monotonic()
        self.timings["commit"] += time.monotonic() - started
        # nothing left: the run is done, whatever came in meanwhile
        if self.job and self.connection.sync_cancel_user_id and self._done_and_left()[1]:
            raise SyncCancelled(
                self.env._("cancelled by %s", self.connection.sync_cancel_user_id.name)
            )

    def _save_employments(self):
        """The employments read so far go with the job's progress: a run resumed after this
        one was killed reads only the others (a first sync reads most on its first documents)."""
        if self.job and len(self.reader.employments.known) != self._employments_saved:
            employments = self.reader.employments_read()
            self.job.employments = employments
            self._employments_saved = len(employments)

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
                "counts": dict(self.counts),
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
                        error_message=self.writer.not_deleted_message(read, old, error),
                    )
                    continue
                # NetSuite no longer has it: whatever happens to the new record, Odoo must not
                # show the deleted one's internal id
                self.deleted[payload.external_id] = self.env._(
                    "%(record)s (internal id %(id)s)",
                    record=self.writer.record_label(read, old.kind),
                    id=old.internal_id,
                )
                if read.record.netsuite_internal_id == old.internal_id:
                    read.record.netsuite_internal_id = False
                old.write({"internal_id": False, "error": False})
        return refusals

    def _netsuite_concurrency(self):
        """One request at a time when sending one bill per request (what netsuitesdk does)."""
        if (self.connection.netsuite_batch_size or MAX_RECORDS_PER_REQUEST) == 1:
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


def unchanged(record, digest):
    """Whether ``record`` is booked (or skipped) with the content of ``digest`` already."""
    return bool(record and record.state in SETTLED_STATES and record.content_hash == digest)


def plain_error(env, error):
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
