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
    speedup = single["booking_wall"] / batched["booking_wall"]
    sql = f["sql_per_document"]
    return [
        ("scale", name),
        ("documents (states)", f"{f['documents']} {f['states']}"),
        ("lines read", str(f["lines"])),
        ("bills", str(f["bills"])),
        ("NetSuite calls", f"{writes + lookups} ({by_op})"),
        ("NetSuite calls per bill", f"{(writes + lookups) / bills:.3f} (writes {writes / bills:.3f})"),
        ("Remote calls", f"{remote_total} (concurrency {f['remote_concurrency']})"),
        ("Remote calls per document", f"{remote_total / documents:.2f}"),
        ("wall time", f"{batched['wall']:.1f} s"),
        ("latency floor", f"{batched['floor']:.1f} s"),
        ("wall / floor", f"{ratio:.2f}"),
        ("invoices per second", f"{f['documents'] / batched['wall']:.1f}"),
        ("peak RSS (growth)", f"{f['peak_rss_mb']:.0f} MB ({f['peak_rss_mb'] - f['baseline_rss_mb']:.0f} MB)"),
        ("SQL queries per document", "-" if sql is None else f"{sql:.1f}"),
        ("booking batched", f"{batched['booking_wall']:.1f} s, concurrency {f['netsuite_concurrency']}"),
        ("booking one-per-call", f"{single['booking_wall']:.1f} s, {sum(single['netsuite_calls'].values())} calls, sequential (floor {single['floor']:.1f} s)"),
        ("one-per-call / batched", f"{speedup:.1f}x"),
    ]  # fmt: skip


def print_table(name: str, figures: dict, checks) -> None:
    table = rows(name, figures)
    width = max(len(label) for label, _ in table)
    print(f"\n--- {name} " + "-" * 60, flush=True)
    for label, value in table:
        print(f"  {label:<{width}}  {value}")
    for label, ok, detail in checks:
        print(f"  [{'ok' if ok else 'MISSED'}] {label}: {detail}")
