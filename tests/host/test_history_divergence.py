"""A client that has seen more of a room than the history holds, or another message
at its ``since`` (the history was reset or restored): the host answers ``room_reset``
with a new epoch, then the latest messages, and keeps that epoch."""

from __future__ import annotations

from typing import Any

from messenger.host import HostService
from messenger.store import HistoryStore
from tests.host.conftest import stop_host
from tests.host.test_host_chat import joined_client
from tests.wire_client import WireClient


async def filled(host: HostService, clients: list[Any], count: int) -> list[str]:
    an = await joined_client(host.port, "An", clients)
    ids = [await an.say(f"tin {i}") for i in range(count)]
    for _ in range(count):
        await an.recv_type("ack")
    return ids


async def late_client(host: HostService, clients: list[Any]) -> WireClient:
    late = await WireClient.connect(host.port)
    clients.append(late)
    await late.hello("Muộn")
    return late


def test_a_since_beyond_the_history_gets_a_room_reset_and_the_latest(host, run, clients):
    async def scenario() -> None:
        await filled(host, clients, 120)
        late = await late_client(host, clients)
        old_epoch = host.epoch
        await late.send({"type": "join", "room": "general", "since": 500, "last_id": "x"})
        reset, before = await late.recv_type("room_reset")
        assert before == []
        assert reset == {"type": "room_reset", "room": "general", "epoch": host.epoch}
        assert host.epoch != old_epoch
        joined, replay = await late.recv_type("joined")
        assert [m["seq"] for m in replay] == list(range(21, 121))
        assert joined["last_seq"] == 120

    run(scenario())


def test_another_message_at_since_is_a_reset_and_the_same_one_is_not(host, run, clients):
    async def scenario() -> None:
        ids = await filled(host, clients, 30)
        late = await late_client(host, clients)
        await late.send({"type": "join", "room": "general", "since": 10, "last_id": ids[9]})
        _, replay = await late.recv_type("joined")
        assert [m["seq"] for m in replay] == list(range(11, 31))  # a continuation
        epoch = host.epoch
        other = await late_client(host, clients)
        await other.send({"type": "join", "room": "general", "since": 10, "last_id": "autre"})
        await other.recv_type("room_reset")
        _, replay = await other.recv_type("joined")
        assert [m["seq"] for m in replay] == list(range(1, 31))
        assert host.epoch != epoch

    run(scenario())


def test_the_new_epoch_is_kept_and_welcomed_with(start_host, run, clients, loop, tmp_path):
    first = start_host()

    async def diverge() -> str:
        await filled(first, clients, 5)
        late = await late_client(first, clients)
        await late.send({"type": "join", "room": "general", "since": 9})
        reset, _ = await late.recv_type("room_reset")
        return str(reset["epoch"])

    epoch = run(diverge())
    for client in clients:
        loop.run_until_complete(client.close())
    clients.clear()
    stop_host(loop, first)
    with HistoryStore.open(tmp_path / "host" / "history.sqlite3") as store:
        assert store.epoch == epoch
    again = start_host()

    async def welcome() -> None:
        client = await WireClient.connect(again.port)
        clients.append(client)
        assert (await client.hello("An"))["epoch"] == epoch

    run(welcome())
