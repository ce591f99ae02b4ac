"""Synced Invoices: one row per Remote billing document a connection has read."""

from odoo import api, fields, models

from ..const import ATTENTION_STATES, DOCUMENT_STATES, FAMILIES, TO_SYNC
from ..services.currency import format_amount
from ..sync.remote_documents import DOCUMENT_TYPES, family_of


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
        DOCUMENT_STATES, string="Status", default=TO_SYNC, required=True, readonly=True, index=True
    )
    message = fields.Text(readonly=True)
    last_event_date = fields.Datetime("Last event", readonly=True)
    content_hash = fields.Char(readonly=True, copy=False)
    netsuite_internal_id = fields.Char("NetSuite id", readonly=True, copy=False)
    netsuite_url = fields.Char("NetSuite link", compute="_compute_netsuite_url")
    line_ids = fields.One2many("remote.netsuite.document.line", "document_id", readonly=True)
    bill_ids = fields.One2many("remote.netsuite.document.bill", "document_id", readonly=True)
    event_ids = fields.One2many("remote.netsuite.event", "document_id", readonly=True)
    sync_job_id = fields.Many2one(
        "remote.netsuite.sync.job",
        "Dealt with by",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The background sync that last dealt with this document: when that sync is "
        "resumed after its worker stopped, it does not read this document again.",
    )

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
        documents = self or self.search([("state", "in", ATTENTION_STATES)])
        documents = documents.filtered(lambda d: d.state in ATTENTION_STATES)
        documents.check_access("write")
        documents.connection_id._check_manager()
        return documents.connection_id._retry_in_background(documents)
