"""HTTP that a hostile server cannot abuse: no redirects, a capped body, a wall-clock deadline.

``requests``' timeout bounds each socket read, not the request: an answer trickled a byte at a
time never times out, and ``response.content`` reads any size into memory. Redirects are refused
outright: the clients send credentials (a bearer token, a tokenPassport) that must never reach
a host the connection does not name.
"""

import contextlib
import socket
import threading
import time

import requests

CHUNK = 64 * 1024


class BodyTooLarge(requests.RequestException):
    """The answer is larger than the caller accepts."""


class DeadlineExceeded(requests.Timeout):
    """The answer did not arrive in full within the request's overall deadline."""


def _cut(response):
    """Shut the socket down so a read blocked in another thread returns at once."""
    connection = getattr(response.raw, "_connection", None)
    sock = getattr(connection, "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def read_body(response, *, max_bytes, deadline):
    """The body of a streamed ``response``: at most ``max_bytes``, by ``deadline`` (monotonic)."""
    remaining = deadline - time.monotonic()
    watchdog = threading.Timer(max(remaining, 0), _cut, (response,))
    watchdog.daemon = True
    watchdog.start()
    body = bytearray()
    try:
        for chunk in response.iter_content(CHUNK):
            body += chunk
            if len(body) > max_bytes:
                raise BodyTooLarge(f"the answer is larger than {max_bytes} bytes")
            if time.monotonic() >= deadline:
                break
    except (requests.RequestException, OSError) as exc:
        if isinstance(exc, BodyTooLarge) or time.monotonic() < deadline:
            raise
    finally:
        watchdog.cancel()
        response.close()
    if time.monotonic() >= deadline:
        raise DeadlineExceeded("the answer did not arrive in full within the request's deadline")
    return bytes(body)


class GuardedSession(requests.Session):
    """A session that follows no redirect and reads each body under a size cap and a deadline.

    A redirect comes back to the caller as the 3xx response itself (not an error by itself).
    ``deadline`` is seconds per request, connect to last byte; ``max_bytes`` caps the body.
    """

    def __init__(self, *, max_bytes, deadline):
        super().__init__()
        self.max_bytes = max_bytes
        self.deadline = deadline

    def request(self, method, url, *args, **kwargs):
        kwargs["allow_redirects"] = False
        kwargs["stream"] = True
        deadline = time.monotonic() + self.deadline
        response = super().request(method, url, *args, **kwargs)
        response._content = read_body(response, max_bytes=self.max_bytes, deadline=deadline)
        response._content_consumed = True
        return response
