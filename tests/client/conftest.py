"""What the client tests share: HostConnections that are closed after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from messenger.client import HostConnection
from tests.identities import device_identity


@pytest.fixture
def make_client(qtbot) -> Iterator[Callable[..., HostConnection]]:
    """Makes a HostConnection named ``name``, with device identity ``number``
    (default: one of its own per client of the test)."""
    made: list[HostConnection] = []

    def factory(name: str, number: int | None = None) -> HostConnection:
        identity = device_identity(len(made) if number is None else number)
        client = HostConnection(name, f"id-{name}", identity=identity)
        made.append(client)
        return client

    yield factory
    for client in made:
        client.disconnect_from_host()
        client.deleteLater()
