"""The app's life above its window: the tray icon and its menu, closing to the tray,
quitting from it, and the question before a host's window closes the session."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox

from messenger.client import ConnectionState
from messenger.ui.tray_icon import TrayIcon, badged_icon


def plain_icon() -> QIcon:
    pixmap = QPixmap(64, 64)
    pixmap.fill(QColor("white"))
    return QIcon(pixmap)


def test_the_tray_menu_opens_and_quits_and_its_tooltip_counts_unread(qtbot):
    tray = TrayIcon(plain_icon())
    opened, quit_ = [], []
    tray.open_requested.connect(lambda: opened.append(1))
    tray.quit_requested.connect(lambda: quit_.append(1))
    tray.open_action.trigger()
    tray.quit_action.trigger()
    assert opened == [1] and quit_ == [1]
    tray.set_status("Connected to “Kho”")
    assert tray.status_action.text() == "Connected to “Kho”"
    assert not tray.status_action.isEnabled()
    tray.set_unread(3, True)
    assert tray.tray.toolTip() == "Messenger: 3 unread message(s)"
    tray.set_unread(0, False)
    assert tray.tray.toolTip() == "Messenger"
    tray.dispose()
    tray.deleteLater()


def test_an_unread_badge_marks_the_icon_red_for_the_user_blue_otherwise():
    icon = plain_icon()
    assert badged_icon(icon, 0, False) is icon
    corner = (51, 13)  # (inside the dot)
    red = badged_icon(icon, 2, True).pixmap(64, 64).toImage().pixelColor(*corner)
    blue = badged_icon(icon, 2, False).pixmap(64, 64).toImage().pixelColor(*corner)
    assert red.red() > 200 and red.blue() < 100
    assert blue.blue() > 200 and blue.red() < 100


def test_without_a_tray_closing_the_window_quits(qtbot, make_window):
    window = make_window("An")
    assert window.app.tray is None and not window.app.keeps_running_hidden
    finished = []
    window.app.finished.connect(lambda: finished.append(1))
    window.close()
    assert finished == [1] and window.app.is_finished


def test_with_a_tray_the_window_hides_and_quit_comes_from_the_tray(qtbot, make_window):
    window = make_window("An")
    app = window.app
    tray = TrayIcon(plain_icon(), app)  # (as where the desktop shows tray icons)
    told: list[str] = []
    tray.tell = told.append  # type: ignore[method-assign]  (no desktop to show it here)
    app.attach_tray(tray, window.controller)
    assert app.keeps_running_hidden
    app.window_hidden()
    app.window_hidden()
    assert len(told) == 1 and window.settings.told_about_tray  # (said once)
    app.window_wanted.emit()  # (the tray's Open)
    assert window.isVisible()
    app.tray.quit_action.trigger()
    assert app.is_finished and not window.isVisible()


def test_a_host_closing_its_window_is_asked_first(qtbot, make_window):
    window = make_window("An")
    window.host_action.trigger()
    qtbot.waitUntil(lambda: window.controller.client.state is ConnectionState.CONNECTED)

    def answer(button: QMessageBox.StandardButton) -> None:
        window._confirm_end_of_hosting()
        box = window.findChildren(QMessageBox, "endHostingDialog")[-1]
        qtbot.waitUntil(box.isVisible)
        assert "ends it for everyone" in box.text()
        box.button(button).click()
        QApplication.processEvents()

    answer(QMessageBox.StandardButton.Cancel)
    assert window.controller.hosting and not window.app.is_finished
    answer(QMessageBox.StandardButton.Close)
    assert window.app.is_finished
    qtbot.waitUntil(lambda: not window.controller.hosting, timeout=5_000)
