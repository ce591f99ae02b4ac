"""The REST face's routes: OAuth 2.0 token, bearer checks, records, SuiteQL and the RESTlet.

Every request but the token's passes the same fault injection, account-wide concurrency gate,
hold and latencies as a SOAP request (simulator.py).
"""

import json
import logging
import time
from datetime import UTC, datetime

from werkzeug.wrappers import Response

from . import rest_async, restlet, suiteql
from .bookings import RecordError
from .operations import BEFORE_SUBMIT_MESSAGE
from .rest_auth import REST_SCOPE, TOKEN_PATH, TokenRefused
from .rest_records import RECORD_TYPES, bill_json, draft_from_json
from .xmlutil import Ref

_logger = logging.getLogger(__name__)
REST_PREFIX = "/services/rest/"
RECORD_PREFIX = "/services/rest/record/v1/"
SUITEQL_PATH = "/services/rest/query/v1/suiteql"
SERVER_TIME_PATH = "/services/rest/system/v1/serverTime"
# UNCONFIRMED: NetSuite documents 204 for a create in most places, 201 in the sublist examples
CREATE_STATUS = 201
HOLD_TIMEOUT = 30.0
RECORD_OPERATIONS = {"POST": "add", "PUT": "upsert", "GET": "get", "DELETE": "delete"}

JSON = "application/json"
STATUS_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    429: "Bad Request",
    500: "Internal Server Error",
}
SERVICE_UNAVAILABLE_HTML = (
    "<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable"
    "</h1></body></html>"
)


def error_response(status, code, detail, **extra) -> Response:
    """An ``nsError`` body as NetSuite's REST services send it."""
    body = {
        "type": "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html",
        "title": STATUS_TITLES.get(status, "Error"),
        "status": status,
        **extra,
        "o:errorDetails": [{"detail": detail, "o:errorCode": code}],
    }
    return Response(json.dumps(body), status=status, content_type=JSON)


def _json_response(body, status=200, headers=None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers, content_type=JSON)


def _bearer(request) -> str:
    value = request.headers.get("Authorization", "")
    return value.removeprefix("Bearer ") if value.startswith("Bearer ") else ""


def rest_dispatch(sim, request, path) -> Response:
    if path == TOKEN_PATH and request.method == "POST":
        return _token(sim, request)
    parts = path.split("/")
    service = parts[3] if len(parts) > 3 else ""
    sim.count_call(f"REST {request.method} {service}")
    if not sim.oauth.valid(_bearer(request), REST_SCOPE):
        return error_response(401, "INVALID_LOGIN", "Invalid login attempt.")
    if path == SERVER_TIME_PATH and request.method == "GET":
        now = datetime.fromtimestamp(sim.oauth.clock(), UTC)
        return _json_response({"serverTime": now.strftime("%Y-%m-%dT%H:%M:%S.000Z")})
    if path.startswith(RECORD_PREFIX):
        return gated(
            sim,
            (f"rest record {request.method}", "rest record", "rest"),
            f"rest {RECORD_OPERATIONS.get(request.method, request.method.lower())}",
            lambda: _record(sim, request, path),
            _concurrency_refused,
            write=request.method != "GET",
        )
    if path.startswith(rest_async.ASYNC_PREFIX) and request.method == "GET":
        return gated(
            sim,
            ("rest async", "rest"),
            "rest async get",
            lambda: _async_job(sim, request, path),
            _concurrency_refused,
        )
    if path == SUITEQL_PATH:
        return gated(
            sim,
            ("rest query", "rest"),
            "rest suiteql",
            lambda: _suiteql(sim, request),
            _concurrency_refused,
        )
    return error_response(404, "NONEXISTENT_ID", "Record does not exist.")


