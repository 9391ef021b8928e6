"""The benchmark's load generator works (tiny runs; the figures come from scripts/bench)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.host_process import HostProcess

pytestmark = pytest.mark.subprocess
ROOT = Path(__file__).resolve().parents[2]


def loadgen(*args: object) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.loadgen", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def stolen_ticks() -> int:
    """The hypervisor's ``steal`` counter, read here independently of the load generator."""
    return int(Path("/proc/stat").read_text().split("\n", 1)[0].split()[8])


@pytest.mark.parametrize("senders, rate", [(1, 0), (3, 0), (1, 500)])
def test_every_receiver_gets_every_message(host_process, senders, rate):
    before = stolen_ticks()
    result = loadgen("--tls", host_process.port, 5, senders, 300, rate)
    stolen_around = (stolen_ticks() - before) / os.sysconf("SC_CLK_TCK")
    assert result["messages"] == 300 and result["receivers"] == 5
    assert result["deliveries_per_s"] > 0 and 0 < result["p50_ms"] <= result["p99_ms"]
    # its timed part lies inside this call: it cannot have seen more stolen time
    stolen_inside = result["stolen_share"] * result["wall_s"] * (os.cpu_count() or 1)
    assert 0 <= stolen_inside <= stolen_around + 1e-9


def test_a_plaintext_loopback_host_serves_plain_members(tmp_path):
    """The side-by-side baseline: the same host without TLS, plain-TCP members."""
    host = HostProcess.on_loopback(
        tmp_path / "plain", extra=["--plaintext-loopback", "--no-say-limits"]
    )
    try:
        port = host.wait_listening()
        result = loadgen(port, 5, 1, 300, 0)
        assert result["messages"] == 300 and result["receivers"] == 5
    finally:
        code, stderr = host.terminate()
    assert code == 0, stderr
    assert "NO TLS" in stderr


def test_a_plaintext_host_refuses_any_address_but_loopback(tmp_path):
    host = HostProcess(
        [
            "--port",
            "0",
            "--bind",
            "0.0.0.0",
            "--data",
            str(tmp_path),
            "--no-announce",
            "--plaintext-loopback",
        ]
    )
    code, stderr = host.wait_exit()
    assert code == 2
    assert "loopback address only" in stderr and "Traceback" not in stderr


def test_idle_members_join(host_process):
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.loadgen", "--tls", "idle", str(host_process.port), "50"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    joined = json.loads(process.stdout.readline())
    assert joined["members"] == 50 and joined["join_all_s"] > 0
    process.communicate("done\n", timeout=30)
    assert process.returncode == 0


def test_commit_latency_reports_the_store_alone():
    out = subprocess.run(
        [sys.executable, "-m", "bench.commit_latency", "50"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("50 commits: p50 ") and "over 1 ms" in out.stdout
