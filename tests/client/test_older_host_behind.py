"""A host of an earlier protocol version (no ``room_reset``, no ``epoch``, no id in a
``storage_error``): a history behind what the client saw is noticed from
``joined.last_seq`` below its ``since`` and treated as a restored one; a storage
error is retried all the same."""

from __future__ import annotations

from typing import Any

from messenger.client import SessionReset
from messenger.store import StoredMessage
from tests.client.scripted_host import ROOM, ScriptedHost, app_client
from tests.wire_client import wait_until


def test_a_since_above_an_older_hosts_last_seq_is_a_restored_history(qtbot, run, tmp_path):
    host = ScriptedHost()
    with app_client(tmp_path) as client:
        seen = [
            StoredMessage(ROOM, seq, f"old{seq}", "An", seq, f"cũ {seq}") for seq in range(1, 6)
        ]
        client.store.cache("h-old", seen)
        resets: list[tuple[SessionReset, int]] = []
        client.session.session_reset.connect(
            lambda kind, kept, _held: resets.append((kind, len(kept)))
        )
        client.session.resume("h-old")

        async def scenario() -> None:
            async with host.serving(client):
                await wait_until(lambda: len(host.joins) == 2, timeout=10)
                await wait_until(lambda: client.store.last_seq("h-old", ROOM) == 2, timeout=5)

        run(scenario())
        assert host.joins[0].get("since") == 5 and "since" not in host.joins[1]
        assert resets == [(SessionReset.RESTORED, 5)]
        client.session.flush_cache()
        cached = client.store.cached_after("h-old", ROOM, 0, 100)
        assert [(m.seq, m.id) for m in cached] == [(1, "new1"), (2, "new2")]
        assert len(client.store.archived_before("h-old", ROOM, 2**62, 100)) == 5


class OlderFullHost(ScriptedHost):
    """Its disk is full for the first two says: ``storage_error`` without an id."""

    def say(self, message_id: str) -> list[dict[str, Any]]:
        if len(self.says) <= 2:
            return [{"type": "error", "code": "storage_error", "message": "disk full"}]
        return super().say(message_id)


def test_a_storage_error_without_an_id_is_retried_too(qtbot, run, tmp_path):
    host = OlderFullHost()
    with app_client(tmp_path) as client:
        client.session.delivery.retry_base_s = 0.01
        acked: list[str] = []
        client.session.message_acked.connect(lambda message_id, _seq: acked.append(message_id))

        async def scenario() -> None:
            async with host.serving(client):
                await wait_until(lambda: client.session.delivery.ready, timeout=10)
                message = client.session.send("khi ổ đĩa đầy")
                await wait_until(lambda: acked == [message.id], timeout=10)

        run(scenario())
        assert len(host.says) == 3 and len(set(host.says)) == 1  # the same id again
        assert client.session.pending() == []
