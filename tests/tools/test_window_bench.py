"""The window benchmark, at a small scale, as a real subprocess: it completes and every
message posted reaches the window exactly once (a correctness test, not a timed one)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.subprocess


def test_the_window_benchmark_runs_and_loses_nothing():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.window_bench",
            "--messages",
            "20000",
            "--seconds",
            "2",
            "--rate",
            "1000",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["messages"] == 20_000
    assert result["posted"] == 2_000
    assert result["received"] == 2_000  # every message posted reached the window
    assert result["received_twice"] == 0  # and only once
    assert result["inserted_twice_max"] >= 1  # shown, possibly again after scrolling away
    assert result["log_contiguous"] and result["log_ends_with_last"]
    assert result["cache_complete"] and result["cache_rows"] == 22_000
    assert result["last_seq"] == 22_000
    assert result["rows_at_first_paint"] > 0
    assert 0 < result["first_paint_from_window_ms"] < result["first_paint_from_start_ms"]
    assert 0 < result["rss_after_first_paint_mib"] <= result["rss_peak_mib"]
    assert result["heartbeats"] > 0 and result["append_rate"] > 0
    assert result["older_pages"] > 0  # the scrolling reached the top of what was loaded
    assert "| 20,000 |" in done.stdout  # the markdown row
