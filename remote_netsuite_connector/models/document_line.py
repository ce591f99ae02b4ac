from odoo import api, fields, models

from ..services.currency import format_amount
from .document import BigInteger


class RemoteNetsuiteDocumentLine(models.Model):
    """A line of the Remote breakdown of a document, as Remote bills it."""

    _name = "remote.netsuite.document.line"
    _description = "Synced Invoice Line"
    _order = "document_id, sequence, id"
    # Lines are Remote's, rewritten by each sync that reads their document: who and when is
    # the document's. Without these columns a sync's COPY checks no user foreign key per line
    # (two of its four: half the time PostgreSQL spends on 240,000 lines).
    _log_access = False

    document_id = fields.Many2one(
        "remote.netsuite.document", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)
    sequence = fields.Integer()
    item = fields.Char(help="The invoice item, e.g. Base Salary: what the account mapping uses")
    description = fields.Char()
    employment_id = fields.Char("Remote employment id")
    employee = fields.Char()
    department = fields.Char()
    amount_minor = BigInteger("Amount in minor units")
    currency_code = fields.Char(related="document_id.currency_code")
    amount_display = fields.Char("Amount", compute="_compute_amount_display")

    @api.depends("amount_minor", "currency_code")
    def _compute_amount_display(self):
        for line in self:
            line.amount_display = (
                format_amount(line.amount_minor, line.currency_code) if line.currency_code else ""
            )
