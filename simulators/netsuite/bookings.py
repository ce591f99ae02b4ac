"""Vendor bills and credits booked in the simulated account, with NetSuite's write rules.

All transactions share one externalId group (case-insensitive). Per-record problems are returned as
:class:`RecordError` (code, message) so list operations can report them in input order.
"""

import copy
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from .seed import SeedData
from .xmlutil import Ref, children, local, ref, text

BILL = "vendorBill"
CREDIT = "vendorCredit"
TRANSACTION_TYPES = {"VendorBill": BILL, "VendorCredit": CREDIT}
AP_ACCOUNT_TYPE = "_accountsPayable"
# Time zone of the simulated integration user (NetSuite's default for new users).
USER_TIMEZONE = ZoneInfo("America/Los_Angeles")


class RecordError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def invalid_ref(field_name, key, suffix=""):
    return RecordError("INVALID_KEY_OR_REF", f"Invalid {field_name} reference key {key}{suffix}.")


@dataclass
class Line:
    line: int
    account_id: str | None = None
    amount: Decimal | None = None
    memo: str | None = None
    department_id: str | None = None
    class_id: str | None = None
    location_id: str | None = None


@dataclass
class Transaction:
    kind: str
    internal_id: str
    external_id: str | None
    tran_id: str | None = None
    tran_date: date | None = None
    due_date: date | None = None
    vendor_id: str | None = None
    subsidiary_id: str | None = None
    currency_id: str | None = None
    account_id: str | None = None
    posting_period_id: str | None = None
    exchange_rate: Decimal | None = None
    memo: str | None = None
    department_id: str | None = None
    class_id: str | None = None
    location_id: str | None = None
    lines: list[Line] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    created_count: int = 1
    updated_count: int = 0
    attached_file_ids: list[str] = field(default_factory=list)
    applied: bool = False  # a payment or credit application links it: it cannot be deleted

    @property
    def total(self) -> Decimal:
        return sum((line.amount or Decimal(0) for line in self.lines), Decimal(0))

    def to_json(self) -> dict:
        def amount(value):
            return None if value is None else format(value, "f")

        return {
            "kind": self.kind,
            "internal_id": self.internal_id,
            "external_id": self.external_id,
            "tran_id": self.tran_id,
            "tran_date": self.tran_date.isoformat() if self.tran_date else None,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "vendor_id": self.vendor_id,
            "subsidiary_id": self.subsidiary_id,
            "currency_id": self.currency_id,
            "account_id": self.account_id,
            "posting_period_id": self.posting_period_id,
            "memo": self.memo,
            "department_id": self.department_id,
            "class_id": self.class_id,
            "location_id": self.location_id,
            "total": amount(self.total),
            "lines": [
                {
                    "line": line.line,
                    "account_id": line.account_id,
                    "amount": amount(line.amount),
                    "memo": line.memo,
                    "department_id": line.department_id,
                    "class_id": line.class_id,
                    "location_id": line.location_id,
                }
                for line in self.lines
            ],
            "created_count": self.created_count,
            "updated_count": self.updated_count,
            "attached_file_ids": list(self.attached_file_ids),
        }


# body fields: element name -> (Transaction attribute, reference field name in error messages)
HEADER_REFS = {
    "entity": ("vendor_id", "entity"),
    "subsidiary": ("subsidiary_id", "subsidiary"),
    "currency": ("currency_id", "currency"),
    "account": ("account_id", "account"),
    "postingPeriod": ("posting_period_id", "postingperiod"),
    "department": ("department_id", "department"),
    "class": ("class_id", "class"),
    "location": ("location_id", "location"),
}
LINE_REFS = {
    "account": "account_id",
    "department": "department_id",
    "class": "class_id",
    "location": "location_id",
}


def parse_decimal(value, label):
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError):
        raise RecordError("USER_ERROR", f"Invalid {label}: {value}") from None
    if not number.is_finite():
        raise RecordError("USER_ERROR", f"Invalid {label}: {value}")
    return number


