"""SuiteQL over the seeded account: the NetSuite2.com tables the connector reads, strictly parsed.

Only this shape is understood; anything else is refused as NetSuite refuses a bad query (400
``USER_ERROR`` "Invalid search query. ...") rather than answered approximately:

    SELECT item [, item ...] FROM table
        [WHERE column = ? [AND column = ? ...]]
        [ORDER BY column [ASC|DESC] [, ...]]

    item := column [AS alias] | TO_CHAR(column, 'YYYY-MM-DD') [AS alias]

Values come back as NetSuite sends them: strings, booleans as "T"/"F", raw dates as M/D/YYYY
(UNCONFIRMED display format, DATE_FORMAT), null columns left out of the item.
"""

import re
from dataclasses import dataclass
from datetime import date

from .bookings import BILL

DATE_FORMAT = "{d.month}/{d.day}/{d.year}"  # the simulated company's date preference
ISO_FORMAT = "'YYYY-MM-DD'"
MAX_LIMIT = 1000  # rows per page (UNCONFIRMED what NetSuite does with more: refused here)
MAX_ROWS = 100_000  # NetSuite's SuiteQL ceiling without SuiteAnalytics Connect

# SOAP Country enum -> the ISO code SuiteQL's subsidiary.country holds
COUNTRIES = {
    "_unitedStates": "US",
    "_germany": "DE",
    "_netherlands": "NL",
    "_unitedKingdom": "GB",
    "_japan": "JP",
    "_canada": "CA",
    "_kuwait": "KW",
    "_france": "FR",
}
# SOAP AccountType enum -> SuiteQL's accttype id
ACCOUNT_TYPES = {
    "_accountsPayable": "AcctPay",
    "_expense": "Expense",
    "_otherExpense": "OthExpense",
    "_bank": "Bank",
}


class QueryError(Exception):
    """A query NetSuite would refuse: 400 USER_ERROR with this detail."""


def _ids(ids) -> str:
    return ", ".join(ids)


def _segment_columns():
    return {
        "id": lambda r: r.internal_id,
        "name": lambda r: r.name,
        "fullname": lambda r: r.name,
        "parent": lambda r: None,
        "subsidiary": lambda r: _ids(r.subsidiary_ids),
        "includechildren": lambda r: r.include_children,
        "isinactive": lambda r: r.is_inactive,
        "externalid": lambda r: None,
    }


def _tables(sim):
    data = sim.data
    return {
        "subsidiary": (
            lambda: data.subsidiaries,
            {
                "id": lambda r: r.internal_id,
                "name": lambda r: r.name,
                "fullname": lambda r: (
                    r.name if r.parent_id is None else f"Acme Holdings : {r.name}"
                ),
                "parent": lambda r: r.parent_id,
                "currency": lambda r: r.currency_id,
                "country": lambda r: COUNTRIES.get(r.country),
                "iselimination": lambda r: False,
                "isinactive": lambda r: r.is_inactive,
                "legalname": lambda r: r.name,
                "externalid": lambda r: None,
            },
        ),
        "account": (
            lambda: data.accounts,
            {
                "id": lambda r: r.internal_id,
                "acctnumber": lambda r: r.number,
                "accountsearchdisplayname": lambda r: r.display_name,
                "accountsearchdisplaynamecopy": lambda r: r.name,
                "fullname": lambda r: r.name,
                "displaynamewithhierarchy": lambda r: r.display_name,
                "accttype": lambda r: ACCOUNT_TYPES[r.acct_type],
                "isinactive": lambda r: r.is_inactive,
                "issummary": lambda r: False,
                "parent": lambda r: None,
                "subsidiary": lambda r: _ids(r.subsidiary_ids),
                "includechildren": lambda r: r.include_children,
                "externalid": lambda r: None,
            },
        ),
        "department": (lambda: data.departments, _segment_columns()),
        "classification": (lambda: data.classifications, _segment_columns()),
        "location": (lambda: data.locations, _segment_columns()),
        "vendor": (
            lambda: data.vendors,
            {
                "id": lambda r: r.internal_id,
                "entityid": lambda r: r.name,
                "companyname": lambda r: r.name,
                "isperson": lambda r: False,
                "isinactive": lambda r: r.is_inactive,
                "subsidiary": lambda r: r.subsidiary_id,
                "currency": lambda r: r.currency_id,
                "externalid": lambda r: r.external_id,
            },
        ),
        "vendorsubsidiaryrelationship": (
            lambda: data.vendor_subsidiaries,
            {
                "id": lambda r: r.internal_id,
                "entity": lambda r: r.vendor_id,
                "subsidiary": lambda r: r.subsidiary_id,
                "isprimarysub": lambda r: r.is_primary,
            },
        ),
        "currency": (
            lambda: data.currencies,
            {
                "id": lambda r: r.internal_id,
                "name": lambda r: r.name,
                "symbol": lambda r: r.symbol,
                "isbasecurrency": lambda r: r.is_base,
                "isinactive": lambda r: r.is_inactive,
                "currencyprecision": lambda r: r.decimals,
                "exchangerate": lambda r: r.exchange_rate,
                "externalid": lambda r: None,
            },
        ),
        "accountingperiod": (
            lambda: data.periods,
            {
                "id": lambda r: r.internal_id,
                "periodname": lambda r: r.name,
                "startdate": lambda r: r.start,
                "enddate": lambda r: r.end,
                "closed": lambda r: r.closed,
                "aplocked": lambda r: r.closed,
                "arlocked": lambda r: r.closed,
                "alllocked": lambda r: r.closed,
                "isposting": lambda r: True,
                "isquarter": lambda r: False,
                "isyear": lambda r: False,
                "isadjust": lambda r: False,
                "isinactive": lambda r: False,
                "parent": lambda r: None,
            },
        ),
        "transaction": (
            sim.book.all,
            {
                "id": lambda t: t.internal_id,
                "tranid": lambda t: t.tran_id,
                "externalid": lambda t: t.external_id,
                "type": lambda t: "VendBill" if t.kind == BILL else "VendCred",
                "recordtype": lambda t: t.kind.lower(),
                "trandate": lambda t: t.tran_date,
                "entity": lambda t: t.vendor_id,
                "currency": lambda t: t.currency_id,
                "memo": lambda t: t.memo,
                "postingperiod": lambda t: t.posting_period_id,
                "foreigntotal": lambda t: t.total,
            },
        ),
    }


