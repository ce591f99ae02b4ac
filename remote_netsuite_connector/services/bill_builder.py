"""Turn one Remote billing document and its breakdown into NetSuite vendor bill/credit payloads.

:func:`build_bills` is a pure function: no I/O, no NetSuite call. It never raises on Remote's data
(only on programmer errors, such as a mapping mode it does not know) and it stops a document before
anything is sent when a mapping is missing, naming every missing mapping at once.

Decisions the project issue left open:

Kinds and signs
    Invoices become vendor bills. Credit notes, and legacy negative invoices (a known invoice type
    with a negative total, Remote's convention before May 2023), become vendor credits with positive
    amounts. Credit notes are accepted in either sign convention: the breakdown must sum to the
    document total or, for credit notes only, to its opposite (header and breakdown disagreeing on
    sign). Every line is multiplied by the sign of the breakdown's sum, so the booked document is
    positive and a line whose sign is opposite to the document's stays a *negative* line amount
    (NetSuite accepts negative expense lines while the transaction total is not negative).
Subsidiaries
    Single-subsidiary mapping books everything to that subsidiary. Per-entity mapping books a line
    to the subsidiary of its employment's bill-to legal entity. Company-level lines (no employment,
    e.g. Remote's platform fee) go to the legal entity the document is billed to. Remote's API
    names no bill-to entity on a billing document, so that entity is derived from the employment
    lines (see :meth:`_Builder._billed_legal_entity`), never taken from an entity that has no
    employee on the document.
    An employment that is missing from ``employments``, or has no bill-to legal entity, is missing
    *Remote data*, not a mapping the accountant could fix: the document FAILS naming it.
Split documents
    Lines landing in several subsidiaries give one transaction per subsidiary. A subsidiary whose
    share is negative (e.g. an entity's over-funding returned on a reconciliation invoice) is booked
    as the opposite kind (a credit instead of a bill), so no transaction has a negative total; bills
    minus credits still equal the document total exactly. A share netting to exactly zero with
    non-zero lines is still booked (a zero-total transaction keeps the reclassification between
    accounts).
Zero-total documents
    A document totalling zero is booked like any other when its lines do not cancel out: e.g.
    +100.00 for one legal entity and -100.00 for another give a bill in the first entity's
    subsidiary and a credit in the other's. It has nothing to book (NOTHING_TO_BOOK) only when
    every subsidiary's share is zero on every line. Its figures are read as an invoice's (a
    positive line is owed to Remote; on a credit note, credited).
Lines
    One line per item (standard breakdown) or per (department, item) (department breakdown), amounts
    summed over employments; items netting to zero are left out. Lines are sorted by item, then by
    department name with "no department" last, so a re-run yields the same lines whatever order
    Remote lists the breakdown in.
External ids
    See :func:`external_id`.
Order of checks
    Unknown type (SKIPPED), then a zero total without any non-zero line (NOTHING_TO_BOOK), then
    Remote's data (FAILED, listing every problem found), then lines that all cancel out within
    their subsidiary (NOTHING_TO_BOOK), and only then the mappings (NEEDS_MAPPING, listing every
    missing one).
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from .currency import format_amount, minor_unit_exponent, normalize_code, to_decimal
from .mapping import (
    DEPARTMENT_BREAKDOWN,
    NO_DEPARTMENT,
    PER_ENTITY,
    SINGLE_SUBSIDIARY,
    STANDARD_BREAKDOWN,
    Mappings,
)
from .messages import Message, _lt, joined
from .netsuite.types import VENDOR_BILL, VENDOR_CREDIT, BillLine, BillPayload
from .remote.types import BillingDocument, BreakdownLine, Employment

READY = "ready"
NEEDS_MAPPING = "needs_mapping"
NOTHING_TO_BOOK = "nothing_to_book"
SKIPPED = "skipped"
FAILED = "failed"

_UTC_OFFSET = re.compile(r"[+-](?:[01]\d|2[0-3]):[0-5]\d")
_KIND_COUNTS = {  # (one, several)
    VENDOR_BILL: (
        _lt("%(count)s vendor bill of %(total)s %(currency)s"),
        _lt("%(count)s vendor bills of %(total)s %(currency)s"),
    ),
    VENDOR_CREDIT: (
        _lt("%(count)s vendor credit of %(total)s %(currency)s"),
        _lt("%(count)s vendor credits of %(total)s %(currency)s"),
    ),
}
SEMI = "; "  # between the items of a list in a message
AND = _lt(" and ")  # bills and credits of a summary (own call: nested ones are not extracted)
_OPPOSITE_KIND = {VENDOR_BILL: VENDOR_CREDIT, VENDOR_CREDIT: VENDOR_BILL}
_MAX_NAMED = 5  # lines named in one message before "and N more"
# (Remote department id or NO_DEPARTMENT, item): what one bill line sums
_LineKey = tuple[str, str]


@dataclass(frozen=True)
class BuildOutcome:
    status: str
    bills: tuple[BillPayload, ...] = ()
    # every missing mapping, human-readable, deduplicated, in a deterministic order
    missing: tuple[str, ...] = ()
    message: str = ""
    # externalId -> the Remote legal entities (ids, sorted) booked in it; per-entity mode only
    legal_entities: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def external_id(document_id: str, subsidiary_id: str | None = None) -> str:
    """NetSuite externalId of the transaction booking a Remote document or one subsidiary's share.

    A document booked as one transaction is keyed by Remote's document id alone, so a re-run is an
    upsert of the same record, whatever the mapping. A split document is keyed by document id and
    subsidiary id. Limitation: if the entity mapping changes between runs so that a document splits
    differently, its externalIds change and the earlier transactions are not replaced; the addon
    must guard this (e.g. refuse to re-book a booked document whose split changed).
    NetSuite compares externalIds case-insensitively, so the id is lower-cased here.
    """
    document_key = (document_id or "").strip().lower()
    if not document_key:
        raise ValueError("external_id needs a billing document id")
    if subsidiary_id is None:
        return f"remote-{document_key}"
    subsidiary_key = str(subsidiary_id).strip().lower()
    if not subsidiary_key:
        raise ValueError("external_id needs a non-empty subsidiary id")
    return f"remote-{document_key}-s{subsidiary_key}"


def build_bills(
    document: BillingDocument,
    breakdown: Sequence[BreakdownLine],
    employments: Mapping[str, Employment],
    mappings: Mappings,
    *,
    legal_entity_names: Mapping[str, str] | None = None,
    utc_offset: str = "+00:00",
) -> BuildOutcome:
    """Vendor bill/credit payloads for ``document``, or why there are none (see the module doc)."""
    if mappings.entity_mode not in (SINGLE_SUBSIDIARY, PER_ENTITY):
        raise ValueError(f"unknown entity mode {mappings.entity_mode!r}")
    if mappings.breakdown not in (STANDARD_BREAKDOWN, DEPARTMENT_BREAKDOWN):
        raise ValueError(f"unknown breakdown mode {mappings.breakdown!r}")
    if not isinstance(utc_offset, str) or not _UTC_OFFSET.fullmatch(utc_offset):
        raise ValueError(f"utc_offset must look like +02:00, not {utc_offset!r}")

    label = _document_label(document)
    if not document.is_known_type:
        return BuildOutcome(
            SKIPPED,
            message=_lt(
                'Remote document type "%(type)s" is not booked by this connector: %(label)s '
                "skipped.",
                type=document.document_type,
                label=label,
            ),
        )
    lines = tuple(breakdown)
    if _is_zero_document(document, lines) and not any(line.invoice_amount for line in lines):
        return _nothing_to_book(label)
    problems = _data_problems(document, lines, employments, mappings)
    if problems:
        return BuildOutcome(
            FAILED,
            message=_lt(
                "Cannot book %(label)s: %(problems)s.", label=label, problems=joined(problems, SEMI)
            ),
        )
    builder = _Builder(
        document,
        lines,
        employments,
        mappings,
        legal_entity_names=legal_entity_names or {},
        utc_offset=utc_offset,
    )
    return builder.build()


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_zero_document(document: BillingDocument, lines: tuple[BreakdownLine, ...]) -> bool:
    amounts = [line.invoice_amount for line in lines]
    return document.total == 0 and all(map(_is_int, amounts)) and sum(amounts) == 0


def _nothing_to_book(label: str) -> BuildOutcome:
    return BuildOutcome(
        NOTHING_TO_BOOK, message=_lt("Nothing to book: %(label)s totals zero.", label=label)
    )


def _document_label(document: BillingDocument) -> str:
    kind = str(document.document_type or "document").replace("_", " ")
    return f"Remote {kind} {document.number or document.id or '(no number)'}"


def _line_label(index: int, line: BreakdownLine) -> str:
    description = str(line.description or "").strip()
    if description:
        return _lt('line %(index)s ("%(description)s")', index=index, description=description)
    return _lt("line %(index)s", index=index)


def _named(labels: list[str]) -> str:
    shown = joined(labels[:_MAX_NAMED], ", ")
    if len(labels) <= _MAX_NAMED:
        return shown
    return _lt("%(shown)s and %(more)s more", shown=shown, more=len(labels) - _MAX_NAMED)


def _data_problems(
    document: BillingDocument,
    lines: tuple[BreakdownLine, ...],
    employments: Mapping[str, Employment],
    mappings: Mappings,
) -> list[str]:
    """Everything wrong with Remote's data itself: no mapping can fix these."""
    problems = []
    if not str(document.id or "").strip():
        problems.append(_lt("the document has no id"))
    if not str(document.number or "").strip():
        problems.append(_lt("the document has no invoice number"))
    if not isinstance(document.issued_date, date):
        problems.append(_lt("the document has no issue date"))
    code = normalize_code(document.currency)
    if minor_unit_exponent(code) is None:
        problems.append(_lt('unknown currency "%(code)s"', code=document.currency))

    other_currencies: dict[str, int] = {}
    untyped, non_integer = [], []
    for index, line in enumerate(lines, start=1):
        line_code = normalize_code(line.invoice_currency)
        if line.invoice_currency and line_code != code:
            other_currencies[line.invoice_currency] = (
                other_currencies.get(line.invoice_currency, 0) + 1
            )
        if not isinstance(line.type, str) or not line.type.strip():
            untyped.append(_line_label(index, line))
        if not _is_int(line.invoice_amount):
            non_integer.append(_line_label(index, line))
    for other, count in sorted(other_currencies.items(), key=lambda pair: str(pair[0])):
        problems.append(
            _lt(
                '%(count)s breakdown line(s) in currency "%(other)s", not the document currency '
                '"%(code)s"',
                count=count,
                other=other,
                code=code,
            )
        )
    if untyped:
        problems.append(_lt("breakdown %(lines)s without an item type", lines=_named(untyped)))
    if non_integer:
        problems.append(
            _lt(
                "breakdown %(lines)s without a whole amount in minor units",
                lines=_named(non_integer),
            )
        )

    if not _is_int(document.total):
        problems.append(_lt("the document total is not a whole amount in minor units"))
    elif not lines:
        problems.append(
            _lt(
                "Remote returned no breakdown lines for it, but its total is %(total)s",
                total=format_amount(document.total, code),
            )
        )
    elif not non_integer:
        problems.extend(_sum_problem(document, lines, code))
    problems.extend(_employment_problems(lines, employments, mappings))
    return problems


