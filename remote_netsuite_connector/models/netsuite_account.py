from odoo import api, fields, models


class RemoteNetsuiteAccount(models.Model):
    _name = "remote.netsuite.account"
    _inherit = ["remote.netsuite.record.mixin"]
    _description = "NetSuite Account"
    _order = "number, name, id"
    _rec_names_search = ["number", "name"]

    number = fields.Char()
    account_type = fields.Char(help="NetSuite account type, e.g. expense, otherExpense.")
    include_children = fields.Boolean()
    subsidiary_ids = fields.Many2many(
        "remote.netsuite.subsidiary",
        string="Available in subsidiaries",
        help="Subsidiaries where the account can be used, sub-subsidiaries included.",
    )

    @api.model
    def _values_from(self, record):
        return {
            **super()._values_from(record),
            "number": record.number or False,
            "account_type": record.account_type,
            "include_children": record.include_children,
        }

    def _label(self):
        return f"{self.number} {self.name}" if self.number else self.name
