"""An in-process client as the app has it (connection + outbox + cache), recording
what it receives, for reliability tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from messenger.client import ConnectionState, Conversation, HostConnection
from messenger.store import ClientStore, StoredMessage

from ..identities import device_identity
from ..wire_client import wait_until


class RecordingClient:
    """A Conversation with fast reconnects that records every message it receives."""

    def __init__(self, name: str, folder: Path, number: int = 0) -> None:
        self.name = name
        self.store = ClientStore.open(folder / f"{name}.sqlite3")
        self.connection = HostConnection(name, f"client-{name}", identity=device_identity(number))
        self.connection.backoff_base = 0.02
        self.connection.backoff_cap = 0.3
        self.session = Conversation(self.store, self.connection)
        self.received: list[StoredMessage] = []
        self.acked: dict[str, int] = {}
        self.joins = 0  # joins answered (replay done): what it sees from then on is live
        self.connection.joined.connect(self._on_joined)
        self.session.message_received.connect(self.received.append)
        self.session.message_acked.connect(self._on_ack)

    def _on_joined(self, _joined: object) -> None:
        self.joins += 1

    def _on_ack(self, message_id: str, seq: int) -> None:
        self.acked[message_id] = seq

    @property
    def connected(self) -> bool:
        return self.connection.state is ConnectionState.CONNECTED

    def outbox_empty(self) -> bool:
        return not self.session.pending()

    def close(self) -> None:
        self.connection.disconnect_from_host()
        self.session.flush_cache()
        self.store.close()
        self.session.deleteLater()
        self.connection.deleteLater()


def check_one_order(clients: list[RecordingClient], total: int) -> None:
    """Every client saw seq 1..total exactly once, in order, with the same ids."""
    reference = [(m.seq, m.id) for m in clients[0].received]
    assert [seq for seq, _ in reference] == list(range(1, total + 1))
    assert len({message_id for _, message_id in reference}) == total
    for client in clients[1:]:
        assert [(m.seq, m.id) for m in client.received] == reference, client.name


async def join_all(clients: Sequence[RecordingClient], port: int, timeout: float = 20.0) -> None:
    """Connects every client to the host on loopback ``port`` and waits until each has
    joined (its replay done: what the room gets from then on, it sees live; a first
    join shows only the room's latest messages)."""
    before = [client.joins for client in clients]
    for client in clients:
        client.connection.connect_to("127.0.0.1", port)
    await wait_until(
        lambda: all(c.joins > b for c, b in zip(clients, before, strict=True)), timeout=timeout
    )
