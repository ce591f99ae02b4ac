from odoo import api, fields, models

EVENT_TYPES = [
    ("setting", "Setting"),
    ("test", "Connection test"),
    ("refresh", "Refresh"),
    ("sync", "Sync"),
    ("document", "Document"),
    ("webhook", "Webhook"),
    ("alert", "Alert"),
]
# Webhook entries (refused deliveries counted per hour, ignored or queued ones) are kept this
# long. Sync runs, tests and setting changes are the audit trail of the books: they are kept.
WEBHOOK_EVENT_RETENTION_DAYS = 90


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
    refused_count = fields.Integer(
        "Refused deliveries", readonly=True, help="Webhook deliveries refused in this hour"
    )

    @api.autovacuum
    def _gc_old_webhook_events(self):
        limit = fields.Datetime.subtract(fields.Datetime.now(), days=WEBHOOK_EVENT_RETENTION_DAYS)
        self.sudo().search([("event_type", "=", "webhook"), ("create_date", "<", limit)]).unlink()
