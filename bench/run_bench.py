"""Runs the benchmarks: python -m bench.run_bench [--quick]; ``rooms [--quick]``
runs only the benchmark of a host with many rooms (bench/rooms_bench.py).

Each host run starts a fresh ``messenger host`` (durability on: its SQLite history with
synchronous=FULL) on loopback, drives it with bench.loadgen in another process, once
with TLS and once the same host with ``--plaintext-loopback`` (runs alternate, so both
see the same machine), and
reports deliveries/s, end-to-end latency, the CPU time of both processes and the CPU
time the hypervisor gave to other guests meanwhile (this VM's speed drifts with it). Then
bench.window_bench opens the real window on a room of 1,000,000 messages (100,000
with --quick) and measures its first paint, memory and stalls while appending; last,
bench.startup_bench times the start-up alternated with a bare PySide6 window.
``python -m bench.run_bench conversations [--quick]`` runs bench.conversations_bench
alone (also part of the full set): 200 conversations, switches and a burst.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.bench_host import ROOT, Host

CONFIGS = [  # (label, receivers, senders, messages, rate per second or 0 = as fast as allowed)
    ("N=10 S=1", 10, 1, 20_000, 0),
    ("N=100 S=1", 100, 1, 10_000, 0),
    ("N=100 S=10", 100, 10, 20_000, 0),
    ("N=100 S=1 at 1,000 msg/s", 100, 1, 5_000, 1_000),
]
RUNS = 3


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def throughput_pair(
    label: str, receivers: int, senders: int, messages: int, rate: float
) -> tuple[dict, dict]:
    """The figures of one configuration without TLS and with it, runs alternating."""
    runs: dict[bool, list[dict]] = {False: [], True: []}
    for _ in range(RUNS):
        for tls in (False, True):
            runs[tls].append(one_run(tls, receivers, senders, messages, rate))
    return summary(f"{label}, plain TCP", runs[False]), summary(f"{label}, TLS", runs[True])


def one_run(tls: bool, receivers: int, senders: int, messages: int, rate: float) -> dict:
    host = Host(tls)
    try:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.loadgen",
                *(["--tls"] if tls else []),
                str(host.port),
                str(receivers),
                str(senders),
                str(messages),
                str(rate),
                str(host.process.pid),  # its CPU is read over the timed part only
            ],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=ROOT,
            check=True,
        ).stdout
        result: dict = json.loads(out.strip().splitlines()[-1])
        return result
    finally:
        host.stop()


def summary(label: str, results: list[dict]) -> dict:
    middle = sorted(results, key=lambda r: r["deliveries_per_s"])[len(results) // 2]
    return {
        "label": label,
        "deliveries_per_s": statistics.median(r["deliveries_per_s"] for r in results),
        "p50_ms": statistics.median(r["p50_ms"] for r in results),
        "p99_ms": statistics.median(r["p99_ms"] for r in results),
        "host_cpu": middle["host_cpu_s"] / middle["wall_s"],
        "loadgen_cpu": middle["loadgen_cpu_s"] / middle["wall_s"],
        "stolen": statistics.median(r["stolen_share"] for r in results),
        "runs": [round(r["deliveries_per_s"]) for r in results],
    }


def idle_members(members: int) -> dict:
    """Members connecting over TLS (handshakes included), up to 100 at a time."""
    host = Host()
    try:
        base = rss_mib(host.process.pid)
        loadgen = subprocess.Popen(
            [sys.executable, "-m", "bench.loadgen", "--tls", "idle", str(host.port), str(members)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert loadgen.stdout is not None and loadgen.stdin is not None
        joined = json.loads(loadgen.stdout.readline())
        rss = rss_mib(host.process.pid)
        loadgen.stdin.write("done\n")
        loadgen.stdin.flush()
        loadgen.communicate(timeout=60)
        return {
            "members": members,
            "join_all_s": joined["join_all_s"],
            "rss_mib": rss,
            "rss_empty_mib": base,
        }
    finally:
        host.stop()


def conversations(quick: bool) -> int:
    command = [sys.executable, "-m", "bench.conversations_bench"]
    if quick:
        command += ["--messages", "100000", "--burst", "1000"]
    return subprocess.run(command, cwd=ROOT, check=False).returncode


def main() -> int:
    quick = "--quick" in sys.argv
    if sys.argv[1:2] == ["rooms"]:  # a host with many rooms (bench/rooms_bench.py)
        from bench.rooms_bench import main as rooms_main

        return rooms_main(quick)
    if "conversations" in sys.argv[1:]:
        return conversations(quick)
    configs = [(label, n, s, m // 10 if quick else m, r) for label, n, s, m, r in CONFIGS]
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; host durability on (SQLite WAL, synchronous=FULL)"
    )
    print(
        "| configuration | deliveries/s (median of 3) | p50 | p99 | host CPU | load generator CPU "
        "| CPU time stolen by the hypervisor |"
    )
    print("|---|---|---|---|---|---|---|")
    ratios = []
    for config in configs:
        plain, tls = throughput_pair(*config)
        for r in (plain, tls):
            print(
                f"| {r['label']} | {r['deliveries_per_s']:,.0f} | {r['p50_ms']:.2f} ms | "
                f"{r['p99_ms']:.2f} ms | {r['host_cpu']:.0%} | {r['loadgen_cpu']:.0%} | "
                f"{r['stolen']:.1%} |",
                flush=True,
            )
        ratios.append(f"{config[0]}: {tls['deliveries_per_s'] / plain['deliveries_per_s']:.2f}x")
    print("\nTLS / plain TCP deliveries/s: " + "; ".join(ratios), flush=True)
    # the fixed-rate p99 cannot be below the disk's: the store's commits alone
    commits = subprocess.run(
        [sys.executable, "-m", "bench.commit_latency", "500" if quick else "5000"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"\nthe host store alone, one message per commit at ~1,000/s: {commits}", flush=True)
    started = time.monotonic()
    idle = idle_members(200 if quick else 2_000)
    print(
        f"\n{idle['members']} idle members: joined in {idle['join_all_s']:.2f} s; host RSS "
        f"{idle['rss_mib']:.0f} MiB (empty host {idle['rss_empty_mib']:.0f} MiB) "
        f"[{time.monotonic() - started:.0f} s]\n",
        flush=True,
    )
    window = [sys.executable, "-m", "bench.window_bench"]
    if quick:
        window += ["--messages", "100000", "--seconds", "3"]
    failed = subprocess.run(window, cwd=ROOT, check=False).returncode
    print(flush=True)
    failed = conversations(quick) or failed
    print(flush=True)
    startup = [sys.executable, "-m", "bench.startup_bench"]
    if quick:
        startup += ["--runs", "5", "--room", "100000"]
    return failed or subprocess.run(startup, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
