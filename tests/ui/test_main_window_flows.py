"""Main window flows: first-start name, Connect to address…, quitting while hosting."""

from __future__ import annotations

import asyncio
import threading

import shiboken6
from PySide6.QtWidgets import QApplication, QInputDialog

from messenger.app import _open_window, _run_window
from messenger.cli import build_parser
from messenger.client import ConnectionState
from messenger.store import ClientStore, StoredMessage
from messenger.store.identity_file import load_or_create_identity
from messenger.ui.app_settings import AppSettings, LastSession
from messenger.ui.main_window import MainWindow
from messenger.ui.name_dialog import NameDialog
from messenger.ui.window_config import WindowConfig
from tests.reliability.test_host_crash import free_tcp_port
from tests.ui.conftest import free_udp_port


def test_first_start_asks_for_a_name_and_remembers_it(qtbot, tmp_path):
    settings = AppSettings(tmp_path / "settings.ini")
    window = MainWindow(WindowConfig(data_dir=tmp_path, discovery_port=free_udp_port()), settings)
    qtbot.addWidget(window)
    window.start()
    dialog = window.findChild(NameDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.textValue()  # the OS user name is offered
    dialog.setTextValue("  Trần   Thị Hoa ")
    dialog.accept()
    assert settings.display_name == "Trần Thị Hoa"
    assert window.controller.client.name == "Trần Thị Hoa"
    again = AppSettings(tmp_path / "settings.ini")
    assert again.display_name == "Trần Thị Hoa"
    second = MainWindow(WindowConfig(data_dir=tmp_path, discovery_port=free_udp_port()), again)
    qtbot.addWidget(second)
    second.start()
    assert second.findChild(NameDialog) is None
    window.close()
    second.close()


def test_connect_to_address_joins_a_host_typed_by_hand(qtbot, make_window, standalone_host):
    window = make_window("Giang")
    window.connect_action.trigger()
    dialog = window.findChild(QInputDialog, "connectDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue("not an address at all")
    dialog.accept()
    assert "is not an address" in window.problem_label.text()
    window.connect_action.trigger()
    dialog = next(d for d in window.findChildren(QInputDialog, "connectDialog") if d.isVisible())
    dialog.setTextValue(f"127.0.0.1:{standalone_host.port}")
    dialog.accept()
    qtbot.waitUntil(lambda: window.controller.client.state is ConnectionState.CONNECTED)
    assert "Kho Hà Nội" in window.status_label.text()
    assert window.problem_label.isHidden()
    window.controller.client.disconnect_from_host()


def test_quitting_while_hosting_stops_the_host_and_leaves_nothing_running(loop, qapp, tmp_path):
    args = build_parser().parse_args(
        ["--data", str(tmp_path), "--port", "0", "--discovery-port", str(free_udp_port())]
    )
    AppSettings(tmp_path / "settings.ini").display_name = "Khánh"
    seen: dict[str, object] = {}

    async def drive() -> None:
        window = None
        while window is None:
            await asyncio.sleep(0.01)
            found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
            window = found[0] if found and found[0].isVisible() else None
        window.host_action.trigger()
        while window.controller.client.state is not ConnectionState.CONNECTED:
            await asyncio.sleep(0.01)
        seen["host"] = window.controller.host
        window.close()

    window = _open_window(args, qapp)  # shown and painted before the loop runs, as in the app
    driver = loop.create_task(drive())
    code = loop.run_until_complete(asyncio.wait_for(_run_window(window), 15))
    assert code == 0
    assert driver.done() and driver.exception() is None
    host = seen["host"]
    assert host is not None
    assert not shiboken6.isValid(host) or not host.running


def test_a_window_closed_before_it_started_closes_the_users_cache(qtbot, tmp_path):
    """(The app paints the window before ``start``: closing it in between leaves no
    cache thread or file open.)"""
    before = set(threading.enumerate())
    window = MainWindow(
        WindowConfig(data_dir=tmp_path, discovery_port=free_udp_port()),
        AppSettings(tmp_path / "settings.ini"),
    )
    qtbot.addWidget(window)
    [cache_thread] = set(threading.enumerate()) - before
    assert cache_thread.name == "cache-checkpoint"
    window.show()
    window.close()
    assert not window.started
    assert not cache_thread.is_alive()


def test_a_damaged_cache_leaves_the_log_empty_and_says_so(qtbot, tmp_path):
    """The cache opens but its pages are damaged: the window still starts (no
    traceback), with an empty log and the problem in words once started."""
    path = tmp_path / "client.sqlite3"
    store = ClientStore.open(path)
    store.cache(
        "host-1",
        [StoredMessage("general", n, f"m{n}", "Lan", n, "tin nhắn " * 40) for n in range(1, 2001)],
    )
    store.close()
    with path.open("r+b") as damaged:  # every page after the schema's
        for page in range(3, path.stat().st_size // 4096):
            damaged.seek(page * 4096 + 100)
            damaged.write(b"\xff" * 3000)
    settings = AppSettings(tmp_path / "settings.ini")
    settings.display_name = "Lan"
    settings.last_session = LastSession("127.0.0.1", free_tcp_port(), "host-1", "Lan")
    window = MainWindow(WindowConfig(data_dir=tmp_path, discovery_port=free_udp_port()), settings)
    qtbot.addWidget(window)
    assert window.log_model.rowCount() == 0
    window.start()
    problems: list[str] = []
    window.controller.problem.connect(problems.append)
    qtbot.waitUntil(lambda: any("damaged" in problem for problem in problems))
    window.close()


def test_the_cached_room_at_start_marks_mine_by_user_id_not_by_name(qtbot, tmp_path):
    """Before the identity loads, the first paint already knows which cached messages
    are the user's: by the user id the last start recorded, not by the name (a
    namesake's message, another identity, is not "mine")."""
    identity, _ = load_or_create_identity(tmp_path, "Lan")
    namesake = "ab" * 32
    store = ClientStore.open(tmp_path / "client.sqlite3")
    store.cache(
        "host-1",
        [
            StoredMessage("general", 1, "m1", "Lan", 1, "của tôi", identity.user_id),
            StoredMessage("general", 2, "m2", "Lan", 2, "của người trùng tên", namesake),
        ],
    )
    store.close()
    settings = AppSettings(tmp_path / "settings.ini")
    settings.display_name = "Lan"
    settings.user_id = identity.user_id
    settings.last_session = LastSession("127.0.0.1", free_tcp_port(), "host-1", "Lan")
    window = MainWindow(WindowConfig(data_dir=tmp_path, discovery_port=free_udp_port()), settings)
    qtbot.addWidget(window)
    entries = [window.log_model.entry(row) for row in range(window.log_model.rowCount())]
    assert [(e.text, e.own) for e in entries] == [("của tôi", True), ("của người trùng tên", False)]
    window.start()
    qtbot.waitUntil(lambda: window.controller.identity is not None)
    assert AppSettings(tmp_path / "settings.ini").user_id == identity.user_id
    window.close()
