import re

from odoo import api, fields, models


class RemoteNetsuiteAccount(models.Model):
    _name = "remote.netsuite.account"
    _inherit = ["remote.netsuite.record.mixin"]
    _description = "NetSuite Account"
    _order = "number, name, id"
    _rec_names_search = ["number", "name"]

    number = fields.Char()
    account_type = fields.Char(help="NetSuite account type, e.g. expense, otherExpense.")
    account_type_name = fields.Char("Type", compute="_compute_account_type_name")
    include_children = fields.Boolean()
    subsidiary_ids = fields.Many2many(
        "remote.netsuite.subsidiary",
        string="Available in subsidiaries",
        help="Subsidiaries where the account can be used, sub-subsidiaries included.",
    )

    @api.depends("account_type")
    def _compute_account_type_name(self):
        """The account type in words: "otherCurrentLiability" -> "Other current liability"."""
        for account in self:
            words = re.sub(r"(?<!^)(?=[A-Z])", " ", account.account_type or "").lower()
            account.account_type_name = words.capitalize()

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
