"""kill -9 of the host in the middle of a burst, restart on the same data: every
acknowledged message is in every client's log exactly once, in one order."""

from __future__ import annotations

import socket

import pytest

from tests.host_process import HostProcess
from tests.reliability.chat_client import check_one_order, join_all
from tests.wire_client import wait_until

pytestmark = pytest.mark.subprocess

CLIENTS = 3
PER_CLIENT = 1_000


def free_tcp_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_kill_9_mid_burst_then_restart_loses_no_acknowledged_message(make_clients, run, tmp_path):
    total = CLIENTS * PER_CLIENT
    port = free_tcp_port()
    data = tmp_path / "host"
    first = HostProcess.on_loopback(data, port)
    first.wait_listening()
    second: HostProcess | None = None
    clients = make_clients(CLIENTS)
    acked_before_kill: dict[str, int] = {}
    try:

        async def burst_and_kill() -> None:
            await join_all(clients, port, timeout=30)
            for number in range(PER_CLIENT):
                for client in clients:
                    client.session.send(f"{client.name}: tin {number} trước khi sập")
            await wait_until(lambda: sum(len(c.acked) for c in clients) >= total // 5, timeout=60)
            first.process.kill()  # SIGKILL: no goodbye, no flush
            for client in clients:
                acked_before_kill.update(client.acked)

        run(burst_and_kill(), timeout=90)
        first.process.wait(timeout=10)
        assert len(acked_before_kill) < total, "the burst ended before the kill"
        second = HostProcess.on_loopback(data, port)
        second.wait_listening()

        async def recover() -> None:
            await wait_until(
                lambda: all(c.outbox_empty() and len(c.received) >= total for c in clients),
                timeout=120,
            )

        run(recover(), timeout=150)
    finally:
        first.kill()
        if second is not None:
            second.kill()
    check_one_order(clients, total)
    final = {m.id: m.seq for m in clients[0].received}
    for message_id, seq in acked_before_kill.items():
        assert final[message_id] == seq, "an acknowledged message moved or vanished"
    print(
        f"\n{total} messages; host killed after {len(acked_before_kill)} acks; "
        f"after restart: 0 lost, 0 duplicated"
    )
