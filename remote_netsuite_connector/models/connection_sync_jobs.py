"""Syncs in the background: *Sync* and *Retry all failed* record the run they ask for and return
at once; the connection's own scheduled action runs it under the connection's sync lock.

One scheduled action per connection, so Odoo's cron workers (``max_cron_threads``) sync as many
connections at once. A run killed by a worker limit or a restart stays recorded, and the next
pass of that scheduled action runs it again: its documents are upserts keyed by externalId, and
those already booked are unchanged, so it never books twice.
"""

import logging

from odoo import api, fields, models, tools
from odoo.modules import module as odoo_module

from ..const import (
    CANCELLED,
    DONE,
    FAILED,
    JOB_FAILED,
    NEEDS_MAPPING,
    PENDING_STATES,
    QUEUED,
    RUNNING,
)

_logger = logging.getLogger(__name__)

# A run that stopped this many times in a row without saving any new work (a bug, or a document
# that kills the worker each time) is given up instead of being run again forever. A run that
# saved some work before a worker limit killed it is resumed however many times that takes.
MAX_STALLED_RUNS = 3
# A run in the background saves its work this many times within Odoo's time limit of a cron
# job, so a worker killed at the limit loses a fraction of it, and the next run goes on from there.
SAVES_PER_CRON_TIME_LIMIT = 3
# Seconds a prefork cron worker may sleep between passes (odoo.service.server.WorkerCron: 60 s
# plus up to 9 s of jitter, plus a fraction): its watchdog counts them against the time limit.
CRON_WORKER_SLEEP = 70
# Seconds between two saves at least: a save costs a commit and a progress write.
MIN_SAVE_INTERVAL = 2
# When the connection's lock is still held (a run of an older worker saving its last batch).
LOCK_RETRY_MINUTES = 1
# Syncs a person asks for by default; the scheduled action and webhooks run as nobody.
USER_TRIGGERS = ("manual", "retry")
# Syncs of the documents the job lists rather than of months.
DOCUMENT_TRIGGERS = ("retry", "webhook")


