"""What NetSuite holds against what Remote bills: each booked document once, amounts exact.

Remote is read again with the addon's client (a fresh read, not Odoo's mirror); a document's
bills minus its credits must equal its Remote total (credit notes: in absolute value)."""

from collections import Counter, defaultdict
from decimal import Decimal

from .addon import ADDON  # noqa: F401 - registers the addon package without Odoo
from .servers import TOKEN


def document_of(external_id):
    """Remote document id (lower case) of a bill's externalId ``remote-<id>[-s<subsidiary>]``."""
    return external_id.removeprefix("remote-").split("-s")[0]


def remote_totals(remote_url, periods):
    """Remote document id (lower case) -> (total in minor units, currency exponent)."""
    from remote_netsuite_connector.services.remote import RemoteClient
    from simulators.remote.catalog import CURRENCIES

    totals = {}
    with RemoteClient(remote_url, TOKEN) as client:
        for period in periods:
            for summary in client.billing_documents(period):
                document = client.billing_document(summary.id, bill_from=summary.bill_from)
                exponent = CURRENCIES[document.currency].exponent
                totals[summary.id.lower()] = (document.total, exponent)
    return totals


def compare(bills, totals, booked_documents):
    """Counts: duplicates (externalIds booked twice), missing (booked documents without a
    bill), stray (bills of documents not booked), wrong_amounts (net of bills != Remote)."""
    booked = {document.lower() for document in booked_documents}
    counts = Counter(bill["external_id"] for bill in bills)
    net = defaultdict(Decimal)
    for bill in bills:
        sign = -1 if bill["kind"] == "vendorCredit" else 1
        net[document_of(bill["external_id"])] += sign * Decimal(str(bill["total"]))
    wrong = 0
    for document, amount in net.items():
        if document in totals:
            total, exponent = totals[document]
            wrong += abs(amount) != abs(Decimal(total).scaleb(-exponent))
    return {
        "duplicates": sum(n - 1 for n in counts.values() if n > 1),
        "missing": len(booked - set(net)),
        "stray": len(set(net) - booked),
        "wrong_amounts": wrong,
    }
