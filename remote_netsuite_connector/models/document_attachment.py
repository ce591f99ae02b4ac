"""Remote's invoice PDF in NetSuite: the settings, and where each document and record stands.
The step that attaches them is sync/attachments.py."""

from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..const import MANAGER_GROUP, PDF_ATTACHED, PDF_FAILED, PDF_PENDING, PDF_STATES, REST
from ..services.netsuite.endpoints import account_host
from ..sync.attachments import attach_pdfs, bills_to_attach


def restlets_host_of(account_id):
    """``1234567-sb1.restlets.api.netsuite.com`` for account ``1234567_SB1``; None if invalid."""
    try:
        label = account_host(account_id or "").split(".", 1)[0]
    except ValueError:
        return None
    return f"{label}.restlets.api.netsuite.com"


class RemoteNetsuiteDocumentBill(models.Model):
    _inherit = "remote.netsuite.document.bill"

    attachment_state = fields.Selection(PDF_STATES, "PDF", readonly=True, copy=False)
    attachment_error = fields.Text("PDF error", readonly=True, copy=False)


class RemoteNetsuiteDocument(models.Model):
    _inherit = "remote.netsuite.document"

    pdf_file_id = fields.Char("NetSuite file id", readonly=True, copy=False)
    # content_hash of the document whose PDF the file holds: a re-issue makes it stale
    pdf_content_hash = fields.Char(readonly=True, copy=False)
    attachment_state = fields.Selection(
        PDF_STATES,
        "PDF",
        compute="_compute_attachment_state",
        store=True,
        help="Remote's invoice PDF attached to the NetSuite bill(s)",
    )

    @api.depends("bill_ids.attachment_state")
    def _compute_attachment_state(self):
        for document in self:
            states = set(document.bill_ids.mapped("attachment_state")) - {False}
            document.attachment_state = next(
                (state for state in (PDF_FAILED, PDF_PENDING, PDF_ATTACHED) if state in states),
                False,
            )

    def action_retry_attachment(self):
        self.check_access("write")
        self.connection_id._check_manager()
        for connection in self.connection_id:
            documents = self.filtered(lambda d, c=connection: d.connection_id == c)
            attach_pdfs(connection, bills_to_attach(documents, retry_failed=True))
        return True


class RemoteNetsuiteConnection(models.Model):
    _inherit = "remote.netsuite.connection"

    attach_pdf = fields.Boolean(
        "Attach Remote's PDF",
        help="Store each document's PDF from Remote in the NetSuite File Cabinet and attach it "
        "to its bill(s).",
        tracking=True,
    )
    netsuite_pdf_folder_id = fields.Char(
        "File Cabinet folder id",
        help="Internal id of the NetSuite File Cabinet folder the PDFs are stored in "
        "(Documents > Files > File Cabinet).",
        tracking=True,
    )

    netsuite_restlet_url = fields.Char(
        "PDF RESTlet URL",
        groups=MANAGER_GROUP,
        help="REST connections: the External URL of the deployment of the addon's RESTlet "
        "(static/netsuite/rnc_attach_restlet.js), which stores the PDF in the File Cabinet and "
        "attaches it. SuiteTalk REST cannot create File Cabinet files.",
        tracking=True,
    )

    @api.constrains("attach_pdf", "netsuite_pdf_folder_id")
    def _check_pdf_folder(self):
        for connection in self:
            if connection.attach_pdf and not (connection.netsuite_pdf_folder_id or "").strip():
                raise ValidationError(
                    self.env._("Enter the File Cabinet folder id the PDFs are stored in.")
                )

    @api.constrains("attach_pdf", "netsuite_transport", "netsuite_restlet_url")
    def _check_pdf_channel(self):
        for connection in self.sudo():
            if connection.attach_pdf and connection._pdf_needs_restlet():
                raise ValidationError(
                    self.env._(
                        "SuiteTalk REST cannot store files in the NetSuite File Cabinet: deploy "
                        "the addon's PDF RESTlet and enter its External URL (README, Invoice PDF "
                        "on REST), or turn off Attach Remote's PDF."
                    )
                )

    @api.constrains("netsuite_restlet_url", "netsuite_account_id", "netsuite_rest_url")
    def _check_restlet_host(self):
        """The access token goes to the RESTlet URL: only to the account's RESTlets host over
        HTTPS (or to the REST host override, e.g. a simulator)."""
        for connection in self.sudo():
            url = (connection.netsuite_restlet_url or "").strip()
            if not url:
                continue
            restlets_host = restlets_host_of(connection.netsuite_account_id)
            rest_override = urlsplit(connection.netsuite_rest_url or "").hostname
            parts = urlsplit(url)
            if not (
                (parts.scheme == "https" and parts.hostname == restlets_host)
                or (rest_override and parts.hostname == rest_override)
            ):
                raise ValidationError(
                    self.env._(
                        "The RESTlet URL must be the External URL of the RESTlet's deployment, "
                        "on the account's RESTlets host: https://%s/app/site/hosting/"
                        "restlet.nl?script=...&deploy=...",
                        restlets_host or "<account id>.restlets.api.netsuite.com",
                    )
                )

    def _pdf_needs_restlet(self):
        """A REST connection attaches PDFs through the RESTlet only, never over SOAP."""
        self.ensure_one()
        connection = self.sudo()
        return (
            connection.netsuite_transport == REST
            and not (connection.netsuite_restlet_url or "").strip()
        )

    @api.model
    def _cron_attach_pdfs(self):
        """Scheduled action: attach what is still to attach, failed attachments included."""
        for connection in self.sudo().search([("attach_pdf", "=", True)]):
            bills = bills_to_attach(connection.document_ids, retry_failed=True)
            attach_pdfs(connection.with_company(connection.company_id), bills)
