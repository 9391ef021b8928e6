"""How the host ends connections: the peer gets the last words whole even while it
is still sending, a peer that never closes is not waited for forever, and a member
whose TLS records were changed on the way is dropped without harm to the others
(real sockets, real TLS)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import ssl

from messenger.host import HostService
from messenger.net import chat_stream
from messenger.net.sockets import open_sockets
from tests.host.test_host_chat import joined_client
from tests.identities import client_tls_context, fresh_identity
from tests.wire_client import wait_until

HELLO = b'{"type":"hello","version":2,"name":"X","client":"x"}\n'


def test_a_peer_still_sending_when_turned_away_reads_why_whole(host: HostService, run):
    """Closing with unread input would make the host's kernel reset the connection,
    and the peer's kernel drop the error it had not read yet."""

    async def scenario() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", host.port)
        try:
            writer.write(HELLO)
            await writer.drain()
            for _ in range(64):  # it goes on sending after the host answered
                writer.write(b"x" * 4096 + b"\n")
                await asyncio.sleep(0)
            line = await asyncio.wait_for(reader.readline(), 5)
            assert json.loads(line)["code"] == "tls_required"
            assert await asyncio.wait_for(reader.read(), 5) == b""  # an end, not a reset
        finally:
            writer.close()

    run(scenario())


def test_a_peer_that_never_closes_after_being_turned_away_is_dropped(
    host: HostService, run, monkeypatch
):
    monkeypatch.setattr(chat_stream, "LINGER_MS", 200)

    async def scenario() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", host.port)
        try:
            writer.write(HELLO)
            line = await asyncio.wait_for(reader.readline(), 5)
            assert json.loads(line)["code"] == "tls_required"
            assert await asyncio.wait_for(reader.read(), 5) == b""
            await wait_until(lambda: not open_sockets(), timeout=5)  # (it never closed)
        finally:
            writer.close()

    run(scenario())


async def tls_handshake(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> tuple[ssl.SSLObject, ssl.MemoryBIO, ssl.MemoryBIO]:
    """A TLS client driven by hand over ``reader``/``writer``, its handshake done."""
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = client_tls_context(fresh_identity()).wrap_bio(incoming, outgoing)
    while True:
        try:
            tls.do_handshake()
            break
        except ssl.SSLWantReadError:
            writer.write(outgoing.read())
            incoming.write(await asyncio.wait_for(reader.read(65536), 5))
    writer.write(outgoing.read())
    return tls, incoming, outgoing


def test_a_member_whose_records_were_changed_is_dropped_and_others_chat_on(
    host: HostService, run, clients
):
    async def scenario() -> None:
        an = await joined_client(host.port, "An", clients)
        reader, writer = await asyncio.open_connection("127.0.0.1", host.port)
        try:
            tls, _incoming, outgoing = await tls_handshake(reader, writer)
            tls.write(HELLO)
            record = bytearray(outgoing.read())
            record[-1] ^= 0x01  # (its authentication tag no longer matches)
            writer.write(bytes(record))
            with contextlib.suppress(ConnectionResetError):  # (closed, or reset)
                await asyncio.wait_for(reader.read(), 5)  # (a TimeoutError: still open)
            assert host.member_count == 1
            await an.say("vẫn chạy")
            message, _ = await an.recv_type("message")
            assert message["text"] == "vẫn chạy"
        finally:
            writer.close()

    run(scenario())
