"""The addon's PDF RESTlet: File Cabinet files for REST connections (REST has no file records).

The contract (one JSON POST per action, the connection's OAuth 2.0 bearer token with the
``restlets`` scope) is written down in simulators/README.md, "RESTlet contract":

* ``{"action": "upload", "name", "contentBase64", "folderId", "externalId"?}`` -> ``{"fileId"}``
* ``{"action": "replace", "fileId", "contentBase64"}`` -> ``{"fileId"}``
* ``{"action": "attach", "fileId", "recordType", "recordId"}`` -> ``{"fileId"}``
* ``{"action": "ping"}`` -> ``{"ok": true, "version": "1"}``

A refusal is what NetSuite answers for an error a RESTlet throws: HTTP 400 (500 for an
unexpected one) with ``{"error": {"code", "message"}}``.
"""

import base64

from .errors import (
    NetSuiteAuthError,
    NetSuiteFault,
    NetSuiteRateLimitError,
    NetSuiteRestletMissing,
    NetSuiteTransportError,
    sentence,
)

RESTLET_SCRIPT_ID = "customscript_rnc_pdf_attach"
RESTLET_DEPLOY_ID = "customdeploy_rnc_pdf_attach"
CONTRACT_VERSION = "1"
RATE_LIMIT_CODES = {"SSS_REQUEST_LIMIT_EXCEEDED"}
NOT_DEPLOYED_CODES = {"SSS_INVALID_SCRIPTLET_ID"}
AUTH_CODES = {"INVALID_LOGIN_ATTEMPT", "INVALID_LOGIN", "INSUFFICIENT_PERMISSION"}
AUTH_HINT = (
    "Check that the integration record has the RESTlets scope, that the RESTlet's deployment "
    "allows the mapping's role, and that the role has Documents and Files (Full) and "
    "Transactions > Bills / Vendor Credits."
)


def restlet_url(account_host_label: str) -> str:
    """The RESTlet's URL on the account's restlets host, for the shipped script and deployment."""
    return (
        f"https://{account_host_label}.restlets.api.netsuite.com/app/site/hosting/restlet.nl"
        f"?script={RESTLET_SCRIPT_ID}&deploy={RESTLET_DEPLOY_ID}"
    )


def restlet_error(status: int, body: dict, what: str, account_id: str):
    error = body.get("error") if isinstance(body.get("error"), dict) else {}
    code, message = error.get("code"), error.get("message") or ""
    if code in RATE_LIMIT_CODES:
        return NetSuiteRateLimitError(f"{what}: {message}", code=code)
    if code in NOT_DEPLOYED_CODES or status == 404:
        return NetSuiteRestletMissing(
            f"{what}: the addon's RESTlet is not deployed at the configured URL "
            f"({message or status}). Deploy it in NetSuite (see the README, PDF RESTlet) "
            "or correct the URL.",
            code=code or "SSS_INVALID_SCRIPTLET_ID",
        )
    if code in AUTH_CODES or status in (401, 403):
        return NetSuiteAuthError(
            f"NetSuite refused the RESTlet call of account {account_id}: "
            f"{sentence(message or status)} {AUTH_HINT}",
            code=code or f"HTTP {status}",
        )
    if status >= 500 and not code:
        return NetSuiteTransportError(f"{what}: HTTP {status}", code=code)
    return NetSuiteFault(f"{what}: {message or f'HTTP {status}'}", code=code)


class Restlet:
    """One deployment of the RESTlet, called through the gateway's authenticated requests."""

    def __init__(self, gateway, url: str):
        self._gateway = gateway
        self.url = url

    def _call(self, what: str, body: dict) -> dict:
        response = self._gateway._request(
            "POST", "", what, url=self.url, json=body, errors=restlet_error
        )
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            raise NetSuiteFault(f"{what}: the RESTlet answered something else than a JSON object")
        return answer

    def _file_id(self, what: str, body: dict) -> str:
        file_id = self._call(what, body).get("fileId")
        if file_id in (None, ""):
            raise NetSuiteFault(f"{what}: the RESTlet answered no fileId")
        return str(file_id)

    def upload(self, name, content: bytes, folder_id, external_id=None) -> str:
        body = {
            "action": "upload",
            "name": name,
            "contentBase64": base64.b64encode(content).decode(),
            "folderId": str(folder_id),
        }
        if external_id:
            body["externalId"] = external_id
        return self._file_id("restlet upload", body)

    def replace(self, file_id, content: bytes) -> str:
        body = {
            "action": "replace",
            "fileId": str(file_id),
            "contentBase64": base64.b64encode(content).decode(),
        }
        return self._file_id("restlet replace", body)

    def attach(self, file_id, record_type, record_id) -> str:
        body = {
            "action": "attach",
            "fileId": str(file_id),
            "recordType": record_type,
            "recordId": str(record_id),
        }
        return self._file_id("restlet attach", body)

    def ping(self) -> dict:
        return self._call("restlet ping", {"action": "ping"})
