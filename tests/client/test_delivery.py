"""Delivery against a scripted host on loopback: after a storage_error the oldest
unacknowledged message goes again alone; the trouble is over when that one is
acknowledged, not when a late ack of an earlier message arrives."""

from __future__ import annotations

from typing import Any

from tests.client.scripted_host import ScriptedHost, app_client
from tests.wire_client import wait_until


class FullAfterFirstHost(ScriptedHost):
    """Stores the first say, but answers its ack only after refusing the second (as a
    host whose disk fills between an append and the next does); then stores all."""

    def say(self, message_id: str) -> list[dict[str, Any]]:
        if len(self.says) == 1:
            return []
        if len(self.says) == 2:
            refusal = {"type": "error", "code": "storage_error", "message": "full"}
            late_ack = {"type": "ack", "id": self.says[0], "seq": 3}
            return [refusal | {"id": message_id, "problem": "disk_full"}, late_ack]
        return super().say(message_id)


def test_the_trouble_ends_with_the_retried_message_not_a_late_ack(qtbot, run, tmp_path):
    host = FullAfterFirstHost()
    with app_client(tmp_path) as client:
        session = client.session
        session.delivery.retry_base_s = 0.05
        events: list[str] = []
        session.storage_failing.connect(lambda problem: events.append(f"failing {problem}"))
        session.storage_recovered.connect(lambda: events.append("recovered"))
        session.message_acked.connect(lambda message_id, _seq: events.append(f"ack {message_id}"))

        async def scenario() -> None:
            async with host.serving(client):
                await wait_until(lambda: session.delivery.ready, timeout=10)
                first, second = session.send("một"), session.send("hai")
                await wait_until(lambda: f"ack {second.id}" in events, timeout=10)
                assert events == [
                    "failing disk_full",
                    f"ack {first.id}",  # late, from before: the trouble goes on
                    "recovered",
                    f"ack {second.id}",
                ]
                assert host.says == [first.id, second.id, second.id]

        run(scenario())
