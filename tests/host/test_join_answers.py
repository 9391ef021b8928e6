"""An app joins all its rooms at once: the host answers joins of rooms with nothing
to replay together (one step, one write), and every join still gets its replay and
its ``joined``, in the order asked; presence waits longer in a large session, never
more than a second."""

from __future__ import annotations

import json

import pytest

from messenger.host import HostService, room_history
from messenger.host.request_limits import RequestLimits
from messenger.host.room_history import JOINS_AT_ONCE
from messenger.host.rooms import presence_delay_ms
from tests.host.room_clients import let_in
from tests.wire_client import Frame, WireClient

ROOMS = JOINS_AT_ONCE + 8
WITH_HISTORY = {2: 2, 3: 1, ROOMS - 1: 3}
"""Room number → messages posted in it before the joins (between 3 and the last,
more rooms with nothing to replay than are answered at once)."""


def room_name(number: int) -> str:
    return f"phòng {number:02d}"


async def post_histories(port: int, clients: list[WireClient]) -> None:
    """A member posts WITH_HISTORY's messages, each acknowledged."""
    poster, _ = await let_in(port, "Đăng", clients)
    for number, count in WITH_HISTORY.items():
        await poster.join(room_name(number))
        for index in range(count):
            await poster.say(f"tin {index} của {room_name(number)}", room_name(number))
            await poster.recv_type("ack")


async def answers_to_joins(client: WireClient, rooms: int) -> list[Frame]:
    """Sends ``rooms`` joins in one write (each with its ref), and gives the room
    frames (messages and ``joined``) until the last ``joined``."""
    joins = [{"type": "join", "room": room_name(n), "ref": f"j{n}"} for n in range(rooms)]
    await client.send(b"".join(json.dumps(join).encode() + b"\n" for join in joins))
    frames: list[Frame] = []
    while sum(frame["type"] == "joined" for frame in frames) < rooms:
        frame = await client.recv()
        if frame["type"] in ("message", "joined"):
            frames.append(frame)
    return frames


def expected_answers(rooms: int) -> list[tuple[str, str, str]]:
    """(type, room, ref or text) of each answer, in order."""
    expected = []
    for number in range(rooms):
        room = room_name(number)
        for index in range(WITH_HISTORY.get(number, 0)):
            expected.append(("message", room, f"tin {index} của {room}"))
        expected.append(("joined", room, f"j{number}"))
    return expected


def described(frames: list[Frame]) -> list[tuple[str, str, str]]:
    return [
        (f["type"], f["room"], f["text"] if f["type"] == "message" else f.get("ref", ""))
        for f in frames
    ]


@pytest.mark.parametrize("at_once", [JOINS_AT_ONCE, 4])
def test_many_joins_at_once_get_their_replays_and_joined_in_the_order_asked(
    unlimited_host: HostService, run, clients, monkeypatch, at_once: int
):
    # (4: more joins with nothing to replay wait at once than are answered together)
    monkeypatch.setattr(room_history, "JOINS_AT_ONCE", at_once)

    async def scenario() -> None:
        await post_histories(unlimited_host.port, clients)
        member, _ = await let_in(unlimited_host.port, "Vào hết", clients)
        frames = await answers_to_joins(member, ROOMS)
        assert described(frames) == expected_answers(ROOMS)
        await member.say("đã vào", room_name(ROOMS - 2))  # (a member of each now)
        ack, _ = await member.recv_type("ack")
        assert ack["seq"] == 1

    run(scenario())


def test_joins_over_the_history_rate_are_answered_in_order_all_the_same(start_host, run, clients):
    # (a member list is ~100 bytes: the rate stops the joins answered together)
    tight = RequestLimits(read_bytes_per_s=2_000, burst_read_bytes=600)
    host = start_host(request_limits=tight, say_limits=None)

    async def scenario() -> None:
        await post_histories(host.port, clients)
        member, _ = await let_in(host.port, "Chậm rãi", clients)
        frames = await answers_to_joins(member, ROOMS)
        assert described(frames) == expected_answers(ROOMS)

    run(scenario(), timeout=20)


def test_presence_waits_longer_in_a_large_session_but_never_a_second():
    assert presence_delay_ms(1) <= 25  # (a small office sees arrivals at once)
    assert presence_delay_ms(50) < presence_delay_ms(500) < presence_delay_ms(2_000)
    assert presence_delay_ms(2_000) >= 500  # (an office arriving: few writes each)
    assert presence_delay_ms(1_000_000) <= 1_000