def _sum_problem(
    document: BillingDocument, lines: tuple[BreakdownLine, ...], code: str
) -> list[str]:
    lines_sum = sum(line.invoice_amount for line in lines)
    if lines_sum == document.total or (document.is_credit_note and lines_sum == -document.total):
        return []
    return [
        _lt(
            "Breakdown lines sum to %(sum)s but the document total is %(total)s",
            sum=format_amount(lines_sum, code),
            total=format_amount(document.total, code),
        )
    ]


def _employment_problems(
    lines: tuple[BreakdownLine, ...], employments: Mapping[str, Employment], mappings: Mappings
) -> list[str]:
    needs_legal_entity = mappings.entity_mode == PER_ENTITY
    if not needs_legal_entity and mappings.breakdown != DEPARTMENT_BREAKDOWN:
        return []
    unknown, without_legal_entity = {}, {}
    for line in lines:
        employment_id = line.employment_id
        if not employment_id:
            continue
        employment = employments.get(employment_id)
        if employment is None:
            unknown.setdefault(employment_id, f'"{employment_id}"')
        elif needs_legal_entity and not employment.bill_to_legal_entity_id:
            name = employment.full_name or employment_id
            without_legal_entity.setdefault(employment_id, f'"{name}" ({employment_id})')
    problems = []
    if unknown:
        problems.append(
            _lt(
                "employment(s) %(names)s on the breakdown are not among the employments read "
                "from Remote",
                names=_named(list(unknown.values())),
            )
        )
    if without_legal_entity:
        problems.append(
            _lt(
                "employment(s) %(names)s have no bill-to legal entity in Remote",
                names=_named(list(without_legal_entity.values())),
            )
        )
    return problems


