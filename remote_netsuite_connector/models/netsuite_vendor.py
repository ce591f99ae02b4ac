from odoo import fields, models


class RemoteNetsuiteVendor(models.Model):
    _name = "remote.netsuite.vendor"
    _inherit = ["remote.netsuite.record.mixin"]
    _description = "NetSuite Vendor"

    subsidiary_ids = fields.Many2many(
        "remote.netsuite.subsidiary",
        string="Shared with subsidiaries",
        help="The vendor's primary subsidiary and every subsidiary it is shared with.",
    )
