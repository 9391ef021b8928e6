"""Fixtures: a real ``messenger host`` process on loopback, and recording clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.host_process import HostProcess
from tests.reliability.chat_client import RecordingClient


@pytest.fixture
def host_process(tmp_path: Path) -> Iterator[HostProcess]:
    """A host without say limits: these tests load it far beyond people's pace (the
    limits have their own tests, tests/hostile)."""
    process = HostProcess.on_loopback(tmp_path / "host", extra=["--no-say-limits"])
    process.wait_listening()
    yield process
    if process.process.poll() is None:
        code, stderr = process.terminate()
        assert code == 0, stderr
        assert "Traceback" not in stderr, stderr
    process.kill()


@pytest.fixture
def make_clients(tmp_path: Path, qapp) -> Iterator[Callable[[int], list[RecordingClient]]]:
    made: list[RecordingClient] = []

    def factory(count: int) -> list[RecordingClient]:
        clients = [
            RecordingClient(f"c{len(made) + i}", tmp_path, len(made) + i) for i in range(count)
        ]
        made.extend(clients)
        return clients

    yield factory
    for client in made:
        client.close()
