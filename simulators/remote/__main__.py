"""``python -m simulators.remote --port 8099``: serve the Remote API simulator until Ctrl-C."""

import argparse
import sys
from datetime import date

from .generator import SCALES, default_start_period, parse_period
from .simulator import (
    DEFAULT_PORT,
    DEFAULT_RATE_WINDOW,
    DEFAULT_TOKEN,
    LOOSE_RATE_LIMIT,
    STRICT_RATE_LIMIT,
    RemoteSimulator,
)


def _period(text: str) -> str:
    try:
        parse_period(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m simulators.remote", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="bind address (loopback)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="the accepted Bearer token")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", choices=sorted(SCALES), default="demo")
    parser.add_argument(
        "--today",
        type=_day,
        default=None,
        help="Remote's today YYYY-MM-DD: no document issued after it is served (default: the date)",
    )
    parser.add_argument(
        "--start-period",
        type=_period,
        default=None,
        help=f"first billed month YYYY-MM (default: two months before today, "
        f"{default_start_period()})",
    )
    parser.add_argument("--months", type=int, default=None, help="default: the scale's")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to each call")
    parser.add_argument("--fault-rate", type=float, default=0.0, help="share of calls → 503")
    parser.add_argument("--rate-limit", type=int, default=LOOSE_RATE_LIMIT, help="per window")
    parser.add_argument(
        "--strict-rate-limit",
        action="store_true",
        help=f"{STRICT_RATE_LIMIT} requests per window, Remote's documented customer limit",
    )
    parser.add_argument("--rate-window", type=float, default=DEFAULT_RATE_WINDOW, help="seconds")
    parser.add_argument("--verbose", action="store_true", help="log each request")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    simulator = RemoteSimulator(
        token=args.token,
        seed=args.seed,
        scale=args.scale,
        start_period=args.start_period,
        months=args.months,
        latency=args.latency,
        rate_limit=STRICT_RATE_LIMIT if args.strict_rate_limit else args.rate_limit,
        rate_window=args.rate_window,
        fault_rate=args.fault_rate,
        today=args.today,
    )
    server = simulator.serve(args.host, args.port, quiet=not args.verbose)
    data = simulator.data
    print(f"Remote simulator listening on {server.url}", flush=True)
    print(
        f"company {data.company_id}: {len(data.legal_entities)} legal entities, "
        f"{len(data.employments)} employments, {len(data.documents)} billing documents "
        f"for {data.periods[0]}..{data.periods[-1]}, today {simulator.today}",
        flush=True,
    )
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
