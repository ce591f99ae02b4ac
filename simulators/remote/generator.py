"""A reproducible company: legal entities, departments, employments and billing documents.

Everything derives from the seed: ids are UUIDv5 under a namespace made from the seed, random
choices come from ``random.Random`` seeded with it. Breakdown lines are produced on demand by
``LineFactory`` (see lines.py), so even the large scale keeps only document headers in memory.
"""

import calendar
import random
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from .catalog import (
    COUNTRIES,
    DEPARTMENT_NAMES,
    EOR_WORK_COUNTRIES,
    FIRST_NAMES,
    JOB_TITLES,
    LAST_NAMES,
    LEGAL_ENTITY_CATALOG,
    bill_from_for,
)
from .lines import LineFactory
from .model import (
    PREFUNDING_INVOICE,
    RECONCILIATION_CREDIT_NOTE,
    RECONCILIATION_INVOICE,
    BillingGroup,
    Company,
    Department,
    Document,
    Employment,
    LegalEntity,
)

NO_DEPARTMENT_SHARE = 0.15
FOREIGN_WORKER_SHARE = 0.25
CREDIT_NOTE_SHARE = 0.3
RECONCILIATION_BUSINESS_DAY = 4


@dataclass(frozen=True)
class Scale:
    legal_entities: int
    employments: int
    months: int
    lines_per_employment: int


SCALES = {
    "demo": Scale(legal_entities=6, employments=24, months=3, lines_per_employment=4),
    "small": Scale(legal_entities=1, employments=20, months=3, lines_per_employment=4),
    "medium": Scale(legal_entities=10, employments=500, months=12, lines_per_employment=4),
    "large": Scale(legal_entities=40, employments=2000, months=12, lines_per_employment=5),
}


def parse_period(period: str) -> tuple[int, int]:
    """(year, month) of a "YYYY-MM" string; ValueError when it is not a real month."""
    if len(period) != 7 or period[4] != "-" or not (period[:4] + period[5:]).isdigit():
        raise ValueError(f"not a YYYY-MM period: {period!r}")
    year, month = int(period[:4]), int(period[5:])
    if not 1 <= month <= 12 or year < 1:
        raise ValueError(f"not a YYYY-MM period: {period!r}")
    return year, month


def shift_period(period: str, months: int) -> str:
    year, month = parse_period(period)
    index = year * 12 + month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def business_day(year: int, month: int, nth: int) -> date:
    """The nth weekday (Mon-Fri) of a month; public holidays are not modelled."""
    day, seen = date(year, month, 1), 0
    while True:
        if day.weekday() < 5:
            seen += 1
            if seen == nth:
                return day
        day += timedelta(days=1)


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(char for char in plain.lower() if char.isalnum())


