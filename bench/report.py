"""The compact table printed by ``make bench``."""

from .targets import split_calls


def rows(name: str, f: dict) -> list[tuple[str, str]]:
    batched, single = f["batched"], f["single"]
    bills = max(f["bills"], 1)
    documents = max(f["documents"], 1)
    writes, lookups = split_calls(batched["netsuite_calls"])
    remote_total = sum(f["remote_calls"].values())
    by_op = ", ".join(f"{op} {n}" for op, n in sorted(batched["netsuite_calls"].items()))
    ratio = batched["wall"] / batched["floor"] if batched["floor"] else float("nan")
    single = single or {"booking_wall": float("nan"), "netsuite_calls": {}, "floor": float("nan")}
    speedup = single["booking_wall"] / (batched["booking_wall"] or float("nan"))
    sql = f["sql_per_document"]
    growth = f["peak_rss_mb"] - f["baseline_rss_mb"]
    single_floor = single["floor"]
    single_calls = sum(single["netsuite_calls"].values())
    return [
        ("scale", name),
        ("documents (states)", f"{f['documents']} {f['states']}"),
        ("lines read", str(f["lines"] or "-")),
        ("bills", str(f["bills"])),
        ("NetSuite calls", f"{writes + lookups} ({by_op})"),
        ("NetSuite calls/bill", f"{(writes + lookups) / bills:.3f} (writes {writes / bills:.3f})"),
        ("Remote calls", f"{remote_total} (concurrency {f['remote_concurrency']}{_in_flight(f)})"),
        ("Remote calls per document", f"{remote_total / documents:.2f}"),
        ("wall time", f"{batched['wall']:.1f} s{_cpu(f)}"),
        ("latency floor", f"{batched['floor']:.1f} s"),
        ("wall / floor", f"{ratio:.2f}"),
        ("invoices per second", f"{f['documents'] / batched['wall']:.1f}"),
        ("lines per second", f"{f['lines'] / batched['wall']:,.0f}" if f["lines"] else "-"),
        ("peak RSS (growth)", f"{f['peak_rss_mb']:.0f} MB ({growth:.0f} MB)"),
        ("SQL queries per document", "-" if sql is None else f"{sql:.1f}"),
        ("booking batched", f"{batched['booking_wall'] or float('nan'):.1f} s, c={f['netsuite_concurrency']}"),  # noqa: E501
        ("booking 1/call", f"{single['booking_wall']:.1f} s, {single_calls} calls 1 at a time, floor {single_floor:.1f}"),  # noqa: E501
        ("one-per-call / batched", _speedups(speedup, single, batched)),
        *_rest_rows(f, batched),
    ]  # fmt: skip


def _rest_rows(f, soap):
    """REST + OAuth 2.0 beside SOAP: the same run, its own request pattern and latency floor."""
    rest = f.get("rest")
    if not rest:
        return []
    bills = max(f["bills"], 1)
    calls = rest["netsuite_calls"]
    writes, _lookups = split_calls(calls)
    total = sum(calls.values())
    by_op = ", ".join(f"{op} {n}" for op, n in sorted(calls.items()))
    ratio = rest["wall"] / rest["floor"] if rest["floor"] else float("nan")
    soap_calls = sum(soap["netsuite_calls"].values())
    return [
        ("REST calls", f"{total} ({by_op})"),
        ("calls/bill SOAP | REST", f"{soap_calls / bills:.3f} | {total / bills:.3f} (REST writes {writes / bills:.3f})"),  # noqa: E501
        ("Odoo CPU SOAP | REST", f"{f.get('cpu_seconds') or 0:.1f} s | {rest.get('cpu_seconds') or 0:.1f} s"),  # noqa: E501
        ("wall/floor SOAP | REST", f"{soap['wall']:.1f}/{soap['floor']:.1f} = {soap['wall'] / soap['floor']:.2f} | {rest['wall']:.1f}/{rest['floor']:.1f} = {ratio:.2f}"),  # noqa: E501
        ("invoices/s SOAP | REST", f"{f['documents'] / soap['wall']:.1f} | {f['documents'] / rest['wall']:.1f}"),  # noqa: E501
        ("booking SOAP | REST", f"{soap['booking_wall']:.1f} s | {rest['booking_wall']:.1f} s"),
    ]  # fmt: skip


def print_table(name: str, figures: dict, checks) -> None:
    table = rows(name, figures)
    width = max(len(label) for label, _ in table)
    print(f"\n--- {name} " + "-" * 60, flush=True)
    for label, value in table:
        print(f"  {label:<{width}}  {value}")
    for label, timings in (
        ("sync thread", figures.get("timings")),
        ("REST sync thread", (figures.get("rest") or {}).get("timings")),
    ):
        if timings:
            spent = ", ".join(f"{key} {value:.1f} s" for key, value in timings.items())
            print(f"  {label:<{width}}  {spent}")
    for label, ok, detail in checks:
        print(f"  [{'ok' if ok else 'MISSED'}] {label}: {detail}")


def _cpu(f):
    """CPU time of the syncing Odoo process (all its threads) during the sync, when measured."""
    return f" (Odoo process CPU {f['cpu_seconds']:.1f} s)" if f.get("cpu_seconds") else ""


def _in_flight(f):
    """At most how many at once, and how long the simulator took to answer them on average."""
    seen = f.get("remote_in_flight")
    if not seen or not seen["answered"]:
        return ""
    kinds = ", ".join(
        f"{kind} {seconds / count * 1000:.1f}"
        for kind, (count, seconds) in sorted(seen.get("by_kind", {}).items())
        if count and kind != "other"
    )
    average = seen["seconds"] / seen["answered"] * 1000
    return f", at most {seen['peak']} at once, answered in {average:.1f} ms ({kinds})"


def _speedups(booking, single, batched):
    text = f"{booking:.1f}x booking"
    if single.get("wall") and single.get("states") is not None:  # Odoo level: whole syncs too
        whole = single["wall"] / batched["wall"]
        text += f", {whole:.1f}x whole sync ({single['wall']:.0f} s vs {batched['wall']:.0f} s)"
    return text
