from odoo import fields, models


class RemoteNetsuiteConnection(models.Model):
    _name = "remote.netsuite.connection"
    _description = "Remote ↔ NetSuite Connection"
    _inherit = ["mail.thread"]

    name = fields.Char(required=True, default="Remote ↔ NetSuite")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
