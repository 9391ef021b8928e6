"""AppSettings: the last session (to rejoin, and to show its cached room at start), and
the settings the settings dialog shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from messenger.ui.app_settings import AppSettings, LastSession
from messenger.ui.notification_policy import NotifyLevel


def test_the_last_session_is_kept_with_its_host_and_the_users_name(tmp_path):
    path = tmp_path / "settings.ini"
    AppSettings(path).last_session = LastSession("192.0.2.7", 5005, "f00d", "Lan (2)")
    assert AppSettings(path).last_session == LastSession("192.0.2.7", 5005, "f00d", "Lan (2)")
    AppSettings(path).last_session = None  # hosting: nothing to rejoin at start
    assert AppSettings(path).last_session is None


def test_a_last_session_saved_by_an_earlier_version_has_no_host_yet(tmp_path):
    path = tmp_path / "settings.ini"
    old = QSettings(str(path), QSettings.Format.IniFormat)
    old.setValue("session/last_address", "office-pc 5006")
    old.sync()
    assert AppSettings(path).last_session == LastSession("office-pc", 5006)


# --- The settings the settings dialog adds ------------------------------------------


def test_the_new_settings_have_their_defaults(tmp_path):
    settings = AppSettings(tmp_path / "settings.ini")
    assert settings.notifications_enabled is True
    assert settings.room_default_level is NotifyLevel.MENTIONS
    assert settings.language == ""
    assert settings.host_port == 0
    assert settings.session_name == ""
    assert settings.host_announcements == "owner"


def test_the_new_settings_are_kept(tmp_path):
    path = tmp_path / "settings.ini"
    settings = AppSettings(path)
    settings.notifications_enabled = False
    settings.room_default_level = NotifyLevel.NOTHING
    settings.language = "vi"
    settings.host_port = 6006
    settings.session_name = "Phòng kế toán"
    settings.host_announcements = "everyone"
    again = AppSettings(path)
    assert again.notifications_enabled is False
    assert again.room_default_level is NotifyLevel.NOTHING
    assert again.language == "vi"
    assert again.host_port == 6006
    assert again.session_name == "Phòng kế toán"
    assert again.host_announcements == "everyone"


def test_a_damaged_settings_file_gives_the_defaults(tmp_path):
    path = tmp_path / "settings.ini"
    damaged = QSettings(str(path), QSettings.Format.IniFormat)
    for key, value in {
        "notifications/room_default": "loud",
        "window/language": "fr",
        "host/port": "70000",
        "host/session_name": "",
    }.items():
        damaged.setValue(key, value)
    damaged.sync()
    settings = AppSettings(path)
    assert settings.room_default_level is NotifyLevel.MENTIONS
    assert settings.language == ""
    assert settings.host_port == 0


@pytest.mark.parametrize("port", [-1, 65_536])
def test_a_port_out_of_range_is_refused(tmp_path, port):
    with pytest.raises(ValueError, match="port"):
        AppSettings(tmp_path / "settings.ini").host_port = port


def test_unknown_announcers_are_refused_and_read_as_the_owner(tmp_path):
    path = tmp_path / "settings.ini"
    settings = AppSettings(path)
    with pytest.raises(ValueError, match="unknown announcers"):
        settings.host_announcements = "anyone"
    damaged = QSettings(str(path), QSettings.Format.IniFormat)
    damaged.setValue("host/announcements", "anyone")
    damaged.sync()
    assert AppSettings(path).host_announcements == "owner"


def test_an_unknown_language_is_refused(tmp_path):
    with pytest.raises(ValueError, match="language"):
        AppSettings(tmp_path / "settings.ini").language = "fr"
