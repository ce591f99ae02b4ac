"""Sync settings and entry points of a connection: manual sync, automatic sync, retries.

The run itself is :class:`..sync.run.SyncRun`, followed by :func:`..sync.after_sync.after_sync`;
this file decides *what* to sync and makes sure two syncs of one connection never overlap.
"""

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..const import ATTENTION_STATES
from ..sync.after_sync import after_sync
from ..sync.preview import sync_preview
from ..sync.run import SyncRun
from .event_sync import SELECTIONS

# First key of the two-int advisory lock; the second is the connection id.
SYNC_LOCK_NAMESPACE = 0x524E5331


def month_periods(first: date, last: date):
    """ "YYYY-MM" of every month from ``first`` to ``last``, both included."""
    month = first.replace(day=1)
    periods = []
    while month <= last:
        periods.append(f"{month.year:04d}-{month.month:02d}")
        month += relativedelta(months=1)
    return periods


class RemoteNetsuiteConnection(models.Model):
    _inherit = "remote.netsuite.connection"

    sync_from = fields.Date(
        "Sync from",
        default=lambda self: self._today().replace(day=1) - relativedelta(months=1),
        help="Documents of this month and later are synced: the manual sync reads every month "
        "from here up to now.",
        tracking=True,
    )
    sync_selection = fields.Selection(
        SELECTIONS, "Documents to sync", default="both", required=True, tracking=True
    )
    catch_up_months = fields.Integer(
        "Catch-up window (months)",
        default=1,
        help="How many past months each automatic sync reads again, besides the current one, "
        "so late or re-issued documents are not missed.",
        tracking=True,
    )
    auto_sync = fields.Boolean(
        "Automatic sync",
        copy=False,
        help="Sync on the schedule of the scheduled action. Needs one successful manual sync.",
        tracking=True,
    )
    first_manual_sync_date = fields.Datetime("First manual sync", readonly=True, copy=False)
    last_sync_date = fields.Datetime("Last sync", readonly=True, copy=False)
    last_sync_message = fields.Char("Last sync result", readonly=True, copy=False)
    document_ids = fields.One2many("remote.netsuite.document", "connection_id")
    document_count = fields.Integer(compute="_compute_document_count")
    attention_count = fields.Integer(
        "Number of documents to fix", compute="_compute_document_count"
    )

    @api.constrains("auto_sync", "first_manual_sync_date")
    def _check_auto_sync(self):
        for connection in self:
            if connection.auto_sync and not connection.first_manual_sync_date:
                raise ValidationError(
                    self.env._(
                        "Run one manual sync of %s first: automatic sync can be switched on "
                        "once a manual sync has succeeded.",
                        connection.name,
                    )
                )

    @api.constrains("catch_up_months")
    def _check_catch_up_months(self):
        if any(not 0 <= connection.catch_up_months <= 24 for connection in self):
            raise ValidationError(self.env._("The catch-up window is 0 to 24 months."))

    def _compute_document_count(self):
        Document = self.env["remote.netsuite.document"]
        groups = Document._read_group(
            [("connection_id", "in", self.ids)], ["connection_id", "state"], ["__count"]
        )
        total, attention = {}, {}
        for connection, state, count in groups:
            total[connection] = total.get(connection, 0) + count
            if state in ATTENTION_STATES:
                attention[connection] = attention.get(connection, 0) + count
        for connection in self:
            connection.document_count = total.get(connection, 0)
            connection.attention_count = attention.get(connection, 0)

    # --- periods --------------------------------------------------------------------------------

    def _today(self):
        """The day every Remote period the addon reads is counted from (tests fix it)."""
        return fields.Date.context_today(self)

    def _manual_periods(self, sync_from=None):
        today = self._today()
        return month_periods(sync_from or self.sync_from or today, today)

    def _catch_up_periods(self):
        today = self._today()
        first = today.replace(day=1) - relativedelta(months=max(0, self.catch_up_months))
        if self.sync_from and self.sync_from > first:
            first = self.sync_from
        return month_periods(first, today)

    # --- lock ---------------------------------------------------------------------------------

    def _try_sync_lock(self):
        """Take this connection's sync lock until the end of the current transaction.

        A run that commits its progress takes it again after each commit (see SyncRun), so a
        crashed run never leaves it held: PostgreSQL drops it with the transaction.
        """
        self.ensure_one()
        self.env.cr.execute(
            "SELECT pg_try_advisory_xact_lock(%s, %s)", (SYNC_LOCK_NAMESPACE, self.id)
        )
        return self.env.cr.fetchone()[0]

    # --- entry points ---------------------------------------------------------------------------

    def _sync(self, trigger, *, periods=None, documents=None, selection=None, job=None):
        """Run one sync and return its result (a dict, see SyncRun.result); never raises for a
        Remote or NetSuite problem: those end the run as failed and are recorded. ``job``, the
        remote.netsuite.sync.job of a run in the background, gets its progress."""
        self.ensure_one()
        selection = selection or self.sync_selection
        if not self._try_sync_lock():
            return self._already_running(trigger, selection)
        run = SyncRun(self, trigger=trigger, selection=selection, job=job)
        run.execute(periods=periods, documents=documents)
        result = run.result()
        after_sync(self, result)
        return result

    def _already_running(self, trigger, selection):
        """The answer to a sync asked for while one runs; only an event is written."""
        message = self.env._("A sync of %s is already running: try again later.", self.name)
        self._log_event(
            "sync", message, level="warning", sync_trigger=trigger, sync_selection=selection
        )
        return {"ok": False, "already_running": True, "message": message}

    def _sync_manual(self, selection, sync_from=None):
        """The sync a user starts from the wizard: every month since ``sync_from`` (the
        connection's by default).

        The choices belong to this run and are never written to the connection: a sync refused
        because another one runs must write nothing to the row the running one updates, or that
        one dies at its next commit with a serialization failure.
        """
        self.ensure_one()
        periods = self._manual_periods(sync_from)
        return self._note_manual_sync(self._sync("manual", periods=periods, selection=selection))

    def _note_manual_sync(self, result):
        """The first manual sync that succeeds allows automatic sync."""
        if result["ok"] and not self.first_manual_sync_date:
            self.sudo().first_manual_sync_date = fields.Datetime.now()
        return result

    def _sync_preview(self, selection, sync_from=None):
        """What a manual sync would send now, without sending anything (see sync/preview.py)."""
        self.ensure_one()
        return sync_preview(self, selection, self._manual_periods(sync_from))

    @api.model
    def _cron_sync(self):
        """Scheduled action: ask for the automatic sync of every connection with automatic sync
        on. Each runs in its connection's own scheduled action (see connection_sync_jobs), so a
        failing connection never stops the others and cron workers sync several at once. A
        connection whose sync is still asked for or running gets its scheduled action woken
        instead, which resumes a run a restart killed."""
        for connection in self.sudo().search([("auto_sync", "=", True)]):
            if connection._pending_sync_job():
                connection._sync_cron()._trigger()
                continue
            in_company = connection.with_context(allowed_company_ids=connection.company_id.ids)
            in_company._request_sync("cron", periods=in_company._catch_up_periods())

    # --- buttons ------------------------------------------------------------------------------

    def action_open_sync_wizard(self):
        self.ensure_one()
        self._check_manager()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sync Remote to NetSuite"),
            "res_model": "remote.netsuite.sync.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_connection_id": self.id,
                "default_selection": self.sync_selection,
                "default_sync_from": self.sync_from,
            },
        }

    def action_open_documents(self):
        self.ensure_one()
        action = self.env["remote.netsuite.document"]._list_action(
            [("connection_id", "=", self.id)]
        )
        action["context"]["remote_netsuite_pdf"] = self.attach_pdf
        return action

    def _sync_notification(self, results):
        messages = [result["message"] for result in results if result.get("message")]
        kind = self._sync_outcome(results)
        return self._notification(
            self.env._("Sync"),
            "\n".join(messages) or self.env._("Nothing to retry."),
            kind,
            sticky=kind != "success",
        )

    @staticmethod
    def _sync_outcome(results):
        """How sync ``results`` are announced: "danger" when a run failed, "warning" when
        documents failed, need a mapping or were refused (kept as booked), or a run did not start
        (another one runs), else "success"."""
        if any(not result["ok"] and not result.get("already_running") for result in results):
            return "danger"
        if any(
            result.get("already_running")
            or result.get("counts", {}).get("failed")
            or result.get("counts", {}).get("needs_mapping")
            or result.get("counts", {}).get("kept")
            for result in results
        ):
            return "warning"
        return "success"
