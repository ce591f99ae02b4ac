"""The benchmark's NetSuite account: the simulator's seeded OneWorld account, plus an active
currency for every currency Remote bills in (the ``large`` scale bills in 38), which the Remote
vendors accept. Without them most large-scale documents would stop at "needs mapping"."""

import itertools
from dataclasses import replace

from simulators.netsuite.seed import Currency

REMOTE_VENDORS = (
    "Remote Technology Services, Inc.",
    "Canada Remote Technology Inc.",
    "Remote Europe Holding BV",
)


def add_currencies(data, iso_codes, decimals_of):
    """Add missing ``iso_codes`` to the seed ``data`` and share every currency with the Remote
    vendors; inactive currencies (CHF) are reactivated."""
    by_symbol = {c.symbol: c for c in data.currencies}
    next_id = itertools.count(max(int(c.internal_id) for c in data.currencies) + 1)
    currencies = [replace(c, is_inactive=False) for c in data.currencies]
    for code in sorted(set(iso_codes) - set(by_symbol)):
        currencies.append(Currency(str(next(next_id)), code, code, decimals_of(code), 1, False))
    data.currencies = currencies
    every_id = tuple(c.internal_id for c in currencies)
    data.vendors = [
        replace(v, currency_ids=every_id) if v.name in REMOTE_VENDORS else v for v in data.vendors
    ]
