"""Loopback NetSuite SuiteTalk SOAP simulator (see simulators/README.md)."""

from .seed import SeedData
from .server import SimulatorServer
from .simulator import FAULT_KINDS, NetSuiteSimulator

__all__ = ["FAULT_KINDS", "NetSuiteSimulator", "SeedData", "SimulatorServer"]
