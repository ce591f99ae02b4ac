"""Request guards: the fixed-window rate limit and injected faults."""

import random
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class RateState:
    allowed: bool
    count: int
    remaining: int
    reset_ms: int

    def headers(self) -> dict:
        return {
            "x-ratelimit-count": str(self.count),
            "x-ratelimit-remaining": str(self.remaining),
            "x-ratelimit-reset": str(self.reset_ms),
        }


class FixedWindowLimiter:
    """``limit`` requests per window; a window starts with the first request after the last one
    ended (Remote's documented behaviour). Rejected requests count too."""

    def __init__(self, limit: int, window_seconds: float, clock=time.monotonic):
        self.limit = limit
        self.window_seconds = window_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._window_end = 0.0
        self._count = 0

    def reset(self) -> None:
        with self._lock:
            self._window_end, self._count = 0.0, 0

    def hit(self) -> RateState:
        with self._lock:
            now = self._clock()
            if now >= self._window_end:
                self._window_end, self._count = now + self.window_seconds, 0
            self._count += 1
            reset_ms = max(0, int((self._window_end - now) * 1000 + 0.999))
            return RateState(
                allowed=self._count <= self.limit,
                count=self._count,
                remaining=max(0, self.limit - self._count),
                reset_ms=reset_ms,
            )


@dataclass
class _Fault:
    path_prefix: str
    status: int | None
    count: int
    delay: float


class FaultInjector:
    """Failures planned by tests (``fail_next``) plus a random share (``fault_rate``)."""

    def __init__(self, seed: int, fault_rate: float = 0.0):
        self.fault_rate = fault_rate
        self._random = random.Random(f"faults:{seed}")
        self._planned: list[_Fault] = []
        self._lock = threading.Lock()

    def plan(self, path_prefix: str, status: int | None, count: int, delay: float) -> None:
        with self._lock:
            self._planned.append(_Fault(path_prefix, status, count, delay))

    def clear(self) -> None:
        with self._lock:
            self._planned.clear()

    def take(self, path: str) -> tuple[int | None, float]:
        """(status to answer with or None to proceed, seconds to stall first)."""
        with self._lock:
            for fault in self._planned:
                if fault.count > 0 and path.startswith(fault.path_prefix):
                    fault.count -= 1
                    return fault.status, fault.delay
            if self.fault_rate and self._random.random() < self.fault_rate:
                return 503, 0.0
        return None, 0.0
