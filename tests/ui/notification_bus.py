"""A private D-Bus session bus and a notification service of the tests' own on it
(tests/tools/notification_service.py), whose calls the test reads with timeouts."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


class NotificationService:
    """The service's process: ``calls`` it received, ``click`` to click one."""

    def __init__(self, address: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.tools.notification_service", address],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._lines: queue.Queue[dict[str, Any]] = queue.Queue()
        self.calls: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(lambda call: call["call"] == "ready")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(json.loads(line))

    def wait_for(
        self, wanted: Callable[[dict[str, Any]], bool], timeout: float = 10
    ) -> dict[str, Any]:
        """The next call ``wanted`` accepts (the calls before it are kept in ``calls``)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no such call within {timeout} s; calls: {self.calls}")
            try:
                call = self._lines.get(timeout=left)
            except queue.Empty:
                continue
            self.calls.append(call)
            if wanted(call):
                return call

    def notifies(self) -> list[dict[str, Any]]:
        """Every Notify received so far (without waiting)."""
        while not self._lines.empty():
            self.calls.append(self._lines.get())
        return [c for c in self.calls if c["call"] == "Notify"]

    def click(self, notification: int) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"click {notification}\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def session_bus(tmp_path: Path) -> Iterator[str]:
    """The address of a D-Bus session bus of this test's own."""
    socket = tmp_path / "bus"
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", f"--address=unix:path={socket}"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not socket.exists():
        assert daemon.poll() is None and time.monotonic() < deadline, "no D-Bus daemon"
        time.sleep(0.01)
    yield f"unix:path={socket}"
    daemon.terminate()
    daemon.wait(timeout=5)


@pytest.fixture
def notification_service(session_bus: str) -> Iterator[NotificationService]:
    service = NotificationService(session_bus)
    yield service
    service.stop()
