"""Booked vendor bills and credits as NetSuite returns them (tranPurch:VendorBill/VendorCredit)."""

from .bookings import BILL, Transaction
from .seed import SeedData

# body fields in each type's schema order (the two types order them differently)
BILL_ORDER = (
    "createdDate", "lastModifiedDate", "account", "entity", "subsidiary", "postingPeriod",
    "tranDate", "exchangeRate", "dueDate", "tranId", "userTotal", "memo", "currency", "class",
    "department", "location", "transactionNumber", "expenseList",
)  # fmt: skip
CREDIT_ORDER = (
    "createdDate", "lastModifiedDate", "account", "transactionNumber", "tranId", "entity", "total",
    "userTotal", "currency", "tranDate", "exchangeRate", "postingPeriod", "memo", "department",
    "class", "location", "subsidiary", "expenseList",
)  # fmt: skip


def _timestamp(moment):
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _day(day):
    return f"{day.isoformat()}T00:00:00.000-08:00"  # midnight Pacific, as NetSuite reads it back


def _names(data: SeedData):
    named = {}
    for records, label in (
        (data.vendors, "name"), (data.subsidiaries, "name"), (data.currencies, "name"),
        (data.departments, "name"), (data.classifications, "name"), (data.locations, "name"),
        (data.periods, "name"), (data.accounts, "display_name"),
    ):  # fmt: skip
        for record in records:
            named[(getattr(record, "kind", type(record).__name__), record.internal_id)] = getattr(
                record, label
            )
    return named


def transaction(w, data: SeedData, t: Transaction, tag, body_fields_only=True):
    type_name = "VendorBill" if t.kind == BILL else "VendorCredit"
    node = w.record(
        *tag, "tranPurch", type_name, internalId=t.internal_id, externalId=t.external_id
    )
    names = _names(data)

    def ref(name, internal_id, record_class, type_):
        if internal_id is None:
            return None
        label = names.get((record_class, internal_id))
        built = w.el("tranPurch", name, internalId=internal_id, type=type_)
        if label is not None:
            w.el("platformCore", "name", label, parent=built)
        return built

    fields = {
        "createdDate": t.created_at and _timestamp(t.created_at),
        "lastModifiedDate": t.updated_at and _timestamp(t.updated_at),
        "account": ref("account", t.account_id, "Account", "account"),
        "entity": ref("entity", t.vendor_id, "Vendor", "vendor"),
        "subsidiary": ref("subsidiary", t.subsidiary_id, "Subsidiary", "subsidiary"),
        "postingPeriod": ref("postingPeriod", t.posting_period_id, "Period", "accountingPeriod"),
        "tranDate": t.tran_date and _day(t.tran_date),
        "exchangeRate": t.exchange_rate,
        "dueDate": t.due_date and _day(t.due_date),
        "tranId": t.tran_id,
        "userTotal": format(t.total, "f"),
        "total": format(t.total, "f"),
        "memo": t.memo,
        "currency": ref("currency", t.currency_id, "Currency", "currency"),
        "class": ref("class", t.class_id, "classification", "classification"),
        "department": ref("department", t.department_id, "department", "department"),
        "location": ref("location", t.location_id, "location", "location"),
        "transactionNumber": f"{'BILL' if t.kind == BILL else 'VCRD'}{t.internal_id}",
        "expenseList": None if body_fields_only else _expense_list(w, names, t),
    }
    for name in BILL_ORDER if t.kind == BILL else CREDIT_ORDER:
        value = fields.get(name)
        if value is None:
            continue
        if isinstance(value, str | int) or not hasattr(value, "tag"):
            w.el("tranPurch", name, value, parent=node)
        else:
            node.append(value)
    return node


def _expense_list(w, names, t: Transaction):
    expense_list = w.el("tranPurch", "expenseList")
    for line in t.lines:
        expense = w.el("tranPurch", "expense", parent=expense_list)
        w.el("tranPurch", "line", line.line, parent=expense)
        _line_ref(w, expense, names, "account", line.account_id, "Account", "account")
        w.el("tranPurch", "amount", format(line.amount, "f"), parent=expense)
        if line.memo is not None:
            w.el("tranPurch", "memo", line.memo, parent=expense)
        for name, internal_id, type_ in (
            ("department", line.department_id, "department"),
            ("class", line.class_id, "classification"),
            ("location", line.location_id, "location"),
        ):
            _line_ref(w, expense, names, name, internal_id, type_, type_)
    return expense_list


def _line_ref(w, parent, names, name, internal_id, record_class, type_):
    if internal_id is None:
        return
    built = w.el("tranPurch", name, parent=parent, internalId=internal_id, type=type_)
    label = names.get((record_class, internal_id))
    if label is not None:
        w.el("platformCore", "name", label, parent=built)
