"""The scales and simulated latencies of issue 8."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    legal_entities: int
    employments: int
    months: int


SCALES = {
    "small": Scale("small", 1, 20, 3),
    "medium": Scale("medium", 10, 500, 12),
    "large": Scale("large", 40, 2000, 12),
}

NETSUITE_LATENCY_CALL = 0.150  # seconds per SOAP request
NETSUITE_LATENCY_RECORD = 0.020  # seconds per record sent or returned
REMOTE_LATENCY_CALL = 0.060  # seconds per REST request
NETSUITE_CONCURRENCY = 5  # the smallest NetSuite account's concurrent request limit
# First billed month: after the NetSuite simulator's closed period (2024-12) and fixed, so every
# run books the same documents.
START_PERIOD = "2025-01"
