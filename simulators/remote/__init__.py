"""Loopback stand-in for Remote's customer API (billing documents and what they refer to)."""

from .simulator import DEFAULT_TOKEN, RemoteSimulator, ServerHandle

__all__ = ["DEFAULT_TOKEN", "RemoteSimulator", "ServerHandle"]
