"""A member that stops reading while others chat at full speed: it is dropped, host
memory stays bounded, the others get everything, and it later catches up completely."""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import time

import pytest

from tests.wire_client import WireClient

pytestmark = pytest.mark.subprocess

MESSAGES = 2_000
TEXT = "Báo cáo doanh thu quý ba của chi nhánh Đà Nẵng. " * 160  # ~9 KB of UTF-8


def stalled_member(port: int) -> socket.socket:
    """Joins, then never reads (a tiny receive buffer, so the host's buffer fills)."""
    member = socket.socket()
    member.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4_096)
    member.connect(("127.0.0.1", port))
    member.sendall(
        '{"type":"hello","version":1,"name":"Ngủ","client":"sleepy"}\n'
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


def test_a_member_that_stops_reading_is_dropped_and_catches_up(host_process, run, clients):
    sleepy = stalled_member(host_process.port)
    rss_before = host_process.rss_bytes()
    rss_peak = rss_before
    pings: list[float] = []
    ack_ms: list[float] = []

    async def scenario() -> None:
        nonlocal rss_peak
        sender = await WireClient.connect(host_process.port)
        watcher = await WireClient.connect(host_process.port)
        clients.extend([sender, watcher])
        await sender.hello("Gửi")
        await sender.join()
        await watcher.hello("Xem")
        await watcher.join()

        async def count(client: WireClient, frame_type: str) -> int:
            seen = 0
            while seen < MESSAGES:
                frame = await client.recv(timeout=30)
                seen += frame["type"] == frame_type
            return seen

        watching = asyncio.ensure_future(count(watcher, "message"))
        acked = 0
        sent_at: dict[str, float] = {}

        async def next_ack() -> None:
            nonlocal acked
            frame = await sender.recv(timeout=30)
            if frame["type"] == "ack":
                acked += 1
                ack_ms.append((time.perf_counter() - sent_at[frame["id"]]) * 1000)

        for number in range(MESSAGES):  # full speed, like a client: at most 50 in flight
            message_id = f"m{number}"
            sent_at[message_id] = time.perf_counter()
            await sender.say(f"{number}: {TEXT}", msg_id=message_id)
            while number + 1 - acked >= 50:
                await next_ack()
            if number % 100 == 0:
                rss_peak = max(rss_peak, host_process.rss_bytes())
        while acked < MESSAGES:
            await next_ack()
        assert await asyncio.wait_for(watching, 60) == MESSAGES
        for _ in range(20):  # the others' round trip once the burst is over
            started = time.perf_counter()
            await watcher.send({"type": "ping"})
            await watcher.recv_type("pong")
            pings.append((time.perf_counter() - started) * 1000)

    run(scenario(), timeout=120)
    rss_peak = max(rss_peak, host_process.rss_bytes())

    sleepy.settimeout(5)
    received = bytearray()
    try:
        while chunk := sleepy.recv(1 << 16):
            received += chunk
    except ConnectionResetError:
        pass  # the host reset it: dropped
    sleepy.close()
    caught_up_from = last_complete_seq(bytes(received))
    assert caught_up_from < MESSAGES, "the stalled member was never dropped"

    async def catch_up() -> None:
        again = await WireClient.connect(host_process.port)
        clients.append(again)
        await again.hello("Ngủ", client="sleepy")
        _, replay = await again.join(since=caught_up_from)
        assert [m["seq"] for m in replay] == list(range(caught_up_from + 1, MESSAGES + 1))

    run(catch_up(), timeout=60)
    growth = (rss_peak - rss_before) / 2**20
    assert growth < 64, f"host memory grew by {growth:.0f} MiB"
    print(
        f"\nstalled member dropped after seq {caught_up_from}; host RSS "
        f"{rss_before / 2**20:.0f} -> peak {rss_peak / 2**20:.0f} MiB; "
        f"sender's say->ack during the burst: p50 {statistics.median(ack_ms):.1f} ms, "
        f"p99 {statistics.quantiles(ack_ms, n=100)[98]:.1f} ms; "
        f"others' ping after the burst: max {max(pings):.2f} ms"
    )
