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
        raw_body = _read_at_most(httprequest, MAX_BODY_BYTES + 1)
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


def _read_at_most(httprequest, size):
    """The body's first ``size`` bytes. A chunked body has no Content-Length, and get_data()
    reads it whole first (werkzeug 2.2 sets no limit there), which would let anyone fill the
    worker's memory. Odoo's HTTPRequest hides werkzeug's ``stream``, the only way to read less."""
    stream = httprequest._HTTPRequest__wrapped.stream  # pylint: disable=protected-access
    return stream.read(size)


def _answer(status, text):
    return request.make_response(
        json.dumps({"status": text}),
        headers=[("Content-Type", "application/json")],
        status=status,
    )
