"""A connection asking for more than people do: pings and joins beyond its budget
are refused (``too_many_requests``, counted as frames the host could not take, so a
flood ends in ``too_many_errors``), history requests wait their turn (a few at most),
and stored history reaches it no faster than its byte rate; the others chat on."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from messenger.host.request_limits import RequestLimits
from messenger.protocol.events import TOO_MANY_REQUESTS
from tests.host.test_host_chat import joined_client
from tests.stored_history import fill_history
from tests.wire_client import Frame

STORED = 3_000


def _codes(frames: list[Frame]) -> list[str]:
    return [frame["code"] for frame in frames if frame["type"] == "error"]


def test_a_ping_flood_gets_its_budget_then_refusals_then_the_door(make_host, run, clients):
    host = make_host(request_limits=RequestLimits(burst_pings=20, pings_per_s=1))

    async def scenario() -> None:
        flooder = await joined_client(host.port, "Lũ", clients)
        honest = await joined_client(host.port, "Thật", clients)
        await flooder.send(b'{"type":"ping"}\n' * 500)
        frames = await flooder.expect_closed(timeout=10)
        pongs = sum(frame["type"] == "pong" for frame in frames)
        codes = _codes(frames)
        assert 20 <= pongs <= 22  # (the bucket refills at 1 a second meanwhile)
        assert codes[:-1] == [TOO_MANY_REQUESTS] * 100 and codes[-1] == "too_many_errors"
        refusal = next(frame for frame in frames if frame["type"] == "error")
        assert 0 < refusal["retry_ms"] <= 1_000
        await honest.say("vẫn ở đây", msg_id="m1")
        assert (await honest.recv_type("ack"))[0]["id"] == "m1"

    run(scenario())


def test_joins_beyond_the_budget_are_refused(make_host, run, clients):
    host = make_host(request_limits=RequestLimits(burst_joins=10, joins_per_s=0.5))

    async def scenario() -> None:
        hopper = await joined_client(host.port, "Nhảy", clients)  # (1 of its 10)
        watcher = await joined_client(host.port, "Xem", clients)
        await hopper.send(b"".join(_encoded({"type": "join", "room": f"p{i}"}) for i in range(30)))
        joined: list[str] = []
        codes: list[str] = []
        while len(joined) + len(codes) < 30:
            frame = await hopper.recv()
            if frame["type"] == "joined":
                joined.append(frame["room"])
            codes += _codes([frame])
        assert joined[:9] == [f"p{i}" for i in range(9)] and len(joined) <= 10
        assert set(codes) == {TOO_MANY_REQUESTS}
        await hopper.say("vẫn nói được", room="p0", msg_id="h1")
        assert (await hopper.recv_type("ack"))[0]["id"] == "h1"
        await watcher.say("còn tôi", msg_id="w1")
        assert (await watcher.recv_type("ack"))[0]["id"] == "w1"

    run(scenario())


def test_history_requests_wait_their_turn_a_few_at_most(make_host, run, clients, tmp_path):
    fill_history(tmp_path / "standalone", 500)
    host = make_host()

    async def scenario() -> None:
        reader = await joined_client(host.port, "Đọc", clients)
        request = {"type": "history", "room": "general", "before": 400, "limit": 50}
        await reader.send(b"".join([_encoded(request)] * 20))
        pages = 0
        codes: list[str] = []
        while pages + len(codes) < 20:
            frame = await reader.recv()
            pages += frame["type"] == "history_page"
            codes += _codes([frame])
        assert pages >= 4 and codes and set(codes) == {TOO_MANY_REQUESTS}

    run(scenario())


def test_stored_history_reaches_a_connection_no_faster_than_its_byte_rate(
    make_host, run, clients, tmp_path
):
    fill_history(tmp_path / "standalone", STORED)
    rate = 256 * 1024
    burst = 64 * 1024
    host = make_host(request_limits=RequestLimits(read_bytes_per_s=rate, burst_read_bytes=burst))

    async def scenario() -> None:
        honest = await joined_client(host.port, "Thật", clients)
        reader = await joined_client(host.port, "Đọc", clients)
        started = time.perf_counter()
        await reader.send({"type": "join", "room": "general", "since": 0})
        honest_acks: list[float] = []
        reading = asyncio.ensure_future(_read_replay(reader))
        while not reading.done():  # the other member chats meanwhile, at once
            sent = time.perf_counter()
            await honest.say("trong lúc đọc")
            await honest.recv_type("ack")
            honest_acks.append(time.perf_counter() - sent)
            await asyncio.sleep(0.05)
        assert set(range(1, STORED + 1)) <= await reading  # (and what Thật said)
        assert len(honest_acks) >= 2  # (acknowledged while the replay went on)
        return time.perf_counter() - started

    size = STORED * 100  # (each replayed message is over 100 bytes)
    elapsed = run(scenario(), timeout=30)
    assert elapsed >= (size - burst) / rate, "the replay went faster than its rate"


async def _read_replay(reader: Any) -> set[int]:
    _, before = await reader.recv_type("joined", timeout=20)
    return {frame["seq"] for frame in before if frame["type"] == "message"}


def _encoded(frame: Frame) -> bytes:
    return json.dumps(frame).encode() + b"\n"
