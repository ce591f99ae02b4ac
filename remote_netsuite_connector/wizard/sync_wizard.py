"""Manual sync: select the documents, confirm what will be sent, sync, see the outcome."""

from odoo import Command, api, fields, models

from ..const import DONE, PENDING_STATES
from ..models.document import BigInteger
from ..models.event_sync import SELECTIONS
from ..models.sync_job import OUTCOMES
from ..services.currency import format_amount
from ..sync.remote_documents import DOCUMENT_TYPES


class RemoteNetsuiteSyncWizard(models.TransientModel):
    _name = "remote.netsuite.sync.wizard"
    _description = "Sync Remote to NetSuite"

    connection_id = fields.Many2one("remote.netsuite.connection", required=True, readonly=True)
    company_id = fields.Many2one(related="connection_id.company_id", store=True, index=True)
    step = fields.Selection(
        [
            ("select", "Select data"),
            ("confirm", "Confirm"),
            ("running", "Syncing"),
            ("done", "Done"),
        ],
        default="select",
    )
    selection = fields.Selection(SELECTIONS, "Documents", default="both", required=True)
    # this run's own, not the connection's: a wizard never writes the connection (see _sync_manual)
    sync_from = fields.Date("Sync from")
    line_ids = fields.One2many("remote.netsuite.sync.wizard.line", "wizard_id", readonly=True)
    note = fields.Text(readonly=True)
    # the sync it asked for, running in the background
    job_id = fields.Many2one("remote.netsuite.sync.job", readonly=True)
    sync_running = fields.Boolean(compute="_compute_outcome")
    job_step = fields.Char(related="job_id.step", string="Doing now")
    job_progress = fields.Float(related="job_id.progress")
    job_read = fields.Integer(related="job_id.read_count")
    job_booked = fields.Integer(related="job_id.booked_count")
    job_left = fields.Integer(related="job_id.left_count")
    job_message = fields.Char(related="job_id.message", string="Result")
    outcome_ok = fields.Boolean(compute="_compute_outcome")
    outcome = fields.Selection(OUTCOMES, compute="_compute_outcome")

    @api.depends("step", "job_id.state", "job_id.outcome")
    def _compute_outcome(self):
        for wizard in self:
            job = wizard.job_id
            wizard.sync_running = job.state in PENDING_STATES
            if job:
                wizard.outcome = False if wizard.sync_running else job.outcome
                wizard.outcome_ok = job.state == DONE
            else:  # refused: another sync runs
                wizard.outcome = "danger" if wizard.step == "done" else False
                wizard.outcome_ok = False

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Sync Remote to NetSuite"),
        }

    def action_confirm(self):
        """Read Remote and show what the sync would send, per document type and currency."""
        self.ensure_one()
        self.connection_id._check_manager()
        preview = self.connection_id._sync_preview(self.selection, self.sync_from)
        if not preview["ok"]:
            self.write({"note": preview["message"], "line_ids": [Command.clear()]})
            return self._reopen()
        _ = self.env._
        notes = [_("%s document(s) already synced and unchanged.", preview["unchanged"])]
        if preview["unreadable"]:
            notes.append(_("%s document(s) Remote could not give.", preview["unreadable"]))
        if not preview["rows"]:
            notes.insert(0, _("Nothing new to send."))
        self.write(
            {
                "step": "confirm",
                "note": "\n".join(notes),
                "line_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "document_type": row["document_type"]
                            if row["document_type"] in dict(DOCUMENT_TYPES)
                            else "other",
                            "currency_code": row["currency"],
                            "count": row["count"],
                            "total_minor": row["total"],
                        }
                    )
                    for row in preview["rows"]
                ],
            }
        )
        return self._reopen()

    def action_back(self):
        self.step = "select"
        return self._reopen()

    def action_sync(self):
        """Ask for the sync and return at once: it runs in the background and this wizard
        shows its progress."""
        self.ensure_one()
        connection = self.connection_id
        connection._check_manager()
        job = connection._request_sync(
            "manual", selection=self.selection, periods=connection._manual_periods(self.sync_from)
        )
        if isinstance(job, dict):  # another sync runs
            self.write({"step": "done", "note": job["message"]})
        else:
            self.write({"step": "running", "job_id": job.id, "note": False})
        return self._reopen()

    def action_cancel_sync(self):
        self.ensure_one()
        self.connection_id.action_cancel_sync()
        return self._reopen()

    def action_open_documents(self):
        return self.connection_id.action_open_documents()


class RemoteNetsuiteSyncWizardLine(models.TransientModel):
    _name = "remote.netsuite.sync.wizard.line"
    _description = "What a manual sync will send"

    wizard_id = fields.Many2one("remote.netsuite.sync.wizard", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="wizard_id.company_id", store=True, index=True)
    document_type = fields.Selection(DOCUMENT_TYPES, "Type")
    currency_code = fields.Char("Currency")
    count = fields.Integer("Documents")
    total_minor = BigInteger("Total in minor units")
    total_display = fields.Char("Total", compute="_compute_total_display")

    @api.depends("total_minor", "currency_code")
    def _compute_total_display(self):
        for line in self:
            line.total_display = format_amount(line.total_minor, line.currency_code or "")
