"""A flood of connections that would use up the host's file descriptors: the host
keeps accepting, honest members keep joining and chatting, during the flood and
after it (a real host process, its descriptor limit lowered with ``prlimit``)."""

from __future__ import annotations

import asyncio
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.host_process import HostProcess
from tests.wire_client import WireClient

pytestmark = pytest.mark.subprocess

DESCRIPTORS = 36
"""The host's limit (soft and hard: it cannot raise it). Its own descriptors (~9)
and the fewest connections it holds (32) do not fit in it: accepting fails too."""
FLOOD = DESCRIPTORS + 100
RETRY_S = 0.5
"""The app's first reconnection delay (``HostConnection.backoff_base``)."""


def host_limited_to(data_dir: Path, soft: int, hard: int) -> HostProcess:
    host = HostProcess(
        ["--port", "0", "--bind", "127.0.0.1", "--data", str(data_dir), "--no-announce"],
        prefix=["prlimit", f"--nofile={soft}:{hard}", "--"],
    )
    host.wait_listening()
    return host


def stop(host: HostProcess) -> str:
    code, stderr = host.terminate()
    assert code == 0, stderr
    assert "Traceback" not in stderr, stderr
    return stderr


@pytest.fixture
def limited_host(tmp_path: Path) -> Iterator[HostProcess]:
    host = host_limited_to(tmp_path / "host", DESCRIPTORS, DESCRIPTORS)
    yield host
    stop(host)


def test_the_host_raises_its_descriptor_limit_as_far_as_it_may(tmp_path: Path):
    host = host_limited_to(tmp_path / "host", 256, 4_096)
    limits = Path(f"/proc/{host.process.pid}/limits").read_text()
    stderr = stop(host)
    assert re.search(r"Max open files\s+4096\s+4096", limits), limits
    assert "holding up to 3968 connections" in stderr


def flood(port: int, addresses: int) -> list[socket.socket]:
    """``FLOOD`` connections that never speak, from ``addresses`` loopback addresses
    (127.0.0.2 on), left for the host to accept (non-blocking connects)."""
    opened = []
    for number in range(FLOOD):
        attacker = socket.socket()
        attacker.bind((f"127.0.0.{2 + number % addresses}", 0))
        attacker.setblocking(False)
        attacker.connect_ex(("127.0.0.1", port))
        opened.append(attacker)
    return opened


async def connects(port: int, within: float = 20.0) -> WireClient:
    """A connection, tried again as the app does while the host turns newcomers
    away (it holds all it may); within ``within`` seconds."""
    deadline = time.monotonic() + within
    while True:
        try:
            return await asyncio.wait_for(WireClient.connect(port), 5)
        except (TimeoutError, OSError):
            if time.monotonic() > deadline:
                raise
        await asyncio.sleep(RETRY_S)


async def chats(port: int, name: str, clients: list[WireClient]) -> None:
    """An honest member connects, joins, says something and has it acknowledged."""
    member = await connects(port)
    clients.append(member)
    await member.hello(name)
    await member.join()
    await member.say("Mọi người vẫn nhắn được chứ?", msg_id=f"{name}-1")
    ack, _ = await member.recv_type("ack", timeout=10)
    assert ack["id"] == f"{name}-1"


@pytest.mark.parametrize("addresses", [1, 40], ids=["from one address", "from 40 addresses"])
def test_a_flood_of_connections_does_not_lock_members_out(
    limited_host: HostProcess, run, clients, addresses: int
):
    attackers = flood(limited_host.port, addresses)
    try:
        run(chats(limited_host.port, "An", clients), timeout=30)  # during the flood
    finally:
        for attacker in attackers:
            attacker.close()
    run(chats(limited_host.port, "Bình", clients), timeout=30)  # after it
