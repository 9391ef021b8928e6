"""One connection cannot hold the host: its frames, and the replay it asked for, are
handled a share per turn of the event loop, and the others get their turns between.

The turns are counted by a 0 ms timer (Qt fires it once per pass of the loop); the
host's work is recorded with the turn it was done in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from messenger.host import history_turns, member_connection
from messenger.host.member_requests import MemberRequests
from messenger.host.request_limits import RequestLimits
from messenger.host.room_history import RoomHistory
from messenger.host.rooms import Rooms
from tests.host.test_host_chat import joined_client
from tests.stored_history import fill_history

PINGS = 5_000
STORED = 3_000


class Turns:
    """Counts the event loop's turns."""

    def __init__(self) -> None:
        self.now = 0
        self._timer = QTimer()
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        self.now += 1

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def turns(qapp: Any) -> Iterator[Turns]:
    counter = Turns()
    yield counter
    counter.stop()


def test_a_ping_flood_is_handled_a_share_per_turn_and_others_go_between(
    start_host, run, clients, turns: Turns, monkeypatch
):
    # (pings beyond the connection's budget are refused: that has its own test)
    host = start_host(request_limits=RequestLimits(burst_pings=2 * PINGS))
    handled: list[tuple[int, str, str]] = []  # (turn, member, frame type)
    handle = MemberRequests.handle

    def recording(requests: MemberRequests, member: Any, event: Any) -> None:
        handled.append((turns.now, member.name, event.TYPE))
        handle(requests, member, event)

    monkeypatch.setattr(MemberRequests, "handle", recording)

    async def scenario() -> None:
        flooder = await joined_client(host.port, "Lũ", clients)
        honest = await joined_client(host.port, "Thật", clients)
        flooder.writer.write(b'{"type":"ping"}\n' * PINGS)  # (not read: its pongs pile up)
        await flooder.writer.drain()
        await honest.say("vẫn nói được", msg_id="m1")
        ack, _ = await honest.recv_type("ack", timeout=10)
        assert ack["id"] == "m1"
        while sum(kind == "ping" for _, _, kind in handled) < PINGS:
            await honest.send({"type": "ping"})
            await honest.recv_type("pong")

    run(scenario(), timeout=30)
    pings_per_turn = Counter(
        turn for turn, name, kind in handled if kind == "ping" and name == "Lũ"
    )
    assert max(pings_per_turn.values()) <= member_connection.FRAMES_PER_TURN
    say_turn = next(turn for turn, name, kind in handled if kind == "say")
    last_ping_turn = max(pings_per_turn)
    assert say_turn < last_ping_turn, "the honest say waited for the whole flood"


def test_a_long_replay_goes_a_few_pages_per_turn_and_others_go_between(
    start_host, tmp_path: Path, run, clients, turns: Turns, monkeypatch
):
    data = tmp_path / "replaying"
    fill_history(data, STORED)
    host = start_host(data)
    events: list[tuple[int, str]] = []
    add = Rooms.add

    def recording_add(rooms: Rooms, member: Any, room: str, last_seq: int, ref: Any = None) -> int:
        events.append((turns.now, f"joined {member.name}"))
        return add(rooms, member, room, last_seq, ref)

    monkeypatch.setattr(Rooms, "add", recording_add)
    handle = MemberRequests.handle

    def recording_event(requests: MemberRequests, member: Any, event: Any) -> None:
        events.append((turns.now, f"{event.TYPE} {member.name}"))
        handle(requests, member, event)

    monkeypatch.setattr(MemberRequests, "handle", recording_event)

    async def scenario() -> None:
        honest = await joined_client(host.port, "Thật", clients)
        reader = await joined_client(host.port, "Đọc", clients, since=None)
        await reader.send({"type": "join", "room": "general", "since": 0})
        await honest.say("trong lúc phát lại", msg_id="m1")
        await honest.recv_type("ack", timeout=10)
        _, replay = await reader.recv_type("joined", timeout=20)
        seqs = {m["seq"] for m in replay if m["type"] == "message"}  # (m1 may come twice)
        assert seqs == set(range(1, STORED + 2))

    run(scenario(), timeout=30)
    say_turn = next(turn for turn, what in events if what == "say Thật")
    rejoin_turn = [turn for turn, what in events if what == "joined Đọc"][-1]
    assert say_turn < rejoin_turn, "the honest say waited for the whole replay"
    assert rejoin_turn - say_turn >= 1


def test_replays_take_turns_a_few_pages_per_turn_over_all_connections(
    start_host, tmp_path: Path, run, clients, turns: Turns, monkeypatch
):
    data = tmp_path / "two readers"
    fill_history(data, STORED)
    host = start_host(data)
    pages: list[tuple[int, str]] = []  # (turn, reader)
    replay_page = RoomHistory._replay_page

    def recording(history: RoomHistory, member: Any, cursor: Any) -> None:
        pages.append((turns.now, member.name))
        replay_page(history, member, cursor)

    monkeypatch.setattr(RoomHistory, "_replay_page", recording)

    async def scenario() -> None:
        readers = [await joined_client(host.port, n, clients, since=None) for n in ("A", "B")]
        pages.clear()
        for reader in readers:
            await reader.send({"type": "join", "room": "general", "since": 0})
        for reader in readers:
            await reader.recv_type("joined", timeout=20)

    run(scenario(), timeout=30)
    per_turn = Counter(turn for turn, _ in pages)
    assert max(per_turn.values()) <= history_turns.PAGES_PER_TURN
    order = [name for _, name in pages]
    assert order.index("B") < len(order) - order[::-1].index("A") - 1, "B waited for all of A"
