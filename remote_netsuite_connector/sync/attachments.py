"""The attachment step after a sync: Remote's invoice PDF stored in the NetSuite File Cabinet and
attached to each booked bill.

A separate step after booking, never part of it: a failed upload or attachment leaves the bill
booked (and is never a reason to send the bill again), is shown per bill and per document in
Synced Invoices, and is retried on its own (next sync, scheduled action, or Retry attachment).
"""

import logging

from odoo.exceptions import UserError

from ..const import PDF_ATTACHED, PDF_FAILED, PDF_PENDING, PDFS_PER_RUN, SYNCED
from ..services.netsuite import NetSuiteError
from ..services.netsuite.rest_records import RECORD_TYPES
from ..services.remote import RemoteError

_logger = logging.getLogger(__name__)


def bills_to_attach(documents, *, retry_failed):
    """The NetSuite records of ``documents`` whose PDF is to attach (again)."""
    states = (False, PDF_PENDING, PDF_FAILED) if retry_failed else (False, PDF_PENDING)
    return documents.filtered(lambda d: d.state == SYNCED).bill_ids.filtered(
        lambda bill: (
            bill.internal_id
            and (bill.attachment_state in states or _pdf_is_outdated(bill.document_id))
        )
    )


def attach_pdfs(connection, bills):
    """Upload each document's PDF once and attach it to ``bills``; failures are recorded on the
    bills, never raised."""
    connection.ensure_one()
    if not bills or not connection.attach_pdf or connection._pdf_needs_restlet():
        return
    bills = bills.sudo()
    bills.filtered(lambda bill: not bill.attachment_state).attachment_state = PDF_PENDING
    documents = bills.document_id[:PDFS_PER_RUN]
    try:
        remote, netsuite = connection._remote_client(), connection._netsuite_client()
    except UserError as error:
        bills.write({"attachment_state": PDF_FAILED, "attachment_error": error.args[0]})
        return
    with remote, netsuite:
        for document in documents:
            document_bills = bills.filtered(lambda b, d=document: b.document_id == d)
            try:
                file_id = _pdf_file_in_netsuite(document, remote, netsuite, connection)
                for bill in document_bills:
                    netsuite.attach_file(file_id, RECORD_TYPES[bill.kind], bill.internal_id)
                    bill.write({"attachment_state": PDF_ATTACHED, "attachment_error": False})
            except (RemoteError, NetSuiteError) as error:
                _logger.info("PDF of %s not attached: %s", document.display_name, error)
                document_bills.filtered(lambda b: b.attachment_state != PDF_ATTACHED).write(
                    {"attachment_state": PDF_FAILED, "attachment_error": str(error)}
                )
                connection._log_event(
                    "document",
                    connection.env._("%s: PDF not attached", document.display_name),
                    level="warning",
                    details=str(error),
                    document_id=document.id,
                )


def _pdf_file_in_netsuite(document, remote, netsuite, connection):
    """The NetSuite file id of ``document``'s PDF, uploaded on first use.

    After a re-issue the same file gets Remote's new PDF: the bills it is attached to show it,
    and no outdated file is left in the File Cabinet.
    The file's externalId is derived from the document, so an upload whose answer was lost and
    that NetSuite stored anyway is refused as a duplicate (DUP_RCRD) on the next attempt; then
    one more copy is stored without externalId rather than never attaching the PDF.
    """
    if document.pdf_file_id and document.pdf_content_hash == document.content_hash:
        return document.pdf_file_id
    content = remote.pdf(document.remote_id)
    if document.pdf_file_id:
        netsuite.replace_file_content(document.pdf_file_id, content)
        document.sudo().pdf_content_hash = document.content_hash
        return document.pdf_file_id
    name = f"Remote {document.name or document.remote_id}.pdf"
    folder_id = connection.netsuite_pdf_folder_id.strip()
    try:
        file_id = netsuite.upload_file(
            name, content, folder_id, external_id=f"remote-{document.remote_id.lower()}-pdf"
        )
    except NetSuiteError as error:
        if error.code != "DUP_RCRD":
            raise
        file_id = netsuite.upload_file(name, content, folder_id)
    document.sudo().write({"pdf_file_id": file_id, "pdf_content_hash": document.content_hash})
    return file_id


def _pdf_is_outdated(document):
    return bool(document.pdf_file_id) and document.pdf_content_hash != document.content_hash
