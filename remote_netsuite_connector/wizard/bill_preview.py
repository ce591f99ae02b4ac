"""Preview of the NetSuite bill(s) a document would be booked as: read-only, nothing sent.

The document is read from Remote and built exactly as a sync would (the sync's reader and bill
maker, same mappings: sync/preview.py), then shown with NetSuite names from the cached records.
"""

from odoo import Command, api, fields, models

from ..services import bill_builder
from ..services.netsuite import VENDOR_BILL, VENDOR_CREDIT
from ..sync.preview import document_bills
from ..tools.service_text import translated

OUTCOMES = [
    (bill_builder.READY, "Ready to book"),
    (bill_builder.NEEDS_MAPPING, "Needs mapping"),
    (bill_builder.FAILED, "Cannot be booked"),
    (bill_builder.SKIPPED, "Skipped"),
    (bill_builder.NOTHING_TO_BOOK, "Nothing to book"),
]


class RemoteNetsuiteBillPreview(models.TransientModel):
    _name = "remote.netsuite.bill.preview"
    _description = "Preview of the NetSuite bills of a Synced Invoice"

    document_id = fields.Many2one("remote.netsuite.document", required=True, readonly=True)
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)
    outcome = fields.Selection(OUTCOMES, readonly=True)
    message = fields.Text(readonly=True)
    missing = fields.Text("Unmapped", readonly=True)
    bill_ids = fields.One2many("remote.netsuite.bill.preview.bill", "preview_id", readonly=True)

    @api.model
    def _for_document(self, document):
        """A preview of ``document``'s bills, read from Remote now (the caller may read it)."""
        document.ensure_one()
        document.check_access("read")
        outcome, error = document_bills(document)
        if error:
            return self.create(
                {"document_id": document.id, "outcome": bill_builder.FAILED, "message": error}
            )
        names = _Names(self.env, document.connection_id)
        status, message = outcome.status, translated(self.env, outcome.message)
        refusals = document.connection_id._segment_refusals(outcome.bills)
        if refusals:
            status = bill_builder.FAILED
            message = self.env._(
                "NetSuite would refuse this booking: %(refusals)s. Map a NetSuite record available "
                "in that subsidiary (Remote departments → NetSuite departments), then preview "
                "again.",
                refusals="; ".join(refusals),
            )
        return self.create(
            {
                "document_id": document.id,
                "outcome": status,
                "message": message,
                "missing": "\n".join(translated(self.env, name) for name in outcome.missing)
                or False,
                "bill_ids": [Command.create(names.bill_values(bill)) for bill in outcome.bills],
            }
        )


class RemoteNetsuiteBillPreviewBill(models.TransientModel):
    _name = "remote.netsuite.bill.preview.bill"
    _description = "Previewed NetSuite bill"

    preview_id = fields.Many2one("remote.netsuite.bill.preview", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="preview_id.company_id", store=True, index=True)
    kind = fields.Selection([(VENDOR_BILL, "Vendor bill"), (VENDOR_CREDIT, "Vendor credit")])
    external_id = fields.Char("External id")
    tran_id = fields.Char("Reference")
    tran_date = fields.Date("Date")
    vendor = fields.Char()
    subsidiary = fields.Char()
    currency = fields.Char()
    memo = fields.Char()
    total = fields.Char(help="Exact amount that would be sent, in the document currency")
    line_ids = fields.One2many("remote.netsuite.bill.preview.line", "bill_id")


class RemoteNetsuiteBillPreviewLine(models.TransientModel):
    _name = "remote.netsuite.bill.preview.line"
    _description = "Previewed NetSuite bill line"

    bill_id = fields.Many2one(
        "remote.netsuite.bill.preview.bill", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="bill_id.company_id", store=True, index=True)
    account = fields.Char()
    department = fields.Char()
    memo = fields.Char()
    amount = fields.Char()


def _label(record):
    iso_code = record._name == "remote.netsuite.currency" and record.iso_code
    return f"{iso_code} {record.display_name}" if iso_code else record.display_name


class _Names:
    """NetSuite internal ids to the names cached by "Refresh from NetSuite"."""

    MODELS = {
        "vendor": "remote.netsuite.vendor",
        "subsidiary": "remote.netsuite.subsidiary",
        "currency": "remote.netsuite.currency",
        "account": "remote.netsuite.account",
        "department": "remote.netsuite.ns.department",
    }

    def __init__(self, env, connection):
        self._labels = {}
        for kind, model in self.MODELS.items():
            records = env[model].sudo().search([("connection_id", "=", connection.id)])
            self._labels[kind] = {record.internal_id: _label(record) for record in records}

    def name(self, kind, internal_id):
        if not internal_id:
            return ""
        label = self._labels[kind].get(internal_id)
        return f"{label} [{internal_id}]" if label else f"[{internal_id}] (not in the cache)"

    def bill_values(self, bill):
        return {
            "kind": bill.kind,
            "external_id": bill.external_id,
            "tran_id": bill.tran_id,
            "tran_date": bill.tran_date,
            "vendor": self.name("vendor", bill.vendor_id),
            "subsidiary": self.name("subsidiary", bill.subsidiary_id),
            "currency": self.name("currency", bill.currency_id),
            "memo": bill.memo,
            "total": str(bill.total),
            "line_ids": [
                Command.create(
                    {
                        "account": self.name("account", line.account_id),
                        "department": self.name("department", line.department_id),
                        "memo": line.memo,
                        "amount": str(line.amount),
                    }
                )
                for line in bill.lines
            ],
        }
