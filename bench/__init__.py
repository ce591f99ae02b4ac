"""Benchmarks and reliability drills of the connector against the simulators (see README.md)."""

from . import addon  # the addon's services importable without Odoo, before anything
