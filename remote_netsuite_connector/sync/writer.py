"""How a sync run writes what it read and what NetSuite answered into Odoo: documents, their
lines and NetSuite records, and one Events History entry per document whose status changed."""

import csv
import io
from functools import cached_property

import psycopg2.extensions

from odoo import Command, fields
from odoo.tools import SQL

from ..const import FAILED, NEEDS_MAPPING, SKIPPED, SYNCED, TO_SYNC
from ..services import bill_builder
from ..services.netsuite import VENDOR_CREDIT
from ..services.netsuite.references import name_references
from ..tools.service_text import translated
from .remote_documents import DOCUMENT_TYPES
from .split_guard import KEPT

_STATE_OF_OUTCOME = {
    bill_builder.NEEDS_MAPPING: NEEDS_MAPPING,
    bill_builder.NOTHING_TO_BOOK: SKIPPED,
    bill_builder.SKIPPED: SKIPPED,
    bill_builder.FAILED: FAILED,
    KEPT: SYNCED,
}
_EVENT_LEVEL = {SYNCED: "info", SKIPPED: "info", NEEDS_MAPPING: "warning", FAILED: "error"}
_KNOWN_TYPES = {value for value, _label in DOCUMENT_TYPES}
_LINE_COLUMNS = (
    "document_id",
    "company_id",  # the line's stored related company, which the record rule reads
    "sequence",
    "item",
    "description",
    "employment_id",
    "employee",
    "department",
    "amount_minor",
)


