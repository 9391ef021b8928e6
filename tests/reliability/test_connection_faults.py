"""10,000 messages through a proxy that cuts connections at random points: nothing
lost, nothing duplicated, one order for everyone."""

from __future__ import annotations

import os

import pytest

from messenger.store import HistoryStore
from tests.reliability.chat_client import check_one_order, join_all
from tests.reliability.fault_proxy import FaultProxy
from tests.wire_client import wait_until

pytestmark = pytest.mark.subprocess

CLIENTS = 4
PER_CLIENT = int(os.environ.get("MESSENGER_FAULT_PER_CLIENT", "2500"))
SEED = int(os.environ.get("MESSENGER_FAULT_SEED", "20261125"))


def test_random_connection_cuts_lose_and_duplicate_nothing(
    host_process, make_clients, run, tmp_path
):
    total = CLIENTS * PER_CLIENT
    clients = make_clients(CLIENTS)
    proxy = FaultProxy(host_process.port, SEED, min_bytes=4_000, max_bytes=120_000)

    async def scenario() -> None:
        await proxy.start()
        try:
            # (the TLS handshakes make the first connections' budgets run out sooner)
            await join_all(clients, proxy.port, timeout=30)
            sent: set[str] = set()
            for number in range(PER_CLIENT):
                for client in clients:
                    message = client.session.send(f"{client.name} gửi tin số {number} ✉️")
                    sent.add(message.id)
            await wait_until(
                lambda: all(c.outbox_empty() and len(c.received) >= total for c in clients),
                timeout=240,
            )
            assert len(sent) == total
            assert {m.id for m in clients[0].received} == sent
        finally:
            await proxy.close()

    run(scenario(), timeout=300)
    check_one_order(clients, total)
    assert all(len(c.acked) == PER_CLIENT for c in clients)
    assert proxy.cuts >= 20, f"only {proxy.cuts} cuts: the test did not stress anything"
    code, stderr = host_process.terminate()
    assert code == 0 and "Traceback" not in stderr, stderr
    store = HistoryStore.open(tmp_path / "host" / "history.sqlite3")
    try:
        assert store.last_seq("general") == total
    finally:
        store.close()
    print(
        f"\n{total} messages, {CLIENTS} clients, {proxy.connections} connections, "
        f"{proxy.cuts} cuts (seed {SEED}): 0 lost, 0 duplicated"
    )
