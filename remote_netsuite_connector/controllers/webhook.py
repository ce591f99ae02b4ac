"""The public endpoint Remote posts its webhook deliveries to."""

import json

from odoo import http
from odoo.http import request

from ..services.remote import SIGNATURE_HEADER, TIMESTAMP_HEADER

# A billing_document.issued delivery is a few hundred bytes: anything much larger is not Remote.
MAX_BODY_BYTES = 64 * 1024


class RemoteNetsuiteWebhook(http.Controller):
    @http.route(
        "/remote_netsuite/webhook/<int:connection_id>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,  # Remote cannot hold a CSRF token: the HMAC signature authenticates it
        save_session=False,
    )
    def remote_netsuite_webhook(self, connection_id, **_params):
        httprequest = request.httprequest
        if (httprequest.content_length or 0) > MAX_BODY_BYTES:
            return _answer(413, "too large")
        raw_body = httprequest.get_data(cache=False)
        if len(raw_body) > MAX_BODY_BYTES:
            return _answer(413, "too large")
        # sudo: Remote is not a user; the signature checked below is the authentication.
        connection = request.env["remote.netsuite.connection"].sudo().browse(connection_id)
        if not connection.exists() or not connection.active:
            return _answer(404, "unknown")
        connection = connection.with_company(connection.company_id)
        status, text = connection._receive_webhook(
            raw_body,
            httprequest.headers.get(SIGNATURE_HEADER),
            httprequest.headers.get(TIMESTAMP_HEADER),
        )
        return _answer(status, text)


def _answer(status, text):
    return request.make_response(
        json.dumps({"status": text}),
        headers=[("Content-Type", "application/json")],
        status=status,
    )
