"""The dashboard of sync health: one card per connection."""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools import formatLang

from ..const import FAMILIES, SYNCED


class RemoteNetsuiteConnection(models.Model):
    _inherit = "remote.netsuite.connection"

    last_run_date = fields.Datetime("Last run", compute="_compute_last_run")
    last_run_summary = fields.Char("Last run's outcome", compute="_compute_last_run")
    last_run_level = fields.Selection(
        lambda self: self.env["remote.netsuite.event"]._fields["level"].selection,
        compute="_compute_last_run",
    )
    booked_this_month = fields.Text("Booked this month", compute="_compute_booked_this_month")

    def _compute_last_run(self):
        Event = self.env["remote.netsuite.event"]
        for connection in self:
            run = Event.search(
                [
                    ("connection_id", "=", connection._origin.id),
                    ("event_type", "=", "sync"),
                    ("sync_trigger", "!=", False),
                ],
                limit=1,
            )
            connection.last_run_date = run.create_date
            connection.last_run_summary = run.summary
            connection.last_run_level = run.level

    def _month_bounds(self):
        first = self._today().replace(day=1)
        return first, first + relativedelta(months=1)

    def _compute_booked_this_month(self):
        """Synced documents issued this month, per family and currency: one line per family,
        e.g. "Pre-funding: 1,200.00 EUR · 300.00 USD"."""
        first, after = self._month_bounds()
        groups = self.env["remote.netsuite.document"]._read_group(
            [
                ("connection_id", "in", self._origin.ids),
                ("state", "=", SYNCED),
                ("issued_date", ">=", first),
                ("issued_date", "<", after),
            ],
            ["connection_id", "family", "currency_id"],
            ["amount:sum"],
        )
        totals = defaultdict(lambda: defaultdict(list))
        for connection, family, currency, amount in groups:
            # the code, not the symbol: $ is USD, CAD and AUD alike
            amount_text = formatLang(self.env, amount, digits=currency.decimal_places)
            totals[connection][family].append(f"{amount_text} {currency.name}")
        family_names = dict(FAMILIES)
        for connection in self:
            lines = [
                f"{family_names[family]}: {' · '.join(amounts)}"
                for family, amounts in totals[connection._origin].items()
            ]
            connection.booked_this_month = "\n".join(sorted(lines)) or False

    def action_view_failed_events(self):
        """Events History on this connection's errors: what a failed run has to say when it left
        no document to fix (Remote refused the token, NetSuite was down...)."""
        action = self.action_view_events()
        action["domain"] = [*action["domain"], ("level", "=", "error")]
        action["name"] = self.env._("What failed")
        return action

    def action_open_booked_amounts(self):
        """The booked amounts of this connection by month, type and subsidiary (pivot)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "remote_netsuite_connector.document_action_booked"
        )
        action["domain"] = [("connection_id", "=", self.id)]
        return action
