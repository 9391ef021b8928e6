"""Sessions that come back: the app that was hosting hosts the same session at its
next start; hosting or connecting elsewhere while in a session asks first."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication, QMessageBox

from messenger.client import ConnectionState
from messenger.ui.app_settings import AppSettings
from messenger.ui.main_window import MainWindow
from messenger.ui.window_config import WindowConfig


def answer_leave(qtbot, window: MainWindow, button: QMessageBox.StandardButton) -> str:
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in window.findChildren(QMessageBox, "leaveSessionDialog"))
    )
    box = [b for b in window.findChildren(QMessageBox, "leaveSessionDialog") if b.isVisible()][-1]
    text = box.text()
    box.button(button).click()
    QApplication.processEvents()
    return text


def test_the_app_that_was_hosting_hosts_the_same_session_at_its_next_start(
    qtbot, tmp_path, discovery_port
):
    folder = tmp_path / "An"

    def open_window() -> MainWindow:
        settings = AppSettings(folder / "settings.ini")
        settings.display_name = "An"
        config = WindowConfig(
            data_dir=folder, host_port=0, host_bind="127.0.0.1", discovery_port=discovery_port
        )
        window = MainWindow(config, settings)
        qtbot.addWidget(window)
        window.start()
        return window

    first = open_window()
    first.host_action.trigger()
    qtbot.waitUntil(
        lambda: first.controller.client.state is ConnectionState.CONNECTED, timeout=10_000
    )
    host_id = first.controller.client.host_id
    first.close()  # (quitting while hosting)
    qtbot.waitUntil(lambda: not first.controller.hosting, timeout=5_000)

    second = open_window()
    qtbot.waitUntil(lambda: second.controller.hosting, timeout=10_000)
    qtbot.waitUntil(lambda: second.controller.client.state is ConnectionState.CONNECTED)
    assert second.controller.client.host_id == host_id and second.host_action.isChecked()
    second.host_action.trigger()  # the user turns it off: not hosting at the next start
    qtbot.waitUntil(lambda: not second.controller.hosting, timeout=5_000)
    assert not second.settings.was_hosting
    second.close()


def test_hosting_or_connecting_elsewhere_while_in_a_session_asks_first(qtbot, make_window):
    an = make_window("An")
    binh = make_window("Bình")
    an.host_action.trigger()
    qtbot.waitUntil(lambda: an.controller.client.state is ConnectionState.CONNECTED)
    binh.controller.join("127.0.0.1", an.controller.host.port)
    qtbot.waitUntil(lambda: binh.controller.client.state is ConnectionState.CONNECTED)

    binh.host_action.trigger()
    text = answer_leave(qtbot, binh, QMessageBox.StandardButton.No)
    assert "hosting leaves it" in text
    assert not binh.controller.hosting and not binh.host_action.isChecked()
    assert binh.controller.client.state is ConnectionState.CONNECTED

    binh._connect_to_typed("127.0.0.1:1")  # (a wrong address: nobody there)
    text = answer_leave(qtbot, binh, QMessageBox.StandardButton.No)
    assert "leave it and connect to 127.0.0.1:1" in text
    assert binh.controller.client.port == an.controller.host.port
    assert binh.controller.client.state is ConnectionState.CONNECTED

    binh.host_action.trigger()
    answer_leave(qtbot, binh, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: binh.controller.hosting, timeout=10_000)
    assert binh.host_action.isChecked()


def test_the_sessions_dialog_marks_the_session_you_are_in(qtbot, make_window):
    an = make_window("An")
    binh = make_window("Bình")
    assert not binh.session_list.isVisible()  # (out of the main view)
    an.host_action.trigger()
    qtbot.waitUntil(lambda: binh.session_list.count() == 1, timeout=10_000)
    assert not binh.session_list.item(0).text().startswith("✓")
    binh.sessions_action.trigger()
    qtbot.waitUntil(binh.sessions_dialog.isVisible)
    binh.session_list.setCurrentRow(0)
    binh.join_button.click()
    assert not binh.sessions_dialog.isVisible()
    qtbot.waitUntil(lambda: binh.controller.client.state is ConnectionState.CONNECTED)
    qtbot.waitUntil(lambda: binh.session_list.item(0).text().startswith("✓ You are here"))
    assert re.search(r"· \d+ member", binh.session_list.item(0).text())
