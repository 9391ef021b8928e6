"""The start-up benchmark runs (a tiny room, two rounds; figures come from scripts/bench)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.subprocess
ROOT = Path(__file__).resolve().parents[2]


def test_the_startup_benchmark_times_the_app_beside_a_bare_window(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.startup_bench",
            "--runs",
            "2",
            "--room",
            "500",
            "--conversations",
            "20",
            "--bundle",
            str(tmp_path / "no-bundle-here"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["runs"] == 2 and result["room"] == 500
    names = set(result["results"])
    assert names == {
        "bare PySide6 window",
        "app, empty data",
        "app, 500-message room",
        "app, 20 conversations",
    }
    for figures in result["results"].values():
        assert 0 < figures["min_ms"] <= figures["median_ms"] <= figures["max_ms"]
    assert result["results"]["bare PySide6 window"]["over_bare_ms"] == 0
