"""Fixtures: real main windows offscreen, each with its own data and settings."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from messenger.ui.app_settings import AppSettings
from messenger.ui.main_window import MainWindow
from messenger.ui.window_config import WindowConfig


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def discovery_port() -> int:
    """A UDP port no other test run uses, for this test's beacons."""
    return free_udp_port()


@pytest.fixture
def make_window(qtbot, tmp_path: Path, discovery_port: int) -> Iterator[Callable[..., MainWindow]]:
    """Opens main windows named as asked; closes them (stopping any host) at teardown.

    A started window is returned once its identity is loaded (made, the first time:
    a moment after its first paint), as a user's first click would find it; with
    ``ready=False``, at once."""
    windows: list[MainWindow] = []

    def factory(name: str, *, start: bool = True, ready: bool = True) -> MainWindow:
        folder = tmp_path / name
        settings = AppSettings(folder / "settings.ini")
        settings.display_name = name
        config = WindowConfig(
            data_dir=folder, host_port=0, host_bind="127.0.0.1", discovery_port=discovery_port
        )
        window = MainWindow(config, settings)
        qtbot.addWidget(window)
        if start:  # (else the test starts it: the window as it first paints, before)
            window.start()
            if ready:
                qtbot.waitUntil(lambda: window.controller.identity is not None, timeout=10_000)
        windows.append(window)
        return window

    yield factory
    for window in windows:
        hosting = window.started and window.controller.hosting
        window.close()
        if hosting:
            qtbot.waitUntil(lambda w=window: not w.controller.hosting, timeout=5_000)
