"""Benchmarks and reliability drills of the connector against the simulators (see README.md)."""
