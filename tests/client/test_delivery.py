"""Delivery against a scripted host on loopback: after a storage_error the oldest
unacknowledged message goes again alone; the trouble is over when that one is
acknowledged, not when a late ack of an earlier message arrives."""

from __future__ import annotations

import asyncio
from typing import Any

from messenger.client import ChatSession, HostConnection
from messenger.store import ClientStore
from tests.client.test_older_host_behind import OlderHost
from tests.wire_client import wait_until


class FullAfterFirstHost(OlderHost):
    """Stores the first say, but answers its ack only after refusing the second (as a
    host whose disk fills between an append and the next does); then stores all."""

    def __init__(self) -> None:
        super().__init__()
        self.says: list[str] = []

    def answer(self, frame: dict[str, Any]) -> list[dict[str, Any]]:
        if frame["type"] != "say":
            return super().answer(frame)
        self.says.append(frame["id"])
        if len(self.says) == 1:
            return []
        if len(self.says) == 2:
            refusal = {"type": "error", "code": "storage_error", "message": "full"}
            late_ack = {"type": "ack", "id": self.says[0], "seq": 1}
            return [{**refusal, "id": frame["id"], "problem": "disk_full"}, late_ack]
        return [{"type": "ack", "id": frame["id"], "seq": len(self.says) - 1}]


def test_the_trouble_ends_with_the_retried_message_not_a_late_ack(qtbot, run, tmp_path):
    store = ClientStore.open(tmp_path / "client.sqlite3")
    connection = HostConnection("An", "id-an")
    session = ChatSession(store, connection)
    session.delivery.retry_base_s = 0.05
    events: list[str] = []
    session.storage_failing.connect(lambda problem: events.append(f"failing {problem}"))
    session.storage_recovered.connect(lambda: events.append("recovered"))
    session.message_acked.connect(lambda message_id, _seq: events.append(f"ack {message_id}"))
    host = FullAfterFirstHost()

    async def scenario() -> None:
        server = await asyncio.start_server(host.handle, "127.0.0.1", 0)
        try:
            connection.connect_to("127.0.0.1", server.sockets[0].getsockname()[1])
            await wait_until(lambda: len(host.joins) == 1, timeout=10)
            await wait_until(lambda: session.delivery._ready, timeout=5)
            first, second = session.send("một"), session.send("hai")
            await wait_until(lambda: f"ack {second.id}" in events, timeout=10)
            assert events == [
                "failing disk_full",
                f"ack {first.id}",  # late, from before: the trouble goes on
                "recovered",
                f"ack {second.id}",
            ]
            assert host.says == [first.id, second.id, second.id]
        finally:
            connection.disconnect_from_host()
            for writer in host.writers:
                writer.transport.abort()
            server.close()
            await server.wait_closed()

    try:
        run(scenario())
    finally:
        store.close()
        session.deleteLater()
        connection.deleteLater()
