from odoo import fields, models

TRIGGERS = [
    ("manual", "Manual sync"),
    ("cron", "Scheduled action"),
    ("retry", "Retry"),
    ("webhook", "Remote webhook"),
]
SELECTIONS = [
    ("both", "Pre-funding and reconciliation"),
    ("prefunding", "Pre-funding"),
    ("reconciliation", "Reconciliation"),
]


class RemoteNetsuiteEvent(models.Model):
    """Sync runs and documents in the Events History."""

    _inherit = "remote.netsuite.event"

    document_id = fields.Many2one(
        "remote.netsuite.document", string="Synced Invoice", index=True, ondelete="set null"
    )
    sync_trigger = fields.Selection(TRIGGERS, string="Started by")
    sync_selection = fields.Selection(SELECTIONS, string="Documents")
    sync_booked = fields.Integer("Booked")
    sync_unchanged = fields.Integer("Unchanged")
    sync_needs_mapping = fields.Integer("Needs mapping")
    sync_failed = fields.Integer("Failed")
    sync_skipped = fields.Integer("Skipped")
    sync_duration = fields.Float("Duration (s)", digits=(16, 1))
