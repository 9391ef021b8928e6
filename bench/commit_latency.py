"""The host store's commit latency alone: one message per commit, about 1,000 commits
a second, as at the fixed-rate relay benchmark (durability on: WAL, synchronous=FULL).

    python -m bench.commit_latency [COMMITS]

Writes to a temporary folder (removed after) and prints the p50, p99, p99.9 and
longest commit, and how many took over 1 ms.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from messenger.store import HistoryStore

TEXT = "Xin chào các bạn, hôm nay chúng ta họp lúc mười giờ nhé! Tin nhắn số {} ✉️"


def commit_latencies_ms(folder: Path, commits: int) -> list[float]:
    store = HistoryStore.open(folder / "history.sqlite3")
    try:
        latencies = []
        for number in range(commits):
            store.append("general", "An", "client", f"id{number}", TEXT.format(number), number)
            started = time.perf_counter()
            store.commit()
            latencies.append((time.perf_counter() - started) * 1000)
            time.sleep(0.0008)  # with the commit: ~1,000 a second
        return sorted(latencies)
    finally:
        store.close()


def main() -> int:
    commits = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    with tempfile.TemporaryDirectory() as folder:
        ms = commit_latencies_ms(Path(folder), commits)

    def at(share: float) -> float:
        return ms[min(len(ms) - 1, int(len(ms) * share))]

    over = sum(1 for value in ms if value > 1)
    print(
        f"{commits} commits: p50 {at(0.5):.2f} ms, p99 {at(0.99):.2f} ms, "
        f"p99.9 {at(0.999):.2f} ms, longest {ms[-1]:.2f} ms; {over} over 1 ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
