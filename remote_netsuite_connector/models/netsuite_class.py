from odoo import models


class RemoteNetsuiteClass(models.Model):
    _name = "remote.netsuite.class"
    _inherit = ["remote.netsuite.segment.mixin"]
    _description = "NetSuite Class"
    _segment_kind = "class"
