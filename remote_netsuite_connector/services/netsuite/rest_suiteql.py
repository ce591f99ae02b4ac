"""SuiteQL lookups of the REST transport: one query per record type, rows -> plain values.

Columns are those of the NetSuite2.com analytics schema. SuiteQL answers every value as a string
("T"/"F" for booleans) and may leave out null columns, so rows are read with ``.get()`` and keys
are lower-cased (NetSuite says their casing can change).
"""

from datetime import date

from .types import AccountingPeriod, NsAccount, NsCurrency, NsRecord, NsVendor

SUITEQL_PATH = "/query/v1/suiteql"
MAX_LIMIT = 1000  # rows per SuiteQL page; the offset must be a multiple of the limit

# SuiteQL's account type ids -> the AccountType names SOAP uses (without the underscore)
ACCOUNT_TYPES = {
    "AcctPay": "accountsPayable",
    "AcctRec": "accountsReceivable",
    "Bank": "bank",
    "COGS": "costOfGoodsSold",
    "CredCard": "creditCard",
    "DeferExpense": "deferredExpense",
    "DeferRevenue": "deferredRevenue",
    "Equity": "equity",
    "Expense": "expense",
    "FixedAsset": "fixedAsset",
    "Income": "income",
    "LongTermLiab": "longTermLiability",
    "NonPosting": "nonPosting",
    "OthAsset": "otherAsset",
    "OthCurrAsset": "otherCurrentAsset",
    "OthCurrLiab": "otherCurrentLiability",
    "OthExpense": "otherExpense",
    "OthIncome": "otherIncome",
    "Stat": "statistical",
    "UnbilledRec": "unbilledReceivable",
}


def _true(row, name) -> bool:
    return row.get(name) == "T"


def _ids(value) -> tuple[str, ...]:
    """A multi-select column: internal ids separated by commas (``"1, 3, 4"``)."""
    return tuple(part.strip() for part in str(value or "").split(",") if part.strip())


def subsidiary(row) -> NsRecord:
    return NsRecord(
        internal_id=row["id"],
        name=row.get("name") or "",
        is_inactive=_true(row, "isinactive"),
        extra={
            "currency_id": row.get("currency"),
            "country": row.get("country"),
            "parent_id": row.get("parent"),
            "legal_name": row.get("legalname"),
        },
    )


def segment(row) -> NsRecord:
    """Department, classification or location."""
    return NsRecord(
        internal_id=row["id"],
        name=row.get("name") or "",
        is_inactive=_true(row, "isinactive"),
        subsidiary_ids=_ids(row.get("subsidiary")),
        include_children=_true(row, "includechildren"),
        extra={"parent_id": row.get("parent")},
    )


def account(row) -> NsAccount:
    return NsAccount(
        internal_id=row["id"],
        name=row.get("accountsearchdisplaynamecopy") or "",
        number=row.get("acctnumber") or None,
        account_type=ACCOUNT_TYPES.get(row.get("accttype"), row.get("accttype") or ""),
        is_inactive=_true(row, "isinactive"),
        subsidiary_ids=_ids(row.get("subsidiary")),
        include_children=_true(row, "includechildren"),
    )


def vendor(row) -> NsVendor:
    """The vendor with its primary subsidiary (sharing: vendorsubsidiaryrelationship)."""
    primary = row.get("subsidiary")
    return NsVendor(
        internal_id=row["id"],
        name=row.get("companyname") or row.get("entityid") or "",
        is_inactive=_true(row, "isinactive"),
        subsidiary_ids=(primary,) if primary else (),
    )


def vendor_subsidiary_relationship(row) -> tuple[str | None, str | None]:
    return row.get("entity"), row.get("subsidiary")


def currency(row) -> NsCurrency:
    return NsCurrency(
        internal_id=row["id"],
        name=row.get("name") or "",
        iso_code=row.get("symbol") or "",
        is_inactive=_true(row, "isinactive"),
    )


def period(row) -> AccountingPeriod:
    return AccountingPeriod(
        internal_id=row["id"],
        name=row.get("periodname") or row["id"],
        start=date.fromisoformat(row["startdate"]),
        end=date.fromisoformat(row["enddate"]),
        closed=_true(row, "closed") or _true(row, "aplocked") or _true(row, "alllocked"),
        is_posting=not (_true(row, "isquarter") or _true(row, "isyear") or _true(row, "isadjust")),
    )


def _segment_query(table):
    return (
        f"SELECT id, name, isinactive, subsidiary, includechildren, parent FROM {table} ORDER BY id"  # noqa: S608 - constant table names
    )


# record kind (the SOAP gateway's search names) -> (SuiteQL query, row parser)
QUERIES = {
    "subsidiary": (
        "SELECT id, name, isinactive, currency, country, parent, legalname "
        "FROM subsidiary ORDER BY id",
        subsidiary,
    ),
    "account": (
        "SELECT id, acctnumber, accountsearchdisplaynamecopy, accttype, isinactive, subsidiary, "
        "includechildren FROM account ORDER BY id",
        account,
    ),
    "department": (_segment_query("department"), segment),
    "classification": (_segment_query("classification"), segment),
    "location": (_segment_query("location"), segment),
    "vendor": (
        "SELECT id, entityid, companyname, isinactive, subsidiary FROM vendor ORDER BY id",
        vendor,
    ),
    "vendorSubsidiaryRelationship": (
        "SELECT id, entity, subsidiary FROM vendorsubsidiaryrelationship ORDER BY id",
        vendor_subsidiary_relationship,
    ),
    "currency": ("SELECT id, name, symbol, isinactive FROM currency ORDER BY id", currency),
    "accountingPeriod": (
        "SELECT id, periodname, TO_CHAR(startdate, 'YYYY-MM-DD') AS startdate, "
        "TO_CHAR(enddate, 'YYYY-MM-DD') AS enddate, closed, aplocked, alllocked, isquarter, "
        "isyear, isadjust FROM accountingperiod ORDER BY id",
        period,
    ),
}


def rows(body: dict) -> list[dict]:
    """The items of one SuiteQL page, keys lower-cased, without their ``links``."""
    return [
        {
            str(key).lower(): value if value is None else str(value)
            for key, value in item.items()
            if key != "links"
        }
        for item in body.get("items") or []
        if isinstance(item, dict)
    ]
