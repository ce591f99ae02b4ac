"""Test connection on REST + OAuth 2.0: each refusal of the token endpoint or of SuiteTalk REST
named in words an administrator can act on in NetSuite's setup pages."""

import re

from odoo import models

from ..const import REST
from ..services.netsuite import NetSuiteAuthError, NetSuiteError
from ..services.netsuite.endpoints import account_host

# NetSuite's token endpoint answers RFC 6749 errors; the causes behind each (README, REST setup)
UNKNOWN_CLIENT = "unknown_client"
CERTIFICATE = "certificate"
ALGORITHM = "algorithm"
ACCOUNT_OR_CLOCK = "account_or_clock"
SCOPE = "scope"
TOKEN_CAUSES = {
    "invalid_client": (UNKNOWN_CLIENT, CERTIFICATE),
    "unauthorized_client": (UNKNOWN_CLIENT,),
    "invalid_request": (ALGORITHM,),
    "unsupported_grant_type": (UNKNOWN_CLIENT,),
    "invalid_grant": (ACCOUNT_OR_CLOCK,),
    "invalid_scope": (SCOPE,),
}
# words of an error_description that narrow invalid_client down to one cause: RFC 6749 prose, or
# the detail codes of NetSuite's Login Audit Trail
DESCRIPTION_CAUSES = (
    ({"client", "iss", "issuer", "invalidissuer", "invalidintegration"}, UNKNOWN_CLIENT),
    (
        {"kid", "certificate", "signature", "key", "missingkey", "invalidsignature"},
        CERTIFICATE,
    ),
    ({"alg", "algorithm", "unsupportedalgo"}, ALGORITHM),
)


class RemoteNetsuiteConnection(models.Model):
    _inherit = "remote.netsuite.connection"

    def _netsuite_auth_failure(self, settings, error):
        if settings.transport != REST:
            return super()._netsuite_auth_failure(settings, error)
        _ = self.env._
        if error.code in ("INSUFFICIENT_PERMISSION", "403"):
            return _(
                "NetSuite: the role of the M2M mapping lacks a permission (%s). Give the role "
                "REST Web Services (Full), Log in using OAuth 2.0 Access Tokens (Full) and "
                "SuiteAnalytics Workbook (Edit) under Setup > Users/Roles, then test again.",
                error.message,
            )
        if error.code == "INVALID_LOGIN":
            return _(
                "NetSuite: the access token of account %s was refused by REST Web Services: "
                "check that the REST Web Services feature is enabled (Setup > Company > Enable "
                "Features > SuiteCloud) and that the integration record has the REST Web "
                "Services scope.",
                settings.account_id,
            )
        causes = self._token_refusal_causes(error)
        texts = {
            UNKNOWN_CLIENT: _(
                "NetSuite does not know the client id %(client)s: copy the Client id of the "
                "integration record (shown once when it was saved; reset the credentials to see "
                "a new one), and check that the record is Enabled with the Client Credentials "
                "(Machine to Machine) Grant.",
                client=settings.client_id,
            ),
            CERTIFICATE: _(
                "NetSuite does not accept the certificate %(kid)s: check under Setup > "
                "Integration > Manage Authentication > OAuth 2.0 Client Credentials (M2M) Setup "
                "that the Certificate id is mapped to this integration record and is neither "
                "revoked nor expired, and that the private key entered here is the key of that "
                "certificate.",
                kid=settings.certificate_id,
            ),
            ALGORITHM: _(
                "NetSuite refused the signature algorithm of the client assertion: use an RSA "
                "key of 3072 or 4096 bits (PS256) or an EC P-256 key (ES256), upload its "
                "certificate to the M2M mapping and enter the new private key here."
            ),
            ACCOUNT_OR_CLOCK: _(
                "NetSuite refused the client assertion for account %(account)s (the token URL "
                "https://%(host)s is derived from it): enter the account id exactly as shown in "
                "Setup > Company > Company Information (sandboxes as 1234567_SB1), and check "
                "this server's clock.",
                account=settings.account_id,
                host=account_host(settings.account_id),
            ),
            SCOPE: _(
                "NetSuite refused the scope REST Web Services: check the REST Web Services box "
                "in the integration record's OAuth 2.0 scopes."
            ),
        }
        if not causes:
            return _(
                "NetSuite refused the M2M login to account %(account)s (%(error)s). Check the "
                "client id, the Certificate id and its mapping, the private key, the account id "
                "and this server's clock.",
                account=settings.account_id,
                error=error.message,
            )
        message = _("NetSuite: %s", " ".join(texts[cause] for cause in causes))
        if len(causes) > 1:
            message += " " + _(
                "NetSuite does not say which in its answer; its Login Audit Trail does (Setup > "
                "Users/Roles > View Login Audit Trail, column Detail): InvalidIssuer or "
                "InvalidIntegration for the client id, MissingKey or InvalidSignature for the "
                "certificate and its key."
            )
        return message

    def _test_restlet(self, client, settings):
        """Whether the PDF RESTlet answers; (ok, text). Without one, PDFs are off, not failed."""
        _ = self.env._
        if not settings.restlet_url:
            return True, _(
                "No PDF RESTlet: invoice PDFs are not attached on REST (deploy the addon's "
                "RESTlet and enter its URL to attach them)."
            )
        try:
            status = client.restlet_status()
        except NetSuiteAuthError as error:
            return False, _(
                "The PDF RESTlet refused the access token (%s): check the RESTlets scope of "
                "the integration record, and that the role of the M2M mapping may run the "
                "script (its deployment's Audience) with Documents and Files (Edit).",
                error.message,
            )
        except NetSuiteError as error:
            return False, _(
                "The PDF RESTlet is not deployed at %(url)s (%(error)s): deploy "
                "static/netsuite/rnc_pdf_attach_restlet.js as the README says (Invoice PDF on "
                "REST), or correct the RESTlet URL.",
                url=settings.restlet_url,
                error=error,
            )
        return True, _("PDF RESTlet deployed (contract version %s).", status.get("version"))

    def _token_refusal_causes(self, error):
        """The causes a token refusal can have, narrowed by its description when it has one."""
        causes = TOKEN_CAUSES.get(error.code, ())
        words = set(re.findall(r"[a-z]+", (getattr(error, "description", "") or "").lower()))
        if len(causes) > 1 and words:
            for cause_words, cause in DESCRIPTION_CAUSES:
                if cause in causes and words & cause_words:
                    return (cause,)
        return causes
