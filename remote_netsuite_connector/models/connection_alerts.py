"""Failure alerts: one activity per responsible user, a daily digest, failing credentials.

After every sync run the connection compares what needs attention (documents failed or needing a
mapping) with what its responsible users were last told: new trouble schedules (or refreshes) ONE
activity per user on the connection, listing the rows to fix; an open activity is rewritten
whenever those rows change (a retry fixed some, others fail for another reason); when nothing
needs attention any more, the open activities are marked done. Credentials that NetSuite or
Remote refuse get a banner on the form and their own activity, until they work again.
"""

from markupsafe import Markup, escape

from odoo import Command, api, fields, models
from odoo.tools import format_datetime

from ..const import ATTENTION_STATES, MANAGER_GROUP
from ..services.netsuite import NetSuiteAuthError

ACTIVITY_TYPE = "remote_netsuite_connector.mail_activity_type_documents_to_fix"
LOGIN_ACTIVITY_TYPE = "remote_netsuite_connector.mail_activity_type_credentials_failing"
NETSUITE, REMOTE = "netsuite", "remote"
LOGIN_SIDES = (NETSUITE, REMOTE)
DIGEST_TEMPLATE = "remote_netsuite_connector.mail_template_alert_digest"
MAX_LISTED = 20  # documents named in one activity; the rest are counted


