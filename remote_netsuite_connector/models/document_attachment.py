"""Remote's invoice PDF in NetSuite: stored in the File Cabinet, attached to each booked bill.

A separate step after booking, never part of it: a failed upload or attachment leaves the bill
booked (and is never a reason to send the bill again), is shown per bill and per document in
Synced Invoices, and is retried on its own (next sync, scheduled action, or Retry attachment).
"""

import logging
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..const import MANAGER_GROUP, REST
from ..services.netsuite import VENDOR_BILL, VENDOR_CREDIT, NetSuiteError
from ..services.netsuite.endpoints import account_host
from ..services.remote import RemoteError
from .document import SYNCED

_logger = logging.getLogger(__name__)

PENDING, ATTACHED, FAILED = "pending", "attached", "failed"
ATTACHMENT_STATES = [(PENDING, "To attach"), (ATTACHED, "Attached"), (FAILED, "Failed")]
RECORD_TYPES = {VENDOR_BILL: "vendorBill", VENDOR_CREDIT: "vendorCredit"}
DOCUMENTS_PER_RUN = 50  # PDFs attached per connection and run; the scheduled action does the rest


def restlets_host_of(account_id):
    """``1234567-sb1.restlets.api.netsuite.com`` for account ``1234567_SB1``; None if invalid."""
    try:
        label = account_host(account_id or "").split(".", 1)[0]
    except ValueError:
        return None
    return f"{label}.restlets.api.netsuite.com"


class RemoteNetsuiteDocumentBill(models.Model):
    _inherit = "remote.netsuite.document.bill"

    attachment_state = fields.Selection(ATTACHMENT_STATES, "PDF", readonly=True, copy=False)
    attachment_error = fields.Text("PDF error", readonly=True, copy=False)


class RemoteNetsuiteDocument(models.Model):
    _inherit = "remote.netsuite.document"

    pdf_file_id = fields.Char("NetSuite file id", readonly=True, copy=False)
    # content_hash of the document whose PDF the file holds: a re-issue makes it stale
    pdf_content_hash = fields.Char(readonly=True, copy=False)
    attachment_state = fields.Selection(
        ATTACHMENT_STATES,
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
                (state for state in (FAILED, PENDING, ATTACHED) if state in states), False
            )

    def action_retry_attachment(self):
        self.check_access("write")
        self.connection_id._check_manager()
        for connection in self.connection_id:
            documents = self.filtered(lambda d, c=connection: d.connection_id == c)
            connection._attach_pdfs(documents._bills_to_attach(retry_failed=True))
        return True

    def _pdf_file_in_netsuite(self, remote, netsuite, connection):
        """The NetSuite file id of this document's PDF, uploaded on first use.

        After a re-issue the same file gets Remote's new PDF: the bills it is attached to show
        it, and no outdated file is left in the File Cabinet.
        The file's externalId is derived from the document, so an upload whose answer was lost
        and that NetSuite stored anyway is refused as a duplicate (DUP_RCRD) on the next attempt;
        then one more copy is stored without externalId rather than never attaching the PDF.
        """
        self.ensure_one()
        if self.pdf_file_id and self.pdf_content_hash == self.content_hash:
            return self.pdf_file_id
        content = remote.pdf(self.remote_id)
        if self.pdf_file_id:
            netsuite.replace_file_content(self.pdf_file_id, content)
            self.sudo().pdf_content_hash = self.content_hash
            return self.pdf_file_id
        name = f"Remote {self.name or self.remote_id}.pdf"
        folder_id = connection.netsuite_pdf_folder_id.strip()
        try:
            file_id = netsuite.upload_file(
                name, content, folder_id, external_id=f"remote-{self.remote_id.lower()}-pdf"
            )
        except NetSuiteError as error:
            if error.code != "DUP_RCRD":
                raise
            file_id = netsuite.upload_file(name, content, folder_id)
        self.sudo().write({"pdf_file_id": file_id, "pdf_content_hash": self.content_hash})
        return file_id

    def _bills_to_attach(self, *, retry_failed):
        states = (False, PENDING, FAILED) if retry_failed else (False, PENDING)
        return self.filtered(lambda d: d.state == SYNCED).bill_ids.filtered(
            lambda bill: (
                bill.internal_id
                and (bill.attachment_state in states or bill.document_id._pdf_is_outdated())
            )
        )

    def _pdf_is_outdated(self):
        return bool(self.pdf_file_id) and self.pdf_content_hash != self.content_hash


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

    def _sync(self, trigger, **kwargs):
        result = super()._sync(trigger, **kwargs)
        if self.attach_pdf and not result.get("already_running"):
            self._attach_pdfs(self.document_ids._bills_to_attach(retry_failed=False))
        return result

    @api.model
    def _cron_attach_pdfs(self):
        """Scheduled action: attach what is still to attach, failed attachments included."""
        for connection in self.sudo().search([("attach_pdf", "=", True)]):
            bills = connection.document_ids._bills_to_attach(retry_failed=True)
            connection.with_company(connection.company_id)._attach_pdfs(bills)

    def _attach_pdfs(self, bills):
        """Upload each document's PDF once and attach it to ``bills``; failures are recorded on
        the bills, never raised."""
        self.ensure_one()
        if not bills or not self.attach_pdf or self._pdf_needs_restlet():
            return
        bills = bills.sudo()
        bills.filtered(lambda bill: not bill.attachment_state).attachment_state = PENDING
        documents = bills.document_id[:DOCUMENTS_PER_RUN]
        try:
            remote, netsuite = self._remote_client(), self._netsuite_client()
        except UserError as error:
            bills.write({"attachment_state": FAILED, "attachment_error": error.args[0]})
            return
        with remote, netsuite:
            for document in documents:
                document_bills = bills.filtered(lambda b, d=document: b.document_id == d)
                try:
                    file_id = document._pdf_file_in_netsuite(remote, netsuite, self)
                    for bill in document_bills:
                        netsuite.attach_file(file_id, RECORD_TYPES[bill.kind], bill.internal_id)
                        bill.write({"attachment_state": ATTACHED, "attachment_error": False})
                except (RemoteError, NetSuiteError) as error:
                    _logger.info("PDF of %s not attached: %s", document.display_name, error)
                    document_bills.filtered(lambda b: b.attachment_state != ATTACHED).write(
                        {"attachment_state": FAILED, "attachment_error": str(error)}
                    )
                    self._log_event(
                        "document",
                        self.env._("%s: PDF not attached", document.display_name),
                        level="warning",
                        details=str(error),
                        document_id=document.id,
                    )
