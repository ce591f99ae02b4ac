"""The seeded OneWorld account: the list records a vendor bill refers to.

Internal ids depend on the seed.

Look records up by name, e.g. ``data.subsidiary("Acme Germany").internal_id``,
``data.currency("EUR")``, ``data.account("6000")``, ``data.vendor("Remote Europe Holding BV")``,
``data.period("2024-12")``.
"""

import calendar
import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

DEFAULT_CLOSED_PERIODS = ("2024-12",)
FIRST_PERIOD_YEAR = 2020
LAST_PERIOD_YEAR = 2030


@dataclass(frozen=True)
class Currency:
    internal_id: str
    name: str
    symbol: str  # ISO code
    decimals: int
    exchange_rate: Decimal  # to the base currency (USD)
    is_base: bool = False
    is_inactive: bool = False


@dataclass(frozen=True)
class Subsidiary:
    internal_id: str
    name: str
    currency_id: str
    country: str  # platformCommonTyp:Country, e.g. "_germany"
    parent_id: str | None = None
    is_inactive: bool = False


@dataclass(frozen=True)
class Account:
    internal_id: str
    number: str
    name: str
    acct_type: str  # listAcctTyp:AccountType, e.g. "_expense"
    subsidiary_ids: tuple[str, ...]
    include_children: bool = False
    is_inactive: bool = False

    @property
    def display_name(self):
        return f"{self.number} {self.name}"


@dataclass(frozen=True)
class Segment:
    """A department, class (``classification``) or location."""

    kind: str
    internal_id: str
    name: str
    subsidiary_ids: tuple[str, ...]
    include_children: bool = False
    is_inactive: bool = False


@dataclass(frozen=True)
class Vendor:
    internal_id: str
    name: str
    external_id: str | None
    subsidiary_id: str  # primary subsidiary
    shared_subsidiary_ids: tuple[str, ...]  # primary plus every subsidiary it is shared with
    currency_id: str  # primary currency
    currency_ids: tuple[str, ...]
    is_inactive: bool = False


@dataclass(frozen=True)
class VendorSubsidiaryRelationship:
    """One subsidiary a vendor is shared with (its primary subsidiary has one too)."""

    internal_id: str
    vendor_id: str
    subsidiary_id: str
    is_primary: bool


@dataclass(frozen=True)
class Period:
    internal_id: str
    key: str  # "YYYY-MM"
    name: str  # "Dec 2024", as NetSuite names monthly periods
    start: date
    end: date
    closed: bool = False


def _ids(rng, low, high):
    """Consecutive string ids from a seed-dependent start."""
    start = rng.randrange(low, high)
    return (str(n) for n in range(start, start + 10_000))


@dataclass
class SeedData:
    currencies: list[Currency] = field(default_factory=list)
    subsidiaries: list[Subsidiary] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)
    departments: list[Segment] = field(default_factory=list)
    classifications: list[Segment] = field(default_factory=list)
    locations: list[Segment] = field(default_factory=list)
    vendors: list[Vendor] = field(default_factory=list)
    vendor_subsidiaries: list[VendorSubsidiaryRelationship] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    first_transaction_id: int = 1

    # -- lookups by name -------------------------------------------------------------------------

    @staticmethod
    def _named(records, name, *attrs):
        wanted = name.casefold()
        for record in records:
            if any(str(getattr(record, attr)).casefold() == wanted for attr in attrs):
                return record
        raise KeyError(name)

    def currency(self, symbol_or_name) -> Currency:
        return self._named(self.currencies, symbol_or_name, "symbol", "name")

    def subsidiary(self, name) -> Subsidiary:
        return self._named(self.subsidiaries, name, "name")

    def account(self, number_or_name) -> Account:
        return self._named(self.accounts, number_or_name, "number", "name", "display_name")

    def department(self, name) -> Segment:
        return self._named(self.departments, name, "name")

    def classification(self, name) -> Segment:
        return self._named(self.classifications, name, "name")

    def location(self, name) -> Segment:
        return self._named(self.locations, name, "name")

    def vendor(self, name) -> Vendor:
        return self._named(self.vendors, name, "name")

    def period(self, key) -> Period:
        """``key`` is ``"YYYY-MM"`` or the period name (``"Dec 2024"``)."""
        return self._named(self.periods, key, "key", "name")

    def period_of(self, day: date) -> Period | None:
        return next((p for p in self.periods if p.start <= day <= p.end), None)

    @property
    def parent_subsidiary(self) -> Subsidiary:
        return next(s for s in self.subsidiaries if s.parent_id is None)

    def children_of(self, subsidiary_id) -> list[str]:
        direct = [s.internal_id for s in self.subsidiaries if s.parent_id == subsidiary_id]
        return direct + [grandchild for child in direct for grandchild in self.children_of(child)]

    def available_in(self, record) -> frozenset[str]:
        """Subsidiaries where an account or segment can be used (``includeChildren`` expanded)."""
        ids = set(record.subsidiary_ids)
        if record.include_children:
            for subsidiary_id in record.subsidiary_ids:
                ids.update(self.children_of(subsidiary_id))
        return frozenset(ids)

    def to_json(self) -> dict:
        def rows(records):
            return [
                {k: (str(v) if isinstance(v, Decimal | date) else v) for k, v in vars(r).items()}
                for r in records
            ]

        return {
            "currencies": rows(self.currencies),
            "subsidiaries": rows(self.subsidiaries),
            "accounts": rows(self.accounts),
            "departments": rows(self.departments),
            "classifications": rows(self.classifications),
            "locations": rows(self.locations),
            "vendors": rows(self.vendors),
            "vendor_subsidiaries": rows(self.vendor_subsidiaries),
            "periods": rows(self.periods),
        }