def gated(sim, keys, operation, handle, refused, write=False) -> Response:
    """Fault injection (SOAP's kinds), the account-wide gate, hold and latency, then ``handle``."""
    from .server import DropConnection  # noqa: PLC0415 - server imports this module

    injected = sim.injected_fault(*keys)
    if injected == "http_503":
        return Response(SERVICE_UNAVAILABLE_HTML, status=503, content_type="text/html")
    if injected == "drop_before":
        raise DropConnection("simulated connection drop")
    if injected == "unexpected_error":
        return _unexpected()
    if injected == "before_submit_failed" and write:
        # a user event script threw in beforeSubmit: nothing is saved
        return error_response(
            400, "USER_ERROR", f"Error while accessing a resource. {BEFORE_SUBMIT_MESSAGE}"
        )
    if injected == "concurrency" or not sim.enter():
        return refused()
    try:
        hold = sim.hold
        if hold is not None:
            hold.wait(HOLD_TIMEOUT)
        try:
            response = sim.process_rest(operation, handle)
        except Exception:  # a simulator bug must still look like NetSuite, not like a hang
            _logger.exception("REST request failed in the simulator")
            response = _unexpected()
    finally:
        sim.leave()
    committed = write and response.status_code < 300
    if injected == "commit_then_drop" or (committed and sim.chance(sim.drop_after_commit_rate)):
        raise DropConnection("simulated connection drop after commit")
    return response


def _unexpected() -> Response:
    detail = f"An unexpected error occurred. Error ID: {time.time_ns():x}"
    return error_response(500, "UNEXPECTED_ERROR", detail)


def _concurrency_refused() -> Response:
    # Oracle's documented 429 body, with its extra top-level o:errorCode
    return error_response(
        429,
        "CONCURRENCY_LIMIT_EXCEEDED",
        "Concurrent request limit exceeded. Request blocked.",
        **{"o:errorCode": "USER_ERROR"},
    )


def _record_error(error: RecordError) -> Response:
    if error.code == "RCRD_DSNT_EXIST":
        return error_response(404, "NONEXISTENT_ID", "Record does not exist.")
    return error_response(400, error.code, f"Error while accessing a resource. {error.message}")


def _record_url(request, kind, internal_id) -> str:
    return f"{request.host_url}{RECORD_PREFIX.lstrip('/')}{kind}/{internal_id}"


def _record(sim, request, path) -> Response:
    record_type, _, key = path.removeprefix(RECORD_PREFIX).partition("/")
    kind = RECORD_TYPES.get(record_type.lower())
    if kind is None or "/" in key:
        return error_response(404, "NONEXISTENT_ID", "Record does not exist.")
    if sim.is_denied(kind):
        return error_response(
            403,
            "INSUFFICIENT_PERMISSION",
            f"Permission Violation: You need a higher level of the '{kind}' permission.",
        )
    try:
        if not key and request.method == "PUT":
            return _batch_upsert(sim, request, kind)
        if not key:
            return _create(sim, request, kind)
        return _keyed(sim, request, kind, key)
    except RecordError as error:
        return _record_error(error)


def _body(request) -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise RecordError("INVALID_REQUEST", "The request body is not a JSON object.")
    return body


def _create(sim, request, kind) -> Response:
    if request.method != "POST":
        return error_response(400, "INVALID_REQUEST", f"{request.method} needs a record id.")
    body = _body(request)
    draft = draft_from_json(kind, body.get("externalId"), body)
    booked = sim.book.write("add", draft)
    sim.pause_per_record()
    location = _record_url(request, kind, booked.internal_id)
    return Response(status=CREATE_STATUS, headers={"Location": location})


def _batch_upsert(sim, request, kind) -> Response:
    """The asynchronous batch upsert (rest_async.py): 202 and the job's Location."""
    if "respond-async" not in request.headers.get("Prefer", "").lower():
        return error_response(400, "INVALID_REQUEST", "Batch requests are asynchronous only.")
    job_id = sim.async_jobs.submit(kind, _body(request).get("items"))
    location = f"{request.host_url}{rest_async.ASYNC_PREFIX.lstrip('/')}{job_id}"
    headers = {"Location": location, "Preference-Applied": "respond-async"}
    return Response(status=202, headers=headers)


def _async_job(sim, request, path) -> Response:
    status, body = rest_async.job_answer(
        sim.async_jobs, request.host_url, path.removeprefix(rest_async.ASYNC_PREFIX)
    )
    if body is None:
        return error_response(404, "NONEXISTENT_ID", "The job does not exist.")
    return _json_response(body, status=status)


