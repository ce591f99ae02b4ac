"""The REST face's routes: the OAuth 2.0 token endpoint and bearer-token checks."""

import json
from datetime import UTC, datetime

from werkzeug.wrappers import Response

from .rest_auth import TOKEN_PATH, TokenRefused

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
    return error_response(404, "NONEXISTENT_ID", "Record does not exist.")


def _token(sim, request) -> Response:
    try:
        body = sim.oauth.token(request.form.to_dict(), request.base_url)
    except TokenRefused as refused:
        return Response(
            json.dumps({"error": refused.error}), status=refused.status, content_type=JSON
        )
    return Response(json.dumps(body), content_type=JSON)
