"""Synced Invoices as an accountant reads them: the total as money in its currency (shown once,
summed by month, type and subsidiary in the graph and pivot views), and group-bys in words."""

from odoo import api, fields, models

from ..services.currency import minor_unit_exponent, normalize_code

# Stored for the sync, meaningless to group by: left out of "Add Custom Group".
TECHNICAL_FIELDS = (
    "content_hash",
    "pdf_content_hash",
    "remote_id",
    "remote_type",
    "amount_minor",
    "currency_code",
    "netsuite_internal_id",
    "pdf_file_id",
    "message",
)


class RemoteNetsuiteDocument(models.Model):
    _inherit = "remote.netsuite.document"

    currency_id = fields.Many2one(
        "res.currency", compute="_compute_amount", store=True, string="Currency"
    )
    amount = fields.Monetary(
        "Total", compute="_compute_amount", store=True, currency_field="currency_id"
    )

    @api.depends("amount_minor", "currency_code")
    def _compute_amount(self):
        """The Odoo currency of the document's code, active or not: the sync changes no
        currency setting of the company (the list shows ``amount_display``, which needs none)."""
        codes = {normalize_code(code) for code in self.mapped("currency_code")} - {""}
        currencies = {
            currency.name: currency
            for currency in self.env["res.currency"]
            .with_context(active_test=False)
            .search([("name", "in", list(codes))])
        }
        for document in self:
            code = normalize_code(document.currency_code)
            currency = currencies.get(code, self.env["res.currency"])
            exponent = minor_unit_exponent(code)
            if exponent is None:
                exponent = currency.decimal_places if currency else 2
            document.currency_id = currency
            document.amount = (document.amount_minor or 0) / 10**exponent

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        described = super().fields_get(allfields, attributes)
        for name in TECHNICAL_FIELDS:
            if "groupable" in described.get(name, {}):
                described[name]["groupable"] = False
        return described

    @api.model
    def _list_action(self, domain=None):
        """Synced Invoices, with the PDF column only when a connection the user sees attaches
        PDFs."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "remote_netsuite_connector.document_action"
        )
        connections = self.env["remote.netsuite.connection"].search([("attach_pdf", "=", True)])
        action["context"] = {"remote_netsuite_pdf": bool(connections)}
        if domain is not None:
            action["domain"] = domain
        return action
