"""Pinned host certificates: the first one a host id shows is trusted, another one is
a stop before any frame is sent (real TLS, a real man in the middle, real pins in a
real client data file)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from messenger.client import ConnectionState, HostConnection
from messenger.client.host_trust import HostTrust, IdentityChange
from messenger.host import HostConfig, HostService
from messenger.store import ClientStore
from messenger.store.known_hosts import KnownHost
from tests.identities import device_identity, server_tls_context
from tests.reliability.fault_proxy import FaultProxy
from tests.wire_client import wait_until


@pytest.fixture
def store(tmp_path: Path):
    opened = ClientStore.open(tmp_path / "client.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def client(qtbot, store: ClientStore):
    connection = HostConnection("An", "id-an", identity=device_identity(0))
    connection.trust = HostTrust(store.known_hosts)
    connection.backoff_base, connection.backoff_cap = 0.02, 0.2
    yield connection
    connection.disconnect_from_host()
    connection.deleteLater()


def changes_of(connection: HostConnection) -> list[IdentityChange]:
    changes: list[IdentityChange] = []
    connection.identity_changed.connect(changes.append)
    return changes


def test_a_man_in_the_middle_is_refused_before_any_frame(
    qtbot, run, client, store, standalone_host
):
    host = standalone_host
    proxy = FaultProxy(host.port, seed=1, min_bytes=1, max_bytes=2)
    proxy.enabled = False  # (forwards everything)
    heard = bytearray()  # what the man in the middle decrypted from the client
    writers: list[asyncio.StreamWriter] = []

    async def intruder(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        while data := await reader.read(4096):
            heard.extend(data)

    changes = changes_of(client)
    joins: list[object] = []
    client.joined.connect(joins.append)

    async def scenario() -> None:
        context = server_tls_context(device_identity(50))
        mitm = await asyncio.start_server(intruder, "127.0.0.1", 0, ssl=context)
        await proxy.start()
        try:
            client.connect_to("127.0.0.1", proxy.port)
            await wait_until(lambda: bool(joins))
            pin = store.known_hosts.pinned(host.host_id)
            assert pin is not None and pin.fingerprint == host.fingerprint
            # someone takes over the host's address: the client reconnects to them
            proxy.upstream = mitm.sockets[0].getsockname()[1]
            proxy.cut_all()
            await wait_until(lambda: bool(changes), timeout=10)
        finally:
            for writer in writers:
                writer.transport.abort()
            await proxy.close()
            mitm.close()
            await mitm.wait_closed()

    run(scenario())
    (change,) = changes
    assert change.host == host.host_id
    assert change.pinned == host.fingerprint
    assert change.presented == device_identity(50).user_id
    assert bytes(heard) == b""  # no hello, no name: nothing
    assert client.state is ConnectionState.DISCONNECTED  # and no retry
    pin = store.known_hosts.pinned(host.host_id)
    assert pin is not None and pin.fingerprint == host.fingerprint  # unchanged


def test_a_host_id_welcoming_with_another_certificate_is_stopped_before_joining(
    qtbot, run, client, store, standalone_host, tmp_path
):
    """Elsewhere, with no pin for the address, but claiming a pinned host id."""
    real = standalone_host
    with qtbot.waitSignal(client.joined):
        client.connect_to("127.0.0.1", real.port)
    client.disconnect_from_host()
    copy = tmp_path / "copy"
    shutil.copytree(real.config.data_dir, copy)  # same host id, another identity
    impostor = HostService(
        HostConfig(
            data_dir=copy,
            session_name="Giả",
            port=0,
            bind_address="127.0.0.1",
            announce=False,
            identity=device_identity(51),
        )
    )
    impostor.start()
    changes = changes_of(client)
    joins: list[object] = []
    client.joined.connect(joins.append)
    try:
        client.connect_to("127.0.0.1", impostor.port)
        qtbot.waitUntil(lambda: bool(changes))
        assert changes[0].host == real.host_id == impostor.host_id
        assert changes[0].presented == device_identity(51).user_id
        assert not joins and client.state is ConnectionState.DISCONNECTED
    finally:
        impostor.stop()
        qtbot.waitUntil(lambda: not impostor.running)
        impostor.deleteLater()


def test_trust_on_first_use_then_only_what_the_user_accepts(store):
    trust = HostTrust(store.known_hosts)
    old, new = device_identity(100).user_id, device_identity(101).user_id
    assert trust.check("", "10.0.0.5", 5005, old) is None  # nobody known there
    assert trust.welcomed("h1", "10.0.0.5", 5005, old) is None  # pinned
    assert store.known_hosts.pinned("h1") == KnownHost("h1", old, "10.0.0.5", 5005)
    assert trust.check("h1", "10.0.0.5", 5005, old) is None
    # expected by host id, or by the address it was last reached at
    for expected in ("h1", ""):
        change = trust.check(expected, "10.0.0.5", 5005, new)
        assert change == IdentityChange("h1", "10.0.0.5", 5005, old, new)
    assert trust.welcomed("h1", "10.0.0.5", 5005, new) is not None
    trust.accept(IdentityChange("h1", "10.0.0.5", 5005, old, new))
    assert trust.check("h1", "10.0.0.5", 5005, new) is None
    assert trust.welcomed("h1", "10.0.0.5", 5005, new) is None  # pinned anew
    assert store.known_hosts.pinned("h1") == KnownHost("h1", new, "10.0.0.5", 5005)
    assert trust.check("h1", "10.0.0.5", 5005, old) is not None  # the old one is not


def test_pins_last_across_restarts(tmp_path):
    first = ClientStore.open(tmp_path / "c.sqlite3")
    first.known_hosts.pin(KnownHost("h1", "ab" * 32, "office-pc", 5005))
    first.close()
    again = ClientStore.open(tmp_path / "c.sqlite3")
    try:
        assert again.known_hosts.last_at("office-pc", 5005) == KnownHost(
            "h1", "ab" * 32, "office-pc", 5005
        )
        assert again.known_hosts.pinned("h2") is None
    finally:
        again.close()
