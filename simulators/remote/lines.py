"""Breakdown lines of a document, generated on demand from the seed and the document id.

Sign convention: prefunding and reconciliation invoices carry positive lines; a reconciliation
credit note carries POSITIVE lines and total (the amount of credit); the legacy negative
reconciliation invoice (pre-May-2023 style) carries negative lines and a negative total; the
zero-total reconciliation invoice carries two lines that cancel out.
"""

import random
import threading
from collections import OrderedDict
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from .catalog import CURRENCIES
from .model import BreakdownLine, Document, Employment

CATEGORIES = [
    ("Base Salary", "Base salary"),
    ("Employer Contributions", "Employer social contributions"),
    ("Benefits", "Health insurance and pension"),
    ("Management Fee", "EOR management fee"),
    ("Incentives", "Commission and bonus"),
    ("Expenses", "Reimbursed expenses"),
    ("Other Benefits", "Meal and internet allowance"),
    ("Tax Gross-up", "Tax gross-up on benefits"),
]
MAX_LINES_PER_EMPLOYMENT = len(CATEGORIES)
MANAGEMENT_FEE_USD = 599
PLATFORM_FEE_USD = 250
SAME_CURRENCY_RATE = "1.000000"
RATE_PLACES = Decimal("0.000001")
# Documents whose generated lines are kept: a client reads a document and then its breakdown, so
# the lines are generated once per document, and memory stays bounded at any scale.
RECENT_DOCUMENTS = 64


def _to_minor(usd: Decimal, currency: str) -> int:
    info = CURRENCIES[currency]
    return int((usd * info.per_usd * 10**info.exponent).quantize(Decimal(1), ROUND_HALF_UP))


def _period_wobble(period: str) -> Decimal:
    """A small, repeatable month-to-month move of exchange rates (-0.5 % .. +0.5 %)."""
    year, month = (int(part) for part in period.split("-"))
    return 1 + Decimal((year * 12 + month) * 7 % 11 - 5) / 1000


