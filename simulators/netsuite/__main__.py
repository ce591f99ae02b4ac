"""``python -m simulators.netsuite``: run the NetSuite SOAP simulator until interrupted."""

import argparse
import re

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from .schema import supported_versions
from .search import DEFAULT_SEARCH_TTL
from .seed import DEFAULT_CLOSED_PERIODS
from .simulator import DEFAULT_RANDOM_FAULT_KINDS, FAULT_KINDS, NetSuiteSimulator

DEFAULT_PORT = 8098


def _period(value):
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise argparse.ArgumentTypeError("expected YYYY-MM")
    return value


def _kinds(value):
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    unknown = set(kinds) - set(FAULT_KINDS)
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown fault kinds {sorted(unknown)}")
    return kinds


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m simulators.netsuite", description=__doc__)
    add = parser.add_argument
    add("--host", default="127.0.0.1", help="bind address (default: %(default)s)")
    add("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port (default: %(default)s)")
    add(
        "--version",
        default="2025_2",
        choices=supported_versions(),
        help="SuiteTalk version (default: %(default)s)",
    )
    add("--account", default="1234567_SB1", help="account id (default: %(default)s)")
    add("--consumer-key", default="sim-consumer-key")
    add("--consumer-secret", default="sim-consumer-secret")
    add("--token-id", default="sim-token-id")
    add("--token-secret", default="sim-token-secret")
    add("--m2m-client-id", default="sim-m2m-client-id", help="REST: the integration's client id")
    add(
        "--m2m-public-key",
        action="append",
        default=[],
        metavar="PEM",
        help="REST: a public key or certificate file mapped to the client id, repeatable",
    )
    add("--seed", type=int, default=1, help="seeds ids and random faults (default: %(default)s)")
    add("--latency-call", type=float, default=0.0, help="seconds slept per request")
    add("--latency-record", type=float, default=0.0, help="seconds slept per record")
    add("--concurrency-limit", type=int, default=5, help="(default: %(default)s)")
    add("--fault-rate", type=float, default=0.0, help="share of requests given a random fault")
    add(
        "--fault-kinds",
        type=_kinds,
        default=DEFAULT_RANDOM_FAULT_KINDS,
        help=f"comma-separated, of {', '.join(FAULT_KINDS)} (default: %(default)s)",
    )
    add(
        "--drop-after-commit-rate",
        type=float,
        default=0.0,
        help="share of successful writes whose connection is dropped after the commit",
    )
    add(
        "--closed-period",
        type=_period,
        action="append",
        dest="closed_periods",
        help=f"YYYY-MM, repeatable (default: {', '.join(DEFAULT_CLOSED_PERIODS)})",
    )
    add("--search-ttl", type=float, default=DEFAULT_SEARCH_TTL, help="searchId lifetime, seconds")
    return parser.parse_args(argv)


def _public_key(pem: bytes):
    if b"CERTIFICATE" in pem:
        return x509.load_pem_x509_certificate(pem)
    return serialization.load_pem_public_key(pem)


def main(argv=None):
    args = parse_args(argv)
    sim = NetSuiteSimulator(
        version=args.version,
        account=args.account,
        consumer_key=args.consumer_key,
        consumer_secret=args.consumer_secret,
        token_id=args.token_id,
        token_secret=args.token_secret,
        seed=args.seed,
        latency_call=args.latency_call,
        latency_record=args.latency_record,
        concurrency_limit=args.concurrency_limit,
        closed_periods=args.closed_periods or DEFAULT_CLOSED_PERIODS,
        fault_rate=args.fault_rate,
        fault_kinds=args.fault_kinds,
        drop_after_commit_rate=args.drop_after_commit_rate,
        search_ttl=args.search_ttl,
    )
    for path in args.m2m_public_key:
        with open(path, "rb") as handle:
            kid = sim.oauth.register(args.m2m_client_id, _public_key(handle.read()))
        print(f"M2M client {args.m2m_client_id}: certificate id {kid} ({path})", flush=True)
    server = sim.serve(host=args.host, port=args.port)
    print(
        f"NetSuite simulator {args.version} for account {args.account} at {server.url}", flush=True
    )
    print(f"endpoint {server.endpoint_url}", flush=True)
    print(f"wsdl     {server.wsdl_url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
