"""What a sync would do, read from Remote and built as a run builds it: nothing written in Odoo
or sent to NetSuite. The sync wizard counts what a sync would send; the bill preview shows the
bills of one document."""

from odoo.exceptions import UserError

from ..services.remote import RemoteError
from .bills import BillMaker, NetSuiteLink
from .reader import RemoteReader, summary_of
from .remote_documents import content_hash
from .run import plain_error, unchanged


def sync_preview(connection, selection, periods):
    """What a sync of ``periods`` would send: document counts and totals per type and currency
    (one show call per document, no breakdown)."""
    connection = connection.sudo()
    rows, unchanged_count, unreadable = {}, 0, 0
    reader = None
    try:
        reader = RemoteReader(connection, mappings=connection._mappings())
        summaries = reader.listed(periods, selection)
        records = connection.env["remote.netsuite.document"].search(
            [
                ("connection_id", "=", connection.id),
                ("remote_id", "in", [summary.id for summary in summaries]),
            ]
        )
        known = {
            record.remote_id: record.content_hash
            for record in records
            if unchanged(record, record.content_hash)
        }
        for fetched in reader.documents(
            summaries, digest=content_hash, known_digests=known, headers_only=True
        ):
            if fetched.error:
                unreadable += 1
            elif fetched.unchanged:
                unchanged_count += 1
            else:
                document = fetched.document
                row = rows.setdefault((document.document_type, document.currency), [0, 0])
                row[0] += 1
                row[1] += document.total
    except (RemoteError, UserError) as error:
        return {"ok": False, "message": plain_error(connection.env, error)}
    finally:
        if reader is not None:
            reader.close()
    return {
        "ok": True,
        "rows": [
            {"document_type": key[0], "currency": key[1], "count": row[0], "total": row[1]}
            for key, row in sorted(rows.items())
        ],
        "unchanged": unchanged_count,
        "unreadable": unreadable,
    }


def document_bills(document):
    """``(outcome, error)``: the bills ``document`` would be booked as now, read from Remote
    again and built exactly as a retry would (see BillMaker.build)."""
    connection = document.connection_id.sudo()
    mappings = connection._mappings()
    reader = RemoteReader(connection, mappings=mappings)
    netsuite = NetSuiteLink(connection)
    try:
        (fetched,) = reader.documents([summary_of(document)], digest=content_hash)
        maker = BillMaker(connection, reader, mappings=mappings, netsuite=netsuite)
        return maker.build(fetched, document.sudo())
    finally:
        reader.close()
        netsuite.close()
