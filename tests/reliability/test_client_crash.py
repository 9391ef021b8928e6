"""Kill the client with messages in its outbox; started again, it delivers them once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.wire_client import WireClient

pytestmark = pytest.mark.subprocess
ROOT = Path(__file__).resolve().parents[2]


def client(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.outbox_client", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )


def test_a_killed_client_delivers_its_outbox_once_when_started_again(
    host_process, run, clients, tmp_path
):
    data = tmp_path / "client"
    first = client("queue", str(data), str(host_process.port), "50")
    assert first.stdout is not None
    assert first.stdout.readline().strip() == "queued 50"
    first.kill()
    first.communicate(timeout=10)

    second = client("deliver", str(data), str(host_process.port))
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert out.strip() == "delivered"

    third = client("deliver", str(data), str(host_process.port))  # nothing left to send
    out, err = third.communicate(timeout=60)
    assert (third.returncode, out.strip()) == (0, "delivered"), err

    async def check() -> None:
        reader = await WireClient.connect(host_process.port)
        clients.append(reader)
        await reader.hello("Kiểm tra")
        _, replay = await reader.join(since=0)
        texts = [m["text"] for m in replay]
        assert texts == [f"tin nhắn ngoại tuyến số {n}" for n in range(50)]

    run(check())
