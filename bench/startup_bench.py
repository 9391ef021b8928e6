"""Start-up: process start to the window's first paint, alternated with a bare PySide6
window so that the figures say something on a machine whose speed drifts.

    python -m bench.startup_bench [--runs N] [--room N] [--bundle DIR]

Each round runs, one after the other: a bare PySide6 window (bench.bare_window), the
app from this checkout (``python -m messenger --smoke``) with empty data, the same
with a user whose cache holds a room of N messages (the last session: the window
shows its newest messages in the first paint, before any connection), the same with
a user of 200 conversations (``--conversations``; three of them of N messages, the
others of 30: bench.conversations_data), and, when a
bundle exists (``dist/messenger``, or ``--bundle``), the bundle on both data folders.
Prints each one's median (min-max) and the median of its differences to the bare
window of the same round, then one JSON line.

The room's host is never started: after its first paint the window tries to rejoin
127.0.0.1 on a closed port, and ``--smoke`` exits.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.conversations_data import prepare as prepare_conversations
from bench.window_bench import prepare, write_settings

ROOT = Path(__file__).resolve().parent.parent
CLOSED_PORT = 9  # discard: nothing listens there on loopback


def first_paint_ms(command: list[str], env: dict[str, str]) -> int:
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    match = re.search(r"first paint (\d+) ms", done.stdout)
    if done.returncode != 0 or match is None:
        raise RuntimeError(f"{command[-3:]} failed: {done.stdout}{done.stderr}")
    return int(match.group(1))


def run(runs: int, room: int, bundle: Path | None, conversations: int) -> dict[str, object]:
    # Installed, the app starts from compiled bytecode; here PYTHONDONTWRITEBYTECODE
    # may be set, which would compile its modules again at each start.
    for folder in ("messenger", "bench"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as scratch:
        empty = Path(scratch) / "empty"
        empty.mkdir()
        prepared = prepare(Path(scratch) / "room", room)
        user_dir = Path(str(prepared["user_dir"]))
        write_settings(user_dir, CLOSED_PORT, str(prepared["host_id"]))
        many = prepare_conversations(Path(scratch) / "many", conversations, 3, room)
        many_dir = Path(str(many["user_dir"]))
        write_settings(many_dir, CLOSED_PORT, str(many["host_id"]))
        python = [sys.executable, "-m", "messenger", "--smoke", "--data"]
        contenders: dict[str, list[str]] = {
            "bare PySide6 window": [sys.executable, "-m", "bench.bare_window"],
            "app, empty data": [*python, str(empty)],
            f"app, {room:,}-message room": [*python, str(user_dir)],
            f"app, {conversations} conversations": [*python, str(many_dir)],
        }
        if bundle is not None:
            executable = str(bundle / "messenger")
            contenders["bundle, empty data"] = [executable, "--smoke", "--data", str(empty)]
            contenders[f"bundle, {room:,}-message room"] = [
                executable,
                "--smoke",
                "--data",
                str(user_dir),
            ]
        times: dict[str, list[int]] = {name: [] for name in contenders}
        for _ in range(runs):
            for name, command in contenders.items():
                times[name].append(first_paint_ms(command, env))
    bare = times["bare PySide6 window"]
    return {
        "runs": runs,
        "room": room,
        "results": {
            name: {
                "median_ms": statistics.median(values),
                "min_ms": min(values),
                "max_ms": max(values),
                "over_bare_ms": statistics.median(v - b for v, b in zip(values, bare, strict=True)),
            }
            for name, values in times.items()
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup_bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="rounds (each runs every one)")
    parser.add_argument("--room", type=int, default=1_000_000, help="messages in the room")
    parser.add_argument("--bundle", type=Path, help="the bundle folder (default dist/messenger)")
    parser.add_argument("--conversations", type=int, default=200, help="of the many-room user")
    args = parser.parse_args(argv)
    bundle = args.bundle or ROOT / "dist" / "messenger"
    found = bundle if (bundle / "messenger").exists() else None
    result = run(args.runs, args.room, found, args.conversations)
    print(
        f"| process start → first paint, offscreen, {args.runs} alternated rounds | median "
        "(min-max) | over the bare window (median of the rounds' differences) |"
    )
    print("|---|---|---|")
    for name, r in result["results"].items():  # type: ignore[attr-defined]
        print(
            f"| {name} | {r['median_ms']:.0f} ms ({r['min_ms']}-{r['max_ms']}) | "
            f"{r['over_bare_ms']:+.0f} ms |"
        )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
