"""A sync somebody asked for, recorded until it finishes: it runs in the background, in its
connection's own scheduled action, and shows its progress while it does."""

from odoo import api, fields, models

from ..const import CANCELLED, DONE, JOB_FAILED, PENDING_STATES, QUEUED, RUNNING
from .event_sync import SELECTIONS, TRIGGERS

OUTCOMES = [("success", "Synced"), ("warning", "Some documents to fix"), ("danger", "Failed")]


class RemoteNetsuiteSyncJob(models.Model):
    _name = "remote.netsuite.sync.job"
    _description = "Remote ↔ NetSuite sync in the background"
    _order = "id desc"

    connection_id = fields.Many2one(
        "remote.netsuite.connection", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="connection_id.company_id", store=True, index=True)
    trigger = fields.Selection(TRIGGERS, "Started by", required=True, readonly=True)
    selection = fields.Selection(SELECTIONS, "Documents", required=True, readonly=True)
    periods = fields.Char("Months", readonly=True, help="The months to read, comma-separated.")
    document_ids = fields.Many2many("remote.netsuite.document", string="Documents to retry")
    user_id = fields.Many2one("res.users", "Requested by", readonly=True)
    state = fields.Selection(
        [
            (QUEUED, "Waiting to start"),
            (RUNNING, "Running"),
            (DONE, "Done"),
            (CANCELLED, "Cancelled"),
            (JOB_FAILED, "Failed"),
        ],
        default=QUEUED,
        required=True,
        readonly=True,
    )
    step = fields.Char("Doing now", readonly=True)
    total_count = fields.Integer("Documents listed", readonly=True)
    read_count = fields.Integer("Read", readonly=True)
    booked_count = fields.Integer("Booked", readonly=True)
    left_count = fields.Integer("Left", readonly=True)
    progress = fields.Float("Progress", compute="_compute_progress")
    attempts = fields.Integer(readonly=True, help="Runs started for it; a run killed is resumed.")
    stalled_runs = fields.Integer(readonly=True, help="Runs in a row that stopped saving nothing.")
    settled_count = fields.Integer(
        readonly=True, help="Documents dealt with when the last run started."
    )
    counts = fields.Json(
        readonly=True,
        help="Documents dealt with so far, by outcome: a resumed run goes on from them.",
    )
    employments = fields.Json(
        "Employments read",
        readonly=True,
        help="The employments its runs read from Remote, kept while it runs: a resumed run "
        "does not read them again.",
    )
    message = fields.Char("Result", readonly=True)
    outcome = fields.Selection(OUTCOMES, readonly=True)

    @api.depends("state", "total_count", "left_count")
    def _compute_progress(self):
        for job in self:
            if job.state not in PENDING_STATES:
                job.progress = 100.0
            elif job.total_count:
                job.progress = 100.0 * (job.total_count - job.left_count) / job.total_count
            else:
                job.progress = 0.0

    def _dealt_with_count(self):
        """Documents the runs of this job dealt with and saved: how a run killed before it
        ended tells whether it saved some work."""
        self.ensure_one()
        return (
            self.env["remote.netsuite.document"]
            .sudo()
            .search_count([("sync_job_id", "=", self.id)])
        )

    def _period_list(self):
        return [period for period in (self.periods or "").split(",") if period]
