"""The services' messages (``services/messages.py``) in the user's language."""

from ..services.messages import Joined, Message


def translated(env, value):
    """``value`` translated with ``env``'s language when the services marked it for translation;
    an exception counts by its text; anything else is returned as it is."""
    if isinstance(value, BaseException):
        value = str(value)  # keeps the Message that the services' exceptions give
    if isinstance(value, Joined):
        separator = translated(env, value.separator)
        return separator.join(translated(env, part) for part in value.parts)
    if isinstance(value, Message):
        params = {key: translated(env, param) for key, param in value.params.items()}
        return env._(value.template, **params) if params else env._(value.template)
    return value
