from odoo import api, fields, models

from ..services.netsuite import VENDOR_BILL, VENDOR_CREDIT

KINDS = [(VENDOR_BILL, "Vendor bill"), (VENDOR_CREDIT, "Vendor credit")]
RECORD_PAGES = {VENDOR_BILL: "vendbill", VENDOR_CREDIT: "vendcred"}


def netsuite_record_url(account_id, kind, internal_id):
    """The record's page in NetSuite's UI: account 1234567_SB1 lives at 1234567-sb1.app..."""
    if not (account_id and internal_id and kind in RECORD_PAGES):
        return False
    host = account_id.strip().lower().replace("_", "-")
    page = RECORD_PAGES[kind]
    return f"https://{host}.app.netsuite.com/app/accounting/transactions/{page}.nl?id={internal_id}"


class RemoteNetsuiteDocumentBill(models.Model):
    """A NetSuite transaction booking a document, or one subsidiary's share of it."""

    _name = "remote.netsuite.document.bill"
    _description = "NetSuite transaction of a Synced Invoice"
    _order = "document_id, external_id"
    _rec_name = "external_id"

    document_id = fields.Many2one(
        "remote.netsuite.document", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)
    external_id = fields.Char("NetSuite external id", required=True, index=True)
    kind = fields.Selection(KINDS, required=True)
    subsidiary_internal_id = fields.Char()
    subsidiary_name = fields.Char("Subsidiary")
    remote_legal_entities = fields.Char(
        "Remote legal entities", help="Ids of the Remote legal entities booked in it (per entity)"
    )
    total = fields.Char(help="Exact amount sent to NetSuite, in the document currency")
    internal_id = fields.Char("NetSuite id", help="Empty until NetSuite accepted it")
    error = fields.Text()
    netsuite_url = fields.Char("NetSuite link", compute="_compute_netsuite_url")

    _sql_constraints = [
        (
            "external_id_uniq",
            "unique(document_id, external_id)",
            "A NetSuite transaction is listed once per document.",
        )
    ]

    @api.depends("kind", "internal_id", "document_id.connection_id.netsuite_account_id")
    def _compute_netsuite_url(self):
        for bill in self:
            account_id = bill.document_id.connection_id.sudo().netsuite_account_id
            bill.netsuite_url = netsuite_record_url(account_id, bill.kind, bill.internal_id)
