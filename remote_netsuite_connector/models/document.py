"""Synced Invoices: one row per Remote billing document a connection has read."""

import hashlib
import json

from odoo import api, fields, models

from ..services import remote
from ..services.currency import format_amount

DOCUMENT_TYPES = [
    (remote.PREFUNDING_INVOICE, "Pre-funding invoice"),
    (remote.PREFUNDING_CREDIT_NOTE, "Pre-funding credit note"),
    (remote.RECONCILIATION_INVOICE, "Reconciliation invoice"),
    (remote.RECONCILIATION_CREDIT_NOTE, "Reconciliation credit note"),
    (remote.SUPPLEMENTAL_SERVICE_INVOICE, "Supplemental service invoice"),
    (remote.SUPPLEMENTAL_SERVICE_CREDIT_NOTE, "Supplemental service credit note"),
    ("other", "Other"),
]
# What the "pre-funding, reconciliation or both" choice selects. Supplemental service documents
# are billed after the fact, like reconciliations, so they go with them.
PREFUNDING = "prefunding"
RECONCILIATION = "reconciliation"
FAMILIES = [(PREFUNDING, "Pre-funding"), (RECONCILIATION, "Reconciliation"), ("other", "Other")]

TO_SYNC = "to_sync"
NEEDS_MAPPING = "needs_mapping"
SYNCED = "synced"
FAILED = "failed"
SKIPPED = "skipped"
STATES = [
    (TO_SYNC, "To sync"),
    (NEEDS_MAPPING, "Needs mapping"),
    (SYNCED, "Synced"),
    (FAILED, "Failed"),
    (SKIPPED, "Skipped"),
]
# States a document leaves only when Remote changes it (or on an explicit Retry).
SETTLED_STATES = (SYNCED, SKIPPED)


def family_of(document_type):
    if document_type in remote.PREFUNDING_TYPES:
        return PREFUNDING
    if document_type in remote.KNOWN_TYPES:
        return RECONCILIATION
    return "other"


def content_hash(document):
    """Fingerprint of what Remote says about a document: a re-issue (new total, lines, date)
    changes it. The items of the show call mirror the breakdown lines, so no breakdown call is
    needed to tell that an already booked document is unchanged."""
    items = sorted((item.type, item.amount, item.employment_id or "") for item in document.items)
    content = [
        document.number,
        document.document_type,
        document.currency,
        str(document.issued_date),
        document.total,
        document.bill_from or "",
        items,
    ]
    return hashlib.sha256(json.dumps(content, default=str).encode()).hexdigest()


class BigInteger(fields.Integer):
    """Integer minor units as PostgreSQL bigint: an int4 would overflow at 21 million dollars."""

    column_type = ("int8", "int8")


class RemoteNetsuiteDocument(models.Model):
    _name = "remote.netsuite.document"
    _description = "Synced Invoice"
    _order = "issued_date desc, name desc, id desc"

    connection_id = fields.Many2one(
        "remote.netsuite.connection", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="connection_id.company_id", store=True, index=True)
    remote_id = fields.Char("Remote id", required=True, readonly=True)
    name = fields.Char("Number", readonly=True)
    document_type = fields.Selection(DOCUMENT_TYPES, string="Type", readonly=True, index=True)
    remote_type = fields.Char("Type at Remote", readonly=True)
    family = fields.Selection(
        FAMILIES, compute="_compute_family", store=True, string="Family", index=True
    )
    period = fields.Char(readonly=True, index=True)
    issued_date = fields.Date("Issue date", readonly=True)
    currency_code = fields.Char("Currency code", readonly=True)
    amount_minor = BigInteger("Total in minor units", readonly=True)
    amount_display = fields.Char("Amount", compute="_compute_amount_display")
    bill_from = fields.Char(
        "Remote vendor", readonly=True, help="Remote's own company that issued it (its vendor)"
    )
    subsidiary_names = fields.Char("Subsidiary", readonly=True)
    state = fields.Selection(
        STATES, string="Status", default=TO_SYNC, required=True, readonly=True, index=True
    )
    message = fields.Text(readonly=True)
    last_event_date = fields.Datetime("Last event", readonly=True)
    content_hash = fields.Char(readonly=True, copy=False)
    netsuite_internal_id = fields.Char("NetSuite id", readonly=True, copy=False)
    netsuite_url = fields.Char("NetSuite link", compute="_compute_netsuite_url")
    line_ids = fields.One2many("remote.netsuite.document.line", "document_id", readonly=True)
    bill_ids = fields.One2many("remote.netsuite.document.bill", "document_id", readonly=True)
    event_ids = fields.One2many("remote.netsuite.event", "document_id", readonly=True)

    _sql_constraints = [
        (
            "remote_id_uniq",
            "unique(connection_id, remote_id)",
            "A Remote document is listed once per connection.",
        )
    ]

    @api.depends("document_type", "remote_type")
    def _compute_family(self):
        for document in self:
            document.family = family_of(document.remote_type or document.document_type)

    @api.depends("amount_minor", "currency_code")
    def _compute_amount_display(self):
        for document in self:
            document.amount_display = (
                format_amount(document.amount_minor, document.currency_code)
                if document.currency_code
                else ""
            )

    @api.depends("bill_ids.netsuite_url")
    def _compute_netsuite_url(self):
        for document in self:
            document.netsuite_url = document.bill_ids[:1].netsuite_url or False

    @api.depends("name", "remote_id")
    def _compute_display_name(self):
        for document in self:
            document.display_name = document.name or document.remote_id

    def action_retry(self):
        """Read the selected documents from Remote again and book what is ready, in the
        background (*Retry*, and *Send again* on a synced document)."""
        self.check_access("write")
        self.connection_id._check_manager()
        return self.connection_id._retry_in_background(self)

    def action_open_netsuite(self):
        self.ensure_one()
        if not self.netsuite_url:
            return False
        return {"type": "ir.actions.act_url", "url": self.netsuite_url, "target": "new"}

    def action_retry_failed(self):
        """Retry the selected failed or unmapped documents, or all of them when none is
        selected (e.g. after a mapping was fixed)."""
        documents = self or self.search([("state", "in", (FAILED, NEEDS_MAPPING))])
        documents = documents.filtered(lambda d: d.state in (FAILED, NEEDS_MAPPING))
        documents.check_access("write")
        documents.connection_id._check_manager()
        return documents.connection_id._retry_in_background(documents)
