"""Issue 8's targets, checked on the figures of one scale. Each check gives (name, ok, detail)."""

import math

from .floor import within

WRITE_OPERATIONS = {"upsert", "upsertList", "add", "addList", "update", "updateList"}
# as the NetSuite simulator names REST requests (its latency record): writes, then the RESTlet
WRITE_OPERATIONS |= {"rest upsert", "rest add", "rest delete", "restlet"}
# and as it counts them (sim.calls)
WRITE_OPERATIONS |= {"REST PUT record", "REST POST record", "REST DELETE record", "RESTLET POST"}
LOOKUP_CALL_BUDGET = 10  # lookups run once per run: a handful of searches, whatever the scale
WALL_FLOOR_LIMIT = 1.2
SPEEDUP_TARGET = 10.0
RSS_GROWTH_LIMIT_MB = 300.0


def split_calls(calls: dict) -> tuple[int, int]:
    writes = sum(n for op, n in calls.items() if op in WRITE_OPERATIONS)
    return writes, sum(calls.values()) - writes


def check(figures: dict, scale_name: str) -> list[tuple[str, bool, str]]:
    bills = figures["bills"]
    batched = figures["batched"]
    writes, lookups = split_calls(batched["netsuite_calls"])
    processed_writes = sum(1 for op, _ in batched["latency"] if op in WRITE_OPERATIONS)
    retries = writes - processed_writes
    allowed = math.ceil(bills / 100)
    checks = [
        (
            "NetSuite writes <= ceil(bills/100) + retries",
            processed_writes <= allowed,
            f"{processed_writes} writes + {retries} retries for {bills} bills (limit {allowed})",
        ),
        (
            "NetSuite lookups once per run",
            lookups <= LOOKUP_CALL_BUDGET,
            f"{lookups} lookup calls (budget {LOOKUP_CALL_BUDGET}, independent of bills)",
        ),
    ]
    remote = figures["remote_calls"]
    documents = figures["documents"]
    per_document = sum(n for key, n in remote.items() if "billing-documents/{id}" in key)
    listing = remote.get("GET /v1/billing-documents", 0)
    checks.append(
        (
            "Remote calls grow with documents and pages, not lines",
            per_document <= 2 * documents
            and listing <= figures["periods"] + documents // 100 + 1
            and remote.get("GET /v1/employments/{id}", 0) <= figures["employments"],
            f"{per_document} document calls for {documents} documents, {listing} listing pages, "
            f"{figures['lines'] or '?'} lines",
        )
    )
    if figures.get("remote_in_flight") is not None:
        peak, allowed = figures["remote_in_flight"]["peak"], figures["remote_concurrency"]
        checks.append(
            (
                "Remote requests at once <= Remote concurrency",
                peak <= allowed,
                f"{peak} at once (setting {allowed})",
            )
        )
    for mode in ("batched", "single", "rest"):
        run = figures.get(mode)
        if run is None:
            continue
        bad = {
            key: run[key] for key in ("duplicates", "missing", "wrong_amounts", "failed_results")
        }
        checks.append(
            (
                f"{mode}: NetSuite holds each bill once, amounts exact",
                not any(bad.values()),
                str(bad),
            )
        )
    states = figures.get("states") or {}
    if states:
        done = ("synced", "skipped", "ready", "nothing_to_book")  # Odoo's states, the builder's
        unbooked = {state: n for state, n in states.items() if state not in done}
        checks.append(("every document booked (or skipped)", not unbooked, str(states)))
    single = figures["single"]
    if single is not None and "states" in single:
        checks.append(
            (
                "one-per-call: the same bills booked",
                single["bills"] == bills and single["states"] == states,
                f"{single['bills']} bills, {single['states']}",
            )
        )
    rest = figures.get("rest")
    if rest is not None and "states" in rest:
        checks.append(
            (
                "REST: the same bills booked",
                rest["bills"] == bills and rest["states"] == states,
                f"{rest['bills']} bills, {rest['states']}",
            )
        )
    growth = figures["peak_rss_mb"] - figures["baseline_rss_mb"]
    checks.append(
        (
            "RSS growth < 300 MB",
            growth < RSS_GROWTH_LIMIT_MB,
            f"{growth:.0f} MB",
        )
    )
    if scale_name == "large":
        ratio = batched["wall"] / batched["floor"]
        checks.append(
            ("wall/floor <= 1.2 (large)", within(ratio, WALL_FLOOR_LIMIT), f"{ratio:.2f}")
        )
    if rest is not None:
        rest_writes = sum(1 for op, _ in rest["latency"] if op in WRITE_OPERATIONS)
        checks.append(
            (
                "REST: one PUT per bill (retries aside)",
                rest_writes == bills,
                f"{rest_writes} PUTs processed for {bills} bills",
            )
        )
    if scale_name == "large" and rest is not None:
        ratio = rest["wall"] / rest["floor"]
        checks.append(
            ("REST wall/floor <= 1.2 (large)", within(ratio, WALL_FLOOR_LIMIT), f"{ratio:.2f}")
        )
    if scale_name == "large" and figures["single"] is not None:
        speedup = figures["single"]["booking_wall"] / batched["booking_wall"]
        checks.append(
            (
                "batched >= 10x one-per-call (large, booking)",
                speedup >= SPEEDUP_TARGET,
                f"{speedup:.1f}x",
            )
        )
    return checks
