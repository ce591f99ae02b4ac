from odoo import fields, models


class RemoteNetsuiteClass(models.Model):
    _name = "remote.netsuite.class"
    _inherit = ["remote.netsuite.record.mixin"]
    _description = "NetSuite Class"

    subsidiary_ids = fields.Many2many(
        "remote.netsuite.subsidiary", help="Subsidiaries where it can be used; empty: all."
    )
