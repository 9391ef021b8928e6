"""A host with many rooms (issue 14): python -m bench.run_bench rooms [--quick]

Each round starts a fresh ``messenger host`` (TLS, loopback) and loads it with
bench.rooms_load: 1,000 rooms made, then 2,000 members, each joining ``general`` and
20 rooms (~40 members a room) and asking the room list. It measures the time until
every member has every ``joined``, and the host's VmRSS and VmHWM. Then, with those
members still connected, N=100 S=10 members of bench.loadgen fill a new busy room
of that host, then the same load a fresh host with nothing else (the reference,
started beside the loaded one, which idles meanwhile), twice a round. Figures are
medians of 3 rounds (6 pairs for the busy room). ``--quick``: a tenth (200 members,
100 rooms, a tenth of the messages).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.bench_host import ROOT, Host
from bench.loadgen import process_cpu_seconds

BUSY_ROOM = "busy"
TIMEOUT_S = 900


@dataclass(frozen=True)
class Scale:
    """What one round loads."""

    members: int = 2_000
    rooms: int = 1_000
    per_member: int = 20
    receivers: int = 100
    senders: int = 10
    messages: int = 40_000
    rounds: int = 3
    pairs: int = 2  # busy-room runs on the loaded host, each then on a fresh one, a round


FULL = Scale()
QUICK = Scale(members=200, rooms=100, messages=4_000)


def status_mib(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (the peak) of process ``pid``, in MiB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def busy_room(host: Host, scale: Scale, room: str = BUSY_ROOM) -> dict[str, float]:
    """N receivers and S senders of bench.loadgen in ``room`` (new) of ``host``."""
    command = [sys.executable, "-m", "bench.loadgen", "--tls", "--room", room]
    counts = [host.port, scale.receivers, scale.senders, scale.messages, 0, host.process.pid]
    out = subprocess.run(
        [*command, *map(str, counts)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=ROOT,
        check=True,
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def loaded_round(scale: Scale, certificates: Path) -> dict[str, Any]:
    """A host loaded with the rooms and members: their figures, then the busy room's."""
    host = Host()
    try:
        empty = status_mib(host.process.pid)["VmRSS"]
        cpu_before = process_cpu_seconds(host.process.pid)
        counts = [host.port, scale.members, scale.rooms, scale.per_member]
        load = subprocess.Popen(
            [sys.executable, "-m", "bench.rooms_load", *map(str, counts), str(certificates)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert load.stdout is not None and load.stdin is not None
        try:
            line = load.stdout.readline()
            if not line:
                raise RuntimeError("the rooms load generator failed")
            joined: dict[str, float] = json.loads(line)
            memory = status_mib(host.process.pid)
            host_cpu = process_cpu_seconds(host.process.pid) - cpu_before
            busy, single = [], []
            for pair in range(scale.pairs):  # (the fresh host beside the loaded one, idle)
                busy.append(busy_room(host, scale, f"{BUSY_ROOM} {pair}"))
                single.append(single_room_run(scale))
            after = status_mib(host.process.pid)
        finally:
            load.stdin.write("done\n")
            load.stdin.flush()
            load.communicate(timeout=120)
        return {
            **joined,
            "host_cpu_s": host_cpu,  # (making the rooms included)
            "rss_empty_mib": empty,
            "rss_mib": memory["VmRSS"],
            "hwm_mib": memory["VmHWM"],
            "hwm_after_busy_mib": after["VmHWM"],
            "busy": [b["deliveries_per_s"] for b in busy],
            "busy_host_cpu": [b["host_cpu_s"] / b["wall_s"] for b in busy],
            "single": [b["deliveries_per_s"] for b in single],
            "single_host_cpu": [b["host_cpu_s"] / b["wall_s"] for b in single],
        }
    finally:
        host.stop()


def single_room_run(scale: Scale) -> dict[str, float]:
    """The same busy-room load on a fresh host with nothing else in it."""
    host = Host()
    try:
        return busy_room(host, scale)
    finally:
        host.stop()


def measure(scale: Scale) -> dict[str, Any]:
    """The rounds (each a loaded host, its busy-room runs alternated with a fresh
    single-room host's) and their medians."""
    rounds: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="rooms-bench-") as certificates:
        for number in range(scale.rounds):
            started = time.monotonic()
            rounds.append(loaded_round(scale, Path(certificates)))
            print(
                f"round {number + 1}: {describe_round(rounds[-1])} "
                f"[{time.monotonic() - started:.0f} s]",
                flush=True,
            )
    busy = [b for r in rounds for b in r["busy"]]
    single = [s for r in rounds for s in r["single"]]
    ratios = [b / s for b, s in zip(busy, single, strict=True)]

    def median(key: str) -> float:
        return statistics.median(r[key] for r in rounds)

    return {
        "join_all_s": median("join_all_s"),
        "join_all_runs": [round(r["join_all_s"], 2) for r in rounds],
        "host_cpu_runs": [round(r["host_cpu_s"], 1) for r in rounds],
        "rss_mib": median("rss_mib"),
        "hwm_mib": median("hwm_mib"),
        "hwm_after_busy_mib": median("hwm_after_busy_mib"),
        "rss_empty_mib": median("rss_empty_mib"),
        "busy_deliveries_per_s": statistics.median(busy),
        "single_deliveries_per_s": statistics.median(single),
        "ratio": statistics.median(ratios),
        "ratio_runs": [round(r, 2) for r in ratios],
    }


def describe_round(loaded: dict[str, Any]) -> str:
    pairs = ", ".join(
        f"{b:,.0f} ({bc:.0%}) against {s:,.0f} ({sc:.0%})"
        for b, bc, s, sc in zip(
            loaded["busy"],
            loaded["busy_host_cpu"],
            loaded["single"],
            loaded["single_host_cpu"],
            strict=True,
        )
    )
    return (
        f"joined in {loaded['join_all_s']:.2f} s (rooms made in {loaded['rooms_created_s']:.2f} s, "
        f"host CPU {loaded['host_cpu_s']:.1f} s, load generator CPU {loaded['load_cpu_s']:.1f} s), "
        f"RSS {loaded['rss_mib']:.0f} MiB, VmHWM {loaded['hwm_mib']:.0f} MiB "
        f"({loaded['hwm_after_busy_mib']:.0f} after the busy rooms); busy room deliveries/s "
        f"(host CPU) on it against a fresh host: {pairs}"
    )


def main(quick: bool) -> int:
    scale = QUICK if quick else FULL
    print(
        f"{scale.members} members over TLS, {scale.rooms} rooms, each member in general and "
        f"{scale.per_member} rooms; busy room N={scale.receivers} S={scale.senders}, "
        f"{scale.messages} messages; {scale.rounds} rounds of {scale.pairs} pairs",
        flush=True,
    )
    result = measure(scale)
    print(
        f"\nall joined in {result['join_all_s']:.2f} s (median; runs {result['join_all_runs']}); "
        f"host RSS {result['rss_mib']:.0f} MiB, VmHWM {result['hwm_mib']:.0f} MiB "
        f"({result['hwm_after_busy_mib']:.0f} MiB after the busy room; empty host "
        f"{result['rss_empty_mib']:.0f} MiB)\n"
        f"busy room on the loaded host {result['busy_deliveries_per_s']:,.0f} deliveries/s, "
        f"alone {result['single_deliveries_per_s']:,.0f} (medians): {result['ratio']:.2f}x "
        f"(median of the pairs {result['ratio_runs']}); host CPU in the joins "
        f"{result['host_cpu_runs']} s",
        flush=True,
    )
    return 0
