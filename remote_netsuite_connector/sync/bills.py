"""Where a bill is built: a document read from Remote becomes the NetSuite vendor bill(s) or
credit(s) it is booked as (services.bill_builder, with the connection's mappings), checked by the
split guard, with messages a person can read. A sync run and the bill preview both build here."""

import re
from dataclasses import replace

from ..services.bill_builder import build_bills
from ..services.remote import RemoteDataError, RemoteNotFound
from ..tools.service_text import translated
from .split_guard import SplitGuard

MESSAGE_LIMIT = 1000
_LONG_WORD = re.compile(r"\S{81,}")


class NetSuiteLink:
    """A NetSuite client made on first use (making one may load the WSDL); ``close()`` it."""

    def __init__(self, connection, *, on_retry=None):
        self.connection = connection
        self.on_retry = on_retry
        self._client = None

    @property
    def client(self):
        if self._client is None:
            self._client = self.connection._netsuite_client(on_retry=self.on_retry)
        return self._client

    def close(self):
        if self._client is not None:
            self._client.close()
            self._client = None


class BillMaker:
    """Builds the bills of the documents a :class:`~.reader.RemoteReader` read."""

    def __init__(self, connection, reader, *, mappings, netsuite):
        self.connection = connection
        self.env = connection.env
        self.reader = reader
        self.mappings = mappings
        self._subsidiary_names = None
        self.split_guard = SplitGuard(
            self.env,
            mappings=mappings,
            reader=reader,
            netsuite=netsuite,
            subsidiary_name=self.subsidiary_name,
        )

    def build(self, fetched, record=None):
        """``(outcome, "")`` for ``fetched`` (a BuildOutcome, see services.bill_builder), or
        ``(None, why)`` when Remote could not give what its bills are built from. ``record``: the
        document as booked before (the split guard compares)."""
        if fetched.error:
            return None, readable(fetched.error)
        employments = fetched.employments
        if fetched.breakdown is not None:
            try:
                employments = self.reader.employments_for(fetched)
            except (RemoteNotFound, RemoteDataError) as error:
                return None, translated(self.env, error)
        outcome = build_bills(
            fetched.document,
            fetched.breakdown or (),
            employments,
            self.mappings,
            legal_entity_names=self.reader.legal_entity_names(),
            utc_offset=self.connection._netsuite_utc_offset(fetched.document.issued_date),
        )
        if len(outcome.message) > MESSAGE_LIMIT or _LONG_WORD.search(outcome.message):
            outcome = replace(outcome, message=readable(outcome.message))
        return self.split_guard.check(record, outcome, employments or {}, fetched.digest), ""

    @property
    def gone_from_netsuite(self):
        """externalIds of booked records the user deleted in NetSuite (see SplitGuard)."""
        return self.split_guard.gone_from_netsuite

    def subsidiary_name(self, internal_id):
        if self._subsidiary_names is None:
            rows = self.env["remote.netsuite.subsidiary"].search_read(
                [("connection_id", "=", self.connection.id)], ["internal_id", "name"]
            )
            self._subsidiary_names = {row["internal_id"]: row["name"] for row in rows}
        return self._subsidiary_names.get(internal_id) or internal_id


def readable(message):
    """``message`` with the values Remote sent elided when absurdly long (a 200,000-character
    currency code is quoted back as its start and its length), at most MESSAGE_LIMIT long."""
    message = _LONG_WORD.sub(lambda m: f"{m.group()[:40]}… ({len(m.group())} characters)", message)
    return message if len(message) <= MESSAGE_LIMIT else message[: MESSAGE_LIMIT - 1] + "…"
