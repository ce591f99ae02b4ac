"""What runs after a sync, in this order, whatever started it (wizard, retry, scheduled action,
webhook): Remote's PDFs are attached to the records just booked, then the alerts are brought up
to date (failing credentials, the activity listing the documents to fix)."""

from .attachments import attach_pdfs, bills_to_attach


def after_sync(connection, result):
    """The steps after a run of ``connection`` whose result (see SyncRun.result) is ``result``;
    nothing after a sync that did not start because another one runs."""
    if result.get("already_running"):
        return
    if connection.attach_pdf:
        attach_pdfs(connection, bills_to_attach(connection.document_ids, retry_failed=False))
    connection._alert_after_sync(result)
