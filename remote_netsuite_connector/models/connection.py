from datetime import datetime, time

import pytz
import requests
from lxml import etree
from zeep import exceptions as zeep_exceptions

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.models.res_partner import _tz_get

from ..const import (
    DEFAULT_REMOTE_API_URL,
    DEFAULT_WSDL_VERSION,
    MANAGER_GROUP,
    NETSUITE_DEFAULT_TIMEZONE,
    NETSUITE_TRANSPORTS,
    REST,
    SECRET_DESTINATIONS,
)
from ..services.netsuite import NetSuiteClient, NetSuiteSettings, NetSuiteTransportError
from ..services.remote import RemoteClient
from ..tools.netsuite_key import normalize_pem, private_key_problem
from ..tools.service_text import translated
from .secret_mixin import SECRET_GROUP

WSDL_LOAD_ERRORS = (requests.RequestException, zeep_exceptions.Error, etree.XMLSyntaxError, OSError)


class RemoteNetsuiteConnection(models.Model):
    _name = "remote.netsuite.connection"
    _description = "Remote ↔ NetSuite Connection"
    _inherit = ["mail.thread", "remote.netsuite.secret.mixin"]

    _secret_fields = {
        "remote_token": "Remote API token",
        "netsuite_consumer_secret": "Consumer secret",
        "netsuite_token_secret": "Token secret",
        "netsuite_private_key": "Certificate private key",
    }
    # Settings whose changes are written to the Events History and tracked in the chatter
    # (secrets are handled apart). Every setting a user edits on the connection is listed here.
    _audited_settings = (
        "name",
        "active",
        "remote_api_url",
        "netsuite_account_id",
        "netsuite_transport",
        "netsuite_client_id",
        "netsuite_certificate_id",
        "netsuite_consumer_key",
        "netsuite_token_id",
        "netsuite_wsdl_version",
        "netsuite_wsdl_url",
        "netsuite_endpoint_url",
        "netsuite_rest_url",
        "netsuite_restlet_url",
        "netsuite_timezone",
        "entity_mode",
        "single_subsidiary_id",
        "breakdown",
        "auto_sync",
        "sync_selection",
        "sync_from",
        "catch_up_months",
        "netsuite_concurrency",
        "remote_concurrency",
        "netsuite_batch_size",
        "alert_user_ids",
        "alert_digest",
        "book_in_open_period",
        "attach_pdf",
        "netsuite_pdf_folder_id",
    )

    name = fields.Char(required=True, default="Remote ↔ NetSuite", tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True, tracking=True)

    # Remote
    remote_api_url = fields.Char(
        "Remote API URL",
        required=True,
        default=DEFAULT_REMOTE_API_URL,
        groups=MANAGER_GROUP,
        help="https://gateway.remote.com for production, https://gateway.remote-sandbox.com for "
        "the sandbox. Changing it clears the Remote API token unless you enter it again in the "
        "same save.",
        tracking=True,
    )
    remote_token = fields.Char(
        "Remote API token",
        compute="_compute_secret_placeholder",
        inverse="_inverse_remote_token",
        groups=MANAGER_GROUP,
        help="Generated in Remote under Company Settings > Integrations & APIs > Remote API.",
    )
    remote_token_set = fields.Boolean(compute="_compute_secret_set", groups=MANAGER_GROUP)
    remote_token_cipher = fields.Char(groups=SECRET_GROUP, copy=False, prefetch=False)
    remote_company_id = fields.Char(
        "Remote company id", readonly=True, copy=False, help="Learned from the token's identity."
    )
    remote_company_name = fields.Char(readonly=True, copy=False)

    # NetSuite
    netsuite_account_id = fields.Char(
        "NetSuite account id",
        groups=MANAGER_GROUP,
        help="As shown in Setup > Company > Company Information, e.g. 1234567 or 1234567_SB1. "
        "Changing it, or an override below, clears the consumer and token secrets unless you "
        "enter them again in the same save.",
        tracking=True,
    )
    netsuite_transport = fields.Selection(
        NETSUITE_TRANSPORTS,
        "NetSuite connection",
        required=True,
        default=REST,
        groups=MANAGER_GROUP,
        help="REST + OAuth 2.0: SuiteTalk REST Web Services with OAuth 2.0 client credentials "
        "(machine to machine), for every new integration. SOAP + TBA: SuiteTalk SOAP with "
        "token-based authentication, for an existing TBA integration record; NetSuite creates "
        "no new TBA integrations from 2027.1 and switches SOAP off in 2028.2.",
        tracking=True,
    )
    # REST + OAuth 2.0 client credentials (M2M)
    netsuite_client_id = fields.Char(
        "Client id",
        groups=MANAGER_GROUP,
        help="The client id NetSuite showed once when the integration record was saved.",
        tracking=True,
    )
    netsuite_certificate_id = fields.Char(
        "Certificate id",
        groups=MANAGER_GROUP,
        help="Setup > Integration > Manage Authentication > OAuth 2.0 Client Credentials (M2M) "
        "Setup: the Certificate ID of the mapping of the certificate to the integration.",
        tracking=True,
    )
    netsuite_private_key = fields.Char(
        "Certificate private key",
        compute="_compute_secret_placeholder",
        inverse="_inverse_netsuite_private_key",
        groups=MANAGER_GROUP,
        help="The PEM private key (-----BEGIN PRIVATE KEY-----) of the certificate uploaded to "
        "the M2M mapping.",
    )
    netsuite_private_key_set = fields.Boolean(compute="_compute_secret_set", groups=MANAGER_GROUP)
    netsuite_private_key_cipher = fields.Char(groups=SECRET_GROUP, copy=False, prefetch=False)
    # SOAP + token-based authentication (TBA)
    netsuite_consumer_key = fields.Char("Consumer key", groups=MANAGER_GROUP, tracking=True)
    netsuite_consumer_secret = fields.Char(
        "Consumer secret",
        compute="_compute_secret_placeholder",
        inverse="_inverse_netsuite_consumer_secret",
        groups=MANAGER_GROUP,
    )
    netsuite_consumer_secret_set = fields.Boolean(
        compute="_compute_secret_set", groups=MANAGER_GROUP
    )
    netsuite_consumer_secret_cipher = fields.Char(groups=SECRET_GROUP, copy=False, prefetch=False)
    netsuite_token_id = fields.Char("Token id", groups=MANAGER_GROUP, tracking=True)
    netsuite_token_secret = fields.Char(
        "Token secret",
        compute="_compute_secret_placeholder",
        inverse="_inverse_netsuite_token_secret",
        groups=MANAGER_GROUP,
    )
    netsuite_token_secret_set = fields.Boolean(compute="_compute_secret_set", groups=MANAGER_GROUP)
    netsuite_token_secret_cipher = fields.Char(groups=SECRET_GROUP, copy=False, prefetch=False)
    netsuite_wsdl_version = fields.Char(
        "WSDL version",
        required=True,
        default=DEFAULT_WSDL_VERSION,
        groups=MANAGER_GROUP,
        tracking=True,
    )
    netsuite_wsdl_url = fields.Char(
        "WSDL URL override",
        groups=MANAGER_GROUP,
        help="Empty: derived from the account id.",
        tracking=True,
    )
    netsuite_endpoint_url = fields.Char(
        "Endpoint override",
        groups=MANAGER_GROUP,
        help="Empty: derived from the account id.",
        tracking=True,
    )
    netsuite_rest_url = fields.Char(
        "REST host override",
        groups=MANAGER_GROUP,
        help="Empty: https://<account id>.suitetalk.api.netsuite.com, derived from the account id.",
        tracking=True,
    )
    netsuite_timezone = fields.Selection(
        _tz_get,
        "NetSuite user time zone",
        required=True,
        default=NETSUITE_DEFAULT_TIMEZONE,
        groups=MANAGER_GROUP,
        help="Time zone of the NetSuite integration user (Set Preferences in NetSuite). NetSuite "
        "keeps a transaction's date as the date in that zone, so bills are sent dated midnight "
        "there: the issue date Remote shows is the date NetSuite shows.",
        tracking=True,
    )

    event_ids = fields.One2many("remote.netsuite.event", "connection_id", string="Events")
    event_count = fields.Integer(compute="_compute_event_count")

    _sql_constraints = [
        (
            "company_uniq",
            "unique(company_id)",
            "A company has one Remote ↔ NetSuite connection: edit the existing one.",
        )
    ]

    def _inverse_remote_token(self):
        self._store_secret("remote_token")

    def _inverse_netsuite_consumer_secret(self):
        self._store_secret("netsuite_consumer_secret")

    def _inverse_netsuite_token_secret(self):
        self._store_secret("netsuite_token_secret")

    def _inverse_netsuite_private_key(self):
        for connection in self:
            if connection.netsuite_private_key:
                problem = private_key_problem(self.env, connection.netsuite_private_key)
                if problem:
                    raise ValidationError(problem)
        self._store_secret("netsuite_private_key")

    def _compute_event_count(self):
        counts = dict(
            self.env["remote.netsuite.event"]._read_group(
                [("connection_id", "in", self.ids)], ["connection_id"], ["__count"]
            )
        )
        for connection in self:
            connection.event_count = counts.get(connection, 0)

    # --- Events History ---------------------------------------------------------------------

    def _log_event(self, event_type, summary, *, level="info", details=None, **values):
        """Write one Events History entry (never pass a secret in summary, details or values)."""
        self.ensure_one()
        return (
            self.env["remote.netsuite.event"]
            .sudo()
            .create(
                {
                    "connection_id": self.id,
                    "event_type": event_type,
                    "level": level,
                    "summary": summary,
                    "details": details or False,
                    **values,
                }
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        connections = super().create(vals_list)
        for connection in connections:
            connection._log_event("setting", self.env._("Connection created"))
        return connections

    def write(self, vals):
        audited = [name for name in self._audited_settings if name in vals]
        before = {
            connection.id: {name: connection._setting_text(name) for name in audited}
            for connection in self.sudo()
        }
        to_clear = {
            connection.id: connection._secrets_losing_their_host(vals) for connection in self
        }
        result = super().write(vals)
        for connection in self:
            cleared = to_clear[connection.id]
            if cleared:
                connection.sudo().write({f"{name}_cipher": False for name in cleared})
            changed = [
                name
                for name in audited
                if before[connection.id][name] != connection.sudo()._setting_text(name)
            ]
            changes = [
                self._setting_change_text(
                    name, before[connection.id][name], connection.sudo()._setting_text(name)
                )
                for name in changed
            ]
            secrets = [name for name in self._secret_fields if vals.get(name)]
            changes += [self.env._("%s changed", self._secret_fields[name]) for name in secrets]
            changes += [
                self.env._(
                    "%(secret)s cleared, as %(settings)s changed: enter it again.",
                    secret=self._secret_fields[name],
                    settings=", ".join(
                        self._fields[setting]._description_string(self.env) for setting in settings
                    ),
                )
                for name, settings in cleared.items()
            ]
            if changes:
                connection._log_event(
                    "setting",
                    changes[0] if len(changes) == 1 else self.env._("Settings changed"),
                    details="\n".join(changes),
                )
                connection._settings_changed({*changed, *secrets, *cleared})
        return result

    def _settings_changed(self, names):
        """Hook: the settings ``names`` (secrets included) of this connection changed."""

    def _secrets_losing_their_host(self, vals):
        """``{secret: [changed settings]}``: the stored secrets that would go to a changed host,
        because a setting naming where they are sent changes and no new one is entered with it."""
        self.ensure_one()
        connection = self.sudo()
        cleared = {}
        for name in self._secret_fields:
            changed = [
                setting
                for setting in SECRET_DESTINATIONS[name]
                if setting in vals
                and (vals[setting] or "").strip() != (connection[setting] or "").strip()
            ]
            if changed and not (vals.get(name) or "").strip() and connection[f"{name}_cipher"]:
                cleared[name] = changed
        return cleared

    def _setting_change_text(self, name, old, new):
        """One setting change as the Events History writes it: "Setting: old → new"."""
        return self.env._(
            "%(setting)s: %(old)s → %(new)s",
            setting=self._fields[name]._description_string(self.env),
            old=old,
            new=new,
        )

    def _setting_text(self, name):
        """A setting's value as the Events History shows it."""
        field = self._fields[name]
        value = self[name]
        if field.type == "many2one":
            return value.display_name if value else self.env._("(none)")
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value) or self.env._("(none)")
        if field.type == "boolean":
            return self.env._("yes") if value else self.env._("no")
        if field.type == "many2many":
            return ", ".join(value.mapped("display_name")) or self.env._("(none)")
        if field.type == "integer":
            return str(value)
        return str(value) if value else self.env._("(empty)")

    # --- clients ----------------------------------------------------------------------------

    def _netsuite_settings(self, **overrides):
        self.ensure_one()
        connection = self.sudo()
        _ = self.env._
        required = [(_("NetSuite account id"), connection.netsuite_account_id)]
        if connection.netsuite_transport == REST:
            required += [
                (_("Client id"), connection.netsuite_client_id),
                (_("Certificate id"), connection.netsuite_certificate_id),
                (_("Certificate private key"), connection.netsuite_private_key_set),
            ]
        else:
            required += [
                (_("Consumer key"), connection.netsuite_consumer_key),
                (_("Consumer secret"), connection.netsuite_consumer_secret_set),
                (_("Token id"), connection.netsuite_token_id),
                (_("Token secret"), connection.netsuite_token_secret_set),
            ]
        missing = [label for label, value in required if not value]
        if missing:
            raise UserError(_("Fill in the NetSuite settings first: %s.", ", ".join(missing)))
        if connection.netsuite_transport == REST:
            credentials = {
                "client_id": connection.netsuite_client_id.strip(),
                "certificate_id": connection.netsuite_certificate_id.strip(),
                "private_key": normalize_pem(self._get_secret("netsuite_private_key")),
                "restlet_url": (connection.netsuite_restlet_url or "").strip() or None,
                "consumer_key": "",
                "consumer_secret": "",
                "token_id": "",
                "token_secret": "",
            }
        else:
            credentials = {
                "consumer_key": connection.netsuite_consumer_key.strip(),
                "consumer_secret": self._get_secret("netsuite_consumer_secret"),
                "token_id": connection.netsuite_token_id.strip(),
                "token_secret": self._get_secret("netsuite_token_secret"),
            }
        return NetSuiteSettings(
            account_id=connection.netsuite_account_id.strip(),
            transport=connection.netsuite_transport,
            wsdl_version=(connection.netsuite_wsdl_version or DEFAULT_WSDL_VERSION).strip(),
            wsdl_url=(connection.netsuite_wsdl_url or "").strip() or None,
            endpoint_url=(connection.netsuite_endpoint_url or "").strip() or None,
            rest_url=(connection.netsuite_rest_url or "").strip() or None,
            **credentials,
            **overrides,
        )

    def _netsuite_utc_offset(self, day):
        """The UTC offset, e.g. "-08:00", of midnight of ``day`` in the NetSuite user's zone."""
        self.ensure_one()
        zone = pytz.timezone(self.sudo().netsuite_timezone or NETSUITE_DEFAULT_TIMEZONE)
        offset = zone.localize(datetime.combine(day, time.min)).strftime("%z")
        return f"{offset[:3]}:{offset[3:]}"

    def _netsuite_client(self, on_retry=None, **overrides):
        """A NetSuiteClient for this connection; ``overrides`` replace NetSuiteSettings fields
        (e.g. ``max_attempts=1``). Loads the WSDL (once per process): when it cannot be loaded,
        raises NetSuiteTransportError saying what to check. Missing settings: UserError."""
        settings = self._netsuite_settings(**overrides)
        try:
            return NetSuiteClient(settings, on_retry=on_retry)
        except ValueError as error:
            raise UserError(translated(self.env, error)) from None
        except WSDL_LOAD_ERRORS as error:
            raise NetSuiteTransportError(self._wsdl_failure(settings, error)) from None

    def _remote_client(self, **kwargs):
        """A RemoteClient for this connection; ``kwargs`` go to RemoteClient (timeout, ...)."""
        self.ensure_one()
        token = self._get_secret("remote_token")
        if not token:
            raise UserError(
                self.env._(
                    "Enter the Remote API token first: generate it in Remote under Company "
                    "Settings > Integrations & APIs > Remote API."
                )
            )
        try:
            return RemoteClient(self.sudo().remote_api_url, token, **kwargs)
        except ValueError as error:
            raise UserError(translated(self.env, error)) from None

    def _check_manager(self):
        """Refuse unless the caller is a Manager allowed to write these connections; call it
        before any sudo() that reaches Remote or NetSuite or writes state."""
        if self.env.su:
            return
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only Remote ↔ NetSuite Managers can do this."))
        self.check_access("write")

    def action_view_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "remote_netsuite_connector.event_action"
        )
        action["domain"] = [("connection_id", "=", self.id)]
        action["context"] = {"default_connection_id": self.id}
        return action
