"""The conversations benchmark runs (20 conversations, small rooms, one small burst;
figures come from scripts/bench)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.subprocess
ROOT = Path(__file__).resolve().parents[2]


def test_the_conversations_benchmark_switches_and_bursts():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.conversations_bench",
            *("--conversations", "20", "--messages", "500", "--switches", "4"),
            *("--burst", "120", "--bursts", "1"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["rooms_joined"] == result["conversations"] == 20
    assert result["switches"] == 4 and result["burst_received"] == 120
    assert 0 < result["switch_median_ms"] <= result["switch_max_ms"]
    assert result["notify_calls"] > 0  # (one in five mentions the user)
