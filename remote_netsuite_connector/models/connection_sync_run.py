"""One sync run of one connection: read Remote, mirror in Odoo, upsert to NetSuite in batches.

Exactly once: every NetSuite write is an upsert keyed by the document's externalId, and a
document is marked synced only after NetSuite answered, in the transaction that is committed
after its batch. A run that dies after NetSuite booked a batch but before that commit leaves the
batch "to sync": the next run sends it again, as updates of the same NetSuite records.
"""

import time
from dataclasses import dataclass, field, replace

from odoo import Command, fields, tools
from odoo.exceptions import UserError
from odoo.modules import module as odoo_module

from ..services import bill_builder
from ..services.bill_builder import BuildOutcome, build_bills
from ..services.mapping import PER_ENTITY
from ..services.netsuite import NetSuiteError
from ..services.remote import (
    BillingDocument,
    BillingDocumentSummary,
    RemoteDataError,
    RemoteError,
    RemoteNotFound,
)
from .document import (
    DOCUMENT_TYPES,
    FAILED,
    NEEDS_MAPPING,
    PREFUNDING,
    RECONCILIATION,
    SETTLED_STATES,
    SKIPPED,
    SYNCED,
    TO_SYNC,
    content_hash,
    family_of,
)

# Bills per upsert_bills call (NetSuite's upsertList limit) and documents per committed batch.
BATCH_SIZE = 100
UTC_OFFSET = "+00:00"
SELECTED_FAMILIES = {
    "both": {PREFUNDING, RECONCILIATION, "other"},
    "prefunding": {PREFUNDING, "other"},
    "reconciliation": {RECONCILIATION, "other"},
}
_STATE_OF_OUTCOME = {
    bill_builder.NEEDS_MAPPING: NEEDS_MAPPING,
    bill_builder.NOTHING_TO_BOOK: SKIPPED,
    bill_builder.SKIPPED: SKIPPED,
    bill_builder.FAILED: FAILED,
}
_EVENT_LEVEL = {SYNCED: "info", SKIPPED: "info", NEEDS_MAPPING: "warning", FAILED: "error"}
_KNOWN_TYPES = {value for value, _label in DOCUMENT_TYPES}


