"""Typed NetSuite errors the addon acts on. Messages never contain secrets."""


class NetSuiteError(Exception):
    """Base class. ``code`` is NetSuite's fault or status code when there is one."""

    retryable = False

    def __init__(self, message, code=None, attempts=1):
        super().__init__(message)
        self.message = message
        self.code = code
        self.attempts = attempts

    def __str__(self):
        text = f"{self.code}: {self.message}" if self.code else self.message
        if self.attempts > 1:
            text += f" (after {self.attempts} attempts)"
        return text


class NetSuiteAuthError(NetSuiteError):
    """Invalid login, wrong account id, insufficient permission: fix the settings, do not retry."""


class NetSuiteRateLimitError(NetSuiteError):
    """WS_REQUEST_BLOCKED, exceededConcurrentRequestLimitFault, exceededRequestLimitFault."""

    retryable = True


class NetSuiteTransportError(NetSuiteError):
    """Timeout, connection reset, HTTP 5xx without a SOAP fault. Retried: writes are upserts."""

    retryable = True


class NetSuiteFault(NetSuiteError):
    """Any other SOAP fault that rejects the whole request (e.g. exceededRecordCountFault)."""
