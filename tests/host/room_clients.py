"""Wire clients for the room directory's tests: members let in, and the frames of
one room they wait for."""

from __future__ import annotations

from typing import Any

from messenger.core.identity import DeviceIdentity
from messenger.core.room_names import direct_room
from tests.wire_client import Frame, WireClient


async def let_in(
    port: int, name: str, clients: list[Any], identity: DeviceIdentity | None = None
) -> tuple[WireClient, Frame]:
    """A member let in as ``name`` (with ``identity``: that identity again), and its
    welcome."""
    client = await WireClient.connect(port, identity=identity)
    clients.append(client)
    welcome = await client.hello(name)
    return client, welcome


async def subscribed(port: int, name: str, clients: list[Any]) -> tuple[WireClient, Frame]:
    """A member that asked ``rooms``, and the ``room_list`` it got."""
    client, _ = await let_in(port, name, clients)
    await client.send({"type": "rooms"})
    listed, _ = await client.recv_type("room_list")
    return client, listed


async def update_of(client: WireClient, room: str, timeout: float = 5.0) -> Frame:
    """The next ``room_update`` of ``room`` (other frames are skipped)."""
    while True:
        frame, _ = await client.recv_type("room_update", timeout)
        if frame["room"] == room:
            return frame


async def error_of(client: WireClient, timeout: float = 5.0) -> Frame:
    """The next ``error`` (other frames are skipped)."""
    frame, _ = await client.recv_type("error", timeout)
    return frame


async def nothing_before_pong(client: WireClient) -> list[Frame]:
    """Pings, and gives what came before the ``pong``."""
    await client.send({"type": "ping"})
    _, before = await client.recv_type("pong")
    return before


def dm(first: WireClient, second: WireClient) -> str:
    """The direct room of two clients' identities."""
    return direct_room(first.user_id, second.user_id)


def listed_rooms(room_list: Frame) -> dict[str, tuple[str, int]]:
    """(topic, members) of each room of a ``room_list``."""
    return {r["room"]: (r.get("topic", ""), r.get("members", 0)) for r in room_list["rooms"]}
