from odoo import fields, models


class RemoteNetsuiteDepartment(models.Model):
    _name = "remote.netsuite.department"
    _inherit = ["remote.netsuite.record.mixin"]
    _description = "NetSuite Department"

    subsidiary_ids = fields.Many2many(
        "remote.netsuite.subsidiary", help="Subsidiaries where it can be used; empty: all."
    )
