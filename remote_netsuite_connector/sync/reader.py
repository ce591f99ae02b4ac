"""What a sync run reads from Remote: the documents of the months asked for, each document with
its breakdown, and the employments and legal entities the bills are built from.

Every document is read through :func:`~..services.remote.prefetch.prefetch` (a few at a time, in
listing order), whether a run, the sync wizard's preview or a bill preview asks for it. Each
employment is read once per reader, in its one :class:`EmploymentCache`.
"""

import dataclasses
import threading

from ..const import READ_AHEAD, SELECTED_FAMILIES, SPARE_READERS
from ..services.mapping import PER_ENTITY
from ..services.remote import BillingDocumentSummary, Employment
from ..services.remote.prefetch import EmploymentCache, prefetch
from .remote_documents import family_of


class RemoteReader:
    """Reads Remote for one connection; ``close()`` it when done. The caller's thread makes the
    clients (that reads the connection through the ORM); the reading threads only do HTTP."""

    def __init__(self, connection, *, mappings, on_retry=None):
        self.connection = connection
        self.per_entity = mappings.entity_mode == PER_ENTITY
        self.on_retry = on_retry
        # Every Remote request of the reader holds it: at most "Remote concurrent requests".
        self._gate = threading.BoundedSemaphore(max(1, connection.remote_concurrency))
        self._remote = None
        self.employments = EmploymentCache()
        self._company_listed = False
        self._legal_entity_names = None

    @property
    def remote(self):
        """The client of this thread's own calls (listing, employments, legal entities)."""
        if self._remote is None:
            self._remote = self.new_client()
        return self._remote

    def new_client(self):
        return self.connection._remote_client(gate=self._gate, on_retry=self.on_retry)

    def close(self):
        if self._remote is not None:
            self._remote.close()
            self._remote = None

    # --- documents ------------------------------------------------------------------------------

    def listed(self, periods, selection):
        """The summaries of the documents of ``periods`` that ``selection`` syncs, each once."""
        families = SELECTED_FAMILIES[selection]
        listed = {}
        for period in periods:
            for summary in self.remote.billing_documents(period):
                if family_of(summary.document_type) in families:
                    listed.setdefault(summary.id, summary)
        return list(listed.values())

    def documents(self, summaries, *, digest, known_digests=None, headers_only=False):
        """:class:`Fetched` for each of ``summaries``, in order, read ``remote_concurrency`` at a
        time (by that many threads and SPARE_READERS). A document whose digest is in
        ``known_digests`` is not read further (unchanged); ``headers_only`` reads no breakdown
        (what the sync wizard's preview needs)."""
        readers = self.connection.remote_concurrency + SPARE_READERS
        count = max(1, min(readers, len(summaries)))
        clients = [self.new_client() for _ in range(count)]
        try:
            yield from prefetch(
                clients,
                summaries,
                digest=digest,
                known_digests=known_digests or {},
                employments=self.employments if self.per_entity and not headers_only else None,
                window=READ_AHEAD,
                headers_only=headers_only,
            )
        finally:
            for client in clients:
                client.close()

    # --- what the bills are built from ------------------------------------------------------------

    def employments_read(self):
        """The employments read so far, as plain values: a resumed run :meth:`remember` them."""
        known = self.employments.known.copy()  # reading threads may add to it meanwhile
        return {ident: dataclasses.asdict(employment) for ident, employment in known.items()}

    def remember(self, employments):
        """Take ``employments`` (:meth:`employments_read` of an earlier run) as read."""
        self.employments.add({ident: Employment(**values) for ident, values in employments.items()})

    def employments_for(self, fetched):
        """The employments the bills of ``fetched`` are built from: per legal entity, those read
        with the document (only the show call has the bill-to entity); otherwise the company's
        listing, read once."""
        if self.per_entity:
            return fetched.employments
        if not any(line.employment_id for line in fetched.breakdown):
            return {}
        if not self._company_listed:
            employments = self.remote.employments(self.remote_company_id())
            # no reading thread adds to the cache in this mode: the builder may iterate it
            self.employments.add({employment.id: employment for employment in employments})
            self._company_listed = True
        return self.employments.known

    def employments_by_id(self, employment_ids):
        """The full employments (with their bill-to legal entity) for ``employment_ids``."""
        return self.employments.get(self.remote, employment_ids)

    def employee(self, employment_id):
        """The employment read for a breakdown line, or None."""
        return self.employments.known.get(employment_id)

    def legal_entity_names(self):
        """Remote legal entity id -> name, read once; per legal entity only."""
        if not self.per_entity:
            return {}
        if self._legal_entity_names is None:
            entities = self.remote.legal_entities(self.remote_company_id())
            self._legal_entity_names = {entity.id: entity.name for entity in entities}
        return self._legal_entity_names

    def remote_company_id(self):
        if not self.connection.remote_company_id:
            self.connection.remote_company_id = self.remote.identity().company_id
        return self.connection.remote_company_id


def summary_of(record):
    """The listing summary of a ``remote.netsuite.document`` (a retry reads it again)."""
    return BillingDocumentSummary(
        id=record.remote_id,
        period=record.period or None,
        document_type=record.remote_type or None,
        bill_from=record.bill_from or None,
    )
