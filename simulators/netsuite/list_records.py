"""Seeded list records as NetSuite returns them (recordList, readResponse), in schema order."""

from .seed import (
    Account,
    Currency,
    Period,
    SeedData,
    Segment,
    Subsidiary,
    Vendor,
    VendorSubsidiaryRelationship,
)

PRECISION = {0: "_zero", 2: "_two"}  # the schema has no three-decimal value (KWD gets none)
SEGMENT_TYPES = {
    "department": "Department",
    "classification": "Classification",
    "location": "Location",
}


def _ref_list(w, parent, name, ids, type_):
    node = w.el("listAcct", name, parent=parent)
    for internal_id in ids:
        w.el("platformCore", "recordRef", parent=node, internalId=internal_id, type=type_)


def currency(w, data: SeedData, record: Currency, tag, body_fields_only=True):
    node = w.record(*tag, "listAcct", "Currency", internalId=record.internal_id)
    w.fields(
        "listAcct",
        node,
        ("name", record.name),
        ("symbol", record.symbol),
        ("isBaseCurrency", record.is_base),
        ("isInactive", record.is_inactive),
        ("exchangeRate", record.exchange_rate),
        ("currencyPrecision", PRECISION.get(record.decimals)),
    )
    return node


def subsidiary(w, data: SeedData, record: Subsidiary, tag, body_fields_only=True):
    node = w.record(*tag, "listAcct", "Subsidiary", internalId=record.internal_id)
    w.el("listAcct", "name", record.name, parent=node)
    if record.parent_id:
        parent = next(s for s in data.subsidiaries if s.internal_id == record.parent_id)
        w.ref("listAcct", "parent", node, parent.internal_id, None, parent.name)
    w.el("listAcct", "isInactive", record.is_inactive, parent=node)
    w.el("listAcct", "country", record.country, parent=node)
    w.el("listAcct", "legalName", record.name, parent=node)
    currency_ = next(c for c in data.currencies if c.internal_id == record.currency_id)
    w.ref("listAcct", "currency", node, currency_.internal_id, None, currency_.name)
    return node


def account(w, data: SeedData, record: Account, tag, body_fields_only=True):
    node = w.record(*tag, "listAcct", "Account", internalId=record.internal_id)
    w.fields(
        "listAcct",
        node,
        ("acctType", record.acct_type),
        ("acctNumber", record.number),
        ("acctName", record.name),
        ("includeChildren", record.include_children),
        ("isInactive", record.is_inactive),
    )
    _ref_list(w, node, "subsidiaryList", record.subsidiary_ids, None)
    return node


def segment(w, data: SeedData, record: Segment, tag, body_fields_only=True):
    node = w.record(*tag, "listAcct", SEGMENT_TYPES[record.kind], internalId=record.internal_id)
    w.el("listAcct", "name", record.name, parent=node)
    if record.kind == "location":
        w.el("listAcct", "includeChildren", record.include_children, parent=node)
        _ref_list(w, node, "subsidiaryList", record.subsidiary_ids, None)
        w.el("listAcct", "isInactive", record.is_inactive, parent=node)
    else:
        w.el("listAcct", "includeChildren", record.include_children, parent=node)
        w.el("listAcct", "isInactive", record.is_inactive, parent=node)
        _ref_list(w, node, "subsidiaryList", record.subsidiary_ids, None)
    return node


def vendor(w, data: SeedData, record: Vendor, tag, body_fields_only=True):
    node = w.record(
        *tag, "listRel", "Vendor", internalId=record.internal_id, externalId=record.external_id
    )
    w.el("listRel", "entityId", record.name, parent=node)
    w.el("listRel", "isPerson", False, parent=node)
    w.el("listRel", "companyName", record.name, parent=node)
    w.el("listRel", "isInactive", record.is_inactive, parent=node)
    primary = next(s for s in data.subsidiaries if s.internal_id == record.subsidiary_id)
    w.ref("listRel", "subsidiary", node, primary.internal_id, None, primary.name)
    currency_ = next(c for c in data.currencies if c.internal_id == record.currency_id)
    w.ref("listRel", "currency", node, currency_.internal_id, None, currency_.name)
    if not body_fields_only:
        currencies = w.el("listRel", "currencyList", parent=node)
        for currency_id in record.currency_ids:
            line = w.el("listRel", "vendorCurrency", parent=currencies)
            w.el("listRel", "currency", parent=line, internalId=currency_id)
    return node


def vendor_subsidiary(
    w, data: SeedData, record: VendorSubsidiaryRelationship, tag, body_fields_only=True
):
    node = w.record(*tag, "listRel", "VendorSubsidiaryRelationship", internalId=record.internal_id)
    vendor_ = next(v for v in data.vendors if v.internal_id == record.vendor_id)
    subsidiary_ = next(s for s in data.subsidiaries if s.internal_id == record.subsidiary_id)
    base = next(c for c in data.currencies if c.internal_id == subsidiary_.currency_id)
    primary = next(c for c in data.currencies if c.internal_id == vendor_.currency_id)
    w.ref("listRel", "baseCurrency", node, base.internal_id, None, base.name)
    w.ref("listRel", "entity", node, vendor_.internal_id, None, vendor_.name)
    w.el("listRel", "isPrimarySub", record.is_primary, parent=node)
    w.ref("listRel", "primaryCurrency", node, primary.internal_id, None, primary.name)
    w.ref("listRel", "subsidiary", node, subsidiary_.internal_id, None, subsidiary_.name)
    return node


def period(w, data: SeedData, record: Period, tag, body_fields_only=True):
    node = w.record(*tag, "listAcct", "AccountingPeriod", internalId=record.internal_id)
    w.fields(
        "listAcct",
        node,
        ("periodName", record.name),
        ("startDate", f"{record.start.isoformat()}T00:00:00.000-08:00"),
        ("endDate", f"{record.end.isoformat()}T00:00:00.000-08:00"),
        ("isAdjust", False),
        ("isQuarter", False),
        ("isYear", False),
        ("closed", record.closed),
        ("apLocked", record.closed),
        ("allLocked", record.closed),
    )
    return node


# NetSuite RecordType -> (seed records, serializer)
LIST_TYPES = {
    "currency": (lambda d: d.currencies, currency),
    "subsidiary": (lambda d: d.subsidiaries, subsidiary),
    "account": (lambda d: d.accounts, account),
    "department": (lambda d: d.departments, segment),
    "classification": (lambda d: d.classifications, segment),
    "location": (lambda d: d.locations, segment),
    "vendor": (lambda d: d.vendors, vendor),
    "vendorSubsidiaryRelationship": (lambda d: d.vendor_subsidiaries, vendor_subsidiary),
    "accountingPeriod": (lambda d: d.periods, period),
}
