from odoo import models


class RemoteNetsuiteDepartment(models.Model):
    _name = "remote.netsuite.department"
    _inherit = ["remote.netsuite.segment.mixin"]
    _description = "NetSuite Department"
    _segment_kind = "department"
