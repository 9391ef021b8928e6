"""One app per data folder: a second claim on a folder fails while the first holds
it, and asks the first to show its window; a lock left by a dead process is taken."""

from __future__ import annotations

import os
import subprocess
import sys

from messenger.net.single_instance import LOCK_FILE, SingleInstance


def test_a_second_start_wakes_the_first(qtbot, tmp_path):
    first = SingleInstance(tmp_path / "data")
    second = SingleInstance(tmp_path / "data")
    other = SingleInstance(tmp_path / "other")
    try:
        assert first.acquire()
        assert not second.acquire()
        assert other.acquire()  # (another folder: another app)
        first.listen()
        with qtbot.waitSignal(first.wake_requested, timeout=5_000):
            assert second.wake_running()
    finally:
        first.release()
        other.release()
        for guard in (first, second, other):
            guard.deleteLater()
    third = SingleInstance(tmp_path / "data")
    assert third.acquire()  # (released: the folder is free again)
    third.release()


def test_nobody_answering_is_said(qtbot, tmp_path):
    first = SingleInstance(tmp_path)
    second = SingleInstance(tmp_path)
    try:
        assert first.acquire()  # (but never listens: a start hung before its window)
        assert not second.acquire()
        assert not second.wake_running()
    finally:
        first.release()


def test_the_lock_of_a_process_that_died_is_taken_over(tmp_path):
    code = (
        "import os, sys\n"
        "from PySide6.QtCore import QLockFile\n"
        f"lock = QLockFile({str(tmp_path / LOCK_FILE)!r})\n"
        "assert lock.tryLock(0)\n"
        "os._exit(0)  # dies holding it\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30, env=dict(os.environ))
    assert (tmp_path / LOCK_FILE).exists()
    guard = SingleInstance(tmp_path)
    assert guard.acquire()
    guard.release()
