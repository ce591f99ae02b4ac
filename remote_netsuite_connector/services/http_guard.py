"""HTTP that a hostile server cannot abuse: no redirects, a capped body, a wall-clock deadline.

``requests``' timeout bounds each socket read, not the request: an answer trickled a byte at a
time never times out, and ``response.content`` reads any size into memory. Redirects are refused
outright: the clients send credentials (a bearer token, a tokenPassport) that must never reach
a host the connection does not name.
"""

import contextlib
import heapq
import itertools
import os
import socket
import threading
import time

import requests
import urllib3
from requests.adapters import HTTPAdapter

CHUNK = 64 * 1024
_LATE = "the answer did not arrive in full within the request's deadline"


class BodyTooLarge(requests.RequestException):
    """The answer is larger than the caller accepts."""


class DeadlineExceeded(requests.Timeout):
    """The answer did not arrive in full within the request's overall deadline."""


class _Watch:
    """The connection one request is using, so its deadline can cut it from another thread."""

    connection = None

    def cut(self):
        """Shut the socket down so a read blocked in the request's thread returns at once."""
        sock = getattr(self.connection, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


_current = threading.local()


class _Watchdog:
    """One thread that cuts every request still running at its deadline. A timer thread per
    request costs a thread start, and its wait for the GIL, inside each request's time."""

    def __init__(self):
        self._start_over()
        # a forked process (Odoo's workers) has no copy of the thread: it starts its own
        os.register_at_fork(after_in_child=self._start_over)

    def _start_over(self):
        self._wake = threading.Condition()
        self._due = []  # heap of [deadline, order, watch]; watch None once its request ended
        self._order = itertools.count()
        self._thread = None

    def watch(self, watch, seconds):
        """Cut ``watch`` in ``seconds`` unless :meth:`forget` comes first."""
        entry = [time.monotonic() + seconds, next(self._order), watch]
        with self._wake:
            heapq.heappush(self._due, entry)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="http-deadlines")
                self._thread.daemon = True
                self._thread.start()
            if self._due[0] is entry:
                self._wake.notify()
        return entry

    def forget(self, entry):
        """The request ended: once this returns, its connection is never cut."""
        with self._wake:
            entry[2] = None

    def _run(self):
        with self._wake:
            while True:
                while self._due and self._due[0][2] is None:
                    heapq.heappop(self._due)
                if not self._due:
                    self._wake.wait()
                    continue
                late = self._due[0][0] - time.monotonic()
                if late > 0:
                    self._wake.wait(late)
                    continue
                heapq.heappop(self._due)[2].cut()


_watchdog = _Watchdog()


class _WatchedPool:
    """Hands each connection it uses to the calling thread's watch, before the first byte."""

    def _make_request(self, conn, *args, **kwargs):
        watch = getattr(_current, "watch", None)
        if watch is not None:
            watch.connection = conn
        return super()._make_request(conn, *args, **kwargs)


class _WatchedHTTPPool(_WatchedPool, urllib3.HTTPConnectionPool):
    pass


class _WatchedHTTPSPool(_WatchedPool, urllib3.HTTPSConnectionPool):
    pass


_WATCHED_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class _WatchedAdapter(HTTPAdapter):
    """requests' adapter, with pools that let the deadline reach the socket in every phase."""

    def init_poolmanager(self, *args, **kwargs):
        result = super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _WATCHED_POOLS
        return result

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = _WATCHED_POOLS
        return manager


def read_body(response, *, max_bytes):
    """The body of a streamed ``response``, at most ``max_bytes``."""
    body = bytearray()
    try:
        for chunk in response.iter_content(CHUNK):
            body += chunk
            if len(body) > max_bytes:
                raise BodyTooLarge(f"the answer is larger than {max_bytes} bytes")
    finally:
        response.close()
    return bytes(body)


class GuardedSession(requests.Session):
    """A session that follows no redirect and reads each body under a size cap and a deadline.

    A redirect comes back to the caller as the 3xx response itself (not an error by itself).
    ``deadline`` is seconds per request, connect to last byte (headers included: a server that
    trickles its headers is cut too); ``max_bytes`` caps the body.
    """

    def __init__(self, *, max_bytes, deadline):
        super().__init__()
        self.max_bytes = max_bytes
        self.deadline = deadline
        for prefix in ("https://", "http://"):
            self.mount(prefix, _WatchedAdapter())

    def request(self, method, url, *args, **kwargs):
        kwargs["allow_redirects"] = False
        kwargs["stream"] = True
        watch = _current.watch = _Watch()
        deadline = time.monotonic() + self.deadline
        watched = _watchdog.watch(watch, self.deadline)
        try:
            response = super().request(method, url, *args, **kwargs)
            response._content = read_body(response, max_bytes=self.max_bytes)
        except (requests.RequestException, OSError) as exc:
            if isinstance(exc, BodyTooLarge | requests.Timeout) or time.monotonic() < deadline:
                raise
            raise DeadlineExceeded(_LATE) from exc
        finally:
            _watchdog.forget(watched)
            _current.watch = None
        if time.monotonic() >= deadline:
            raise DeadlineExceeded(_LATE)
        response._content_consumed = True
        return response
