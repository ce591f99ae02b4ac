"""Keep the connector's secrets out of Odoo's debug log of RPC calls.

At debug level ``odoo.api`` logs every ``call_kw`` with its arguments (``call %s.%s(%s)``), so the
form saving a token (``web_save``), an ``onchange`` or an XML-RPC ``write`` would log it in clear.
A filter on that logger replaces the values of the model's secret fields (``_secret_fields``)
before any handler formats the line; the call itself receives them unchanged.
"""

import logging

from odoo.api import Params

REDACTED = "<secret hidden>"


class SecretArgumentsFilter(logging.Filter):
    def filter(self, record):
        args = record.args
        if isinstance(args, tuple) and len(args) == 3 and isinstance(args[2], Params):
            records, method, params = args
            names = frozenset(getattr(records, "_secret_fields", ()))
            if names:
                record.args = (
                    records,
                    method,
                    Params(_redact(params.args, names), _redact(params.kwargs, names)),
                )
        return True


def _redact(value, names):
    if isinstance(value, dict):
        return {
            key: REDACTED
            if key in names and isinstance(item, str) and item
            else _redact(item, names)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return type(value)(_redact(item, names) for item in value)
    return value


def install():
    """Add the filter to ``odoo.api`` once per process."""
    logger = logging.getLogger("odoo.api")
    if not any(isinstance(existing, SecretArgumentsFilter) for existing in logger.filters):
        logger.addFilter(SecretArgumentsFilter())
