"""A member that stops reading while others chat at full speed: it is dropped, host
memory stays bounded, the others get everything, and it later catches up completely."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import ssl
import statistics
import time

import pytest

from tests.identities import client_tls_context, device_identity
from tests.wire_client import WireClient

pytestmark = pytest.mark.subprocess

MESSAGES = 2_000
TEXT = "Báo cáo doanh thu quý ba của chi nhánh Đà Nẵng. " * 160  # ~9 KB of UTF-8


def stalled_member(port: int) -> socket.socket:
    """Joins, then never reads (a tiny receive buffer, so the host's buffer fills)."""
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4_096)
    raw.connect(("127.0.0.1", port))
    member = client_tls_context(device_identity(7)).wrap_socket(raw)
    member.sendall(
        '{"type":"hello","version":2,"name":"Ngủ","client":"sleepy"}\n'
        '{"type":"join","room":"general"}\n'.encode()
    )
    return member


def last_complete_seq(data: bytes) -> int:
    seq = 0
    for line in data.split(b"\n")[:-1]:  # the last piece may be a cut frame
        frame = json.loads(line)
        if frame["type"] == "message":
            seq = frame["seq"]
    return seq


async def burst(sender: WireClient, watcher: WireClient, first: int, count: int) -> list[float]:
    """Sends ``count`` messages at full speed (at most 50 in flight, like the app) while
    ``watcher`` reads them all; returns each message's say->ack time in ms."""

    async def watch() -> None:
        seen = 0
        while seen < count:
            seen += (await watcher.recv(timeout=30))["type"] == "message"

    watching = asyncio.ensure_future(watch())
    sent_at: dict[str, float] = {}
    ack_ms: list[float] = []

    async def next_ack() -> None:
        frame = await sender.recv(timeout=30)
        if frame["type"] == "ack":
            ack_ms.append((time.perf_counter() - sent_at[frame["id"]]) * 1000)

    for number in range(first, first + count):
        sent_at[f"m{number}"] = time.perf_counter()
        await sender.say(f"{number}: {TEXT}", msg_id=f"m{number}")
        while number + 1 - first - len(ack_ms) >= 50:
            await next_ack()
    while len(ack_ms) < count:
        await next_ack()
    await asyncio.wait_for(watching, 60)
    return ack_ms


def percentiles(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100)
    return f"p50 {cuts[49]:.1f} ms, p99 {cuts[98]:.1f} ms"


def test_a_member_that_stops_reading_is_dropped_and_catches_up(host_process, run, clients):
    calm_ms: list[float] = []
    stalled_ms: list[float] = []
    rss: dict[str, int] = {}
    sleepy: socket.socket | None = None
    calm = 500

    async def scenario() -> None:
        nonlocal sleepy
        sender = await WireClient.connect(host_process.port)
        watcher = await WireClient.connect(host_process.port)
        clients.extend([sender, watcher])
        await sender.hello("Gửi")
        await sender.join()
        await watcher.hello("Xem")
        await watcher.join()
        calm_ms.extend(await burst(sender, watcher, 0, calm))  # the baseline
        rss["before"] = host_process.rss_bytes()
        sleepy = stalled_member(host_process.port)
        await watcher.recv_type("presence")
        sampling = asyncio.ensure_future(sample_rss())
        stalled_ms.extend(await burst(sender, watcher, calm, MESSAGES))
        sampling.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sampling

    async def sample_rss() -> None:
        rss["peak"] = 0
        while True:
            rss["peak"] = max(rss["peak"], host_process.rss_bytes())
            await asyncio.sleep(0.05)

    run(scenario(), timeout=120)
    total = calm + MESSAGES
    assert sleepy is not None
    sleepy.settimeout(5)
    received = bytearray()
    try:
        while chunk := sleepy.recv(1 << 16):
            received += chunk
    except (ConnectionResetError, ssl.SSLError):
        pass  # the host reset it: dropped (TLS: possibly inside a record)
    sleepy.close()
    caught_up_from = last_complete_seq(bytes(received))
    assert caught_up_from < total, "the stalled member was never dropped"

    async def catch_up() -> None:
        again = await WireClient.connect(host_process.port, identity=device_identity(7))
        clients.append(again)
        await again.hello("Ngủ", client="sleepy")
        _, replay = await again.join(since=caught_up_from)
        assert [m["seq"] for m in replay] == list(range(caught_up_from + 1, total + 1))

    run(catch_up(), timeout=60)
    growth = (rss["peak"] - rss["before"]) / 2**20
    assert growth < 64, f"host memory grew by {growth:.0f} MiB"
    print(
        f"\nstalled member dropped after seq {caught_up_from} of {total}; host RSS "
        f"{rss['before'] / 2**20:.0f} -> peak {rss['peak'] / 2**20:.0f} MiB; "
        f"sender's say->ack without a stalled member: {percentiles(calm_ms)}; "
        f"with one: {percentiles(stalled_ms)}"
    )
