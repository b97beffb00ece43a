"""`make load`'s tables: per page type alone (wrk's figures) and in the mix (the access log's),
with the goals of issue 16 beside them. Returns the goals missed."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from config import (
    CONNECTIONS,
    FLOOR_GOAL_PAGES,
    GOAL_FLOOR_SHARE,
    GOAL_P99_MS,
    MIX,
    PAGE_SECONDS,
    SECONDS,
    THREADS,
)


def log_read(path: Path, start: int, end: int) -> dict[str, list[tuple[float, int]]]:
    """(server ms, status) per page type, from the access log's bytes [start, end)."""
    by_tag: dict[str, list[tuple[float, int]]] = defaultdict(list)
    with path.open("rb") as handle:
        handle.seek(start)
        chunk = handle.read(end - start).decode("utf-8", "replace")
    for line in chunk.splitlines():
        parts = line.split(" ", 4)
        if len(parts) >= 3 and parts[0].isdigit() and parts[1].isdigit():
            by_tag[parts[2]].append((int(parts[0]) / 1000, int(parts[1])))
    return by_tag


def pct(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(-(-fraction * len(ordered) // 1)) - 1))]


def errors_of(entries: list[tuple[float, int]]) -> int:
    return sum(1 for _, status in entries if not 200 <= status < 400)


def report_alone(floor: dict, alone: dict, logs: dict) -> list[str]:
    misses = []
    print()
    print(
        f"Each page type alone, {PAGE_SECONDS} s each after one warming request per address "
        f"(wrk -t{THREADS} -c{CONNECTIONS}; latency as wrk saw it, queueing included; errors: "
        "status outside 2xx/3xx in the access log plus wrk's socket errors and timeouts)"
    )
    header = (
        f"{'page':20} {'req/s':>8} {'median':>8} {'p95':>8} {'p99':>8} {'errors':>6} "
        f"{'% floor':>8}  goals"
    )
    print(header)
    print("-" * len(header))
    rows = [("floor", floor, logs.get("floor", []))] + [
        (tag, result, logs.get(tag, [])) for tag, result in alone.items()
    ]
    for tag, r, entries in rows:
        errors = errors_of(entries) + r["connect"] + r["read"] + r["write"] + r["timeout"]
        share = r["rps"] / floor["rps"] if floor["rps"] else 0
        found = []
        if r["p99_us"] / 1000 >= GOAL_P99_MS:
            found.append("p99")
        if errors:
            found.append("errors")
        if tag in FLOOR_GOAL_PAGES and share < GOAL_FLOOR_SHARE:
            found.append("floor share")
        if tag != "floor" and found:
            misses.append(f"{tag} alone: {','.join(found)}")
        if not r["requests"]:
            found, share = ["no answer within the run"], 0
            misses.append(f"{tag} alone: no answer")
        verdict = "" if tag == "floor" else ("ok" if not found else "MISSED " + ",".join(found))
        print(
            f"{tag:20} {r['rps']:8.1f} {r['p50_us'] / 1000:8.1f} {r['p95_us'] / 1000:8.1f} "
            f"{r['p99_us'] / 1000:8.1f} {errors:6d} {share * 100:7.1f}%  {verdict}"
        )
    return misses


def report_mix(mix: dict, logs: dict, seconds: float) -> list[str]:
    misses = []
    print()
    print(
        f"The mix, {SECONDS} s, with the writers: wrk overall {mix['rps']:.1f} req/s, median "
        f"{mix['p50_us'] / 1000:.1f} ms, p95 {mix['p95_us'] / 1000:.1f}, p99 "
        f"{mix['p99_us'] / 1000:.1f}, max {mix['max_us'] / 1000:.1f} ms (client side); socket "
        f"errors: connect {mix['connect']}, read {mix['read']}, write {mix['write']}, timeouts "
        f"{mix['timeout']}"
    )
    socket = mix["connect"] + mix["read"] + mix["write"] + mix["timeout"]
    if socket:
        misses.append(f"mix: {socket} socket errors or timeouts (wrk)")
    print(
        "Per page type from the access log: server time in ms (without waiting for a worker); "
        "'~% floor' = the floor's mean server time over the page's, the share of the floor's "
        "throughput the page would reach alone with the server as loaded"
    )
    header = (
        f"{'page':20} {'requests':>8} {'req/s':>7} {'median':>8} {'p95':>8} {'p99':>8} "
        f"{'errors':>6} {'202':>4} {'~% floor':>8}  goals"
    )
    print(header)
    print("-" * len(header))
    floor = [ms for ms, _ in logs.get("floor", [])]
    floor_mean = sum(floor) / len(floor) if floor else 0
    for tag in [*MIX, "member", "officer"]:
        entries = logs.get(tag, [])
        if not entries:
            continue
        times = [ms for ms, _ in entries]
        mean = sum(times) / len(times)
        errors = errors_of(entries)
        accepted = sum(1 for _, status in entries if status == 202)
        share = floor_mean / mean if mean else 0
        found = []
        if pct(times, 0.99) >= GOAL_P99_MS:
            found.append("p99")
        if errors:
            found.append("errors")
        if tag in FLOOR_GOAL_PAGES and share < GOAL_FLOOR_SHARE:
            found.append("floor share")
        if tag not in ("floor", "member", "officer") and found:
            misses.append(f"{tag} in the mix: {','.join(found)}")
        verdict = (
            ""
            if tag in ("floor", "member", "officer")
            else ("ok" if not found else "MISSED " + ",".join(found))
        )
        print(
            f"{tag:20} {len(entries):8d} {len(entries) / seconds:7.1f} {pct(times, 0.5):8.1f} "
            f"{pct(times, 0.95):8.1f} {pct(times, 0.99):8.1f} {errors:6d} {accepted:4d} "
            f"{share * 100:7.1f}%  {verdict}"
        )
    return misses
