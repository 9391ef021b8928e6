"""The window when the session's host comes back as another one (a new host id at
the same address): the user's unsent messages stay in sight, held, with a choice;
what the log showed before stays, marked as kept on this computer. And when the
host's disk is full: said above the log until the host has room again."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from messenger.client import ConnectionState
from messenger.ui.log_entry import EntryStatus
from messenger.ui.main_window import MainWindow
from messenger.ui.message_log_model import MessageLogModel
from tests.host_process import HostProcess
from tests.reliability.test_host_crash import free_tcp_port
from tests.reliability.test_host_disk_full import fill, small_disk  # noqa: F401 (a fixture)
from tests.ui.test_window_reliability import fast_reconnects, send

pytestmark = pytest.mark.subprocess


def statuses(
    window: MainWindow, model: MessageLogModel | None = None
) -> list[tuple[str, EntryStatus]]:
    model = model or window.log_model
    model.flush()
    return [(model.entry(r).text, model.entry(r).status) for r in range(model.rowCount())]


def reset_window(
    qtbot, make_window, tmp_path, port: int, *, by_hand: bool = False
) -> tuple[MainWindow, HostProcess]:
    """A window whose host dies with two messages unsent and comes back empty (and the
    window reconnects by itself, or ``by_hand``: the user joins the address again)."""
    host = HostProcess.on_loopback(tmp_path / "old", port)
    host.wait_listening()
    try:
        window = make_window("Hạnh")
        fast_reconnects(window)
        window.controller.join("127.0.0.1", port)
        qtbot.waitUntil(lambda: window.controller.client.state is ConnectionState.CONNECTED)
        send(window, "đã gửi")
        qtbot.waitUntil(lambda: statuses(window) == [("đã gửi", EntryStatus.SENT)])
        if by_hand:
            window.controller.client.backoff_base = 600.0  # (it does not retry by itself)
    finally:
        host.kill()
    qtbot.waitUntil(lambda: window.controller.client.state is ConnectionState.RECONNECTING)
    send(window, "chưa gửi 1")
    send(window, "chưa gửi 2")
    new_host = HostProcess.on_loopback(tmp_path / "new", port)
    new_host.wait_listening()
    if by_hand:
        window.controller.join("127.0.0.1", port)
    # another installation answers there: its certificate is not the pinned one, a stop
    # until the user trusts it (as they would after asking the host's owner)
    trust_new_host_identity(qtbot, window)
    qtbot.waitUntil(lambda: window.held_bar.isVisible(), timeout=10_000)
    return window, new_host


def trust_new_host_identity(qtbot, window: MainWindow) -> None:
    bar = window.identity_change_bar
    qtbot.waitUntil(bar.isVisible, timeout=10_000)
    assert window.controller.client.state is ConnectionState.DISCONNECTED
    assert not window.held_bar.isVisible()  # nothing went to the new host yet
    bar.trust_button.click()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "trustIdentityDialog") is not None)
    dialog = window.findChild(QMessageBox, "trustIdentityDialog")
    dialog.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not bar.isVisible())


def test_held_messages_are_shown_with_a_choice_and_sent_in_order(qtbot, make_window, tmp_path):
    window, host = reset_window(qtbot, make_window, tmp_path, free_tcp_port())
    try:
        assert statuses(window) == [
            ("chưa gửi 1", EntryStatus.HELD),
            ("chưa gửi 2", EntryStatus.HELD),
        ]
        # what the log had before: apart, marked (its seq is another history's)
        assert window.kept_pane.isVisible()
        assert statuses(window, window.kept_pane.model) == [("đã gửi", EntryStatus.KEPT)]
        assert "from before the reset" in window.kept_pane.label.text()
        assert "2 unsent message(s)" in window.held_bar.label.text()
        assert "Another host now answers" in window.problem_label.text()
        assert window.problem_label.isVisible()  # while connected, too
        send(window, "viết sau")  # waits behind the held ones
        assert "3 message(s) waiting" in window.status_label.text()
        qtbot.mouseClick(window.held_bar.send_button, qtbot_left())
        sent = [
            ("chưa gửi 1", EntryStatus.SENT),
            ("chưa gửi 2", EntryStatus.SENT),
            ("viết sau", EntryStatus.SENT),
        ]
        qtbot.waitUntil(lambda: statuses(window) == sent, timeout=10_000)
        assert [window.log_model.entry(r).seq for r in range(3)] == [1, 2, 3]
        assert window.held_bar.isHidden()
        assert window.problem_label.isHidden()
    finally:
        host.kill()


def test_discarded_held_messages_leave_the_log_and_the_outbox(qtbot, make_window, tmp_path):
    window, host = reset_window(qtbot, make_window, tmp_path, free_tcp_port())
    try:
        qtbot.mouseClick(window.held_bar.discard_button, qtbot_left())
        dialog = window.findChild(QMessageBox, "discardHeldDialog")
        assert "Discard 2 unsent message(s)?" in dialog.text()
        dialog.button(QMessageBox.StandardButton.Cancel).click()  # a second thought
        assert len(window.controller.session.held()) == 2
        qtbot.mouseClick(window.held_bar.discard_button, qtbot_left())
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "discardHeldDialog") is not None)
        dialogs = window.findChildren(QMessageBox, "discardHeldDialog")
        dialogs[-1].button(QMessageBox.StandardButton.Discard).click()
        qtbot.waitUntil(lambda: statuses(window) == [])
        assert window.controller.session.held() == []
        assert window.controller.store.held("general") == []
        assert window.held_bar.isHidden()
        send(window, "bắt đầu lại")
        qtbot.waitUntil(lambda: statuses(window) == [("bắt đầu lại", EntryStatus.SENT)])
        window.kept_pane.hide_button.click()
        assert window.kept_pane.isHidden()
    finally:
        host.kill()


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_full_disk_on_the_host_is_shown_while_connected_until_it_has_room(
    qtbot,
    make_window,
    small_disk,  # noqa: F811 (the fixture imported above)
):
    port = free_tcp_port()
    host = HostProcess.on_loopback(small_disk / "host", port)
    host.wait_listening()
    try:
        window = make_window("Hạnh")
        window.controller.join("127.0.0.1", port)
        qtbot.waitUntil(lambda: window.controller.client.state is ConnectionState.CONNECTED)
        filler = fill(small_disk)
        send(window, "khi ổ đĩa đầy")
        qtbot.waitUntil(lambda: "disk is full" in window.problem_label.text(), timeout=10_000)
        assert window.problem_label.isVisible()
        assert "Connected" in window.status_label.text()
        assert "1 message(s) waiting" in window.status_label.text()
        assert statuses(window) == [("khi ổ đĩa đầy", EntryStatus.SENDING)]
        filler.unlink()
        qtbot.waitUntil(
            lambda: statuses(window) == [("khi ổ đĩa đầy", EntryStatus.SENT)], timeout=15_000
        )
        assert window.problem_label.isHidden()
        assert "waiting" not in window.status_label.text()
    finally:
        host.kill()


def test_joining_the_same_address_by_hand_is_the_same_session(qtbot, make_window, tmp_path):
    window, host = reset_window(qtbot, make_window, tmp_path, free_tcp_port(), by_hand=True)
    try:
        assert statuses(window) == [
            ("chưa gửi 1", EntryStatus.HELD),
            ("chưa gửi 2", EntryStatus.HELD),
        ]
    finally:
        host.kill()


def test_held_messages_wait_through_a_restart_of_the_app(qtbot, make_window, tmp_path):
    port = free_tcp_port()
    window, host = reset_window(qtbot, make_window, tmp_path, port)
    try:
        window.close()
        again = make_window("Hạnh", start=False)  # the same data and settings
        held = [("chưa gửi 1", EntryStatus.HELD), ("chưa gửi 2", EntryStatus.HELD)]
        assert statuses(again) == held  # in the first paint already
        again.start()
        assert again.held_bar.isVisible()
        qtbot.waitUntil(lambda: again.controller.client.state is ConnectionState.CONNECTED)
        assert statuses(again) == held  # not sent by themselves
        qtbot.mouseClick(again.held_bar.send_button, qtbot_left())
        qtbot.waitUntil(
            lambda: (
                statuses(again)
                == [("chưa gửi 1", EntryStatus.SENT), ("chưa gửi 2", EntryStatus.SENT)]
            ),
            timeout=10_000,
        )
    finally:
        host.kill()


@pytest.mark.qt_log_ignore(  # a popup menu on the offscreen platform
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_one_held_message_can_be_discarded_from_its_menu(qtbot, make_window, tmp_path):
    window, host = reset_window(qtbot, make_window, tmp_path, free_tcp_port())
    try:
        view = window.log_view
        view.resize(600, 400)
        window.log_model.flush()
        position = view.visualRect(window.log_model.index(0, 0)).center()
        global_position = view.viewport().mapToGlobal(position)
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, position, global_position)
        QApplication.sendEvent(view.viewport(), event)
        menu = window.findChild(QMenu, "heldMessageMenu")
        assert menu is not None
        discard = [a for a in menu.actions() if a.text() == "Discard this message"]
        discard[0].trigger()
        menu.close()
        assert statuses(window) == [("chưa gửi 2", EntryStatus.HELD)]
        assert "1 unsent message(s)" in window.held_bar.label.text()
        assert window.problem_label.isVisible()  # the reset notice stays while one waits
        qtbot.mouseClick(window.held_bar.send_button, qtbot_left())
        qtbot.waitUntil(lambda: statuses(window) == [("chưa gửi 2", EntryStatus.SENT)])
        assert window.held_bar.isHidden()
    finally:
        host.kill()
