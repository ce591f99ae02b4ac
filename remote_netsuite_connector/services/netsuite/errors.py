"""Typed NetSuite errors the addon acts on. Messages never contain secrets."""

from ..messages import _lt


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
            text = _lt("%(text)s (after %(attempts)s attempts)", text=text, attempts=self.attempts)
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


class NetSuiteRestletMissing(NetSuiteFault):
    """A File Cabinet operation on a REST connection without the addon's RESTlet: REST Web
    Services have no file records, and the connection never falls back to SOAP."""

    def __init__(self, message, code="RESTLET_NOT_CONFIGURED", attempts=1):
        super().__init__(message, code=code, attempts=attempts)


def sentence(text) -> str:
    """``text`` (NetSuite's message, which may end with a full stop) as one sentence."""
    return f"{str(text).rstrip().rstrip('.')}."


# "no such record": SOAP's status codes, and REST's 404 code
NOT_FOUND_CODES = {"RCRD_DSNT_EXIST", "INVALID_KEY_OR_REF", "INVALID_REF_KEY", "NONEXISTENT_ID"}
