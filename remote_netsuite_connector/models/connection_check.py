import logging
from urllib.parse import urlsplit

from odoo import fields, models
from odoo.exceptions import UserError

from ..const import CONNECTION_TEST_INPUTS, REST
from ..services.netsuite import NetSuiteAuthError, NetSuiteError, NetSuiteTransportError
from ..services.netsuite.endpoints import account_host, endpoint_url, wsdl_url
from ..services.remote import RemoteAuthError, RemoteError, RemoteNotFound
from ..tools.service_text import translated

_logger = logging.getLogger(__name__)

TEST_TIMEOUT = 20  # seconds: an administrator is waiting for the answer
LOGIN_CODES = {"INVALID_LOGIN_ATTEMPT", "INVALID_LOGIN_CREDENTIALS", "INVALID_LOGIN"}


class RemoteNetsuiteConnection(models.Model):
    _inherit = "remote.netsuite.connection"

    last_test_state = fields.Selection(
        [("ok", "Connected"), ("failed", "Failed")], readonly=True, copy=False
    )
    last_test_message = fields.Text(readonly=True, copy=False)
    last_test_date = fields.Datetime(readonly=True, copy=False)

    def action_test_connection(self):
        """Check both sides; say exactly what failed, in words an administrator can act on."""
        self.ensure_one()
        self._check_manager()
        remote_ok, remote_message = self._test_remote()
        netsuite_ok, netsuite_message = self._test_netsuite()
        ok = remote_ok and netsuite_ok
        message = f"{remote_message}\n{netsuite_message}"
        self.sudo().write(
            {
                "last_test_state": "ok" if ok else "failed",
                "last_test_message": message,
                "last_test_date": fields.Datetime.now(),
            }
        )
        self._log_event(
            "test",
            self.env._("Connection test succeeded") if ok else self.env._("Connection test failed"),
            level="info" if ok else "error",
            details=message,
        )
        return self._notification(
            self.env._("Connection test"), message, "success" if ok else "danger", sticky=not ok
        )

    def _settings_changed(self, names):
        if names & CONNECTION_TEST_INPUTS and self.last_test_state:
            # the result was about the settings before: it must not stand for the new ones
            self.sudo().write(
                {"last_test_state": False, "last_test_message": False, "last_test_date": False}
            )
        return super()._settings_changed(names)

    def _notification(self, title, message, kind, *, sticky=False):
        """A notification, then the form reloads its record: ``act_window_close`` reloads the
        record the button was pressed on, where ``soft_reload`` would restore the form as it was
        opened (a blank new record, for a connection saved by that same click)."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": title,
                "message": message,
                "type": kind,
                "sticky": sticky,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # --- Remote -------------------------------------------------------------------------------

    def _test_remote(self):
        _ = self.env._
        try:
            with self._remote_client(timeout=TEST_TIMEOUT, max_attempts=1) as client:
                mismatch = client.host_mismatch()
                if mismatch:
                    return False, _("Remote: %s", translated(self.env, mismatch))
                identity = client.identity()
                client.legal_entities(identity.company_id)
                client.billing_documents(self._today().strftime("%Y-%m"))
        except UserError as error:
            return False, _("Remote: %s", error.args[0])
        except RemoteAuthError as error:
            return False, self._remote_auth_failure(error)
        except RemoteNotFound:
            return False, _(
                "Remote: %s answers, but not as Remote's API: check the Remote API URL "
                "(https://gateway.remote.com for production, https://gateway.remote-sandbox.com "
                "for the sandbox).",
                self.sudo().remote_api_url,
            )
        except RemoteError as error:
            return False, _(
                "Remote: could not reach the Remote API at %(url)s (%(error)s). Check the Remote "
                "API URL and that this server can reach it.",
                url=self.sudo().remote_api_url,
                error=error,
            )
        self.sudo().write(
            {"remote_company_id": identity.company_id, "remote_company_name": identity.company_name}
        )
        return True, _("Remote: connected to company %s.", identity.company_name)

    def _remote_auth_failure(self, error):
        """What Test connection says when Remote refuses the token: Remote's client names Remote
        and what to fix (no "Remote API 401:" prefix), in the user's language."""
        return translated(self.env, error.message)

    # --- NetSuite -----------------------------------------------------------------------------

    def _test_netsuite(self):
        _ = self.env._
        try:
            settings = self._netsuite_settings(max_attempts=1, timeout=TEST_TIMEOUT)
            mismatch = self._netsuite_host_mismatch(settings)
            if mismatch:
                return False, mismatch
            client = self._netsuite_client(max_attempts=1, timeout=TEST_TIMEOUT)
        except UserError as error:
            return False, _("NetSuite: %s", error.args[0])
        except NetSuiteTransportError as error:  # the WSDL could not be loaded
            return False, str(error)
        with client:
            try:
                result = client.check_access()
            except NetSuiteAuthError as error:
                return False, self._netsuite_auth_failure(settings, error)
            except NetSuiteError as error:
                return False, self._netsuite_unreachable(settings, error)
            if result["problems"]:
                return False, self._netsuite_missing_permissions(settings, result["problems"])
            connected = _("NetSuite: connected to account %s.", settings.account_id)
            if settings.transport != REST:
                return True, connected
            restlet_ok, restlet_text = self._test_restlet(client, settings)
            return restlet_ok, f"{connected} {restlet_text}"

    def _netsuite_unreachable(self, settings, error):
        error = translated(self.env, error)
        if settings.transport == REST:
            # computed outside the call: Odoo's term extraction (babel) cannot read an f-string
            # argument, and then skips every message of the file
            url = settings.rest_url or f"https://{account_host(settings.account_id)}"
            return self.env._(
                "NetSuite: SuiteTalk REST at %(url)s did not work (%(error)s). The host is "
                "derived from the account id: check that %(account)s is the account id exactly "
                "as shown in Setup > Company > Company Information (sandboxes as 1234567_SB1), "
                "or the REST host override.",
                url=url,
                error=error,
                account=settings.account_id,
            )
        return self.env._(
            "NetSuite: the SuiteTalk endpoint %(url)s did not work (%(error)s). Check the "
            "endpoint override, or leave it empty to use the account's own host.",
            url=endpoint_url(settings),
            error=error,
        )

    def _netsuite_missing_permissions(self, settings, problems):
        problems = "; ".join(f"{kind}: {text}" for kind, text in problems.items())
        if settings.transport == REST:
            return self.env._(
                "NetSuite: the login works, but the role of the M2M mapping is missing "
                "permissions: %(problems)s. In NetSuite, give that role the Lists permissions "
                "for these record types (View) and SuiteAnalytics Workbook (Edit), then test "
                "again.",
                problems=problems,
            )
        return self.env._(
            "NetSuite: the login works, but the access token's role is missing permissions: "
            "%(problems)s. In NetSuite, give the role of the token the Lists permissions for "
            "these record types (View), then test again.",
            problems=problems,
        )

    def _netsuite_host_mismatch(self, settings):
        """An endpoint override on a NetSuite host must belong to the account id."""
        override = settings.rest_url if settings.transport == REST else settings.endpoint_url
        host = urlsplit(override or "").hostname or ""
        if not host.endswith(".netsuite.com") or ".suitetalk." not in host:
            return ""
        expected = account_host(settings.account_id)
        if host == expected:
            return ""
        return self.env._(
            "NetSuite: the endpoint override %(host)s is not the host of account %(account)s "
            "(%(expected)s). Use the account id exactly as NetSuite shows it (sandboxes as "
            "1234567_SB1), or correct the endpoint override.",
            host=host,
            account=settings.account_id,
            expected=expected,
        )

    def _wsdl_failure(self, settings, error):
        url = wsdl_url(settings)
        if settings.wsdl_url:
            hint = self.env._("Check the WSDL URL override, or leave it empty.")
        else:
            hint = self.env._(
                "The address is derived from the account id: check that %(account)s is the "
                "account id exactly as shown in NetSuite under Setup > Company > Company "
                "Information (sandboxes as 1234567_SB1), and the WSDL version %(version)s.",
                account=settings.account_id,
                version=settings.wsdl_version,
            )
        return self.env._(
            "NetSuite: could not load the SuiteTalk WSDL from %(url)s (%(error)s). %(hint)s",
            url=url,
            error=type(error).__name__,
            hint=hint,
        )

    def _netsuite_auth_failure(self, settings, error):
        _ = self.env._
        if error.code == "INSUFFICIENT_PERMISSION":
            return _(
                "NetSuite: the access token's role lacks a permission (%s). Give the role "
                "SOAP Web Services and Log in using Access Tokens (Setup > Users/Roles), then "
                "test again.",
                error.message,
            )
        if error.code == "INVALID_ACCOUNT":
            return _(
                "NetSuite does not know the account id %s: enter it exactly as shown in Setup > "
                "Company > Company Information (sandboxes as 1234567_SB1).",
                settings.account_id,
            )
        return _(
            "NetSuite refused the login to account %s (invalid login attempt). Re-enter the "
            "consumer key and secret of the integration record and the token id and secret, "
            "check that the token was created for this account and integration, that the "
            "integration record is enabled with Token-based Authentication, and that this "
            "server's clock is right.",
            settings.account_id,
        )
