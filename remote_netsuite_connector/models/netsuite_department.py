from odoo import models


class RemoteNetsuiteNsDepartment(models.Model):
    _name = "remote.netsuite.ns.department"
    _inherit = ["remote.netsuite.segment.mixin"]
    _description = "NetSuite Department"
    _segment_kind = "department"
