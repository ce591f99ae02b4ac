"""The latency floor: how long a run would take on an infinitely fast machine, given the
simulated latencies of the calls it made and the parallelism it used.

A phase of ``n`` requests run ``c`` at a time cannot end before its longest request, nor before
its total latency spread evenly over ``c`` workers: ``max(sum / c, max)``; for equal latencies
that is ``ceil(n / c) * latency``. Phases that wait for each other add up.
"""

import math
from collections.abc import Iterable, Sequence


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


def pipeline_floor(
    reads: Sequence[int],
    writes: Sequence[int],
    *,
    read_latency: float,
    read_concurrency: int,
    write_latency: float,
    write_concurrency: int,
) -> float:
    """Two stages in a row, documents in listing order: document ``k``'s ``reads[k]`` requests,
    then its ``writes[k]``; a write starts only once its document is read. Whatever the
    schedule, document ``k`` is not read before the reads of documents ``0..k`` spread over
    ``read_concurrency`` slots, and the writes of documents ``k..`` take their own time after
    that: the run cannot end before the largest such sum. With every write on the last document
    it is the reads plus one write; with every read on the first, all the writes."""
    floor = read_phase = 0.0
    reads_so_far = 0
    writes_left = sum(writes)
    for read, write in zip(reads, writes, strict=True):
        reads_so_far += read
        read_phase = math.ceil(reads_so_far / read_concurrency) * read_latency
        if write:
            write_phase = math.ceil(writes_left / write_concurrency) * write_latency
            floor = max(floor, read_phase + write_phase)
        writes_left -= write
    return max(floor, read_phase)
