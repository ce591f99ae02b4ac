"""Retries of retryable NetSuite errors with exponential back-off and full jitter."""

import logging
import random

from .errors import NetSuiteError

_logger = logging.getLogger(__name__)

BACKOFF_BASE = 0.5  # seconds
BACKOFF_CAP = 30.0


def backoff_delay(attempt: int, rng=random, base=BACKOFF_BASE, cap=BACKOFF_CAP) -> float:
    """Full jitter: uniform in [0, min(cap, base * 2**(attempt-1))], de-synchronising threads."""
    return rng.uniform(0, min(cap, base * 2 ** (attempt - 1)))


def call_with_retry(
    call, *, what: str, max_attempts: int, sleep, rng=random, only=NetSuiteError, on_retry=None
):
    """Run ``call()`` until it succeeds, fails for good, or ``max_attempts`` are used up.

    ``call`` must build a fresh request (and so a fresh tokenPassport) each time it runs. Only
    retryable errors that are instances of ``only`` are retried; each retry is logged and told to
    ``on_retry`` (one line of text). The error raised carries the number of attempts made.
    """
    attempt = 1
    while True:
        try:
            return call()
        except NetSuiteError as error:
            error.attempts = attempt
            if not (error.retryable and isinstance(error, only)) or attempt >= max(1, max_attempts):
                raise
            delay = backoff_delay(attempt, rng)
            failure = error.code or type(error).__name__
            message = (
                f"NetSuite {what} failed (attempt {attempt} of {max_attempts}): {failure}; "
                f"retrying in {delay:.1f} s"
            )
            _logger.info(message)
            if on_retry is not None:
                on_retry(message)
            sleep(delay)
            attempt += 1
