"""A host played by a script on loopback (frames in, frames out), for client tests
that need answers no real host gives: an earlier protocol version, errors at chosen
moments. And the client side as the app has it, torn down after the test."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from messenger.client import Conversation, HostConnection
from messenger.store import ClientStore

from ..identities import device_identity, server_tls_context

ROOM = "general"


class ScriptedHost:
    """Welcomes every client as host ``h-old`` (no epoch: the first protocol) and
    answers each frame with what ``answer`` returns; its room holds seqs 1 and 2."""

    def __init__(self) -> None:
        self.joins: list[dict[str, Any]] = []
        self.says: list[str] = []
        self._writers: list[asyncio.StreamWriter] = []

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.append(writer)
        while line := await reader.readline():
            for frame in self.answer(json.loads(line)):
                writer.write(json.dumps(frame, ensure_ascii=False).encode() + b"\n")
            await writer.drain()

    def answer(self, frame: dict[str, Any]) -> list[dict[str, Any]]:
        if frame["type"] == "hello":
            return [{"type": "welcome", "version": 2, "host": "h-old", "session": "S", "you": "An"}]
        if frame["type"] == "join":
            self.joins.append(frame)
            return self.join(frame.get("since"))
        if frame["type"] == "say":
            self.says.append(frame["id"])
            return self.say(frame["id"])
        return []

    def join(self, since: int | None) -> list[dict[str, Any]]:
        """The replay after ``since`` of the room's two messages, then ``joined``."""
        messages = [
            {"type": "message", "room": ROOM, "seq": seq, "id": f"new{seq}", "from": "Bình"}
            | {"ts": seq, "text": f"mới {seq}"}
            for seq in (1, 2)
            if since is None or seq > since
        ]
        joined = {"type": "joined", "room": ROOM, "members": [{"name": "An"}], "last_seq": 2}
        return [*messages, joined]

    def say(self, message_id: str) -> list[dict[str, Any]]:
        """The answer to a say (by default: stored, after the room's two)."""
        return [{"type": "ack", "id": message_id, "seq": 2 + len(self.says)}]

    @contextlib.asynccontextmanager
    async def serving(self, client: AppClient) -> AsyncIterator[None]:
        """Listens on loopback and connects ``client``; all closed at the end."""
        server = await asyncio.start_server(
            self._handle, "127.0.0.1", 0, ssl=server_tls_context(device_identity(100))
        )
        try:
            client.connection.connect_to("127.0.0.1", server.sockets[0].getsockname()[1])
            yield
        finally:
            client.connection.disconnect_from_host()
            for writer in self._writers:
                writer.transport.abort()
            server.close()
            await server.wait_closed()


@dataclass
class AppClient:
    """The client side as the app has it: a cache file, a connection, a session."""

    store: ClientStore
    connection: HostConnection
    session: Conversation


@contextlib.contextmanager
def app_client(folder: Path) -> Iterator[AppClient]:
    store = ClientStore.open(folder / "client.sqlite3")
    connection = HostConnection("An", "id-an", identity=device_identity(0))
    session = Conversation(store, connection)
    try:
        yield AppClient(store, connection, session)
    finally:
        store.close()
        session.deleteLater()
        connection.deleteLater()
