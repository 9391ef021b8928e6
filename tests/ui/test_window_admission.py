"""Admission between real windows: the owner chooses who may join, a new device waits
showing the same code as the owner's window, the password dialog, removing a member."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QPushButton, QRadioButton

from messenger.client import ConnectionState
from messenger.ui.host_settings_dialog import HostSettingsDialog
from messenger.ui.main_window import MainWindow
from messenger.ui.password_dialog import PasswordDialog
from tests.ui.test_two_windows_chat import members, type_text


def choose_admission(qtbot, window: MainWindow, radio: str, password: str = "") -> None:
    """Chooses who may join through the toolbar's dialog, as the owner would."""
    window.host_settings_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(HostSettingsDialog) is not None)
    dialog = window.findChild(HostSettingsDialog)
    dialog.findChild(QRadioButton, radio).click()
    if password:
        type_text(dialog.password_edit, password)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def host(qtbot, window: MainWindow) -> int:
    window.host_action.trigger()
    qtbot.waitUntil(lambda: window.controller.client.state is ConnectionState.CONNECTED)
    assert window.controller.host is not None
    return int(window.controller.host.port)


def connected(window: MainWindow) -> bool:
    return window.controller.client.state is ConnectionState.CONNECTED


def close_and_wait(qtbot, window: MainWindow) -> None:
    window.close()
    qtbot.waitUntil(lambda: not window.controller.hosting, timeout=5_000)


def test_a_new_device_joins_once_the_owner_lets_it_in_and_later_silently(qtbot, make_window):
    an = make_window("An")
    choose_admission(qtbot, an, "admissionApproval")
    assert an.settings.host_admission == ("approval", "")
    port = host(qtbot, an)
    binh = make_window("Bình")
    binh.controller.join("127.0.0.1", port)
    qtbot.waitUntil(lambda: binh.admission_wait_bar.isVisibleTo(binh))
    code = binh.admission_wait_bar.findChild(QLabel, "admissionCode").text()
    qtbot.waitUntil(lambda: an.approval_bar.isVisibleTo(an))
    request = an.approval_bar.findChild(QLabel, "approvalRequestText").text()
    assert code.replace(" ", "").isdigit() and code in request and "Bình" in request
    assert not connected(binh) and members(an) == ["An (you)"]
    approve = an.approval_bar.findChild(QPushButton, "approveButton")
    qtbot.waitUntil(approve.isEnabled)  # (armed a moment after the request shows)
    qtbot.mouseClick(approve, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: connected(binh) and members(an) == ["An (you)", "Bình"])
    assert not binh.admission_wait_bar.isVisibleTo(binh)
    assert not an.approval_bar.isVisibleTo(an)

    close_and_wait(qtbot, an)  # both restart: the device is let in without asking
    binh.close()
    an_again = make_window("An")  # (it was hosting when it quit: it hosts again by itself)
    qtbot.waitUntil(lambda: connected(an_again) and an_again.controller.hosting)
    port = int(an_again.controller.host.port)
    binh_again = make_window("Bình")
    binh_again.controller.join("127.0.0.1", port)
    qtbot.waitUntil(lambda: connected(binh_again))
    assert not binh_again.admission_wait_bar.isVisibleTo(binh_again)
    assert not an_again.approval_bar.isVisibleTo(an_again)


def asked_for_the_password(qtbot, make_window) -> MainWindow:
    """Bình's window, joining An's session with password "mật khẩu", asked for it."""
    an = make_window("An")
    choose_admission(qtbot, an, "admissionPassword", "mật khẩu")
    port = host(qtbot, an)
    binh = make_window("Bình")
    binh.controller.join("127.0.0.1", port)
    qtbot.waitUntil(lambda: binh.admission_flow.password_dialog is not None)
    return binh


def test_a_password_session_asks_again_after_a_wrong_password(qtbot, make_window):
    binh = asked_for_the_password(qtbot, make_window)
    first = binh.admission_flow.password_dialog
    assert isinstance(first, PasswordDialog) and not first.error_label.isVisibleTo(first)
    type_text(first.password_edit, "sai")
    qtbot.mouseClick(first.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: binh.admission_flow.password_dialog not in (None, first))  # asked again
    again = binh.admission_flow.password_dialog
    assert again is not None and "Wrong password" in again.error_label.text()
    type_text(again.password_edit, "mật khẩu")
    qtbot.mouseClick(again.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: connected(binh))


def test_cancelling_the_password_dialog_leaves_the_session(qtbot, make_window):
    binh = asked_for_the_password(qtbot, make_window)
    binh.admission_flow.password_dialog.reject()
    qtbot.waitUntil(lambda: binh.controller.client.state is ConnectionState.DISCONNECTED)


def test_the_owner_removes_a_member_from_the_member_list(qtbot, make_window):
    an = make_window("An")
    port = host(qtbot, an)
    binh = make_window("Bình")
    binh.controller.join("127.0.0.1", port)
    qtbot.waitUntil(lambda: members(an) == ["An (you)", "Bình"])
    name, user = an.member_list.member_at(1) or ("", "")
    assert name == "Bình" and user == binh.controller.client.user_id
    an.admission_flow.confirm_removal(name, user, ban=False)
    qtbot.waitUntil(lambda: an.findChild(QMessageBox, "removeDialog") is not None)
    box = an.findChild(QMessageBox, "removeDialog")
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "removed you" in binh.problem_label.text())
    qtbot.waitUntil(lambda: members(an) == ["An (you)"])


def test_the_session_list_says_which_sessions_ask_to_be_let_in(qtbot, make_window):
    an = make_window("An")
    choose_admission(qtbot, an, "admissionPassword", "mật khẩu")
    host(qtbot, an)
    binh = make_window("Bình")
    qtbot.waitUntil(lambda: binh.session_list.count() == 1, timeout=10_000)
    assert "🔒 password" in binh.session_list.item(0).text()
    choose_admission(qtbot, an, "admissionApproval")  # (applied at once: the beacon says it)
    qtbot.waitUntil(
        lambda: "🔒 the host lets you in" in binh.session_list.item(0).text(), timeout=10_000
    )
