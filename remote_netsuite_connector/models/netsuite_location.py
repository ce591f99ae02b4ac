from odoo import models


class RemoteNetsuiteLocation(models.Model):
    _name = "remote.netsuite.location"
    _inherit = ["remote.netsuite.segment.mixin"]
    _description = "NetSuite Location"
    _segment_kind = "location"
