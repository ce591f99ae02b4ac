"""The scales and simulated latencies of issue 8."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    legal_entities: int
    employments: int
    months: int
    lines_per_employment: int | None = None  # None: the Remote simulator's own for the scale
    one_per_call: bool = True  # also run the sync with one bill per NetSuite request
    rest: bool = True  # also run it over REST


SCALES = {
    "small": Scale("small", 1, 20, 3),
    "medium": Scale("medium", 10, 500, 12),
    "large": Scale("large", 40, 2000, 12),
    # a 2,000-person company's reconciliation invoice holds about 20,000 breakdown lines: one
    # entity, 2,500 people, every line kind; over a quarter that is 3 pre-funding invoices of
    # 20,001 lines, 2 reconciliations of 17,500 (the third one the simulator's zero-total one).
    # It measures lines, not bills: SOAP only, batched.
    "lines": Scale("lines", 1, 2500, 3, lines_per_employment=8, one_per_call=False, rest=False),
}

NETSUITE_LATENCY_CALL = 0.150  # seconds per SOAP request
NETSUITE_LATENCY_RECORD = 0.020  # seconds per record sent or returned
REMOTE_LATENCY_CALL = 0.060  # seconds per REST request
NETSUITE_CONCURRENCY = 5  # the smallest NetSuite account's concurrent request limit
# First billed month: after the NetSuite simulator's closed period (2024-12) and fixed, so every
# run books the same documents.
START_PERIOD = "2025-01"
