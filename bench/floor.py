"""The latency floor: how long a run would take on an infinitely fast machine, given the
simulated latencies of the calls it made and the parallelism it used.

A phase of ``n`` requests run ``c`` at a time cannot end before its longest request, nor before
its total latency spread evenly over ``c`` workers: ``max(sum / c, max)``; for equal latencies
that is ``ceil(n / c) * latency``. Phases that wait for each other add up.
"""

import math
from collections.abc import Iterable


def phase_floor(latencies: Iterable[float], concurrency: int = 1) -> float:
    latencies = list(latencies)
    if not latencies:
        return 0.0
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    if len(set(latencies)) == 1:
        return math.ceil(len(latencies) / concurrency) * latencies[0]
    return max(sum(latencies) / concurrency, *latencies)


def netsuite_latency(records: int, per_call: float, per_record: float) -> float:
    return per_call + per_record * records


def within(value: float, limit: float) -> bool:
    return value <= limit + 1e-9