class SyncWriter:
    """Writes one run's documents. ``records``: Remote id -> remote.netsuite.document of the
    connection, as the run loaded them; ``counts``: the run's counts by outcome; ``deleted``:
    externalId -> the record of the other kind the run deleted in NetSuite to book it; ``job``: the
    sync job the run belongs to, if any, which each document dealt with is marked with."""

    def __init__(self, connection, *, trigger, reader, maker, counts, deleted, job=None):
        self.connection = connection
        self.env = connection.env
        self.trigger = trigger
        self.reader = reader
        self.maker = maker
        self.counts = counts
        self.deleted = deleted
        self.job = job
        self.records = {}

    def load(self, summaries):
        """The documents of ``summaries`` this connection has already."""
        records = self.env["remote.netsuite.document"].search(
            [
                ("connection_id", "=", self.connection.id),
                ("remote_id", "in", [summary.id for summary in summaries]),
            ]
        )
        self.records = {record.remote_id: record for record in records}

    def mirror(self, batch):
        """Create or update the documents and their lines as Remote gave them."""
        Document = self.env["remote.netsuite.document"]
        to_create = []
        for read in batch:
            record = self.records.get(read.summary.id)
            values = self._header_values(read)
            if record is None:
                to_create.append(
                    {"connection_id": self.connection.id, "remote_id": read.summary.id, **values}
                )
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
        # not the connection nor the Remote id: writing them on a document makes the ORM
        # recompute the company of its lines, and read them all
        values = {
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
        Line.check_access("unlink")
        Line.check_access("create")
        # ~250 lines a document: plain SQL and COPY, as ORM create/unlink (and even multi-row
        # INSERTs) cost seconds of CPU per hundred documents, which also slows the threads reading
        # Remote. The line model has no default or constraint to skip; its one stored related
        # field, the company, is written here.
        Line.flush_model()
        self.env.cr.execute(
            SQL(
                "DELETE FROM %s WHERE document_id = ANY(%s)",
                SQL.identifier(Line._table),
                [read.record.id for read in reads],
            )
        )
        rows = []
        company_id = self.connection.company_id.id  # ORM reads cost microseconds: not per line
        for read in reads:
            document_id = read.record.id
            for sequence, line in enumerate(read.breakdown, start=1):
                employment = self.reader.employee(line.employment_id)
                rows.append(
                    (
                        document_id,
                        company_id,
                        sequence,
                        _text(line.type),
                        _text(line.description),
                        _text(line.employment_id),
                        _text(employment.full_name) if employment else None,
                        _text(employment.department) if employment else None,
                        int(line.invoice_amount or 0),
                    )
                )
        self._insert_lines(Line, rows)
        Line.invalidate_model()
        self.env["remote.netsuite.document"].invalidate_model(["line_ids"])

    def _insert_lines(self, Line, rows):
        data = io.StringIO()
        # CSV for COPY: strings quoted (so "" stays an empty string), None unquoted (NULL)
        writer = csv.writer(data, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
        writer.writerows(rows)
        data.seek(0)
        copy = SQL(
            "COPY %s (%s) FROM STDIN WITH (FORMAT csv)",
            SQL.identifier(Line._table),
            SQL(", ").join(map(SQL.identifier, _LINE_COLUMNS)),
        )
        # as Odoo's own COPY (models.py): no asynchronous wait callback during it (gevent)
        callback = psycopg2.extensions.get_wait_callback()
        psycopg2.extensions.set_wait_callback(None)
        try:
            self.env.cr.copy_expert(copy.code, data)
        finally:
            psycopg2.extensions.set_wait_callback(callback)

    def settle(self, batch, answers):
        """Each document's status, message and NetSuite records after NetSuite answered."""
        now = fields.Datetime.now()
        events = []
        for read in batch:
            state, message = self._state_and_message(read, answers)
            values = {"state": state, "message": message}
            if self.job:
                values["sync_job_id"] = self.job.id
            if read.bills:
                values.update(self._write_bills(read, answers))
            kept = read.outcome is not None and read.outcome.status == KEPT
            if (state, message) != read.before:
                values["last_event_date"] = now
                event = self._document_event(read, state, message)
                events.append({**event, "level": "warning"} if kept else event)
            read.record.write(values)
            self.counts["kept" if kept else {SYNCED: "booked"}.get(state, state)] += 1
        if events:
            self.env["remote.netsuite.event"].create(events)

    def _state_and_message(self, read, answers):
        if read.error:
            return FAILED, self.env._("Remote could not give this document: %s", read.error)
        outcome = read.outcome
        if outcome.status != bill_builder.READY:
            return _STATE_OF_OUTCOME[outcome.status], translated(self.env, outcome.message)
        refused = [bill for bill in read.bills if not answers[bill.external_id].ok]
        if refused:
            parts = [
                self._refused_after_delete(read, bill, self._refusal(answers[bill.external_id]))
                for bill in refused
                if bill.external_id in self.deleted
            ]
            plain = [
                f"{bill.external_id}: {self._refusal(answers[bill.external_id])}"
                for bill in refused
                if bill.external_id not in self.deleted
            ]
            if plain:
                parts.append(self.env._("NetSuite refused %s", "; ".join(plain)))
            return FAILED, " ".join(parts)
        return SYNCED, self._booked_message(outcome.message)

    def _booked_message(self, ready):
        """ "Booked …" from the builder's "Ready to book …" (cut short when too long)."""
        if "bills" not in getattr(ready, "params", {}):
            return "Booked " + ready.removeprefix("Ready to book ")
        params = {key: translated(self.env, value) for key, value in ready.params.items()}
        return self.env._("Booked %(label)s: %(bills)s.", **params)

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
                "subsidiary_name": self.maker.subsidiary_name(payload.subsidiary_id),
                "remote_legal_entities": " ".join(
                    read.outcome.legal_entities.get(payload.external_id, ())
                )
                or False,
                "total": str(payload.total),
                "internal_id": internal_id,
                "error": False if answer.ok else self._refusal(answer),
            }
            commands.append(Command.update(bill.id, values) if bill else Command.create(values))
            internal_ids.append(internal_id)
            names.append(values["subsidiary_name"])
        # records never booked, or deleted in NetSuite, that the new booking does not use
        commands += [
            Command.delete(bill.id)
            for bill in existing.values()
            if not bill.internal_id or bill.external_id in self.maker.gone_from_netsuite
        ]
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

    def dealt_with(self, document_ids):
        """Mark the documents of ``document_ids``, found unchanged, as dealt with by the job
        (see settle)."""
        if self.job and document_ids:
            documents = self.env["remote.netsuite.document"].browse(document_ids)
            documents.write({"sync_job_id": self.job.id})

    def keep_to_sync(self, batch, error):
        """The run stopped (``error``) before NetSuite answered for ``batch``: say so on its
        documents."""
        message = self.env._("Not sent yet, the sync stopped: %s", error)
        for read in batch:
            if read.record is not None and read.bills:
                read.record.write({"state": TO_SYNC, "message": message})

    def record_label(self, read, kind):
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
            new=self.record_label(read, payload.kind),
            external_id=payload.external_id,
            refusal=refusal,
        )

    def not_deleted_message(self, read, old, error):
        record = self.record_label(read, old.kind)
        return self.env._(
            "Remote re-issued this document with the other sign, but NetSuite kept the %(record)s "
            "(internal id %(id)s): %(error)s. Unapply it in NetSuite (remove the payments or "
            "bill applications linked to it), then retry this document.",
            record=record,
            id=old.internal_id,
            error=error,
        )

    def _refusal(self, answer):
        """NetSuite's answer, with the records it names by internal id named by name too."""
        message = name_references(answer.error_message, self._netsuite_names)
        if answer.error_code:
            return f"{answer.error_code}: {message}"
        return message or "no internal id returned"

    @cached_property
    def _netsuite_names(self):
        return self.connection._netsuite_names()


def _text(value):
    """A Char value as the ORM stores it: False and None as NULL, anything else as text."""
    return None if value is None or value is False else str(value)
