"""User-facing messages of the services, translatable although the services never import odoo.

``_lt("Nothing to book: %(label)s totals zero.", label=label)`` does two things. Its name is the
marker Odoo's translation export looks for in every Python file of the addon, so the English
template lands in the ``.pot``; and it returns a ``Message``: a ``str`` whose value is the English
text (what logs, exceptions and the pure tests see), which also keeps the template and its
parameters. Where odoo is importable, ``tools.service_text.translated(env, value)`` looks the
template up in the user's language and fills in the parameters, each translated the same way.
Parameters that are plain text (names, numbers, Remote's own words) stay as they are.
"""


class Message(str):
    """The English text of a message, with its template and parameters for translation."""

    template: str
    params: dict

    def __new__(cls, template, params=None):
        params = dict(params or {})
        text = super().__new__(cls, template % params if params else template)
        text.template, text.params = template, params
        return text


class Joined(str):
    """Parts of a message joined by a separator (itself a Message: " and ", "; ")."""

    parts: tuple
    separator: str

    def __new__(cls, parts, separator):
        parts = tuple(parts)
        text = super().__new__(cls, separator.join(parts))
        text.parts, text.separator = parts, separator
        return text


def _lt(template, **params):
    return Message(template, params)


def joined(parts, separator):
    return Joined(parts, separator)
