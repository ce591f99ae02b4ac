"""Typed Remote API errors. Messages never contain the token."""

from ..messages import _lt


class RemoteError(Exception):
    def __init__(self, message, status=None, attempts=1):
        super().__init__(message)
        self.message = message
        self.status = status
        self.attempts = attempts

    def __str__(self):
        text = self.message
        if self.status:
            text = _lt("Remote API %(status)s: %(message)s", status=self.status, message=text)
        if self.attempts > 1:
            text = _lt("%(text)s (after %(attempts)s attempts)", text=text, attempts=self.attempts)
        return text


class RemoteConfigError(RemoteError, ValueError):
    """Settings that cannot work whatever Remote answers, e.g. an API URL that is no web address."""


class RemoteAuthError(RemoteError):
    """401/403, or a token that belongs to the other host (sandbox vs production)."""


class RemoteNotFound(RemoteError):
    """404 with Remote's message."""


class RemoteValidationError(RemoteError):
    """400/422 with Remote's message."""


class RemoteUnavailable(RemoteError):
    """429/5xx/timeouts still failing after the retry bound."""


class RemoteDataError(RemoteError):
    """A response whose shape or values cannot be read (missing fields, wrong types)."""


class WebhookSignatureError(RemoteError):
    """Forged, stale or malformed webhook delivery."""