class CompanyData:
    """``sim.data``: the generated company and its billing documents."""

    def __init__(self, seed: int, scale: Scale, start_period: str, months: int | None = None):
        self.seed = seed
        self.scale = scale
        self.start_period = start_period
        self.months = scale.months if months is None else months
        self.periods = [shift_period(start_period, offset) for offset in range(self.months)]
        self._namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"remote-simulator:{seed}")
        self._rng = random.Random(seed)
        self.line_factory = LineFactory(seed, scale.lines_per_employment)
        self._counters = {"INV": 100, "CN": 0}

        self.company = Company(
            id=self.make_id("company"),
            name="Acme Holdings",
            user_id=self.make_id("user"),
            user_name="Ada Admin",
            user_email="ada.admin@acme.example",
        )
        self.legal_entities = self._make_legal_entities()
        self.departments = [
            Department(self.make_id(f"department:{name}"), self.company.id, name)
            for name in DEPARTMENT_NAMES
        ]
        self.employments = self._make_employments()
        self.employments_by_id = {employment.id: employment for employment in self.employments}
        self.groups = self._make_groups()
        self.documents: list[Document] = []
        self.documents_by_id: dict[str, Document] = {}
        for document in self._make_documents():
            self._register(document)

    @property
    def company_id(self) -> str:
        return self.company.id

    def make_id(self, key: str) -> str:
        return str(uuid.uuid5(self._namespace, key))

    # -- reading -------------------------------------------------------------------------------

    def visible_documents(self, today: date | None = None, period: str | None = None):
        return [
            document
            for document in self.documents
            if (today is None or document.issued_date <= today)
            and (period is None or document.period == period)
        ]

    def group_for_currency(self, currency: str) -> BillingGroup:
        for group in self.groups:
            if group.currency == currency:
                return group
        return BillingGroup(currency, (), ())

    # -- changing at runtime (tests of late and re-issued documents) -------------------------------

    def add_document(
        self,
        period: str,
        document_type: str = RECONCILIATION_INVOICE,
        currency: str | None = None,
        *,
        lines: list[dict] | None = None,
        issued_date: date | None = None,
    ) -> Document:
        """Issue one more document. ``lines``: dicts with ``type``, ``amount`` (minor units) and
        optional ``employment_id`` and ``description``; without them lines are generated as
        for a document of that type (any other type gets one "Ad-hoc Service Costs" line)."""
        group = self.group_for_currency(currency or self.legal_entities[0].currency)
        kind = {
            PREFUNDING_INVOICE: "prefunding",
            RECONCILIATION_INVOICE: "reconciliation",
        }.get(document_type, "credit_note" if document_type.endswith("_credit_note") else "service")
        if lines is not None:
            kind = "explicit"
        if issued_date is None:
            year, month = parse_period(period if kind == "prefunding" else shift_period(period, 1))
            nth = 1 if kind == "prefunding" else RECONCILIATION_BUSINESS_DAY
            issued_date = business_day(year, month, nth)
        key = f"added:{len(self.documents)}"
        document = self.new_document(
            period, group, kind, issued_date, key=key, document_type=document_type
        )
        if lines is not None:
            document.explicit_lines = [self._explicit_line(document, line) for line in lines]
        self._register(document)
        return document

    def reissue(
        self,
        document_id: str,
        total_delta: int,
        *,
        description: str = "Re-issue correction",
        employment_id: str | None = None,
        issued_date: date | None = None,
    ) -> Document:
        """Change a document in place (same id and number): one "Adjustments" line of
        ``total_delta`` minor units is added, so the total moves by exactly that much."""
        document = self.documents_by_id[document_id]
        line = {"type": "Adjustments", "amount": total_delta, "description": description}
        document.adjustments.append(
            self._explicit_line(document, {**line, "employment_id": employment_id})
        )
        document.forget_total()
        if issued_date is not None:
            document.issued_date = issued_date
        return document

    def _explicit_line(self, document: Document, line: dict):
        employment = self.employments_by_id.get(line.get("employment_id"))
        description = line.get("description") or line["type"]
        return self.line_factory.make_line(
            document, employment, line["type"], description, int(line["amount"])
        )

    # -- building ------------------------------------------------------------------------------

    def _make_legal_entities(self) -> list[LegalEntity]:
        count = max(1, min(self.scale.legal_entities, len(LEGAL_ENTITY_CATALOG)))
        entities = []
        for index, (alpha2, name) in enumerate(LEGAL_ENTITY_CATALOG[:count]):
            country = COUNTRIES[alpha2]
            entities.append(
                LegalEntity(
                    id=self.make_id(f"legal-entity:{alpha2}"),
                    name=name,
                    country_code=country.alpha3,
                    currency=country.currency,
                    is_default=index == 0,
                )
            )
        return entities

    def _make_employments(self) -> list[Employment]:
        rng = self._rng
        employments = []
        for index in range(self.scale.employments):
            entity = self.legal_entities[index % len(self.legal_entities)]
            alpha2 = next(a2 for a2, c in COUNTRIES.items() if c.alpha3 == entity.country_code)
            if rng.random() < FOREIGN_WORKER_SHARE:
                alpha2 = rng.choice(EOR_WORK_COUNTRIES)
            department = None
            if rng.random() >= NO_DEPARTMENT_SHARE:
                department = rng.choice(self.departments)
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            employments.append(
                Employment(
                    id=self.make_id(f"employment:{index}"),
                    company_id=self.company.id,
                    full_name=f"{first} {last}",
                    job_title=rng.choice(JOB_TITLES[department.name if department else None]),
                    country=COUNTRIES[alpha2],
                    department_id=department.id if department else None,
                    department=department.name if department else None,
                    bill_to_legal_entity_id=entity.id,
                    external_id=f"EMP-{index + 1:05d}",
                    short_id=f"{rng.getrandbits(24):06X}",
                    work_email=f"{_ascii(first)}.{_ascii(last)}.{index + 1}@acme.example",
                    monthly_salary_usd=rng.randrange(4000, 14001, 50),
                    monthly_benefits_usd=rng.randrange(150, 601, 5),
                )
            )
        return employments

    def _make_groups(self) -> list[BillingGroup]:
        groups = []
        for currency in dict.fromkeys(entity.currency for entity in self.legal_entities):
            entities = tuple(e for e in self.legal_entities if e.currency == currency)
            entity_ids = {entity.id for entity in entities}
            employments = tuple(
                e for e in self.employments if e.bill_to_legal_entity_id in entity_ids
            )
            if employments:
                groups.append(BillingGroup(currency, entities, employments))
        return groups

    def _make_documents(self) -> list[Document]:
        reconciliation_slots = len(self.periods) * len(self.groups)
        special = {0: "legacy_negative", reconciliation_slots - 1: "zero"}
        if reconciliation_slots >= 3:
            special[reconciliation_slots // 2] = "credit_note"
        headers, slot = [], 0
        for period in self.periods:
            year, month = parse_period(period)
            next_year, next_month = parse_period(shift_period(period, 1))
            for group in self.groups:
                headers.append((business_day(year, month, 1), group, period, "prefunding"))
                kind = special.get(slot)
                if kind is None:
                    credit = self._rng.random() < CREDIT_NOTE_SHARE
                    kind = "credit_note" if credit else "reconciliation"
                issued = business_day(next_year, next_month, RECONCILIATION_BUSINESS_DAY)
                headers.append((issued, group, period, kind))
                slot += 1
        headers.sort(key=lambda header: header[0])  # stable: group order kept within a day
        return [
            self.new_document(period, group, kind, issued, key=f"{period}:{group.currency}:{kind}")
            for issued, group, period, kind in headers
        ]

    def new_document(self, period, group, kind, issued_date, *, key, document_type=None):
        if document_type is None:
            document_type = {
                "prefunding": PREFUNDING_INVOICE,
                "credit_note": RECONCILIATION_CREDIT_NOTE,
            }.get(kind, RECONCILIATION_INVOICE)
        prefix = "CN" if document_type.endswith("_credit_note") else "INV"
        self._counters[prefix] += 1
        return Document(
            id=self.make_id(f"document:{key}"),
            number=f"{prefix}-{issued_date.year}-{self._counters[prefix]:06d}",
            period=period,
            type=document_type,
            currency=group.currency,
            company_id=self.company.id,
            issued_date=issued_date,
            bill_from=bill_from_for(group.currency),
            group=group,
            kind=kind,
            line_source=self.line_factory,
        )

    def _register(self, document: Document) -> None:
        self.documents.append(document)
        self.documents_by_id[document.id] = document


def default_start_period(today: date | None = None) -> str:
    """Two months before the current month, so that the demo has recent data."""
    today = today or date.today()
    return shift_period(f"{today.year:04d}-{today.month:02d}", -2)


def last_day(period: str) -> date:
    year, month = parse_period(period)
    return date(year, month, calendar.monthrange(year, month)[1])