@dataclass(frozen=True)
class Query:
    table: str
    items: tuple  # (column, alias, iso_date)
    where: tuple  # columns compared with ? parameters, in order
    order: tuple  # (column, descending)


_TOKEN = re.compile(r"\s*(?:('(?:[^']|'')*')|([A-Za-z_][A-Za-z0-9_]*)|(\?)|(,|\(|\)|=)|(\S))")


def _tokens(text: str) -> list[str]:
    found = []
    for match in _TOKEN.finditer(text):
        literal, word, param, punct, other = match.groups()
        if other is not None:
            raise QueryError(f"Invalid search query. Unexpected character {other!r}.")
        found.append(literal or (word and word.lower()) or param or punct)
    return found


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.position = 0

    def peek(self):
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, expected=None):
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            wanted = expected.upper() if expected else "more text"
            raise QueryError(f"Invalid search query. Expected {wanted} near {token or 'the end'}.")
        self.position += 1
        return token

    def name(self):
        token = self.take()
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", token) or token in _KEYWORDS:
            raise QueryError(f"Invalid search query. Unexpected {token!r}.")
        return token

    def item(self):
        if self.peek() == "to_char":
            self.take()
            self.take("(")
            column = self.name()
            self.take(",")
            if self.take() != ISO_FORMAT:
                raise QueryError("Invalid search query. Only TO_CHAR(column, 'YYYY-MM-DD').")
            self.take(")")
            iso = True
        else:
            column, iso = self.name(), False
        alias = column
        if self.peek() == "as":
            self.take()
            alias = self.name()
        return column, alias, iso

    def parse(self) -> Query:
        self.take("select")
        items = [self.item()]
        while self.peek() == ",":
            self.take()
            items.append(self.item())
        self.take("from")
        table = self.name()
        where, order = [], []
        if self.peek() == "where":
            self.take()
            while True:
                where.append(self.name())
                self.take("=")
                self.take("?")
                if self.peek() != "and":
                    break
                self.take()
        if self.peek() == "order":
            self.take()
            self.take("by")
            while True:
                column = self.name()
                descending = self.peek() in ("asc", "desc") and self.take() == "desc"
                order.append((column, descending))
                if self.peek() != ",":
                    break
                self.take()
        if self.peek() is not None:
            raise QueryError(f"Invalid search query. Unexpected {self.peek()!r}.")
        return Query(table, tuple(items), tuple(where), tuple(order))


_KEYWORDS = {"select", "from", "where", "and", "order", "by", "as", "asc", "desc", "to_char"}


def _text(value, iso=False):
    if isinstance(value, bool):
        return "T" if value else "F"
    if isinstance(value, date):
        return value.isoformat() if iso else DATE_FORMAT.format(d=value)
    return None if value is None else str(value)


def _sort_key(value):
    text = "" if value is None else str(value)
    return (0, int(text), "") if text.isdigit() else (1, 0, text)


def run(sim, text: str, params) -> list[dict]:
    """Every row of the query, as SuiteQL items (without links)."""
    if not isinstance(text, str) or not text.strip():
        raise QueryError("Invalid search query. The query is empty.")
    query = _Parser(text).parse()
    tables = _tables(sim)
    # a table the role may not read is "not found", as NetSuite answers it
    if query.table not in tables or sim.is_denied(query.table):
        raise QueryError(
            f"Invalid search query. Search error occurred: Record '{query.table}' was not found."
        )
    records, columns = tables[query.table]
    named = [c for c, _a, _i in query.items] + list(query.where) + [c for c, _d in query.order]
    for column in named:
        if column not in columns:
            raise QueryError(
                "Invalid search query. Search error occurred: Field "
                f"'{column}' for record '{query.table}' was not found."
            )
    params = list(params or [])
    if len(params) != len(query.where):
        raise QueryError(
            f"Invalid search query. {len(query.where)} parameters expected, {len(params)} given."
        )
    selected = [
        record
        for record in records()
        if all(
            (_text(columns[column](record)) or "").casefold() == str(value).casefold()
            for column, value in zip(query.where, params, strict=True)
        )
    ]
    for column, descending in reversed(query.order):
        selected.sort(key=lambda r, c=column: _sort_key(columns[c](r)), reverse=descending)
    rows = []
    for record in selected:
        row = {}
        for column, alias, iso in query.items:
            value = _text(columns[column](record), iso)
            if value is not None:  # SuiteQL leaves null columns out
                row[alias] = value
        rows.append(row)
    return rows