def _keyed(sim, request, kind, key) -> Response:
    external_id = key.removeprefix("eid:") if key.startswith("eid:") else None
    ref = Ref(None, external_id) if external_id is not None else Ref(key, None)
    if request.method == "PUT":
        if external_id is None:
            return error_response(400, "INVALID_REQUEST", "Upsert needs an eid: key.")
        booked = sim.book.write("upsert", draft_from_json(kind, external_id, _body(request)))
        sim.pause_per_record()
        location = _record_url(request, kind, booked.internal_id)
        return Response(status=204, headers={"Location": location})
    if request.method == "GET":
        found = sim.book.find(kind, ref)
        sim.pause_per_record()
        if found is None:
            return error_response(404, "NONEXISTENT_ID", "Record does not exist.")
        return _json_response(bill_json(found))
    if request.method == "DELETE":
        sim.book.delete(kind, ref)
        sim.pause_per_record()
        return Response(status=204)
    return error_response(400, "INVALID_REQUEST", f"{request.method} is not supported.")


def _suiteql(sim, request) -> Response:
    if request.method != "POST":
        return error_response(400, "INVALID_REQUEST", "SuiteQL queries are POSTed.")
    if "transient" not in request.headers.get("Prefer", "").lower():
        # documented as required; NetSuite's answer without it is UNCONFIRMED
        return error_response(400, "INVALID_REQUEST", "The header Prefer: transient is required.")
    try:
        limit = int(request.args.get("limit", suiteql.MAX_LIMIT))
        offset = int(request.args.get("offset", 0))
    except ValueError:
        return error_response(400, "INVALID_REQUEST", "limit and offset must be integers.")
    if not 1 <= limit <= suiteql.MAX_LIMIT or offset < 0 or offset % limit:
        return error_response(
            400,
            "INVALID_REQUEST",
            f"Invalid paging: limit must be 1-{suiteql.MAX_LIMIT} and offset a multiple of it.",
        )
    if offset + limit > suiteql.MAX_ROWS:
        return error_response(400, "INVALID_REQUEST", "SuiteQL returns at most 100000 rows.")
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("params", []), list):
        return error_response(
            400, "INVALID_REQUEST", 'The body must be {"q": ..., "params": [...]}.'
        )
    try:
        rows = suiteql.run(sim, body.get("q"), body.get("params"))
    except suiteql.QueryError as error:
        return error_response(400, "USER_ERROR", str(error))
    page = rows[offset : offset + limit]
    for _row in page:
        sim.pause_per_record()
    return _json_response(_collection(request, page, offset, limit, len(rows)))


def _collection(request, page, offset, limit, total) -> dict:
    base = f"{request.host_url}{SUITEQL_PATH.lstrip('/')}"

    def link(rel, at):
        return {"rel": rel, "href": f"{base}?limit={limit}&offset={at}"}

    last = max(0, (total - 1) // limit * limit)
    links = [link("self", offset), link("first", 0), link("last", last)]
    if offset > 0:
        links.insert(1, link("previous", max(0, offset - limit)))
    if offset + limit < total:
        links.insert(1, link("next", offset + limit))
    return {
        "links": links,
        "count": len(page),
        "hasMore": offset + limit < total,
        "offset": offset,
        "totalResults": total,
        "items": [{"links": [], **row} for row in page],
    }


def restlet_dispatch(sim, request) -> Response:
    sim.count_call("RESTLET POST" if request.method == "POST" else f"RESTLET {request.method}")
    if not sim.oauth.valid(_bearer(request), restlet.RESTLET_SCOPE):
        return restlet.error(401, "INVALID_LOGIN_ATTEMPT", "Invalid login attempt.")
    return gated(
        sim,
        ("restlet",),
        "restlet",
        lambda: restlet.handle(sim, request),
        restlet.concurrency_refused,
        write=True,
    )


def _token(sim, request) -> Response:
    try:
        body = sim.oauth.token(request.form.to_dict(), request.base_url)
    except TokenRefused as refused:
        return _json_response(refused.body(sim.oauth.describe_refusals), status=refused.status)
    return _json_response(body)