class RemoteNetsuiteConnection(models.Model):
    _inherit = "remote.netsuite.connection"

    sync_job_ids = fields.One2many("remote.netsuite.sync.job", "connection_id")
    sync_job_id = fields.Many2one(
        "remote.netsuite.sync.job", "Current sync", compute="_compute_sync_job"
    )
    sync_running = fields.Boolean("Sync running", compute="_compute_sync_job")
    sync_job_step = fields.Char("Doing now", compute="_compute_sync_job")
    sync_job_progress = fields.Float("Progress", compute="_compute_sync_job")
    sync_job_read = fields.Integer("Read", compute="_compute_sync_job")
    sync_job_booked = fields.Integer("Booked", compute="_compute_sync_job")
    sync_job_left = fields.Integer("Left", compute="_compute_sync_job")
    sync_job_user_id = fields.Many2one("res.users", "Asked for by", compute="_compute_sync_job")
    # on the connection, not on the job the run updates per batch: a cancel never collides with
    # the run's progress
    sync_cancel_user_id = fields.Many2one("res.users", "Cancel asked by", readonly=True, copy=False)
    sync_cron_id = fields.Many2one("ir.cron", "Sync job", readonly=True, copy=False)

    @api.depends(
        "sync_job_ids.state",
        "sync_job_ids.step",
        "sync_job_ids.read_count",
        "sync_job_ids.booked_count",
        "sync_job_ids.left_count",
    )
    def _compute_sync_job(self):
        jobs = self.env["remote.netsuite.sync.job"].sudo()
        for connection in self:
            job = jobs.search([("connection_id", "=", connection.id)], limit=1)
            connection.update(
                {
                    "sync_job_id": job,
                    "sync_running": job.state in PENDING_STATES,
                    "sync_job_step": job.step,
                    "sync_job_progress": job.progress,
                    "sync_job_read": job.read_count,
                    "sync_job_booked": job.booked_count,
                    "sync_job_left": job.left_count,
                    "sync_job_user_id": job.user_id,
                }
            )

    def _pending_sync_job(self):
        self.ensure_one()
        return (
            self.env["remote.netsuite.sync.job"]
            .sudo()
            .search([("connection_id", "=", self.id), ("state", "in", PENDING_STATES)], limit=1)
        )

    def _sync_cron(self):
        """This connection's scheduled action, made the first time it is needed."""
        self.ensure_one()
        connection = self.sudo()
        if not connection.sync_cron_id:
            connection.sync_cron_id = (
                self.env["ir.cron"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Remote ↔ NetSuite: sync of %s", connection.name),
                        "model_id": self.env["ir.model"]._get_id(self._name),
                        "state": "code",
                        "code": f"model._cron_run_sync_job({connection.id})",
                        "user_id": self.env.ref("base.user_root").id,
                        # the safety net: a run a restart killed is resumed within the hour
                        "interval_number": 1,
                        "interval_type": "hours",
                    }
                )
            )
        return connection.sync_cron_id

    def unlink(self):
        crons = self.sudo().sync_cron_id
        result = super().unlink()
        crons.unlink()  # they would run a connection that is no more
        return result

    # --- asking for a sync ----------------------------------------------------------------------

    def _request_sync(self, trigger, *, selection=None, periods=None, documents=None, user=None):
        """Record a sync to run in the background and wake this connection's scheduled action.

        ``user`` asked for it: the run is theirs in Events History and they get its outcome as a
        notification (by default the current user for a manual sync or a retry; nobody for the
        scheduled action and webhooks).

        Returns the job, or the "already running" result of :meth:`_sync` when a sync of this
        connection is asked for or running (and then writes nothing but that event).
        """
        self.ensure_one()
        if user is None and trigger in USER_TRIGGERS:
            user = self.env.user
        selection = selection or self.sync_selection
        if self._pending_sync_job() or not self._try_sync_lock():
            return self._already_running(trigger, selection)
        connection = self.sudo()
        connection.sync_job_ids.filtered(lambda job: job.state not in PENDING_STATES).unlink()
        if connection.sync_cancel_user_id:  # a cancel that came after its run ended
            connection.sync_cancel_user_id = False
        job = (
            self.env["remote.netsuite.sync.job"]
            .sudo()
            .create(
                {
                    "connection_id": self.id,
                    "trigger": trigger,
                    "selection": selection,
                    "periods": ",".join(periods or ()),
                    "document_ids": [fields.Command.set(documents.ids if documents else [])],
                    "user_id": user.id if user else False,
                }
            )
        )
        connection._sync_cron()._trigger()
        return job

    def action_cancel_sync(self):
        """Stop the running sync at its next batch boundary: what is booked stays booked."""
        self.ensure_one()
        self._check_manager()
        job = self._pending_sync_job()
        if not job:
            return False
        if job.state == QUEUED:  # not started: nothing to stop at a batch boundary
            job.write({"state": CANCELLED, "outcome": "warning"})
            self._log_event(
                "sync",
                self.env._("Sync cancelled by %s before it started", self.env.user.name),
                level="warning",
                sync_trigger=job.trigger,
                sync_selection=job.selection,
            )
            return False
        self.sudo().sync_cancel_user_id = self.env.user
        return False

    # --- running it -----------------------------------------------------------------------------

    @api.model
    def _cron_run_sync_job(self, connection_id):
        """A connection's scheduled action: run its requested sync, in its company, as the user
        who asked for it (Events History says who)."""
        connection = self.sudo().browse(connection_id).exists()
        job = connection and connection._pending_sync_job()
        if not job:
            return
        company = connection.company_id
        if job.user_id:
            connection = connection.with_user(job.user_id)
        connection = connection.with_context(allowed_company_ids=company.ids)
        connection._run_sync_job(job.with_env(connection.env))

    def _run_sync_job(self, job):
        self.ensure_one()
        if job.read_count and job.state == RUNNING:
            _logger.info("Resuming the sync of connection %s (job %s)", self.id, job.id)
        settled, stalled = job.sudo()._dealt_with_count(), job.sudo().stalled_runs
        if job.sudo().attempts:  # the run before stopped before it ended
            stalled = 0 if settled > job.sudo().settled_count else stalled + 1
        if stalled >= MAX_STALLED_RUNS:
            message = self.env._(
                "The sync stopped %s times before it ended and was given up: see the server "
                "log, then sync again.",
                stalled,
            )
            self._log_event("sync", message, level="error", sync_trigger=job.trigger)
            return self._end_sync_job(job, {"ok": False, "message": message})
        if not self._try_sync_lock():
            return self._sync_cron()._trigger(
                fields.Datetime.add(fields.Datetime.now(), minutes=LOCK_RETRY_MINUTES)
            )
        job.sudo().write(
            {
                "state": RUNNING,
                "attempts": job.sudo().attempts + 1,
                "stalled_runs": stalled,
                "settled_count": settled,
            }
        )
        if not self._commit_sync_progress():  # another run took the lock in between
            return self._sync_cron()._trigger(
                fields.Datetime.add(fields.Datetime.now(), minutes=LOCK_RETRY_MINUTES)
            )
        documents = job.document_ids if job.trigger in DOCUMENT_TRIGGERS else None
        if job.trigger == "webhook":
            self._complete_from_listing(documents.filtered(lambda document: not document.bill_from))
        result = self._sync(
            job.trigger,
            periods=job._period_list() or None,
            documents=documents,
            selection=job.selection,
            job=job,
        )
        if job.trigger == "manual":
            self._note_manual_sync(result)
        return self._end_sync_job(job, result)

    @api.model
    def _sync_save_interval(self):
        """Seconds between two saves of a run in the background: a fraction of what Odoo's real
        time limit of a cron job (``limit_time_real_cron``, by default ``limit_time_real``)
        leaves it. In multi-worker mode the watchdog of a cron worker also counts the sleep
        before the job (up to CRON_WORKER_SLEEP), unless a trigger woke it. None without a limit."""
        limit = tools.config["limit_time_real_cron"]
        if limit is not None and limit < 0:
            limit = tools.config["limit_time_real"]
        if not limit or limit <= 0:
            return None
        if tools.config["workers"] and limit > CRON_WORKER_SLEEP:
            left = limit - CRON_WORKER_SLEEP
            return max(MIN_SAVE_INTERVAL, left / SAVES_PER_CRON_TIME_LIMIT)
        return limit / SAVES_PER_CRON_TIME_LIMIT

    def _end_sync_job(self, job, result):
        """Record the outcome on the job and tell whoever asked for it."""
        kind = self._sync_outcome([result])
        state = DONE if result["ok"] else JOB_FAILED
        if result.get("cancelled"):
            state, kind = CANCELLED, "warning"
        job.sudo().write(
            {
                "state": state,
                "outcome": kind,
                "message": result["message"],
                "step": False,
                "employments": False,  # only a resumed run needs them
            }
        )
        self._end_webhook_deliveries(job, result)
        if job.user_id:
            job.user_id.partner_id._bus_send(
                "simple_notification",
                {
                    "title": self.env._("Sync of %s", self.name),
                    "message": result["message"],
                    "type": kind,
                    "sticky": kind != "success",
                },
            )
        self.env["ir.cron"].sudo()._notify_progress(done=job.sudo().booked_count, remaining=0)
        return result

    def _commit_sync_progress(self):
        """Commit what the run did so far, then take the lock again (the commit dropped it).
        Tests own their transaction: nothing is committed there. Returns False when another
        run took the lock meanwhile."""
        if tools.config["test_enable"] or odoo_module.current_test:
            return True
        self.env.cr.commit()  # pylint: disable=invalid-commit
        return self._try_sync_lock()

    # --- buttons ------------------------------------------------------------------------------

    def action_retry_failed(self):
        """Retry every failed or unmapped document, e.g. after fixing a mapping."""
        self.ensure_one()
        self._check_manager()
        failed = self.document_ids.filtered(lambda d: d.state in (FAILED, NEEDS_MAPPING))
        return self._retry_in_background(failed)

    def _retry_in_background(self, documents):
        """Ask each connection of ``documents`` to retry its own; the notification says so."""
        if not documents:
            return self._notification(self.env._("Sync"), self.env._("Nothing to retry."), "info")
        refused, started = [], 0
        for connection in self:
            mine = documents.filtered(lambda d, c=connection: d.connection_id == c)
            if not mine:
                continue
            job = connection._request_sync("retry", documents=mine)
            if isinstance(job, dict):  # a sync of that connection runs
                refused.append(job)
            else:
                started += len(mine)
        if refused:
            return self._sync_notification(refused)
        return self._notification(
            self.env._("Sync"),
            self.env._(
                "Retrying %s document(s) in the background: the outcome arrives as a "
                "notification and in Events History.",
                started,
            ),
            "info",
        )
