"""The application as a separate process: --smoke, --version, bad arguments."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.subprocess


def messenger(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "messenger", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_smoke_paints_the_window_prints_the_time_and_exits(tmp_path):
    result = messenger("--smoke", "--data", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"first paint \d+ ms\n", result.stdout)
    assert result.stderr == ""


_FIRST_PAINT_PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from messenger.app import _open_window
from messenger.cli import build_parser
from messenger.store import ClientStore, StoredMessage
from messenger.ui import main_window
from messenger.ui.app_settings import AppSettings, LastSession

NETWORK = ("asyncio", "qasync", "PySide6.QtNetwork", "messenger.client",
           "messenger.protocol.events", "messenger.protocol.codec", "messenger.host.service",
           "cryptography", "messenger.core.identity")
data = Path(sys.argv[1])
store = ClientStore.open(data / "client.sqlite3")
store.cache("host-1", [StoredMessage("general", n, f"m{n}", "Lan", n, f"tin {n}")
                       for n in range(1, 101)])
store.close()
app = QApplication([])
AppSettings(data / "settings.ini").display_name = "Lan"
AppSettings(data / "settings.ini").last_session = LastSession("127.0.0.1", 9, "host-1", "Lan")

class Paints(QObject):
    count = 0
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            Paints.count += 1
        return False

paints = Paints()
app.installEventFilter(paints)
seen = {}
real_start = main_window.MainWindow.start

def start(window):
    seen["painted"] = Paints.count > 0
    seen["rows"] = window.log_model.rowCount()
    seen["loaded"] = [name for name in NETWORK if name in sys.modules]
    real_start(window)
    seen["after_start"] = [name for name in NETWORK if name in sys.modules]
    window.controller.shutdown()

main_window.MainWindow.start = start
_open_window(build_parser().parse_args(["--data", str(data)]), app)
print(json.dumps(seen))
"""


def test_the_window_paints_the_last_room_before_loading_the_network_layer(tmp_path):
    """What the first paint needs is Qt, the store and the widgets: the connection,
    protocol, asyncio and identity (cryptography) code load after it (start-up time,
    PERFORMANCE.md)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", _FIRST_PAINT_PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["painted"] and seen["rows"] == 60  # the newest cached, in the first paint
    assert seen["loaded"] == []
    assert "messenger.client" in seen["after_start"]


def test_version():
    result = messenger("--version")
    assert result.returncode == 0 and result.stdout.startswith("messenger ")


def test_a_bad_port_is_a_usage_error_not_a_traceback():
    result = messenger("host", "--port", "70000")
    assert result.returncode == 2
    assert "not a port number" in result.stderr and "Traceback" not in result.stderr


def test_without_a_display_the_window_says_what_to_do_instead():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "messenger"], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 2
    assert "messenger host" in result.stderr and "Traceback" not in result.stderr


def test_the_app_has_its_icon_and_a_font_for_vietnamese(qapp):
    from PySide6.QtGui import QFontDatabase

    from messenger.app import _install_look

    _install_look(qapp)
    assert not qapp.windowIcon().isNull()
    assert "DejaVu Sans" in QFontDatabase.families(QFontDatabase.WritingSystem.Vietnamese)


def test_a_second_start_for_the_same_folder_brings_the_first_to_the_front(tmp_path):
    from messenger.net.single_instance import SingleInstance
    from tests.ui.conftest import free_udp_port

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    args = ["--data", str(tmp_path), "--port", "0", "--discovery-port", str(free_udp_port())]
    first = subprocess.Popen(
        [sys.executable, "-m", "messenger", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        probe = SingleInstance(tmp_path)
        deadline = time.monotonic() + 30
        while not probe.wake_running():  # (until its window is up and it listens)
            assert first.poll() is None and time.monotonic() < deadline, "the app did not start"
            time.sleep(0.05)
        second = messenger(*args, timeout=30)
        assert second.returncode == 0, second.stderr
        assert "already running for this data folder" in second.stderr
        assert first.poll() is None  # (the first goes on)
    finally:
        first.terminate()
        first.wait(timeout=10)


def test_the_headless_host_runs_on_qts_own_event_dispatcher_not_glibs():
    """(With 2,000 members connected, GLib's main loop cost a busy room ~10%.)"""
    script = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from messenger import app\n"
        "app._use_qts_own_event_dispatcher()\n"
        "qt = QCoreApplication([])\n"
        "print(QCoreApplication.eventDispatcher().metaObject().className())\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GLIB"}
    before = subprocess.run(
        [
            sys.executable,
            "-c",
            "from PySide6.QtCore import QCoreApplication as A; a = A([]);"
            " print(A.eventDispatcher().metaObject().className())",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert before.stdout.strip() == "QEventDispatcherGlib"  # (what the window keeps)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.stdout.strip() == "QEventDispatcherUNIX", result.stderr
