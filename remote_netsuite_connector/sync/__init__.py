"""The sync engine: plain Python over the ORM, working on the records it is given.

- remote_documents.py: a Remote document's type, family and fingerprint;
- reader.py: what a run reads from Remote (documents, employments, legal entities);
- bills.py: where a bill is built (services.bill_builder with the mappings, the split guard);
- run.py: one run: list, batch, send to NetSuite in the background, commit, progress, cancel;
- writer.py: what a run writes into Odoo (documents, lines, NetSuite records, states, events);
- after_sync.py: what runs after every sync (attachments.py, then the alerts);
- preview.py: what a sync would do, nothing written or sent.

The model methods of remote.netsuite.connection are the entry points: they check who may do it,
then hand over to these objects.
"""

from . import (
    after_sync,
    attachments,
    bills,
    preview,
    reader,
    remote_documents,
    run,
    split_guard,
    writer,
)
