"""Plain-Python services of the connector: no ``odoo`` import anywhere below this package.

- ``netsuite``: the NetSuite client (SuiteTalk SOAP today, one interface of plain values).
- ``remote``: the Remote API client and webhook verification.
- ``bill_builder``: turns a Remote billing document into NetSuite bill payloads.
"""
