"""What the sync tells of a Remote billing document before booking it: its type as Odoo shows it,
the family the "pre-funding, reconciliation or both" choice selects it by, and the fingerprint
that tells a re-issue from a document already booked."""

import hashlib
import json

from ..const import PREFUNDING, RECONCILIATION
from ..services import remote

DOCUMENT_TYPES = [
    (remote.PREFUNDING_INVOICE, "Pre-funding invoice"),
    (remote.PREFUNDING_CREDIT_NOTE, "Pre-funding credit note"),
    (remote.RECONCILIATION_INVOICE, "Reconciliation invoice"),
    (remote.RECONCILIATION_CREDIT_NOTE, "Reconciliation credit note"),
    (remote.SUPPLEMENTAL_SERVICE_INVOICE, "Supplemental service invoice"),
    (remote.SUPPLEMENTAL_SERVICE_CREDIT_NOTE, "Supplemental service credit note"),
    ("other", "Other"),
]


def family_of(document_type):
    if document_type in remote.PREFUNDING_TYPES:
        return PREFUNDING
    if document_type in remote.KNOWN_TYPES:
        return RECONCILIATION
    return "other"


def content_hash(document):
    """Fingerprint of what Remote says about a document: a re-issue (new total, lines, date)
    changes it. The items of the show call mirror the breakdown lines, so no breakdown call is
    needed to tell that an already booked document is unchanged."""
    items = sorted((item.type, item.amount, item.employment_id or "") for item in document.items)
    content = [
        document.number,
        document.document_type,
        document.currency,
        str(document.issued_date),
        document.total,
        document.bill_from or "",
        items,
    ]
    return hashlib.sha256(json.dumps(content, default=str).encode()).hexdigest()
