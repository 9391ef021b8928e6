"""AppSettings: the last session (to rejoin, and to show its cached room at start)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from messenger.ui.app_settings import AppSettings, LastSession


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
