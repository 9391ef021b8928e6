"""TLS on every chat connection: what a plain-TCP peer, a peer without a
certificate, a silent peer and an eavesdropper get (real sockets, real certificates)."""

from __future__ import annotations

import asyncio
import json
import socket
import ssl

import pytest

from messenger.host import HostService
from messenger.net import tls_gate
from tests.host.test_host_chat import joined_client
from tests.identities import client_tls_context, device_identity
from tests.reliability.fault_proxy import FaultProxy
from tests.wire_client import WireClient, wait_until


@pytest.mark.parametrize(
    "how, code",
    [({"tls": False}, "tls_required"), ({"certificate": False}, "certificate_required")],
    ids=["plain TCP (told in plain text)", "TLS without a certificate"],
)
def test_a_peer_without_tls_or_certificate_is_told_why_and_closed(
    host: HostService, run, clients, how: dict[str, bool], code: str
):
    async def scenario() -> None:
        peer = await WireClient.connect(host.port, **how)
        clients.append(peer)
        await peer.send({"type": "hello", "version": 2, "name": "Lạ", "client": "c"})
        frames = await peer.expect_closed()
        assert [f["code"] for f in frames] == [code]
        assert "docs/PROTOCOL.md" in frames[0]["message"]

    run(scenario())
    assert host.member_count == 0


def test_the_host_serves_with_its_identity(host: HostService, run, clients):
    async def scenario() -> None:
        an = await joined_client(host.port, "An", clients)
        assert an.host_fingerprint == device_identity(100).user_id == host.fingerprint

    run(scenario())


def test_a_peer_that_never_completes_the_handshake_is_dropped(host: HostService, run, monkeypatch):
    monkeypatch.setattr(tls_gate, "HANDSHAKE_TIMEOUT_MS", 200)
    silent = socket.create_connection(("127.0.0.1", host.port))
    half = socket.create_connection(("127.0.0.1", host.port))
    try:
        half.sendall(b"\x16\x03\x01")  # the start of a TLS record, and no more
        for peer in (silent, half):
            peer.setblocking(False)

        def closed(peer: socket.socket) -> bool:
            try:
                return peer.recv(1) == b""
            except BlockingIOError:
                return False
            except ConnectionResetError:
                return True

        run(wait_until(lambda: closed(silent) and closed(half), timeout=5))
    finally:
        silent.close()
        half.close()


def test_an_eavesdropper_sees_no_text_name_or_room(host: HostService, run, clients):
    """A recording proxy between two chatting members and the host."""
    proxy = FaultProxy(host.port, seed=1, min_bytes=1, max_bytes=2)
    proxy.enabled = False  # forward everything, record it
    secrets = ["Bí mật lương tháng 12", "Nguyễn Thị Hoà", "Phòng Kế Toán", "general"]

    async def scenario() -> None:
        await proxy.start()
        try:
            hoa = await WireClient.connect(proxy.port)
            binh = await WireClient.connect(proxy.port, identity=device_identity(1))
            clients.extend([hoa, binh])
            await hoa.hello(secrets[1])
            await binh.hello("Bình")
            for client in (hoa, binh):
                await client.join(secrets[2])
            await hoa.say(secrets[0], room=secrets[2])
            message, _ = await binh.recv_type("message")
            assert message["text"] == secrets[0] and message["from"] == secrets[1]
            await hoa.say(secrets[0] + " (2)", room=secrets[2])
            await binh.recv_type("message")
        finally:
            await proxy.close()

    run(scenario())
    captured = bytes(proxy.captured)
    assert len(captured) > 2_000  # (handshakes, frames: it saw the traffic)
    for secret in secrets:
        for encoding in ("utf-8", "utf-16-le"):
            assert secret.encode(encoding) not in captured
    assert b'"type"' not in captured and b"hello" not in captured


def test_members_still_chat_while_a_peer_speaks_plain_tcp(host: HostService, run, clients):
    async def scenario() -> None:
        an = await joined_client(host.port, "An", clients)
        old = await WireClient.connect(host.port, tls=False)
        clients.append(old)
        await old.send(b'{"type":"hello","version":2,"name":"X","client":"x"}\n')
        await an.say("vẫn chạy")
        message, _ = await an.recv_type("message")
        assert message["text"] == "vẫn chạy"
        await asyncio.wait_for(old.expect_closed(), 5)

    run(scenario())


def read_messages(member: ssl.SSLSocket, count: int) -> list[dict[str, object]]:
    """Reads (blocking) until ``count`` messages came; returns them."""
    data = b""
    messages: list[dict[str, object]] = []
    while len(messages) < count:
        chunk = member.recv(1 << 16)
        assert chunk, "the host closed"
        lines = (data + chunk).split(b"\n")
        data = lines.pop()
        frames = (json.loads(line) for line in lines)
        messages.extend(frame for frame in frames if frame["type"] == "message")
    return messages


def test_a_member_reading_slowly_gets_every_message_whole(
    unlimited_host: HostService, run, clients
):
    """Its records wait in the host (the kernel took part of them) while the host
    encrypts for the others in the same buffer: what waits is its own copy."""
    text = "Biên bản cuộc họp giao ban sáng thứ hai. " * 180  # 7,740 characters, ~9 KB
    count = 600  # 5.5 MB: more than the kernel takes (4 MB at most), less than a member may owe
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4_096)  # (the host's writes fill it)
    raw.settimeout(10)
    opened: list[ssl.SSLSocket] = []

    async def scenario() -> list[dict[str, object]]:
        sender = await joined_client(unlimited_host.port, "An", clients)
        raw.connect(("127.0.0.1", unlimited_host.port))
        slow = await asyncio.to_thread(client_tls_context(device_identity(7)).wrap_socket, raw)
        opened.append(slow)
        hello = '{"type":"hello","version":2,"name":"Chậm","client":"slow"}\n'
        slow.sendall((hello + '{"type":"join","room":"general"}\n').encode())
        await sender.recv_type("presence")
        others = [await joined_client(unlimited_host.port, f"Khách {n}", clients) for n in range(3)]
        for number in range(count):
            await sender.say(f"{number}: {text}", msg_id=f"m{number}")
        for _ in range(count):
            await sender.recv_type("ack", timeout=10)
        for other in others:  # (they read at once; their records shared the buffer)
            for number in range(count):
                message, _ = await other.recv_type("message")
                assert message["text"] == f"{number}: {text}"
        return await asyncio.to_thread(read_messages, slow, count)

    try:
        received = run(scenario(), timeout=60)
    finally:
        for member in [*opened, raw]:
            member.close()
    assert [m["text"] for m in received] == [f"{n}: {text}" for n in range(count)]


def test_a_member_the_host_cannot_encrypt_for_is_dropped_and_the_others_chat_on(
    host: HostService, run, clients
):
    async def scenario() -> None:
        an = await joined_client(host.port, "An", clients)
        await joined_client(host.port, "Bình", clients)
        await an.recv_type("presence")
        broken = next(m for m in host._members.connections if m.name == "Bình")
        broken._stream._tls.close_notify()  # (its TLS is over on the host's side)
        await an.say("Chào cả nhà", msg_id="m1")
        ack, _ = await an.recv_type("ack")
        assert ack["id"] == "m1"
        await wait_until(lambda: host.member_count == 1)

    run(scenario())
