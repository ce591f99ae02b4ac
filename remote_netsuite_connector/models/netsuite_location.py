from odoo import fields, models


class RemoteNetsuiteLocation(models.Model):
    _name = "remote.netsuite.location"
    _inherit = ["remote.netsuite.record.mixin"]
    _description = "NetSuite Location"

    subsidiary_ids = fields.Many2many(
        "remote.netsuite.subsidiary", help="Subsidiaries where it can be used; empty: all."
    )
