"""The connection's mappings as plain values, handed by the addon to the bill builder."""

from dataclasses import dataclass, field

SINGLE_SUBSIDIARY = "single"
PER_ENTITY = "per_entity"
STANDARD_BREAKDOWN = "standard"
DEPARTMENT_BREAKDOWN = "department"
NO_DEPARTMENT = ""  # key of the "no department" column in department breakdown mappings


@dataclass(frozen=True)
class Mappings:
    entity_mode: str = SINGLE_SUBSIDIARY
    single_subsidiary_id: str | None = None
    # Remote legal entity id -> NetSuite subsidiary internal id (PER_ENTITY)
    entity_subsidiary: dict[str, str] = field(default_factory=dict)
    default_legal_entity_id: str | None = None
    # Remote issuing entity name (billing document ``bill_from``) -> NetSuite vendor internal id
    vendor_by_issuer: dict[str, str] = field(default_factory=dict)
    breakdown: str = STANDARD_BREAKDOWN
    # invoice item (breakdown line ``type``, e.g. "Base Salary") -> NetSuite account internal id
    item_account: dict[str, str] = field(default_factory=dict)
    # (Remote department id or NO_DEPARTMENT, item) -> NetSuite account id (DEPARTMENT_BREAKDOWN)
    department_item_account: dict[tuple[str, str], str] = field(default_factory=dict)
    # Remote department id -> NetSuite department internal id (optional)
    department_netsuite: dict[str, str] = field(default_factory=dict)
    # ISO 4217 code -> NetSuite currency internal id
    currency_by_code: dict[str, str] = field(default_factory=dict)
    # Remote department id -> name, for messages and memos
    department_names: dict[str, str] = field(default_factory=dict)
