from odoo import fields, models

EVENT_TYPES = [
    ("setting", "Setting"),
    ("test", "Connection test"),
    ("refresh", "Refresh"),
    ("sync", "Sync"),
    ("document", "Document"),
    ("webhook", "Webhook"),
    ("alert", "Alert"),
]


class RemoteNetsuiteEvent(models.Model):
    """Events History: who did what and when, what changed from what to what. Never a secret."""

    _name = "remote.netsuite.event"
    _description = "Remote ↔ NetSuite Event"
    _order = "create_date desc, id desc"
    _rec_name = "summary"

    connection_id = fields.Many2one(
        "remote.netsuite.connection", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="connection_id.company_id", store=True, index=True)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    event_type = fields.Selection(EVENT_TYPES, required=True, index=True)
    level = fields.Selection(
        [("info", "Info"), ("warning", "Warning"), ("error", "Error")],
        default="info",
        required=True,
        index=True,
    )
    summary = fields.Char(required=True)
    details = fields.Text()
