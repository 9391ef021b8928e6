"""The settings dialog: what it shows comes from the settings, and goes back to them on
OK only; a blank name or a port that is none is refused, saying why."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from messenger.ui.app_settings import AppSettings
from messenger.ui.notification_policy import NotifyLevel
from messenger.ui.settings_dialog import SettingsDialog
from tests.ui.test_admission_widgets import click, find, type_text


def saved_settings(path: Path) -> AppSettings:
    settings = AppSettings(path)
    settings.display_name = "Lan"
    return settings


def opened(qtbot, settings: AppSettings, **options) -> SettingsDialog:
    """The dialog opened as the window opens it (``open()``), with its signals recorded
    in ``dialog.seen``."""
    dialog = SettingsDialog(settings, **options)
    qtbot.addWidget(dialog)
    dialog.seen = []
    for name in ("name_changed", "language_changed", "do_not_disturb_changed", "saved"):
        getattr(dialog, name).connect(lambda *value, n=name: dialog.seen.append((n, *value)))
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def retype(qtbot, dialog: SettingsDialog, name: str, text: str) -> None:
    edit = find(dialog, QLineEdit, name)
    edit.clear()
    type_text(edit, text)


def choose(dialog: SettingsDialog, name: str, data: str) -> None:
    combo = find(dialog, QComboBox, name)
    index = combo.findData(data)
    assert index >= 0, f"{name} has no choice {data!r}"
    combo.setCurrentIndex(index)


def press_ok(qtbot, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def tab(dialog: SettingsDialog, name: str) -> None:
    """Shows the tab named ``name``, as a click on it does."""
    dialog.tabs.setCurrentWidget(find(dialog, QWidget, name))


def change_everything(qtbot, dialog: SettingsDialog) -> None:
    retype(qtbot, dialog, "displayName", "  Nguyễn\u200b  Thị Lan ")
    tab(dialog, "notificationsTab")
    choose(dialog, "roomDefaultLevel", "all")
    click(qtbot, find(dialog, QCheckBox, "doNotDisturb"))
    click(qtbot, find(dialog, QCheckBox, "notificationsEnabled"))
    tab(dialog, "windowTab")
    click(qtbot, find(dialog, QCheckBox, "closeToTray"))
    choose(dialog, "languageChoice", "vi")
    tab(dialog, "hostingTab")
    retype(qtbot, dialog, "hostPort", "6006")
    retype(qtbot, dialog, "sessionName", "Phòng kế toán")
    click(qtbot, find(dialog, QCheckBox, "hostAtStart"))
    choose(dialog, "hostAnnouncers", "everyone")


def test_the_dialog_shows_the_saved_settings(qtbot, tmp_path):
    settings = saved_settings(tmp_path / "settings.ini")
    settings.do_not_disturb = True
    settings.room_default_level = NotifyLevel.NOTHING
    settings.language = "en"
    settings.host_port = 6006
    settings.session_name = "Kế toán"
    dialog = opened(qtbot, settings)
    assert find(dialog, QLineEdit, "displayName").text() == "Lan"
    assert find(dialog, QCheckBox, "notificationsEnabled").isChecked()
    assert find(dialog, QCheckBox, "doNotDisturb").isChecked()
    assert find(dialog, QComboBox, "roomDefaultLevel").currentData() == "nothing"
    assert find(dialog, QCheckBox, "closeToTray").isChecked()
    assert find(dialog, QComboBox, "languageChoice").currentData() == "en"
    assert find(dialog, QLineEdit, "hostPort").text() == "6006"
    assert find(dialog, QLineEdit, "sessionName").text() == "Kế toán"
    assert find(dialog, QCheckBox, "hostAtStart").isChecked()
    assert find(dialog, QComboBox, "hostAnnouncers").currentData() == "owner"
    assert not find(dialog, QLabel, "settingsProblem").isVisible()
    assert dialog.tabs.currentWidget().objectName() == "youTab"


def test_ok_saves_every_value_and_says_what_changed(qtbot, tmp_path):
    path = tmp_path / "settings.ini"
    dialog = opened(qtbot, saved_settings(path))
    change_everything(qtbot, dialog)
    press_ok(qtbot, dialog)
    assert not dialog.isVisible()
    settings = AppSettings(path)  # (as the file keeps them)
    assert settings.display_name == "Nguyễn Thị Lan"  # (cleaned as the host cleans it)
    assert settings.notifications_enabled is False
    assert settings.do_not_disturb is True
    assert settings.room_default_level is NotifyLevel.ALL
    assert settings.close_to_tray is False
    assert settings.language == "vi"
    assert settings.host_port == 6006
    assert settings.session_name == "Phòng kế toán"
    assert settings.host_at_start is False
    assert settings.host_announcements == "everyone"
    assert dialog.seen == [
        ("name_changed", "Nguyễn Thị Lan"),
        ("language_changed", "vi"),
        ("do_not_disturb_changed", True),
        ("saved",),
    ]


def test_ok_without_changes_changes_nothing(qtbot, tmp_path):
    path = tmp_path / "settings.ini"
    dialog = opened(qtbot, saved_settings(path))
    press_ok(qtbot, dialog)
    settings = AppSettings(path)
    assert (settings.display_name, settings.language, settings.host_port) == ("Lan", "", 0)
    assert settings.session_name == ""
    assert settings.room_default_level is NotifyLevel.MENTIONS
    assert dialog.seen == [("saved",)]


def test_cancel_saves_nothing(qtbot, tmp_path):
    path = tmp_path / "settings.ini"
    dialog = opened(qtbot, saved_settings(path))
    before = path.read_bytes()
    change_everything(qtbot, dialog)
    dialog.buttons.rejected.emit()  # (Cancel, as Escape does)
    assert not dialog.isVisible()
    assert path.read_bytes() == before
    assert dialog.seen == []


@pytest.mark.parametrize("name", ["", "   ", "\u200b\u200e", "\n\t"])
def test_a_blank_name_is_refused_saying_why(qtbot, tmp_path, name):
    path = tmp_path / "settings.ini"
    dialog = opened(qtbot, saved_settings(path))
    retype(qtbot, dialog, "displayName", name)
    problem = find(dialog, QLabel, "settingsProblem")
    assert problem.isVisible()
    assert problem.text() == "Your name cannot be blank."
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # (Enter on a field: refused all the same)
    assert dialog.isVisible()
    assert AppSettings(path).display_name == "Lan"
    retype(qtbot, dialog, "displayName", "?")  # (a name of its own, not a blank one)
    assert dialog.ok_button.isEnabled()


ARABIC_INDIC_5005 = "\u0665\u0660\u0660\u0665"  # (digits to Python's int(), not a port here)


@pytest.mark.parametrize("port", ["0", "65536", "99999", "port", "-1", ARABIC_INDIC_5005, "50 05"])
def test_a_port_that_is_none_is_refused_saying_why(qtbot, tmp_path, port):
    path = tmp_path / "settings.ini"
    dialog = opened(qtbot, saved_settings(path))
    retype(qtbot, dialog, "hostPort", port)
    problem = find(dialog, QLabel, "settingsProblem")
    assert problem.isVisible()
    assert problem.text() == "The port is a number from 1 to 65535."
    assert not dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.isVisible()
    assert AppSettings(path).host_port == 0


@pytest.mark.parametrize(("port", "saved"), [("1", 1), ("65535", 65535), ("", 0), ("5005", 0)])
def test_the_ports_range_ends_and_the_default(qtbot, tmp_path, port, saved):
    path = tmp_path / "settings.ini"
    settings = saved_settings(path)
    settings.host_port = 7000
    dialog = opened(qtbot, settings, default_port=5005)
    assert find(dialog, QLineEdit, "hostPort").placeholderText() == "5005"
    retype(qtbot, dialog, "hostPort", port)
    press_ok(qtbot, dialog)
    assert AppSettings(path).host_port == saved  # (0: the default)


def test_a_port_set_on_the_command_line_is_shown_not_changed(qtbot, tmp_path):
    settings = saved_settings(tmp_path / "settings.ini")
    settings.host_port = 7000
    dialog = opened(qtbot, settings, port_editable=False)
    tab(dialog, "hostingTab")
    port = find(dialog, QLineEdit, "hostPort")
    assert port.text() == "7000"
    assert not port.isEnabled()
    assert "--port" in find(dialog, QLabel, "portNote").text()
    press_ok(qtbot, dialog)
    assert settings.host_port == 7000


def test_the_session_name_shown_by_default_follows_the_name_typed(qtbot, tmp_path):
    dialog = opened(qtbot, saved_settings(tmp_path / "settings.ini"))
    session = find(dialog, QLineEdit, "sessionName")
    assert session.placeholderText().startswith("Lan on ")
    retype(qtbot, dialog, "displayName", "Bình")
    assert session.placeholderText().startswith("Bình on ")


def test_with_notifications_off_their_details_wait(qtbot, tmp_path):
    dialog = opened(qtbot, saved_settings(tmp_path / "settings.ini"))
    tab(dialog, "notificationsTab")
    click(qtbot, find(dialog, QCheckBox, "notificationsEnabled"))
    assert not find(dialog, QCheckBox, "doNotDisturb").isEnabled()
    assert not find(dialog, QComboBox, "roomDefaultLevel").isEnabled()
    click(qtbot, find(dialog, QCheckBox, "notificationsEnabled"))
    assert find(dialog, QCheckBox, "doNotDisturb").isEnabled()


@pytest.mark.parametrize("language", ["", "en", "vi"])
def test_each_language_choice_is_saved(qtbot, tmp_path, language):
    path = tmp_path / "settings.ini"
    settings = saved_settings(path)
    settings.language = "en" if language == "" else ""
    dialog = opened(qtbot, settings)
    choose(dialog, "languageChoice", language)
    press_ok(qtbot, dialog)
    assert AppSettings(path).language == language
    assert ("language_changed", language) in dialog.seen
    assert "next start" in find(dialog, QLabel, "languageNote").text()


def test_the_tray_note_says_where_closing_to_the_tray_applies(qtbot, tmp_path):
    dialog = opened(qtbot, saved_settings(tmp_path / "settings.ini"))
    assert "tray" in find(dialog, QLabel, "trayNote").text()