class RemoteNetsuiteConnection(models.Model):
    _name = "remote.netsuite.connection"
    _inherit = ["remote.netsuite.connection", "mail.activity.mixin"]

    alert_user_ids = fields.Many2many(
        "res.users",
        "remote_netsuite_connection_alert_user_rel",
        "connection_id",
        "user_id",
        string="Responsible users",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        help="Get one activity when documents fail or need a mapping, and the daily digest.",
        tracking=True,
    )
    alert_digest = fields.Boolean(
        "Daily e-mail digest",
        help="E-mail the responsible users once a day while documents need attention.",
        tracking=True,
    )
    alerted_document_ids = fields.Many2many(
        "remote.netsuite.document",
        "remote_netsuite_connection_alerted_document_rel",
        "connection_id",
        "document_id",
        string="Documents already alerted",
        copy=False,
        readonly=True,
    )
    attention_document_ids = fields.Many2many(
        "remote.netsuite.document",
        compute="_compute_attention_document_ids",
        string="Failed or unmapped documents",
    )
    netsuite_login_error = fields.Text(
        "NetSuite login failing", readonly=True, copy=False, groups=MANAGER_GROUP
    )
    netsuite_login_failed_since = fields.Datetime(readonly=True, copy=False, groups=MANAGER_GROUP)
    remote_login_error = fields.Text(
        "Remote token failing", readonly=True, copy=False, groups=MANAGER_GROUP
    )
    remote_login_failed_since = fields.Datetime(readonly=True, copy=False, groups=MANAGER_GROUP)
    login_problems = fields.Text(
        "Credentials failing", compute="_compute_login_problems", groups=MANAGER_GROUP
    )

    @api.depends(
        *(f"{side}_login_{name}" for side in LOGIN_SIDES for name in ("error", "failed_since"))
    )
    def _compute_login_problems(self):
        for connection in self:
            problems = []
            for side, label in connection._login_sides():
                error = connection[f"{side}_login_error"]
                if not error:
                    continue
                # no f-string in the call's arguments: Odoo's term extraction would skip the file
                since = format_datetime(self.env, connection[f"{side}_login_failed_since"])
                problems.append(
                    self.env._(
                        "%(side)s, since %(since)s: %(error)s", side=label, since=since, error=error
                    )
                )
            connection.login_problems = "\n".join(problems)

    def _login_sides(self):
        return [(NETSUITE, self.env._("NetSuite")), (REMOTE, self.env._("Remote"))]

    @api.depends("document_ids.state")
    def _compute_attention_document_ids(self):
        documents = self.env["remote.netsuite.document"].search(
            [("connection_id", "in", self.ids), ("state", "in", ATTENTION_STATES)]
        )
        for connection in self:
            connection.attention_document_ids = documents.filtered(
                lambda document, c=connection: document.connection_id == c
            )

    # --- hooks ------------------------------------------------------------------------------------

    def _alert_after_sync(self, result):
        """The last step after a sync (sync/after_sync.py): what the run tells of the
        credentials, and the activity listing the documents to fix."""
        self._check_netsuite_login(result)
        self._check_remote_login(result)
        self._update_attention_activities()

    def _test_netsuite(self):
        ok, message = super()._test_netsuite()
        if ok:
            self._set_login_error(NETSUITE, False)
        return ok, message

    def _netsuite_auth_failure(self, settings, error):
        message = super()._netsuite_auth_failure(settings, error)
        self._set_login_error(NETSUITE, message)
        return message

    def _test_remote(self):
        ok, message = super()._test_remote()
        if ok:
            self._set_login_error(REMOTE, False)
        return ok, message

    def _remote_auth_failure(self, error):
        message = super()._remote_auth_failure(error)
        self._set_login_error(REMOTE, message)
        return message

    # --- failing credentials ----------------------------------------------------------------

    def _check_netsuite_login(self, result):
        """After a sync: a failed run may be a login NetSuite now refuses (revoked token, changed
        role, expired password policy...); one cheap authenticated call tells."""
        if result.get("ok"):
            if result.get("counts", {}).get("booked"):
                self._set_login_error(NETSUITE, False)
            return
        try:
            with self._netsuite_client(max_attempts=1) as client:
                client.server_time()
        except NetSuiteAuthError as error:
            self._set_login_error(
                NETSUITE,
                self.env._(
                    "NetSuite refuses this connection's credentials (%s). Check the token and "
                    "the integration record in NetSuite, re-enter them here, and test the "
                    "connection.",
                    error,
                ),
            )
        except Exception:  # unreachable, busy, settings missing: not a login problem
            return
        else:
            self._set_login_error(NETSUITE, False)

    def _check_remote_login(self, result):
        """After a sync: a run that read Remote proves the token; one Remote refused says why."""
        if result.get("remote_refused"):
            self._set_login_error(REMOTE, result["remote_refused"])
        elif result.get("ok"):
            self._set_login_error(REMOTE, False)

    def _set_login_error(self, side, message):
        """Record that ``side`` ("netsuite" or "remote") refuses the credentials (``message``)
        or accepts them again (False): the form's banner, Events History and an activity for
        the responsible users."""
        self.ensure_one()
        connection = self.sudo()
        error, since = f"{side}_login_error", f"{side}_login_failed_since"
        if (connection[error] or False) == (message or False):
            return
        label = dict(self._login_sides())[side]
        values = {error: message or False}
        started = message and not connection[error]
        if started:
            values[since] = fields.Datetime.now()
            self._log_event("alert", self.env._("%s credentials are failing", label),
                            level="error", details=message)  # fmt: skip
        elif not message:
            values[since] = False
            self._log_event("alert", self.env._("%s credentials work again", label))
        connection.write(values)
        problems = connection.login_problems
        connection._set_activities(
            LOGIN_ACTIVITY_TYPE,
            problems and self.env._("Credentials failing on %s", connection.name),
            problems and Markup("<p>%s</p>") % problems,
            schedule=bool(started),
            feedback=self.env._("The credentials work again."),
        )

    # --- activities -------------------------------------------------------------------------------

    def _update_attention_activities(self):
        for connection in self.sudo():
            documents = connection.attention_document_ids
            news = documents - connection.alerted_document_ids
            summary = documents and connection._attention_summary(documents)
            connection._set_activities(
                ACTIVITY_TYPE,
                summary,
                documents and connection._attention_note(documents),
                schedule=bool(news),
                feedback=self.env._("Every document is synced or skipped now."),
            )
            connection.alerted_document_ids = [Command.set(documents.ids)]
            if not news:
                continue
            connection._log_event(
                "alert",
                summary,
                level="warning",
                details=self.env._(
                    "Activity for %s", ", ".join(connection.alert_user_ids.mapped("name"))
                )
                if connection.alert_user_ids
                else self.env._("No responsible user set on the connection: nobody was told."),
            )

    def _set_activities(self, activity_xmlid, summary, note, *, schedule, feedback):
        """The open activities of that type say ``summary`` and ``note``, always up to date;
        ``schedule``: one is scheduled for each responsible user who has none open. No
        ``summary``: they are marked done with ``feedback``."""
        activity_type = self.env.ref(activity_xmlid, raise_if_not_found=False)
        open_activities = self.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        )
        if not summary:
            if open_activities:
                open_activities.action_feedback(feedback=feedback)
            return
        for user in self.alert_user_ids:
            activity = open_activities.filtered(lambda a, u=user: a.user_id == u)[:1]
            if activity:
                if (activity.summary, activity.note) != (summary, note):
                    activity.write({"summary": summary, "note": note})
            elif schedule:
                self.activity_schedule(activity_xmlid, summary=summary, note=note, user_id=user.id)

    def _attention_summary(self, documents):
        return self.env._(
            "%(count)s Remote document(s) to fix on %(connection)s",
            count=len(documents),
            connection=self.name,
        )

    def _attention_note(self, documents):
        state_labels = dict(documents._fields["state"]._description_selection(self.env))
        items = Markup("").join(
            Markup('<li><a href="/odoo/remote.netsuite.document/%s">%s</a> — %s: %s</li>')
            % (
                document.id,
                document.display_name,
                state_labels[document.state],
                (document.message or "")[:300],
            )
            for document in documents[:MAX_LISTED]
        )
        more = ""
        if len(documents) > MAX_LISTED:
            more = Markup("<p>%s</p>") % self.env._(
                "and %s more: open Documents to fix on the connection.",
                len(documents) - MAX_LISTED,
            )
        return Markup("<p>%s</p><ul>%s</ul>%s") % (
            escape(self.env._("Fix the mapping or the cause, then Retry:")),
            items,
            more,
        )

    def action_open_attention_documents(self):
        self.ensure_one()
        action = self.action_open_documents()
        action["domain"] = [("connection_id", "=", self.id), ("state", "in", ATTENTION_STATES)]
        action["name"] = self.env._("Documents to fix")
        return action

    # --- digest -----------------------------------------------------------------------------------

    @api.model
    def _cron_send_alert_digest(self):
        """Scheduled action (daily): one e-mail per connection with the digest on and something
        to report."""
        template = self.env.ref(DIGEST_TEMPLATE)
        for connection in self.sudo().search([("alert_digest", "=", True)]):
            partners = connection.alert_user_ids.partner_id.filtered("email")
            if not partners or not (connection.attention_document_ids or connection.login_problems):
                continue
            template.send_mail(
                connection.id, email_values={"recipient_ids": [Command.set(partners.ids)]}
            )
            connection._log_event(
                "alert",
                self.env._("Daily digest e-mailed to %s", ", ".join(partners.mapped("name"))),
            )
