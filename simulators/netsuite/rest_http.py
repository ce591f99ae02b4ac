"""The REST face's routes: the OAuth 2.0 token endpoint and bearer-token checks."""

import json
from datetime import UTC, datetime

from werkzeug.wrappers import Response

from .bookings import RecordError
from .rest_auth import TOKEN_PATH, TokenRefused
from .rest_records import RECORD_TYPES, bill_json, draft_from_json
from .xmlutil import Ref

RECORD_PREFIX = "/services/rest/record/v1/"

JSON = "application/json"
STATUS_TITLES = {400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 429: "Bad Request"}


def error_response(status, code, detail) -> Response:
    """An ``nsError`` body as NetSuite's REST services send it."""
    body = {
        "type": "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html",
        "title": STATUS_TITLES.get(status, "Error"),
        "status": status,
        "o:errorDetails": [{"detail": detail, "o:errorCode": code}],
    }
    return Response(json.dumps(body), status=status, content_type=JSON)


def rest_dispatch(sim, request, path) -> Response:
    if path == TOKEN_PATH and request.method == "POST":
        return _token(sim, request)
    sim.count_call(f"REST {request.method} {path.split('/')[3]}")
    bearer = request.headers.get("Authorization", "")
    if not bearer.startswith("Bearer ") or not sim.oauth.valid(bearer.removeprefix("Bearer ")):
        return error_response(401, "INVALID_LOGIN", "Invalid login attempt.")
    if path == "/services/rest/system/v1/serverTime" and request.method == "GET":
        now = datetime.fromtimestamp(sim.oauth.clock(), UTC)
        return Response(
            json.dumps({"serverTime": now.strftime("%Y-%m-%dT%H:%M:%S.000Z")}), content_type=JSON
        )
    if path.startswith(RECORD_PREFIX):
        return _gated(sim, request, path)
    return error_response(404, "NONEXISTENT_ID", "Record does not exist.")


def _gated(sim, request, path) -> Response:
    """The account-wide concurrency gate and the fault injection SOAP requests go through."""
    injected = sim.injected_fault("rest")
    if injected == "concurrency" or not sim.enter():
        return _concurrency_refused()
    try:
        return _record(sim, request, path)
    except RecordError as error:
        return error_response(400, error.code, f"Error while accessing a resource. {error.message}")
    finally:
        sim.leave()


def _concurrency_refused() -> Response:
    response = error_response(
        429, "CONCURRENCY_LIMIT_EXCEEDED", "Concurrent request limit exceeded. Request blocked."
    )
    body = json.loads(response.get_data())
    body["o:errorCode"] = "USER_ERROR"  # as Oracle's documented 429 body has it
    response.set_data(json.dumps(body))
    return response


def _record(sim, request, path) -> Response:
    record_type, _, key = path.removeprefix(RECORD_PREFIX).partition("/")
    kind = RECORD_TYPES.get(record_type.lower())
    if kind is None or not key:
        return error_response(404, "NONEXISTENT_ID", "Record does not exist.")
    external_id = key.removeprefix("eid:") if key.startswith("eid:") else None
    ref = Ref(None, external_id) if external_id is not None else Ref(key, None)
    if request.method == "PUT":
        if external_id is None:
            return error_response(400, "INVALID_REQUEST", "Upsert needs an eid: key.")
        booked = sim.book.write("upsert", draft_from_json(kind, external_id, request.get_json()))
        location = f"{request.host_url}{RECORD_PREFIX.lstrip('/')}{kind}/{booked.internal_id}"
        return Response(status=204, headers={"Location": location})
    found = sim.book.find(kind, ref)
    if found is None:
        return error_response(404, "NONEXISTENT_ID", "Record does not exist.")
    if request.method == "GET":
        return Response(json.dumps(bill_json(found)), content_type=JSON)
    return error_response(400, "INVALID_REQUEST", f"{request.method} is not supported yet.")


def _token(sim, request) -> Response:
    try:
        body = sim.oauth.token(request.form.to_dict(), request.base_url)
    except TokenRefused as refused:
        return Response(
            json.dumps({"error": refused.error}), status=refused.status, content_type=JSON
        )
    return Response(json.dumps(body), content_type=JSON)
