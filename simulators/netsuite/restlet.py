"""The connector's PDF RESTlet, as the simulated account runs it (contract: simulators/README.md).

``POST /app/site/hosting/restlet.nl?script=<SCRIPT_ID>&deploy=<DEPLOY_ID>`` with a JSON action;
files go into the same File Cabinet (``Book.files``) as SOAP's ``add``.
Errors are what NetSuite answers for an error a RESTlet throws: 400 ``{"error": {code, message}}``.
"""

import base64
import binascii
import hashlib
import json

from werkzeug.wrappers import Response

from .bookings import RecordError
from .rest_records import RECORD_TYPES

RESTLET_PATH = "/app/site/hosting/restlet.nl"
RESTLET_SCOPE = "restlets"
SCRIPT_ID = "customscript_rnc_pdf_attach"
DEPLOY_ID = "customdeploy_rnc_pdf_attach"
CONTRACT_VERSION = "1"
# UNCONFIRMED: NetSuite's code and text for a script or deployment that does not exist
NOT_DEPLOYED = (
    "SSS_INVALID_SCRIPTLET_ID",
    "That Suitelet is invalid, disabled, or no longer exists.",
)


def error(status, code, message) -> Response:
    return Response(
        json.dumps({"error": {"code": code, "message": message}}),
        status=status,
        content_type="application/json",
    )


def concurrency_refused() -> Response:
    return error(400, "SSS_REQUEST_LIMIT_EXCEEDED", "Request limit exceeded.")


def _required(body, *names):
    missing = [name for name in names if not isinstance(body.get(name), str) or not body[name]]
    if missing:
        raise RecordError("SSS_MISSING_REQD_ARGUMENT", f"Missing a required argument: {missing[0]}")


def _content(body) -> dict:
    try:
        content = base64.b64decode(body["contentBase64"], validate=True)
    except (binascii.Error, ValueError):
        raise RecordError("SSS_INVALID_ARG", "contentBase64 is not base64.") from None
    return {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}


def handle(sim, request) -> Response:
    if (request.args.get("script"), request.args.get("deploy")) != (SCRIPT_ID, DEPLOY_ID) or (
        not sim.restlet_deployed
    ):
        return error(400, *NOT_DEPLOYED)
    if request.method != "POST":
        return error(405, "SSS_INVALID_HTTP_METHOD", "The RESTlet answers POST only.")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return error(400, "SSS_INVALID_ARG", "The body is not a JSON object.")
    if sim.is_denied("file") and body.get("action") != "ping":
        return error(
            400, "INSUFFICIENT_PERMISSION", "You need the 'Documents and Files' permission."
        )
    try:
        answer = _action(sim, body)
    except RecordError as refused:
        return error(400, refused.code, refused.message)
    sim.pause_per_record()
    return Response(json.dumps(answer), content_type="application/json")


def _action(sim, body) -> dict:
    action = body.get("action")
    book = sim.book
    if action == "ping":
        return {"ok": True, "version": CONTRACT_VERSION}
    if action == "upload":
        _required(body, "name", "contentBase64", "folderId")
        values = {"name": body["name"], "folder_id": body["folderId"], **_content(body)}
        values["file_type"] = "_PDF" if body["name"].lower().endswith(".pdf") else None
        return {"fileId": book.add_file(body.get("externalId") or None, values)}
    if action == "replace":
        _required(body, "fileId", "contentBase64")
        return {"fileId": book.update_file(body["fileId"], _content(body))}
    if action == "attach":
        _required(body, "fileId", "recordType", "recordId")
        kind = RECORD_TYPES.get(body["recordType"].lower())
        target = book.transactions.get(body["recordId"])
        if kind is None or target is None or target.kind != kind:
            raise RecordError(
                "INVALID_KEY_OR_REF", f"Invalid record: {body['recordType']} {body['recordId']}."
            )
        book.attach_file(body["recordId"], body["fileId"])
        return {"fileId": body["fileId"]}
    raise RecordError("SSS_INVALID_ARG", f"Unknown action {action!r}.")
