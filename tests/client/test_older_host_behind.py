"""A host of an earlier protocol version (no ``room_reset``, no ``epoch``) whose
history is behind what the client saw: the client notices from ``joined.last_seq``
below its ``since``, and treats it as a restored history all the same."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from messenger.client import ChatSession, HostConnection, SessionReset
from messenger.store import ClientStore, StoredMessage
from tests.wire_client import wait_until

ROOM = "general"


class OlderHost:
    """Speaks the first version of the protocol; its room holds seqs 1 and 2."""

    def __init__(self) -> None:
        self.joins: list[dict[str, Any]] = []
        self.writers: list[asyncio.StreamWriter] = []

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.writers.append(writer)
        while line := await reader.readline():
            frame = json.loads(line)
            for answer in self.answer(frame):
                writer.write(json.dumps(answer, ensure_ascii=False).encode() + b"\n")
            await writer.drain()

    def answer(self, frame: dict[str, Any]) -> list[dict[str, Any]]:
        if frame["type"] == "hello":
            return [{"type": "welcome", "version": 1, "host": "h-old", "session": "S", "you": "An"}]
        if frame["type"] != "join":
            return []
        self.joins.append(frame)
        since = frame.get("since")
        messages = [
            {
                "type": "message",
                "room": ROOM,
                "seq": seq,
                "id": f"new{seq}",
                "from": "Bình",
                "ts": seq,
                "text": f"mới {seq}",
            }
            for seq in (1, 2)
            if since is None or seq > since
        ]
        return [*messages, {"type": "joined", "room": ROOM, "members": ["An"], "last_seq": 2}]


def test_a_since_above_an_older_hosts_last_seq_is_a_restored_history(qtbot, run, tmp_path):
    store = ClientStore.open(tmp_path / "client.sqlite3")
    store.cache(
        "h-old", [StoredMessage(ROOM, s, f"old{s}", "An", s, f"cũ {s}") for s in range(1, 6)]
    )
    connection = HostConnection("An", "id-an")
    session = ChatSession(store, connection)
    resets: list[tuple[SessionReset, int]] = []
    session.session_reset.connect(lambda kind, kept, _held: resets.append((kind, len(kept))))
    session.resume("h-old")
    host = OlderHost()

    async def scenario() -> None:
        server = await asyncio.start_server(host.handle, "127.0.0.1", 0)
        try:
            connection.connect_to("127.0.0.1", server.sockets[0].getsockname()[1])
            await wait_until(lambda: len(host.joins) == 2, timeout=10)
            await wait_until(lambda: store.last_seq("h-old", ROOM) == 2, timeout=5)
        finally:
            connection.disconnect_from_host()
            for writer in host.writers:
                writer.transport.abort()
            server.close()
            await server.wait_closed()

    try:
        run(scenario())
        assert host.joins[0].get("since") == 5 and "since" not in host.joins[1]
        assert resets == [(SessionReset.RESTORED, 5)]
        session.flush_cache()
        cached = store.cached_after("h-old", ROOM, 0, 100)
        assert [(m.seq, m.id) for m in cached] == [(1, "new1"), (2, "new2")]
        assert len(store.archived("h-old", ROOM, 100)) == 5
    finally:
        store.close()
        session.deleteLater()
        connection.deleteLater()


class OlderFullHost(OlderHost):
    """Its disk is full for the first two says: ``storage_error`` without an id."""

    def __init__(self) -> None:
        super().__init__()
        self.says: list[str] = []

    def answer(self, frame: dict[str, Any]) -> list[dict[str, Any]]:
        if frame["type"] != "say":
            return super().answer(frame)
        self.says.append(frame["id"])
        if len(self.says) <= 2:
            return [{"type": "error", "code": "storage_error", "message": "disk full"}]
        return [{"type": "ack", "id": frame["id"], "seq": 3}]


def test_a_storage_error_without_an_id_is_retried_too(qtbot, run, tmp_path):
    store = ClientStore.open(tmp_path / "client.sqlite3")
    connection = HostConnection("An", "id-an")
    session = ChatSession(store, connection)
    session.delivery.retry_base_s = 0.01
    acked: list[str] = []
    session.message_acked.connect(lambda message_id, _seq: acked.append(message_id))
    host = OlderFullHost()

    async def scenario() -> None:
        server = await asyncio.start_server(host.handle, "127.0.0.1", 0)
        try:
            connection.connect_to("127.0.0.1", server.sockets[0].getsockname()[1])
            await wait_until(lambda: connection.state.value == "connected", timeout=10)
            await wait_until(lambda: len(host.joins) == 1, timeout=10)
            message = session.send("khi ổ đĩa đầy")
            await wait_until(lambda: acked == [message.id], timeout=10)
        finally:
            connection.disconnect_from_host()
            for writer in host.writers:
                writer.transport.abort()
            server.close()
            await server.wait_closed()

    try:
        run(scenario())
        assert len(host.says) == 3 and len(set(host.says)) == 1  # the same id again
        assert session.pending() == []
    finally:
        store.close()
        session.deleteLater()
        connection.deleteLater()
