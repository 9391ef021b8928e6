"""A first connection that the host closes before its welcome (its hello timeout under
heavy loss, a host still starting): the app retries, says why and when, and joins;
it never waits forever on "Connecting…"."""

from __future__ import annotations

import asyncio

import pytest

from messenger.client import ConnectionState
from tests.reliability.fault_proxy import FaultProxy
from tests.wire_client import wait_until

pytestmark = pytest.mark.subprocess


class ClosingFront(FaultProxy):
    """Closes its first ``closes`` connections as soon as they are accepted (before
    the host could welcome them), then forwards to the host at ``upstream`` uncut."""

    def __init__(self, upstream: int, closes: int) -> None:
        super().__init__(upstream, seed=0, min_bytes=2**62, max_bytes=2**62)
        self.closes = closes

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.connections < self.closes:
            self.connections += 1
            writer.transport.close()
            return
        await super()._handle(reader, writer)


@pytest.mark.parametrize("keep_trying", [False, True], ids=["connect-to-address", "rejoin"])
def test_a_first_connection_closed_before_welcome_is_retried(
    host_process, make_clients, run, keep_trying
):
    (client,) = make_clients(1)
    states: list[ConnectionState] = []
    reasons: list[tuple[str, float]] = []
    client.connection.state_changed.connect(states.append)
    client.connection.connection_lost.connect(
        lambda reason: reasons.append((reason, client.connection.retry_in))
    )
    front = ClosingFront(host_process.port, closes=3)

    async def scenario() -> None:
        await front.start()
        try:
            client.connection.connect_to("127.0.0.1", front.port, keep_trying=keep_trying)
            await wait_until(lambda: client.connected, timeout=20)
            message = client.session.send("Chào, cuối cùng cũng vào được!")
            await wait_until(lambda: message.id in client.acked, timeout=10)
        finally:
            client.connection.disconnect_from_host()
            await front.close()

    run(scenario(), timeout=30)
    assert front.connections >= 4
    assert len(reasons) == 3
    for reason, retry_in in reasons:
        assert "closed the connection before welcoming" in reason
        assert retry_in > 0  # retrying, with the next try
    assert states[0] is ConnectionState.CONNECTING
    assert ConnectionState.RECONNECTING in states
    assert ConnectionState.CONNECTED in states


def test_a_host_that_accepts_and_never_welcomes_is_given_up_then_retried(make_clients, run):
    (client,) = make_clients(1)
    client.connection.welcome_timeout_ms = 300
    reasons: list[str] = []
    client.connection.connection_lost.connect(reasons.append)
    accepted: list[asyncio.StreamWriter] = []

    async def silent(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(writer)

    async def scenario() -> None:
        server = await asyncio.start_server(silent, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            client.connection.connect_to("127.0.0.1", port)
            await wait_until(lambda: len(reasons) >= 2, timeout=10)
            assert client.connection.state is ConnectionState.RECONNECTING
        finally:
            client.connection.disconnect_from_host()
            for writer in accepted:
                writer.transport.abort()
            server.close()
            await server.wait_closed()

    run(scenario(), timeout=20)
    assert all("did not answer in time" in reason for reason in reasons)