def parse_date(value, label):
    """The date NetSuite keeps for an xsd:dateTime: its date in the integration user's time zone.

    A value without an offset is read in that zone, as NetSuite does; so midnight sent with
    another zone's offset can land on the day before.
    """
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise RecordError("USER_ERROR", f"Invalid {label}: {value}") from None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(USER_TIMEZONE).date()


@dataclass
class Draft:
    """A parsed request record: given fields and unresolved references."""

    kind: str
    internal_id: str | None
    external_id: str | None
    values: dict
    refs: dict  # Transaction attribute -> Ref
    lines: list[dict] | None  # None: no expenseList sent
    replace_lines: bool = True


def parse_transaction(record, kind) -> Draft:
    fields = children(record)
    values = {}
    for name, attr in (("tranId", "tran_id"), ("memo", "memo")):
        if name in fields:
            values[attr] = text(record, name, "")
    if "tranDate" in fields:
        values["tran_date"] = parse_date(fields["tranDate"].text or "", "tranDate")
    if "dueDate" in fields:
        values["due_date"] = parse_date(fields["dueDate"].text or "", "dueDate")
    if "exchangeRate" in fields:
        values["exchange_rate"] = parse_decimal(fields["exchangeRate"].text, "exchangeRate")
    refs = {attr: ref(fields[name]) for name, (attr, _) in HEADER_REFS.items() if name in fields}
    lines = None
    replace_lines = True
    if "expenseList" in fields:
        expense_list = fields["expenseList"]
        replace_lines = expense_list.get("replaceAll", "true") in ("true", "1")
        lines = [_parse_line(node) for node in expense_list if local(node) == "expense"]
    if "itemList" in fields and len(fields["itemList"]):
        raise RecordError("USER_ERROR", "The simulator books expense lines only, not itemList.")
    return Draft(
        kind, record.get("internalId"), record.get("externalId"), values, refs, lines, replace_lines
    )


def _parse_line(node) -> dict:
    fields = children(node)
    line = {attr: ref(fields[name]) for name, attr in LINE_REFS.items() if name in fields}
    if "amount" in fields:
        line["amount"] = parse_decimal(fields["amount"].text, "amount")
    if "memo" in fields:
        line["memo"] = fields["memo"].text or ""
    if "line" in fields:
        line["line"] = int(fields["line"].text)
    return line