class SyncStopped(Exception):
    """The run cannot go on, e.g. another run took the connection's lock over."""


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
    def __init__(self, connection, *, trigger, selection):
        self.connection = connection.sudo()  # users may retry; the run writes what they read
        self.env = self.connection.env
        self.trigger = trigger
        self.selection = selection
        self.counts = dict.fromkeys(
            ("booked", "unchanged", "needs_mapping", "failed", "skipped"), 0
        )
        self.error = ""
        self.periods = []
        self.records = {}  # Remote id -> remote.netsuite.document of this connection
        self._batch: list[_Read] = []
        self._batch_bills = 0
        self._started = time.monotonic()
        self._clients = {}
        self._employments = None  # the company's employments, listed once per run
        self._employment_cache = {}  # per-entity mode: full employments, one call each per run
        self._legal_entity_names = None
        self._subsidiary_names = None

    # --- clients and what is read once per run ------------------------------------------------

    @property
    def remote(self):
        if "remote" not in self._clients:
            self._clients["remote"] = self.connection._remote_client()
        return self._clients["remote"]

    @property
    def netsuite(self):
        if "netsuite" not in self._clients:
            self._clients["netsuite"] = self.connection._netsuite_client()
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
        try:
            if documents is not None:
                summaries, force = [_summary_of(record) for record in documents], True
            else:
                summaries, force = self._listed(self.periods), False
            self._load_records(summaries)
            for summary in summaries:
                self._add(self._read(summary, force=force))
            self._flush()
        except (RemoteError, NetSuiteError, UserError, SyncStopped) as error:
            self.error = _plain(error)
            self._keep_to_sync(self._batch)
        finally:
            self._close_clients()
        self._finish()

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
            return {"ok": False, "message": _plain(error)}
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
        read = _Read(summary)
        try:
            read.document = self.remote.billing_document(summary.id, bill_from=summary.bill_from)
        except (RemoteNotFound, RemoteDataError) as error:
            read.error = _plain(error)
            return read
        read.digest = content_hash(read.document)
        if not force and self._unchanged(self.records.get(summary.id), read.digest):
            self.counts["unchanged"] += 1
            return None
        employments = {}
        if read.document.is_known_type:
            try:
                read.breakdown = self.remote.breakdown(summary.id)
                employments = self._employments_for(read.breakdown)
            except (RemoteNotFound, RemoteDataError) as error:
                read.error = _plain(error)
                return read
        outcome = build_bills(
            read.document,
            read.breakdown or (),
            employments,
            self.mappings,
            legal_entity_names=self._entity_names(),
            utc_offset=UTC_OFFSET,
        )
        read.outcome = self._guard_split(self.records.get(summary.id), outcome)
        return read

    def _guard_split(self, record, outcome):
        """Refuse to book a document whose earlier NetSuite records the new booking would not
        replace (its split across subsidiaries changed): that would book it twice."""
        if record is None or outcome.status != bill_builder.READY:
            return outcome
        booked = {bill.external_id for bill in record.bill_ids if bill.internal_id}
        left_over = booked - {bill.external_id for bill in outcome.bills}
        if not left_over:
            return outcome
        message = self.env._(
            "Not booked again: NetSuite already has %(old)s for this document, and the current "
            "subsidiary mapping would book it as %(new)s instead, leaving the old records in "
            "place. Restore the subsidiary mapping, or reverse %(old)s in NetSuite first.",
            old=", ".join(sorted(booked)),
            new=", ".join(sorted(bill.external_id for bill in outcome.bills)),
        )
        return replace(outcome, status=bill_builder.FAILED, bills=(), message=message)

    def _add(self, read):
        if read is None:
            return
        if self._batch and (
            len(self._batch) >= BATCH_SIZE or self._batch_bills + len(read.bills) > BATCH_SIZE
        ):
            self._flush()
        self._batch.append(read)
        self._batch_bills += len(read.bills)

    def _flush(self):
        """Mirror the batch, send its bills in one upsert_bills call, record the answers, and
        commit, so a crash later loses at most the batch in flight."""
        batch = self._batch
        if not batch:
            return
        self._mirror(batch)
        ready = [read for read in batch if read.bills]
        self._settle([read for read in batch if not read.bills], {})
        if ready:
            payloads = [bill for read in ready for bill in read.bills]
            results = self.netsuite.upsert_bills(payloads)
            answers = {
                payload.external_id: result
                for payload, result in zip(payloads, results, strict=True)
            }
            self._settle(ready, answers)
        self._batch, self._batch_bills = [], 0
        self._commit()

    def _commit(self):
        self.env.flush_all()
        if tools.config["test_enable"] or odoo_module.current_test:  # tests own the transaction
            return
        self.env.cr.commit()
        if not self.connection._try_sync_lock():
            raise SyncStopped(
                self.env._(
                    "another sync of this connection started meanwhile; this one stopped after "
                    "saving its progress"
                )
            )

    # --- writing to Odoo --------------------------------------------------------------------------

    def _mirror(self, batch):
        """Create or update the documents and their lines as Remote gave them."""
        Document = self.env["remote.netsuite.document"]
        to_create = []
        for read in batch:
            record = self.records.get(read.summary.id)
            values = self._header_values(read)
            if record is None:
                to_create.append(values)
            else:
                read.before = (record.state, record.message)
                record.write(values)
                read.record = record
        created = Document.create(to_create) if to_create else Document
        for record in created:
            self.records[record.remote_id] = record
        for read in batch:
            read.record = self.records[read.summary.id]
        self._mirror_lines([read for read in batch if read.breakdown is not None])

    def _header_values(self, read):
        summary, document = read.summary, read.document
        remote_type = (document.document_type if document else summary.document_type) or ""
        values = {
            "connection_id": self.connection.id,
            "remote_id": summary.id,
            "remote_type": remote_type,
            "document_type": remote_type if remote_type in _KNOWN_TYPES else "other",
            "period": summary.period,
            "bill_from": summary.bill_from,
        }
        if document is not None:
            values.update(
                name=document.number,
                period=document.period or summary.period,
                issued_date=document.issued_date,
                currency_code=document.currency,
                amount_minor=document.total,
                bill_from=document.bill_from or summary.bill_from,
                content_hash=read.digest,
            )
        if read.bills:
            values["state"] = TO_SYNC  # until NetSuite answered: a re-issue is never lost
        return values

    def _mirror_lines(self, reads):
        if not reads:
            return
        # invoice items seen for the first time get a mapping row, so they can be mapped
        self.connection._ensure_items({line.type for read in reads for line in read.breakdown})
        Line = self.env["remote.netsuite.document.line"]
        Line.search([("document_id", "in", [read.record.id for read in reads])]).unlink()
        people = {**(self._employments or {}), **self._employment_cache}
        values = []
        for read in reads:
            for sequence, line in enumerate(read.breakdown, start=1):
                employment = people.get(line.employment_id)
                values.append(
                    {
                        "document_id": read.record.id,
                        "sequence": sequence,
                        "item": line.type,
                        "description": line.description,
                        "employment_id": line.employment_id,
                        "employee": employment.full_name if employment else False,
                        "department": employment.department if employment else False,
                        "amount_minor": line.invoice_amount,
                    }
                )
        Line.create(values)

    def _settle(self, batch, answers):
        """Each document's status, message and NetSuite records after NetSuite answered."""
        now = fields.Datetime.now()
        events = []
        for read in batch:
            state, message = self._state_and_message(read, answers)
            values = {"state": state, "message": message}
            if read.bills:
                values.update(self._write_bills(read, answers))
            if (state, message) != read.before:
                values["last_event_date"] = now
                events.append(self._document_event(read, state, message))
            read.record.write(values)
            self.counts[{SYNCED: "booked"}.get(state, state)] += 1
        if events:
            self.env["remote.netsuite.event"].create(events)

    def _state_and_message(self, read, answers):
        if read.error:
            return FAILED, self.env._("Remote could not give this document: %s", read.error)
        outcome = read.outcome
        if outcome.status != bill_builder.READY:
            return _STATE_OF_OUTCOME[outcome.status], outcome.message
        refused = [
            f"{answers[bill.external_id].external_id}: {_refusal(answers[bill.external_id])}"
            for bill in read.bills
            if not answers[bill.external_id].ok
        ]
        if refused:
            return FAILED, self.env._("NetSuite refused %s", "; ".join(refused))
        return SYNCED, "Booked " + outcome.message.removeprefix("Ready to book ")

    def _write_bills(self, read, answers):
        """Create or update the document's NetSuite records; returns document values."""
        existing = {bill.external_id: bill for bill in read.record.bill_ids}
        commands, internal_ids, names = [], [], []
        for payload in read.bills:
            answer = answers[payload.external_id]
            bill = existing.pop(payload.external_id, None)
            internal_id = answer.internal_id if answer.ok else (bill.internal_id if bill else False)
            values = {
                "external_id": payload.external_id,
                "kind": payload.kind,
                "subsidiary_internal_id": payload.subsidiary_id,
                "subsidiary_name": self._subsidiary_name(payload.subsidiary_id),
                "total": str(payload.total),
                "internal_id": internal_id,
                "error": False if answer.ok else _refusal(answer),
            }
            commands.append(Command.update(bill.id, values) if bill else Command.create(values))
            internal_ids.append(internal_id)
            names.append(values["subsidiary_name"])
        # records never booked that the new booking does not use any more
        commands += [Command.delete(bill.id) for bill in existing.values() if not bill.internal_id]
        return {
            "bill_ids": commands,
            "netsuite_internal_id": next((ident for ident in internal_ids if ident), False),
            "subsidiary_names": ", ".join(dict.fromkeys(names)),
        }

    def _document_event(self, read, state, message):
        label = read.record.name or read.summary.id
        state_label = dict(read.record._fields["state"]._description_selection(self.env))[state]
        return {
            "connection_id": self.connection.id,
            "event_type": "document",
            "level": _EVENT_LEVEL.get(state, "info"),
            "summary": f"{label}: {state_label}",
            "details": message,
            "document_id": read.record.id,
            "sync_trigger": self.trigger,
        }

    def _keep_to_sync(self, batch):
        """The run stopped before NetSuite answered for ``batch``: say so on its documents."""
        message = self.env._("Not sent yet, the sync stopped: %s", self.error)
        for read in batch:
            if read.record is not None and read.bills:
                read.record.write({"state": TO_SYNC, "message": message})

    def _finish(self):
        summary = self._summary()
        counts = self.counts
        level = "error" if self.error else "info"
        if not self.error and (counts["failed"] or counts["needs_mapping"]):
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
        self.connection.write(
            {"last_sync_date": fields.Datetime.now(), "last_sync_message": summary}
        )

    def _summary(self):
        _ = self.env._
        name = {"manual": _("Manual sync"), "cron": _("Automatic sync"), "retry": _("Retry")}
        counts = self.counts
        parts = [
            _("%s booked", counts["booked"]),
            _("%s unchanged", counts["unchanged"]),
            _("%s need mapping", counts["needs_mapping"]),
            _("%s failed", counts["failed"]),
            _("%s skipped", counts["skipped"]),
        ]
        text = f"{name[self.trigger]}: {', '.join(parts)}"
        if self.error:
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
            "message": self._summary(),
            "counts": dict(self.counts),
            "error": self.error,
        }


def _summary_of(record):
    return BillingDocumentSummary(
        id=record.remote_id,
        period=record.period or None,
        document_type=record.remote_type or None,
        bill_from=record.bill_from or None,
    )


def _refusal(answer):
    return (
        f"{answer.error_code}: {answer.error_message}"
        if answer.error_code
        else (answer.error_message or "no internal id returned")
    )


def _plain(error):
    """A readable message for an error: UserError keeps its text in args[0]."""
    if isinstance(error, UserError):
        return error.args[0]
    return str(error)
