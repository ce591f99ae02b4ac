"""REST error bodies map onto the typed errors SOAP's faults map onto, so the sync, the retry
and the closed-period handling act the same on both transports."""

import pytest

from remote_netsuite_connector.services.netsuite import (
    NetSuiteAuthError,
    NetSuiteFault,
    NetSuiteRateLimitError,
    NetSuiteTransportError,
)
from remote_netsuite_connector.services.netsuite.rest_errors import error_from_response


def body(code, detail, **top):
    return {"status": 400, **top, "o:errorDetails": [{"detail": detail, "o:errorCode": code}]}


@pytest.mark.parametrize(
    "status, answer, kind, code",
    [
        (
            429,
            body("CONCURRENCY_LIMIT_EXCEEDED", "Concurrent request limit exceeded.", **{
                "o:errorCode": "USER_ERROR"
            }),
            NetSuiteRateLimitError,
            "CONCURRENCY_LIMIT_EXCEEDED",
        ),
        (500, body("UNEXPECTED_ERROR", "An unexpected error occurred."), NetSuiteTransportError,
         "UNEXPECTED_ERROR"),
        (502, {}, NetSuiteTransportError, None),
        (401, body("INVALID_LOGIN", "Invalid login attempt."), NetSuiteAuthError, "INVALID_LOGIN"),
        (403, body("INSUFFICIENT_PERMISSION", "Permission Violation"), NetSuiteAuthError,
         "INSUFFICIENT_PERMISSION"),
        (404, body("NONEXISTENT_ID", "Record does not exist."), NetSuiteFault, "NONEXISTENT_ID"),
        # Oracle's documented closed-period text under a generic code: the addon's code
        (400, body("USER_ERROR", "Error while accessing a resource. Insert Transaction Failure: "
                   "No valid, open, posting period for date - 12/20/2024."), NetSuiteFault,
         "VALID_PRD_REQD"),
        (400, body("INVALID_CONTENT", "You have entered an Invalid Field Value 9999 for the "
                   "following field: entity"), NetSuiteFault, "INVALID_KEY_OR_REF"),
        (400, body("USER_ERROR", "Error while accessing a resource. This record already exists."),
         NetSuiteFault, "DUP_RCRD"),
        (400, body("CANT_DELETE_TRANS", "dependent records"), NetSuiteFault, "CANT_DELETE_TRANS"),
        (400, body("USER_ERROR", "Error while accessing a resource. Something else."),
         NetSuiteFault, "USER_ERROR"),
    ],
)  # fmt: skip
def test_rest_error_body_maps_to_the_typed_error(status, answer, kind, code):
    error = error_from_response(status, answer, "upsert", "1234567_SB1")
    assert type(error) is kind
    assert error.code == code or (code is None and str(status) in str(error))
    assert error.retryable == (kind in (NetSuiteRateLimitError, NetSuiteTransportError))


def test_auth_errors_name_the_rest_credentials_not_soap_tokens():
    error = error_from_response(401, body("INVALID_LOGIN", "x"), "get", "1234567_SB1")
    assert "Certificate ID" in str(error) and "token secret" not in str(error)
