"""Synced Invoices as an accountant reads them: the total as money in its currency (shown once,
summed by month, type, subsidiary and currency in the graph and pivot views, never across
currencies), and group-bys in words."""

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
# read_group's extra aggregate: how many currencies a group of documents holds
CURRENCY_COUNT = "remote_netsuite_currency_count"


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
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        """The total of a group that holds more than one currency is left empty, in the pivot's
        totals and wherever one groups by other than the currency: EUR plus USD is no amount.
        Converting into the company currency would need a rate per issue date for currencies
        the company may not even use, and NetSuite books each bill in its own currency."""
        groups = super().read_group(
            domain,
            [*fields, f"{CURRENCY_COUNT}:count_distinct(currency_id)"],
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        for group in groups:
            if group.pop(CURRENCY_COUNT, 0) > 1 and "amount" in group:
                group["amount"] = False
        return groups

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