class Book:
    """The booked transactions. Thread-safe: every public method holds one lock."""

    def __init__(self, data: SeedData, first_id: int):
        self.data = data
        self._first_id = first_id
        self._lock = threading.RLock()
        self.reset()

    def reset(self):
        with self._lock:
            self._next_id = self._first_id
            self.transactions: dict[str, Transaction] = {}
            self.files: dict[str, dict] = {}

    def new_id(self) -> str:
        with self._lock:
            self._next_id += 1
            return str(self._next_id - 1)

    def all(self) -> list[Transaction]:
        with self._lock:
            return [copy.deepcopy(t) for t in self.transactions.values()]

    def by_external_id(self, external_id) -> Transaction | None:
        wanted = external_id.casefold()
        return next(
            (t for t in self.transactions.values() if (t.external_id or "").casefold() == wanted),
            None,
        )

    def find(self, kind, key: Ref) -> Transaction | None:
        with self._lock:
            if key.internal_id is not None:
                found = self.transactions.get(key.internal_id)
            elif key.external_id is not None:
                found = self.by_external_id(key.external_id)
            else:
                found = None
            if found is None or (kind is not None and found.kind != kind):
                return None
            return copy.deepcopy(found)

    # -- writes --------------------------------------------------------------------------------

    def write(self, operation, draft: Draft) -> Transaction:
        """Apply ``add`` or ``upsert`` of one draft; raise :class:`RecordError` on a rule."""
        with self._lock:
            existing = None
            if operation == "upsert":
                if draft.internal_id:
                    raise RecordError("USER_ERROR", "You cannot set internalId with upsert.")
                if not draft.external_id:
                    raise RecordError(
                        "USER_ERROR", "This operation requies a value for externalId."
                    )
                existing = self.by_external_id(draft.external_id)
                if existing is not None and existing.kind != draft.kind:
                    raise RecordError("DUP_RCRD", "This record already exists")
            elif draft.external_id and self.by_external_id(draft.external_id) is not None:
                raise RecordError("DUP_RCRD", "This record already exists")
            now = datetime.now(UTC)
            if existing is None:
                target = Transaction(draft.kind, "", draft.external_id, created_at=now)
            else:
                target = copy.deepcopy(existing)
            self._merge(target, draft)
            self._check(target)
            if existing is None:
                target.internal_id = self.new_id()
            else:
                target.updated_count += 1
            target.updated_at = now
            self.transactions[target.internal_id] = target
            return copy.deepcopy(target)

    def delete(self, kind, key: Ref) -> Transaction:
        """Remove one transaction; an applied one is refused, like NetSuite does."""
        with self._lock:
            found = self.find(kind, key)
            if found is None:
                raise RecordError("RCRD_DSNT_EXIST", "That record does not exist.")
            if found.applied:
                raise RecordError(
                    "CANT_DELETE_TRANS",
                    "This record cannot be deleted because it has dependent records.",
                )
            del self.transactions[found.internal_id]
            return found

    def mark_applied(self, external_id, applied=True):
        """Test knob: a payment or application now links that transaction (or no longer)."""
        with self._lock:
            self.by_external_id(external_id).applied = applied

    def attach_file(self, transaction_id, file_id):
        with self._lock:
            transaction = self.transactions.get(transaction_id)
            if transaction is None:
                raise RecordError(
                    "INVALID_KEY_OR_REF", f"Invalid attachTo reference key {transaction_id}."
                )
            if file_id not in self.files:
                raise RecordError(
                    "INVALID_KEY_OR_REF", f"Invalid attachedRecord reference key {file_id}."
                )
            if file_id not in transaction.attached_file_ids:
                transaction.attached_file_ids.append(file_id)

    def add_file(self, external_id, values) -> str:
        with self._lock:
            if external_id and any(
                (f.get("external_id") or "").casefold() == external_id.casefold()
                for f in self.files.values()
            ):
                raise RecordError("DUP_RCRD", "This record already exists")
            internal_id = self.new_id()
            self.files[internal_id] = {
                "internal_id": internal_id,
                "external_id": external_id,
                **values,
            }
            return internal_id

    def update_file(self, internal_id, values) -> str:
        with self._lock:
            stored = self.files.get(internal_id or "")
            if stored is None:
                raise RecordError("RCRD_DSNT_EXIST", "That record does not exist. path: internalId")
            stored.update(values)
            return internal_id

    def _merge(self, target: Transaction, draft: Draft):
        if "tran_date" in draft.values and "posting_period_id" not in draft.refs:
            target.posting_period_id = None  # derived again from the new date
        for attr, value in draft.values.items():
            setattr(target, attr, value)
        for attr, key in draft.refs.items():
            setattr(target, attr, self._resolve_header(attr, key))
        if draft.lines is None:
            return
        existing = {line.line: line for line in target.lines}
        lines = [] if draft.replace_lines else list(target.lines)
        next_no = 1 if draft.replace_lines else max(existing, default=0) + 1
        for given in draft.lines:
            number = given.get("line")
            if not draft.replace_lines and number in existing:
                line = existing[number]
            else:
                line = Line(next_no)
                next_no += 1
                lines.append(line)
            for attr, value in given.items():
                if attr in LINE_REFS.values():
                    setattr(line, attr, self._resolve_line(attr, value))
                elif attr != "line":
                    setattr(line, attr, value)
        target.lines = lines

    # -- references ------------------------------------------------------------------------------

    def _resolve_header(self, attr, key: Ref):
        field_name = next(label for a, label in HEADER_REFS.values() if a == attr)
        records = {
            "vendor_id": self.data.vendors,
            "subsidiary_id": self.data.subsidiaries,
            "currency_id": self.data.currencies,
            "account_id": self.data.accounts,
            "posting_period_id": self.data.periods,
            "department_id": self.data.departments,
            "class_id": self.data.classifications,
            "location_id": self.data.locations,
        }[attr]
        return self._lookup(records, key, field_name)

    def _resolve_line(self, attr, key: Ref):
        field_name = {"account_id": "account", "department_id": "department"}.get(
            attr, attr.removesuffix("_id")
        )
        records = {
            "account_id": self.data.accounts,
            "department_id": self.data.departments,
            "class_id": self.data.classifications,
            "location_id": self.data.locations,
        }[attr]
        return self._lookup(records, key, field_name)

    @staticmethod
    def _lookup(records, key: Ref, field_name):
        if key is None or key.key is None:
            return None
        for record in records:
            if key.internal_id is not None:
                matches = record.internal_id == key.internal_id
            else:
                external = getattr(record, "external_id", None) or ""
                matches = external.casefold() == key.external_id.casefold()
            if matches:
                if getattr(record, "is_inactive", False):
                    break
                return record.internal_id
        raise invalid_ref(field_name, key.key)

    # -- business rules ------------------------------------------------------------------------

    def _check(self, t: Transaction):
        missing = []
        if not t.vendor_id:
            missing.append("Vendor")
        if not t.lines:
            if missing:
                raise RecordError("USER_ERROR", f"Please enter value(s) for: {', '.join(missing)}")
            raise RecordError(
                "USER_ERROR", "You must enter at least one line item for this transaction."
            )
        if any(line.account_id is None for line in t.lines):
            missing.append("Account")
        if any(line.amount is None for line in t.lines):
            missing.append("Amount")
        if missing:
            raise RecordError("USER_ERROR", f"Please enter value(s) for: {', '.join(missing)}")

        data = self.data
        vendor = next(v for v in data.vendors if v.internal_id == t.vendor_id)
        t.subsidiary_id = t.subsidiary_id or vendor.subsidiary_id
        if t.subsidiary_id not in vendor.shared_subsidiary_ids:
            raise invalid_ref("entity", t.vendor_id, f" for subsidiary {t.subsidiary_id}")
        t.currency_id = t.currency_id or vendor.currency_id
        if t.currency_id not in vendor.currency_ids:
            raise invalid_ref("currency", t.currency_id, f" for entity {t.vendor_id}")
        if t.account_id is None:
            t.account_id = next(
                a.internal_id for a in data.accounts if a.acct_type == AP_ACCOUNT_TYPE
            )
        ap_account = next(a for a in data.accounts if a.internal_id == t.account_id)
        if ap_account.acct_type != AP_ACCOUNT_TYPE:
            raise invalid_ref("account", t.account_id)
        self._check_available(data.accounts, "account", t.account_id, t.subsidiary_id)

        for attr, name, records in (
            ("department_id", "department", data.departments),
            ("class_id", "class", data.classifications),
            ("location_id", "location", data.locations),
        ):
            self._check_available(records, name, getattr(t, attr), t.subsidiary_id)
            for line in t.lines:
                self._check_available(records, name, getattr(line, attr), t.subsidiary_id)
        for line in t.lines:
            self._check_available(data.accounts, "account", line.account_id, t.subsidiary_id)

        t.tran_date = t.tran_date or datetime.now(UTC).date()
        self._check_period(t)
        if t.total < 0:
            raise RecordError("USER_ERROR", "The total of this transaction cannot be negative.")

    def _check_available(self, records, name, internal_id, subsidiary_id):
        if internal_id is None:
            return
        record = next(r for r in records if r.internal_id == internal_id)
        if subsidiary_id not in self.data.available_in(record):
            raise invalid_ref(name, internal_id, f" for subsidiary {subsidiary_id}")

    def _check_period(self, t: Transaction):
        periods = {p.internal_id: p for p in self.data.periods}
        if t.posting_period_id is not None:
            period = periods[t.posting_period_id]
        else:
            period = self.data.period_of(t.tran_date)
            if period is None:
                raise RecordError(
                    "VALID_PRD_REQD", f"No accounting period exists for {t.tran_date.isoformat()}."
                )
        if period.closed:
            raise RecordError(
                "VALID_PRD_REQD",
                f"The accounting period {period.name} is closed. Enter a posting period that is "
                "open or change the transaction date.",
            )
        t.posting_period_id = period.internal_id