def build_seed(seed: int = 1, closed_periods=DEFAULT_CLOSED_PERIODS) -> SeedData:
    rng = random.Random(seed)
    data = SeedData()

    currency_ids = _ids(rng, 2, 9)
    cur = {}
    for symbol, name, decimals, rate, inactive in (
        ("EUR", "Euro", 2, "1.0875", False),
        ("GBP", "British pound", 2, "1.2650", False),
        ("JPY", "Japanese Yen", 0, "0.00667", False),
        ("CAD", "Canadian Dollar", 2, "0.7350", False),
        ("KWD", "Kuwaiti Dinar", 3, "3.2500", False),
        ("CHF", "Swiss Franc", 2, "1.1300", True),
    ):
        cur[symbol] = Currency(
            next(currency_ids), name, symbol, decimals, Decimal(rate), False, inactive
        )
    cur = {"USD": Currency("1", "US Dollar", "USD", 2, Decimal(1), is_base=True), **cur}
    data.currencies = list(cur.values())

    parent = Subsidiary("1", "Acme Holdings", cur["USD"].internal_id, "_unitedStates")
    subsidiary_ids = _ids(rng, 2, 12)
    sub = {parent.name: parent}
    for name, symbol, country, inactive in (
        ("Acme US", "USD", "_unitedStates", False),
        ("Acme Germany", "EUR", "_germany", False),
        ("Acme Netherlands", "EUR", "_netherlands", False),
        ("Acme UK", "GBP", "_unitedKingdom", False),
        ("Acme Japan", "JPY", "_japan", False),
        ("Acme Canada", "CAD", "_canada", False),
        ("Acme Kuwait", "KWD", "_kuwait", False),
        ("Acme France", "EUR", "_france", True),
    ):
        sub[name] = Subsidiary(
            next(subsidiary_ids),
            name,
            cur[symbol].internal_id,
            country,
            parent.internal_id,
            inactive,
        )
    data.subsidiaries = list(sub.values())

    def subs(*names):
        return tuple(sub[n].internal_id for n in names)

    everywhere = {"subsidiary_ids": subs("Acme Holdings"), "include_children": True}
    account_ids = _ids(rng, 100, 400)
    data.accounts = [
        Account(next(account_ids), number, name, acct_type, **restriction, is_inactive=inactive)
        for number, name, acct_type, restriction, inactive in (
            ("2000", "Accounts Payable", "_accountsPayable", everywhere, False),
            ("6000", "Salaries and Wages", "_expense", everywhere, False),
            ("6010", "Employer Payroll Taxes", "_expense", everywhere, False),
            ("6020", "Employee Benefits", "_expense", everywhere, False),
            ("6030", "EOR Management Fees", "_expense", everywhere, False),
            ("6040", "Travel and Expenses", "_expense",
             {"subsidiary_ids": subs("Acme US", "Acme Canada")}, False),
            ("6050", "Other Payroll Costs", "_expense",
             {"subsidiary_ids": subs("Acme Germany", "Acme Netherlands", "Acme UK")}, False),
            ("6060", "Recruiting", "_expense", everywhere, False),
            ("6070", "Contractors (old)", "_expense", everywhere, True),
            ("6080", "Bank Charges", "_otherExpense", everywhere, False),
            ("1000", "Operating Bank", "_bank", {"subsidiary_ids": subs("Acme US")}, False),
        )
    ]  # fmt: skip

    def segments(kind, low, high, rows):
        ids = _ids(rng, low, high)
        return [
            Segment(kind, next(ids), name, **restriction, is_inactive=inactive)
            for name, restriction, inactive in rows
        ]

    data.departments = segments("department", 1, 40, (
        ("Engineering", everywhere, False),
        ("Sales", everywhere, False),
        ("Marketing", everywhere, False),
        ("General & Administrative", everywhere, False),
        ("Customer Success", {"subsidiary_ids": subs("Acme US", "Acme UK", "Acme Canada")}, False),
        ("Legacy Operations", everywhere, True),
    ))  # fmt: skip
    data.classifications = segments("classification", 1, 40, (
        ("Payroll", everywhere, False),
        ("Pre-funding", everywhere, False),
        ("Reconciliation", everywhere, False),
        ("Discontinued", everywhere, True),
    ))  # fmt: skip
    data.locations = segments("location", 1, 40, (
        ("New York", {"subsidiary_ids": subs("Acme US")}, False),
        ("Berlin", {"subsidiary_ids": subs("Acme Germany")}, False),
        ("Amsterdam", {"subsidiary_ids": subs("Acme Netherlands")}, False),
        ("London", {"subsidiary_ids": subs("Acme UK")}, False),
        ("Remote (any)", everywhere, False),
        ("Old Warehouse", {"subsidiary_ids": subs("Acme US")}, True),
    ))  # fmt: skip

    active_currencies = tuple(c.internal_id for c in data.currencies if not c.is_inactive)
    operating = [s for s in data.subsidiaries if s.parent_id and not s.is_inactive]
    all_operating = tuple(s.internal_id for s in operating)
    vendor_ids = _ids(rng, 1000, 5000)
    data.vendors = [
        Vendor(next(vendor_ids), name, external_id, sub[primary].internal_id, shared,
               cur[currency].internal_id, currencies, inactive)
        for name, external_id, primary, shared, currency, currencies, inactive in (
            ("Remote Technology Services, Inc.", "remote-us", "Acme US", all_operating,
             "USD", active_currencies, False),
            ("Canada Remote Technology Inc.", "remote-ca", "Acme Canada",
             tuple(i for i in all_operating if i != sub["Acme Japan"].internal_id),
             "CAD", active_currencies, False),
            ("Remote Europe Holding BV", "remote-eu", "Acme Netherlands", all_operating,
             "EUR", active_currencies, False),
            ("Office Supplies Co.", None, "Acme US", subs("Acme US"),
             "USD", (cur["USD"].internal_id,), False),
            ("Berlin Catering GmbH", None, "Acme Germany", subs("Acme Germany"),
             "EUR", (cur["EUR"].internal_id,), False),
            ("Former Payroll Provider Ltd", None, "Acme UK", subs("Acme UK"),
             "GBP", (cur["GBP"].internal_id,), True),
        )
    ]  # fmt: skip

    closed = set(closed_periods)
    period_ids = _ids(rng, 1, 60)
    for year in range(FIRST_PERIOD_YEAR, LAST_PERIOD_YEAR + 1):
        for month in range(1, 13):
            key = f"{year:04d}-{month:02d}"
            last_day = calendar.monthrange(year, month)[1]
            name = f"{calendar.month_abbr[month]} {year}"
            data.periods.append(
                Period(next(period_ids), key, name, date(year, month, 1),
                       date(year, month, last_day), key in closed)
            )  # fmt: skip
    unknown = closed - {p.key for p in data.periods}
    if unknown:
        raise ValueError(
            f"Closed periods outside {FIRST_PERIOD_YEAR}-{LAST_PERIOD_YEAR}: {unknown}"
        )
    data.first_transaction_id = rng.randrange(10_000, 90_000)
    # drawn last so that adding these kept every other seeded id unchanged
    relationship_ids = _ids(rng, 100, 900)
    data.vendor_subsidiaries = [
        VendorSubsidiaryRelationship(
            next(relationship_ids), v.internal_id, subsidiary_id, subsidiary_id == v.subsidiary_id
        )
        for v in data.vendors
        for subsidiary_id in dict.fromkeys((v.subsidiary_id, *v.shared_subsidiary_ids))
    ]
    return data
