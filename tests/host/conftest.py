"""Fixtures: an in-process host on loopback with its history in a temporary folder."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6

from messenger.host import HostConfig, HostService
from tests.identities import device_identity


def make_config(data_dir: Path, port: int = 0, **options: Any) -> HostConfig:
    return HostConfig(
        data_dir=data_dir,
        session_name="Test session",
        port=port,
        bind_address="127.0.0.1",
        announce=False,
        identity=device_identity(100),
        **options,
    )


def stop_host(loop: asyncio.AbstractEventLoop, service: HostService) -> None:
    """Stops ``service`` and runs the loop until it says it stopped."""
    if not shiboken6.isValid(service):
        return
    if service.running:
        done = asyncio.Event()
        service.stopped.connect(done.set)
        service.stop()
        loop.run_until_complete(asyncio.wait_for(done.wait(), 5))
    service.deleteLater()


@pytest.fixture
def start_host(
    loop: asyncio.AbstractEventLoop, tmp_path: Path
) -> Iterator[Callable[..., HostService]]:
    """Starts hosts (stopped at teardown); by default all share one data folder."""
    started: list[HostService] = []

    def starter(data_dir: Path | None = None, port: int = 0, **options: Any) -> HostService:
        """``options``: more HostConfig fields (admission, password, ...)."""
        service = HostService(make_config(data_dir or tmp_path / "host", port, **options))
        service.start()
        started.append(service)
        return service

    yield starter
    for service in started:
        stop_host(loop, service)


@pytest.fixture
def host(start_host: Callable[..., HostService]) -> HostService:
    """A running host on 127.0.0.1 with a free port."""
    return start_host()


@pytest.fixture
def unlimited_host(start_host: Callable[..., HostService]) -> HostService:
    """A host without say limits, for tests that post faster than people to set a
    scene (the limits have their own tests)."""
    return start_host(say_limits=None)


@pytest.fixture
def bare_host(loop: asyncio.AbstractEventLoop, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Makes ``BareHost``s (the host's parts without HostService; closed at teardown),
    each in its own data folder."""
    from tests.host.bare_host import BareHost

    made: list[BareHost] = []

    def maker(**options: Any) -> BareHost:
        """``options``: BareHost's (admission, request_limits)."""
        made.append(BareHost(tmp_path / f"bare{len(made)}", **options))
        return made[-1]

    yield maker
    for host in made:
        host.close()
