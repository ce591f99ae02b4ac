from odoo import fields, models


class RemoteNetsuiteItem(models.Model):
    """An invoice item type Remote bills (breakdown line type) and its account (standard)."""

    _name = "remote.netsuite.item"
    _inherit = ["remote.netsuite.account.mapping.mixin"]
    _description = "Remote Invoice Item Mapping"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char("Invoice item", required=True, readonly=True)

    _sql_constraints = [
        ("name_uniq", "unique(connection_id, name)", "An invoice item is listed once.")
    ]

    def _mapping_label(self, field_name):
        return self.env._("Account for %s", self.name)
