"""Why a booked document would now be split differently across subsidiaries, in the user's words.

A split document is booked as one record per subsidiary, keyed by document and subsidiary, so a
booking that moves to other subsidiaries would leave the old records in place. The run refuses it
and names the cause: Remote re-issued the document with other legal entities, or the subsidiary
mapping of an entity changed since. When the user deleted the old records in NetSuite, the next
try books the document as it is now.
"""

from dataclasses import replace

from ..const import SYNCED
from ..services import bill_builder
from ..services.mapping import PER_ENTITY
from ..services.netsuite import NetSuiteError
from ..services.remote import RemoteError

# Outcome of a refused re-send of a document whose NetSuite records still match Remote's
# document: it stays synced, and the refusal is its warning.
KEPT = "kept"


class SplitGuard:
    """Asked by the bill maker about each document it built; ``gone_from_netsuite`` collects the
    externalIds of the records the user deleted in NetSuite (the writer drops them)."""

    def __init__(self, env, *, mappings, reader, netsuite, subsidiary_name):
        self.env = env
        self.mappings = mappings
        self.reader = reader
        self.netsuite = netsuite  # a NetSuiteLink
        self._subsidiary_name = subsidiary_name
        self.gone_from_netsuite = set()

    def check(self, record, outcome, employments, digest):
        """Refuse to book a document whose earlier NetSuite records the new booking would not
        replace (its split across subsidiaries changed): that would book it twice. A synced
        document Remote did not change (``digest``) keeps its records, which are still right."""
        if record is None or outcome.status != bill_builder.READY:
            return outcome
        booked = {bill.external_id: bill for bill in record.bill_ids if bill.internal_id}
        new_ids = {bill.external_id for bill in outcome.bills}
        left_over = sorted(set(booked) - new_ids)
        if not left_over:
            return outcome
        gone = self._deleted_in_netsuite(left_over)
        self.gone_from_netsuite |= gone  # the writer drops them with the new booking
        if gone == set(left_over):
            return outcome
        old_bills = [booked[key] for key in sorted(booked) if key not in gone]
        reasons, steps = self._split_causes(record, old_bills, outcome, employments)
        message = self.env._(
            "Not booked again: %(reasons)s. NetSuite has %(number)s as %(old)s in %(old_subs)s; "
            "booking it now would give %(new)s in %(new_subs)s and leave the old records in "
            "place, booking it twice. %(steps)s",
            reasons="; ".join(reasons),
            number=record.name or record.remote_id,
            old=", ".join(bill.external_id for bill in old_bills),
            old_subs=_joined(bill.subsidiary_name for bill in old_bills),
            new=", ".join(sorted(new_ids)),
            new_subs=_joined(self._subsidiary_name(bill.subsidiary_id) for bill in outcome.bills),
            steps=" ".join(steps),
        )
        if record.state == SYNCED and record.content_hash == digest:
            message = self.env._(
                "Still booked as before: NetSuite's records match Remote's document. %s", message
            )
            return replace(outcome, status=KEPT, bills=(), message=message)
        return replace(outcome, status=bill_builder.FAILED, bills=(), message=message)

    def _deleted_in_netsuite(self, external_ids):
        """Those of ``external_ids`` that NetSuite no longer has (the user deleted them)."""
        try:
            found = self.netsuite.client.get_bills(external_ids)
        except NetSuiteError:
            return set()  # cannot tell: refusing is safe, the next sync asks again
        return set(external_ids) - set(found)

    def _split_causes(self, record, old_bills, outcome, employments):
        """(reasons, steps) in words: what changed between the booking and now."""
        _ = self.env._
        old_records = ", ".join(bill.external_id for bill in old_bills)
        if self.mappings.entity_mode != PER_ENTITY:
            reason = _("the connection now books every legal entity in one subsidiary")
            step = _(
                "Map each legal entity to its subsidiary again, or delete %(records)s in NetSuite "
                "and retry this document.",
                records=old_records,
            )
            return [reason], [step]
        booked_in = self._booked_entities(record, old_bills, employments)
        new_entities = {entity for ids in outcome.legal_entities.values() for entity in ids}
        reasons, steps = [], []
        if booked_in is not None and set(booked_in) != new_entities:
            reasons.append(
                _(
                    "Remote re-issued %(number)s with legal entities %(old)s → %(new)s",
                    number=record.name or record.remote_id,
                    old=self._entity_list(booked_in),
                    new=self._entity_list(new_entities),
                )
            )
            steps.append(
                _(
                    "Delete %(records)s in NetSuite (unapply any payment first), then retry "
                    "this document: it is then booked as Remote issues it now.",
                    records=old_records,
                )
            )
        current = self.mappings.entity_subsidiary
        for entity, booked_bill in sorted((booked_in or {}).items()):
            if booked_bill is None or current.get(entity) in (
                None,
                booked_bill.subsidiary_internal_id,
            ):
                continue
            name = self._entity_list({entity})
            after = self._subsidiary_name(current[entity])
            before = booked_bill.subsidiary_name
            reasons.append(
                _(
                    "the subsidiary mapping of legal entity %(entity)s changed from %(before)s "
                    "to %(after)s",
                    entity=name,
                    before=before,
                    after=after,
                )
            )
            steps.append(
                _(
                    "Map %(entity)s to %(before)s again, or delete %(records)s in NetSuite and "
                    "retry this document to book it in %(after)s.",
                    entity=name,
                    before=before,
                    after=after,
                    records=old_records,
                )
            )
        if not reasons:
            reasons.append(_("its split across subsidiaries changed since it was booked"))
            steps.append(
                _("Delete %(records)s in NetSuite, then retry this document.", records=old_records)
            )
        return reasons, steps

    def _booked_entities(self, record, old_bills, employments):
        """{legal entity: the NetSuite record (document.bill) it was booked in, or None when not
        known}, or None when Remote cannot tell. Records booked before the entities were kept on
        them: the entities of the document's lines, which still hold the booked breakdown (the
        run writes the new one after this)."""
        booked = {
            entity: bill
            for bill in old_bills
            for entity in (bill.remote_legal_entities or "").split()
        }
        if booked:
            return booked
        wanted = sorted({ident for ident in record.line_ids.mapped("employment_id") if ident})
        known = dict(employments)
        missing = [ident for ident in wanted if ident not in known]
        if missing:
            try:
                known |= self.reader.employments_by_id(missing)
            except RemoteError:
                return None
        only = old_bills[0] if len(old_bills) == 1 else None
        return {known[ident].bill_to_legal_entity_id: only for ident in wanted}

    def _entity_list(self, entities):
        names = self.reader.legal_entity_names()
        return _joined(names.get(entity) or entity for entity in entities)


def _joined(names):
    return " + ".join(sorted(dict.fromkeys(names))) or "—"