class LineFactory:
    def __init__(self, seed: int, lines_per_employment: int):
        self.seed = seed
        self.categories = CATEGORIES[: max(1, min(lines_per_employment, MAX_LINES_PER_EMPLOYMENT))]
        self.reconciled = [cat for cat in self.categories if cat[0] != "Management Fee"]
        self._recent: OrderedDict[str, list[BreakdownLine]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, document: Document) -> list[BreakdownLine]:
        if document.kind == "explicit":
            return list(document.explicit_lines or [])
        with self._lock:
            lines = self._recent.get(document.id)
            if lines is not None:
                self._recent.move_to_end(document.id)
        if lines is None:
            lines = self._generate(document)
            with self._lock:
                self._recent[document.id] = lines
                while len(self._recent) > RECENT_DOCUMENTS:
                    self._recent.popitem(last=False)
        return list(lines)  # the lines are frozen; the list is the caller's

    def _generate(self, document: Document) -> list[BreakdownLine]:
        rng = random.Random(f"{self.seed}:{document.id}")
        if document.kind == "prefunding":
            return self._prefunding(document, rng)
        if document.kind == "zero":
            return self._zero(document)
        if document.kind == "service":
            return [self._ad_hoc_line(document, rng)]
        lines = self._reconciliation(document, rng)
        if document.kind == "legacy_negative":
            return [_negated(line) for line in lines]
        if document.kind == "reconciliation" and rng.random() < 0.5:
            lines.append(self._ad_hoc_line(document, rng))
        return lines

    def _prefunding(self, document: Document, rng: random.Random) -> list[BreakdownLine]:
        lines = self._per_employment(document, rng, self.categories, lambda _rng: 1, "")
        if document.group.has_default_entity:
            fee = _to_minor(Decimal(PLATFORM_FEE_USD), document.currency)
            lines.append(
                self.make_line(document, None, "Management Fee", "Remote platform fee", fee)
            )
        return lines

    def _reconciliation(self, document: Document, rng: random.Random) -> list[BreakdownLine]:
        wording = " true-up" if document.kind == "reconciliation" else " over-estimate"
        return self._per_employment(document, rng, self.reconciled, _variance_share, wording)

    def _per_employment(self, document, rng, categories, share, wording) -> list[BreakdownLine]:
        """One line per employment of the group and category; ``share(rng)`` scales each."""
        lines = []
        for employment in document.group.employments:
            for category, description in categories:
                usd = self._component_usd(employment, category, rng) * share(rng)
                amount = max(1, _to_minor(usd, document.currency))
                text = description + wording
                lines.append(self.make_line(document, employment, category, text, amount))
        return lines

    def _zero(self, document: Document) -> list[BreakdownLine]:
        employments = list(document.group.employments[:2])
        first = employments[0] if employments else None
        second = employments[-1] if employments else None
        salary = first.monthly_salary_usd if first else 1000
        amount = max(1, _to_minor(Decimal(salary) / 100, document.currency))
        return [
            self.make_line(document, first, "Base Salary", "Base salary true-up", amount),
            self.make_line(document, second, "Base Salary", "Base salary over-estimate", -amount),
        ]

    def _ad_hoc_line(self, document: Document, rng: random.Random) -> BreakdownLine:
        amount = _to_minor(Decimal(rng.randrange(75, 300)), document.currency)
        return self.make_line(
            document, None, "Ad-hoc Service Costs", "Background checks and onboarding", amount
        )

    @staticmethod
    def _component_usd(employment: Employment, category: str, rng: random.Random) -> Decimal:
        salary = Decimal(employment.monthly_salary_usd)
        if category == "Base Salary":
            return salary
        if category == "Employer Contributions":
            return salary * employment.country.contribution_rate
        if category == "Benefits":
            return Decimal(employment.monthly_benefits_usd) * rng.randint(95, 105) / 100
        if category == "Management Fee":
            return Decimal(MANAGEMENT_FEE_USD)
        if category == "Incentives":
            return salary * rng.randint(0, 20) / 100
        if category == "Expenses":
            return Decimal(rng.randrange(20, 400))
        if category == "Other Benefits":
            return Decimal(rng.randrange(50, 200))
        return Decimal(rng.randrange(10, 150))

    @staticmethod
    def make_line(document, employment, category, description, amount) -> BreakdownLine:
        currency = document.currency
        source_currency = employment.country.currency if employment else currency
        source_amount, rate, variance = _convert(amount, currency, source_currency, document.period)
        return BreakdownLine(
            type=category,
            description=f"{description} {document.period}",
            employment_id=employment.id if employment else None,
            country_code=employment.country.alpha3 if employment else None,
            invoice_amount=amount,
            invoice_currency=currency,
            invoice_number=document.number,
            invoice_period=document.period,
            source_amount=source_amount,
            source_currency=source_currency,
            fx_rate=rate,
            variance_from_invoice="Rounding difference from currency conversion"
            if variance
            else None,
            variance_from_invoice_amount=variance or None,
        )


def _variance_share(rng: random.Random) -> Decimal:
    """Reconciliation differences: 0.5 % to 4 % of the estimated amount."""
    return Decimal(rng.randint(5, 40)) / 1000


def _negated(line: BreakdownLine) -> BreakdownLine:
    variance = line.variance_from_invoice_amount
    return replace(
        line,
        invoice_amount=-line.invoice_amount,
        source_amount=-line.source_amount,
        variance_from_invoice_amount=-variance if variance else variance,
    )


def _convert(amount: int, invoice_currency: str, source_currency: str, period: str):
    """Source amount, fx_rate string (source units per invoice unit) and rounding variance."""
    if source_currency == invoice_currency:
        return amount, SAME_CURRENCY_RATE, 0
    invoice_info, source_info = CURRENCIES[invoice_currency], CURRENCIES[source_currency]
    rate = (source_info.per_usd / invoice_info.per_usd * _period_wobble(period)).quantize(
        RATE_PLACES, ROUND_HALF_UP
    )
    shift = Decimal(10) ** (source_info.exponent - invoice_info.exponent)
    source_amount = int((amount * rate * shift).quantize(Decimal(1), ROUND_HALF_UP))
    back = int((source_amount / rate / shift).quantize(Decimal(1), ROUND_HALF_UP))
    return source_amount, f"{rate:f}", amount - back
