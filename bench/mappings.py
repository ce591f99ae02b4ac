"""A fully mapped connection for the benchmark, as an administrator would map it: each Remote
legal entity to the subsidiary of its country (else spread over the operating subsidiaries that
the Remote vendors serve), issuers to the vendors of the same name, items to expense accounts."""

from remote_netsuite_connector.services.mapping import PER_ENTITY, Mappings

from .addon import ADDON  # noqa: F401 - registers the addon package without Odoo

SUBSIDIARY_BY_COUNTRY = {
    "USA": "Acme US",
    "DEU": "Acme Germany",
    "NLD": "Acme Netherlands",
    "GBR": "Acme UK",
    "JPN": "Acme Japan",
    "CAN": "Acme Canada",
    "KWT": "Acme Kuwait",
}
# Served by all three Remote vendors (Canada Remote Technology is not shared with Acme Japan).
SPREAD_SUBSIDIARIES = ("Acme US", "Acme Germany", "Acme Netherlands", "Acme UK", "Acme Kuwait")
ACCOUNT_BY_ITEM = {
    "Base Salary": "6000",
    "Incentives": "6000",
    "Employer Contributions": "6010",
    "Tax Gross-up": "6010",
    "Benefits": "6020",
    "Other Benefits": "6020",
    "Management Fee": "6030",
    "Ad-hoc Service Costs": "6030",
    "Expenses": "6060",
}
FALLBACK_ACCOUNT = "6080"


def subsidiary_names(legal_entities):
    """Remote legal entity id -> NetSuite subsidiary name."""
    names, spread = {}, 0
    for entity in legal_entities:
        name = SUBSIDIARY_BY_COUNTRY.get(entity.country_code or "")
        if name is None:
            name = SPREAD_SUBSIDIARIES[spread % len(SPREAD_SUBSIDIARIES)]
            spread += 1
        names[entity.id] = name
    return names


def account_number(item):
    return ACCOUNT_BY_ITEM.get(item, FALLBACK_ACCOUNT)


class EveryItem(dict):
    """Item -> account for every item, also those first seen mid-run (the administrator mapped
    them all: the sync stops unmapped items at "needs mapping", which is not measured here)."""

    def __init__(self, account_id):
        super().__init__()
        self._account_id = account_id

    def get(self, item, default=None):
        return self._account_id[account_number(item)]


def build_mappings(*, legal_entities, subsidiaries, accounts, vendors, currencies):
    """Plain :class:`Mappings` from Remote records and the NetSuite lookups."""
    subsidiary_id = {s.name: s.internal_id for s in subsidiaries}
    account_id = {a.number: a.internal_id for a in accounts}
    default = next((e.id for e in legal_entities if e.is_default), legal_entities[0].id)
    return Mappings(
        entity_mode=PER_ENTITY,
        entity_subsidiary={
            entity: subsidiary_id[name] for entity, name in subsidiary_names(legal_entities).items()
        },
        default_legal_entity_id=default,
        vendor_by_issuer={v.name: v.internal_id for v in vendors if not v.is_inactive},
        item_account=EveryItem(account_id),
        currency_by_code={c.iso_code: c.internal_id for c in currencies if not c.is_inactive},
    )