class _Missing:
    """Missing mappings, deduplicated, reported in a fixed order whatever the input order."""

    def __init__(self):
        self._sort_keys: dict[str, tuple] = {}

    def add(self, name: str, *sort_key) -> None:
        self._sort_keys.setdefault(name, sort_key)

    def __bool__(self) -> bool:
        return bool(self._sort_keys)

    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self._sort_keys, key=lambda name: (self._sort_keys[name], name)))


class _Builder:
    def __init__(self, document, lines, employments, mappings, *, legal_entity_names, utc_offset):
        self.document = document
        self.utc_offset = utc_offset
        self.lines = lines
        self.employments = employments
        self.mappings = mappings
        self.legal_entity_names = legal_entity_names
        self.department_names = {
            employment.department_id: employment.department
            for employment in employments.values()
            if employment.department_id and employment.department
        } | {key: name for key, name in mappings.department_names.items() if name}
        self.code = normalize_code(document.currency)
        self.missing = _Missing()
        # +1 when Remote's figures are already in the booking direction, -1 to flip them
        self.direction = -1 if sum(line.invoice_amount for line in lines) < 0 else 1
        self.zero_total = _is_zero_document(document, lines)
        self.kind = VENDOR_CREDIT if document.is_credit_note or document.total < 0 else VENDOR_BILL

    def build(self) -> BuildOutcome:
        amounts = self._amounts()
        if self.zero_total and not amounts:
            return _nothing_to_book(_document_label(self.document))
        header = {"vendor_id": self._vendor_id(), "currency_id": self._currency_id()}
        subsidiaries = self._subsidiaries({legal_entity_id for legal_entity_id, _ in amounts})
        accounts = self._accounts({line_key for _, line_key in amounts})
        if self.missing:
            names = self.missing.names()
            return BuildOutcome(
                NEEDS_MAPPING,
                missing=names,
                message=_lt(
                    "Map these before %(label)s can be booked: %(names)s.",
                    label=_document_label(self.document),
                    names=joined(names, SEMI),
                ),
            )

        parts: dict[str, dict[_LineKey, int]] = {}
        entities: dict[str, set[str]] = {}
        for (legal_entity_id, line_key), amount in amounts.items():
            subsidiary_id = subsidiaries[legal_entity_id]
            part = parts.setdefault(subsidiary_id, {})
            part[line_key] = part.get(line_key, 0) + amount
            if legal_entity_id is not None:
                entities.setdefault(subsidiary_id, set()).add(legal_entity_id)
        # two legal entities of one subsidiary may cancel each other out on a line
        parts = {
            subsidiary_id: nonzero
            for subsidiary_id, part in sorted(parts.items())
            if (nonzero := {key: amount for key, amount in part.items() if amount})
        }
        if not parts:  # a zero-total document whose entities cancel out within a subsidiary
            return _nothing_to_book(_document_label(self.document))
        split = len(parts) > 1
        bills = tuple(
            self._payload(
                BillPayload(
                    kind=self.kind,
                    external_id=external_id(self.document.id, subsidiary_id if split else None),
                    tran_id=self.document.number,
                    tran_date=self.document.issued_date,
                    subsidiary_id=subsidiary_id,
                    memo=self._memo(entities.get(subsidiary_id, set())),
                    lines=(),
                    utc_offset=self.utc_offset,
                    **header,
                ),
                part,
                accounts,
            )
            for subsidiary_id, part in parts.items()
        )
        return BuildOutcome(
            READY,
            bills=bills,
            message=self._summary(bills),
            legal_entities={
                bill.external_id: tuple(sorted(entities[bill.subsidiary_id]))
                for bill in bills
                if bill.subsidiary_id in entities
            },
        )

    # -- mappings ------------------------------------------------------------------------------

    def _vendor_id(self) -> str | None:
        issuer = str(self.document.bill_from or "").strip()
        if not issuer:
            self.missing.add(
                _lt(
                    "Vendor for Remote entity "
                    "(the document does not name its issuing Remote entity)"
                ),
                0,
            )
            return None
        vendor_id = self.mappings.vendor_by_issuer.get(issuer)
        if not vendor_id:
            self.missing.add(_lt('Vendor for Remote entity "%(issuer)s"', issuer=issuer), 0)
        return vendor_id

    def _currency_id(self) -> str | None:
        currency_id = self.mappings.currency_by_code.get(self.code)
        if not currency_id:
            self.missing.add(_lt('NetSuite currency "%(code)s"', code=self.code), 1)
        return currency_id

    def _amounts(self) -> dict[tuple[str | None, _LineKey], int]:
        """Booked minor units per (legal entity, (department, item)); keys netting to zero dropped.

        The legal entity is None in single-subsidiary mode, the department NO_DEPARTMENT in the
        standard breakdown. Only what is actually booked needs a mapping.
        """
        company_entity = self._company_level_legal_entity()
        amounts: dict[tuple[str | None, _LineKey], int] = {}
        for line in self.lines:
            employment = self.employments.get(line.employment_id) if line.employment_id else None
            legal_entity_id = None
            if self.mappings.entity_mode == PER_ENTITY:
                legal_entity_id = (
                    employment.bill_to_legal_entity_id if employment else company_entity
                )
            department_id = NO_DEPARTMENT
            if self.mappings.breakdown == DEPARTMENT_BREAKDOWN and employment:
                department_id = employment.department_id or NO_DEPARTMENT
            key = (legal_entity_id, (department_id, line.type))
            amounts[key] = amounts.get(key, 0) + line.invoice_amount * self.direction
        return {key: amount for key, amount in amounts.items() if amount}

    def _company_level_legal_entity(self) -> str | None:
        if self.mappings.entity_mode != PER_ENTITY:
            return None
        entity = self._billed_legal_entity()
        if entity is None and any(not line.employment_id for line in self.lines):
            self.missing.add(
                _lt("Default Remote legal entity (receives company-level lines)"), 2, 0
            )
        return entity

    def _billed_legal_entity(self) -> str | None:
        """The legal entity the document is billed to, which its company-level lines go to.

        Remote's billing document has no bill-to entity (only each employment has one), so: the
        only legal entity of the document's employment lines; if they belong to several, Remote's
        default legal entity when it is one of them, else the one with the largest absolute
        amount of employment lines, ties broken by entity name (then id). A document without
        employment lines is billed to the default legal entity (None if there is none). The
        choice depends on the document alone, so reading it again books the same split.
        """
        shares: dict[str, int] = {}
        for line in self.lines:
            if line.employment_id:
                entity = self.employments[line.employment_id].bill_to_legal_entity_id
                shares[entity] = shares.get(entity, 0) + line.invoice_amount
        default = self.mappings.default_legal_entity_id
        if not shares or (default in shares and len(shares) > 1):
            return default
        return min(
            shares,
            key=lambda entity: (
                -abs(shares[entity]),
                self._legal_entity_name(entity).casefold(),
                entity,
            ),
        )

    def _subsidiaries(self, legal_entity_ids: set[str | None]) -> dict[str | None, str]:
        if self.mappings.entity_mode == SINGLE_SUBSIDIARY:
            if not self.mappings.single_subsidiary_id:
                self.missing.add(
                    _lt("Subsidiary for all Remote entities (single-subsidiary mapping)"), 2
                )
            return {None: self.mappings.single_subsidiary_id}
        subsidiaries = {}
        for legal_entity_id in legal_entity_ids - {None}:
            subsidiary_id = self.mappings.entity_subsidiary.get(legal_entity_id)
            if not subsidiary_id:
                name = self._legal_entity_name(legal_entity_id)
                self.missing.add(
                    _lt('Subsidiary for Remote legal entity "%(name)s"', name=name),
                    2,
                    1,
                    name.casefold(),
                )
            subsidiaries[legal_entity_id] = subsidiary_id
        return subsidiaries

    def _accounts(self, keys: set[_LineKey]) -> dict[_LineKey, str]:
        accounts = {}
        for department_id, item in keys:
            if self.mappings.breakdown == STANDARD_BREAKDOWN:
                account_id = self.mappings.item_account.get(item)
                name = _lt('Account for item "%(item)s"', item=item)
            else:
                account_id = self.mappings.department_item_account.get((department_id, item))
                name = _lt(
                    'Account for item "%(item)s" (%(department)s)',
                    item=item,
                    department=self._department_phrase(department_id),
                )
            if not account_id:
                self.missing.add(name, 3, *self._line_sort_key((department_id, item)))
            accounts[department_id, item] = account_id
        return accounts

    # -- names -----------------------------------------------------------------------------

    def _legal_entity_name(self, legal_entity_id: str) -> str:
        return self.legal_entity_names.get(legal_entity_id) or legal_entity_id

    def _department_name(self, department_id: str) -> str:
        return self.department_names.get(department_id) or department_id

    def _department_phrase(self, department_id: str) -> str:
        if department_id == NO_DEPARTMENT:
            return _lt("no department")
        return _lt('department "%(name)s"', name=self._department_name(department_id))

    def _line_sort_key(self, key: _LineKey) -> tuple:
        department_id, item = key
        no_department = department_id == NO_DEPARTMENT
        department_name = "" if no_department else self._department_name(department_id)
        return (item.casefold(), item, no_department, department_name.casefold(), department_id)

    # -- payloads --------------------------------------------------------------------------

    def _payload(
        self, header: BillPayload, part: dict[_LineKey, int], accounts: dict[_LineKey, str]
    ) -> BillPayload:
        """``header`` with the part's lines; a part netting negative books as the opposite kind."""
        part_sign = 1 if sum(part.values()) >= 0 else -1
        lines = tuple(
            self._bill_line(key, amount * part_sign, accounts[key])
            for key, amount in sorted(part.items(), key=lambda pair: self._line_sort_key(pair[0]))
        )
        if part_sign > 0:
            return replace(header, lines=lines)
        net = "credit" if self.kind == VENDOR_BILL else "charge"
        return replace(
            header,
            kind=_OPPOSITE_KIND[self.kind],
            memo=f"{header.memo}, this entity's share is a net {net}",
            lines=lines,
        )

    def _bill_line(self, key: _LineKey, amount: int, account_id: str) -> BillLine:
        department_id, item = key
        memo = item
        if self.mappings.breakdown == DEPARTMENT_BREAKDOWN:
            department = (
                "no department"
                if department_id == NO_DEPARTMENT
                else self._department_name(department_id)
            )
            memo = f"{item} — {department}"
        return BillLine(
            account_id=account_id,
            amount=to_decimal(amount, self.code),
            memo=memo,
            department_id=None
            if department_id == NO_DEPARTMENT
            else self.mappings.department_netsuite.get(department_id) or None,
        )

    def _memo(self, legal_entity_ids: set[str]) -> str:
        document = self.document
        kind = str(document.document_type).replace("_", " ")
        period = f" {document.period}" if document.period else ""
        memo = f"Remote {kind}{period} ({document.number})"
        if not document.is_credit_note and document.total < 0:
            memo += ", negative total booked as a credit"
        if legal_entity_ids:
            names = sorted(self._legal_entity_name(entity) for entity in legal_entity_ids)
            memo += ", legal entity " + " + ".join(names)
        return memo

    def _summary(self, bills: tuple[BillPayload, ...]) -> str:
        parts = []
        for kind in (VENDOR_BILL, VENDOR_CREDIT):
            of_kind = [bill for bill in bills if bill.kind == kind]
            if of_kind:
                one, several = _KIND_COUNTS[kind]
                total = sum((bill.total for bill in of_kind), to_decimal(0, self.code))
                count = len(of_kind)
                parts.append(
                    Message(
                        (one if count == 1 else several).template,
                        {"count": count, "total": f"{total:,}", "currency": self.code},
                    )
                )
        return _lt(
            "Ready to book %(label)s: %(bills)s.",
            label=_document_label(self.document),
            bills=joined(parts, AND),
        )
