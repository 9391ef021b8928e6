"""Two main windows in one process: one hosts, the other discovers it, they chat."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from messenger.client import ConnectionState
from messenger.ui.main_window import MainWindow


def type_text(widget, text: str) -> None:
    """Types ``text`` as an input method commits it (how Vietnamese is typed)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def texts(window: MainWindow) -> list[str]:
    model = window.log_model
    return [model.entry(row).text for row in range(model.rowCount())]


def members(window: MainWindow) -> list[str]:
    widget = window.member_list
    return [widget.item(row).text() for row in range(widget.count())]


def test_host_discover_join_and_chat(qtbot, make_window):
    an = make_window("An")
    binh = make_window("Bình")

    an.host_action.trigger()
    assert an.controller.hosting
    qtbot.waitUntil(lambda: an.controller.client.state is ConnectionState.CONNECTED)
    assert "Hosting" in an.status_label.text()

    qtbot.waitUntil(lambda: binh.session_list.count() == 1, timeout=10_000)
    session = binh.session_list.item(0).text()
    assert "An on" in session and "127.0.0.1" in session
    binh.session_list.setCurrentRow(0)
    qtbot.mouseClick(binh.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: binh.controller.client.state is ConnectionState.CONNECTED)
    assert "Connected to" in binh.status_label.text()
    qtbot.waitUntil(lambda: members(an) == ["An (you)", "Bình"])
    qtbot.waitUntil(lambda: members(binh) == ["An", "Bình (you)"])
    binh_item = an.member_list.item(1)  # each with an avatar, and the short id to tell apart
    assert binh.controller.identity is not None
    assert binh.controller.identity.short_id in binh_item.toolTip()
    assert not binh_item.icon().isNull()

    type_text(binh.compose, "Chào An, trưa nay ăn phở không?")
    qtbot.keyClick(binh.compose, Qt.Key.Key_Return)
    assert binh.compose.toPlainText() == ""
    qtbot.waitUntil(lambda: texts(an) == ["Chào An, trưa nay ăn phở không?"])
    qtbot.waitUntil(lambda: binh.log_model.entry(0).seq == 1)

    type_text(an.compose, "Được! 🍜 <b>12 giờ</b>")
    qtbot.keyClick(an.compose, Qt.Key.Key_Return)
    expected = ["Chào An, trưa nay ăn phở không?", "Được! 🍜 <b>12 giờ</b>"]
    qtbot.waitUntil(lambda: texts(binh) == expected and texts(an) == expected)
    assert [an.log_model.entry(r).own for r in range(2)] == [False, True]
    assert [binh.log_model.entry(r).own for r in range(2)] == [True, False]

    an.host_action.trigger()
    qtbot.waitUntil(lambda: not an.controller.hosting)
    qtbot.waitUntil(lambda: binh.controller.client.waiting_for_host)
    assert binh.problem_label.isVisibleTo(binh)
    assert "ended the session" in binh.problem_label.text()
    assert "rejoin by yourself" in binh.problem_label.text()
    assert binh.status_label.text().startswith("The session ended: waiting for its host")

    an.host_action.trigger()  # the host is switched on again (on another port: its beacon)
    qtbot.waitUntil(
        lambda: binh.controller.client.state is ConnectionState.CONNECTED, timeout=15_000
    )
    assert binh.controller.client.port == an.controller.host.port
    qtbot.waitUntil(lambda: members(binh) == ["An", "Bình (you)"])
    type_text(binh.compose, "Mình vào lại rồi")
    qtbot.keyClick(binh.compose, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: texts(an)[-1:] == ["Mình vào lại rồi"])


def test_sending_while_not_connected_keeps_the_text_and_says_why(qtbot, make_window):
    alone = make_window("Chi")
    type_text(alone.compose, "Có ai không?")
    qtbot.keyClick(alone.compose, Qt.Key.Key_Return)
    assert alone.compose.toPlainText() == "Có ai không?"
    assert alone.problem_label.isVisibleTo(alone)
    assert "Not connected" in alone.problem_label.text()
    assert alone.log_model.rowCount() == 0


def test_hosting_on_a_busy_port_reports_it_and_unchecks_host(make_window, standalone_host):
    window = make_window("Dũng")
    config = window.controller.config
    window.controller.config = type(config)(
        data_dir=config.data_dir,
        host_port=standalone_host.port,
        host_bind="127.0.0.1",
        discovery_port=config.discovery_port,
    )
    window.host_action.trigger()
    assert not window.host_action.isChecked()
    assert not window.controller.hosting
    assert "already in use" in window.problem_label.text()


def test_host_turned_on_before_the_identity_is_loaded_starts_once_it_is(qtbot, make_window):
    early = make_window("Giang", ready=False)
    assert early.controller.identity is None  # (being made in its thread)
    early.host_action.trigger()
    assert early.host_action.isChecked() and not early.controller.hosting  # it waits
    qtbot.waitUntil(lambda: early.controller.hosting, timeout=10_000)
    qtbot.waitUntil(lambda: early.controller.client.state is ConnectionState.CONNECTED)
    host = early.controller.host
    assert host is not None and host.fingerprint == early.controller.identity.user_id
    assert early.controller.client.host_fingerprint == host.fingerprint
