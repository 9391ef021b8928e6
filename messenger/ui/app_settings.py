"""The user's settings (QSettings): display name, this installation's client id,
hosting, the last session and how the window behaves."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSettings

from ..protocol.beacon import AUTH_MODES
from .notification_policy import NotifyLevel, default_level

_NAME = "identity/display_name"
_CLIENT_ID = "identity/client_id"
_USER_ID = "identity/user_id"
_ADMISSION = "host/admission"
_PASSWORD = "host/password"
_LAST_SESSION = "session/last_address"
_LAST_HOST = "session/last_host"
_LAST_NAME = "session/last_name"
_CLOSE_TO_TRAY = "window/close_to_tray"
_TOLD_ABOUT_TRAY = "window/told_about_tray"
_WAS_HOSTING = "host/was_hosting"
_HOST_AT_START = "host/host_at_start"
_DO_NOT_DISTURB = "notifications/do_not_disturb"
_ROOM_LEVELS = "notifications/rooms"
_NOTIFICATIONS = "notifications/enabled"
_ROOM_DEFAULT = "notifications/room_default"
_LANGUAGE = "window/language"
_HOST_PORT = "host/port"
_SESSION_NAME = "host/session_name"
_ANNOUNCEMENTS = "host/announcements"

MAX_PORT = 65_535

ANNOUNCERS = ("owner", "everyone")
"""Who may announce in the session this window hosts (``HostConfig.announcements``):
its owner (this installation) alone, or everyone."""

LANGUAGES = ("", "en", "vi")
"""The languages the app can be shown in: '' follows the system, then English and
Vietnamese."""


@dataclass(frozen=True, slots=True)
class LastSession:
    """The last session joined on another computer, to rejoin at start.

    Attributes:
        address: Its host's address.
        port: Its host's TCP port.
        host_id: Its host's id ('' if not known yet): the cached room shown at start.
        you: The user's name in it, as the host made it unique ('' if not known yet).
    """

    address: str
    port: int
    host_id: str = ""
    you: str = ""


def default_display_name() -> str:
    """The operating system's user name, or '' when it cannot be read."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


class AppSettings(QObject):
    """Typed access to the settings.

    Args:
        path: An INI file to use instead of the platform's settings store (``--data``,
            portable mode and tests).
    """

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if path is None:
            self._settings = QSettings(self)
        else:
            self._settings = QSettings(str(path), QSettings.Format.IniFormat, self)

    @property
    def display_name(self) -> str:
        """The name chosen at first start ('' until then)."""
        return str(self._settings.value(_NAME, "") or "")

    @display_name.setter
    def display_name(self, name: str) -> None:
        self._settings.setValue(_NAME, name)
        self._settings.sync()

    @property
    def client_id(self) -> str:
        """A random id made once per installation, sent in ``hello``."""
        value = str(self._settings.value(_CLIENT_ID, "") or "")
        if not value:
            import uuid  # (~7 ms to import: only at first start, not on the way to the window)

            value = uuid.uuid4().hex
            self._settings.setValue(_CLIENT_ID, value)
            self._settings.sync()
        return value

    @property
    def user_id(self) -> str:
        """The user id of this installation's identity when it last loaded ('' before
        that): which cached messages are the user's, before the identity loads."""
        return str(self._settings.value(_USER_ID, "") or "")

    @user_id.setter
    def user_id(self, user_id: str) -> None:
        if user_id != self.user_id:
            self._settings.setValue(_USER_ID, user_id)
            self._settings.sync()

    @property
    def host_admission(self) -> tuple[str, str]:
        """Who may join the session this window hosts: (mode, password); ("open", "")
        until chosen. The password is kept in the settings file, readable by this
        user account (as the history it protects)."""
        mode = str(self._settings.value(_ADMISSION, "") or "open")
        password = str(self._settings.value(_PASSWORD, "") or "")
        if mode not in AUTH_MODES or (mode == "password" and not password):
            return "open", ""
        return mode, password if mode == "password" else ""

    @host_admission.setter
    def host_admission(self, admission: tuple[str, str]) -> None:
        mode, password = admission
        self._settings.setValue(_ADMISSION, mode)
        self._settings.setValue(_PASSWORD, password if mode == "password" else "")
        self._settings.sync()

    @property
    def last_session(self) -> LastSession | None:
        """The last session joined on another computer (None: none, or hosting)."""
        value = str(self._settings.value(_LAST_SESSION, "") or "")
        address, _, port = value.rpartition(" ")
        if not (address and port.isdigit()):
            return None
        host_id = str(self._settings.value(_LAST_HOST, "") or "")
        you = str(self._settings.value(_LAST_NAME, "") or "")
        return LastSession(address, int(port), host_id, you)

    @last_session.setter
    def last_session(self, session: LastSession | None) -> None:
        self._settings.setValue(
            _LAST_SESSION, f"{session.address} {session.port}" if session else ""
        )
        self._settings.setValue(_LAST_HOST, session.host_id if session else "")
        self._settings.setValue(_LAST_NAME, session.you if session else "")
        self._settings.sync()

    def _flag(self, key: str, default: bool) -> bool:
        value = self._settings.value(key, default)
        return value if isinstance(value, bool) else str(value).lower() == "true"

    def _set_flag(self, key: str, value: bool) -> None:
        self._settings.setValue(key, value)
        self._settings.sync()

    @property
    def close_to_tray(self) -> bool:
        """Whether closing the window keeps the app running in the tray (when there
        is one); on by default."""
        return self._flag(_CLOSE_TO_TRAY, True)

    @close_to_tray.setter
    def close_to_tray(self, value: bool) -> None:
        self._set_flag(_CLOSE_TO_TRAY, value)

    @property
    def told_about_tray(self) -> bool:
        """Whether the user was told once that the app keeps running in the tray."""
        return self._flag(_TOLD_ABOUT_TRAY, False)

    @told_about_tray.setter
    def told_about_tray(self, value: bool) -> None:
        self._set_flag(_TOLD_ABOUT_TRAY, value)

    @property
    def was_hosting(self) -> bool:
        """Whether the app was hosting when it last quit (it hosts again at start)."""
        return self._flag(_WAS_HOSTING, False)

    @was_hosting.setter
    def was_hosting(self, value: bool) -> None:
        self._set_flag(_WAS_HOSTING, value)

    @property
    def do_not_disturb(self) -> bool:
        """Whether notifications are silenced."""
        return self._flag(_DO_NOT_DISTURB, False)

    @do_not_disturb.setter
    def do_not_disturb(self, value: bool) -> None:
        self._set_flag(_DO_NOT_DISTURB, value)

    @property
    def room_notifications(self) -> str:
        """The conversations' notification levels, as JSON (see notification_policy)."""
        return str(self._settings.value(_ROOM_LEVELS, "") or "")

    @room_notifications.setter
    def room_notifications(self, text: str) -> None:
        self._settings.setValue(_ROOM_LEVELS, text)
        self._settings.sync()

    @property
    def host_at_start(self) -> bool:
        """Whether the app hosts again at start when it was hosting as it quit; on
        by default."""
        return self._flag(_HOST_AT_START, True)

    @host_at_start.setter
    def host_at_start(self, value: bool) -> None:
        self._set_flag(_HOST_AT_START, value)

    @property
    def notifications_enabled(self) -> bool:
        """Whether arrivals make desktop notifications at all; on by default."""
        return self._flag(_NOTIFICATIONS, True)

    @notifications_enabled.setter
    def notifications_enabled(self, value: bool) -> None:
        self._set_flag(_NOTIFICATIONS, value)

    @property
    def room_default_level(self) -> NotifyLevel:
        """What a room without a level of its own notifies of (mentions until chosen)."""
        value = str(self._settings.value(_ROOM_DEFAULT, "") or "")
        try:
            return NotifyLevel(value)
        except ValueError:
            return default_level(direct=False)

    @room_default_level.setter
    def room_default_level(self, level: NotifyLevel) -> None:
        self._settings.setValue(_ROOM_DEFAULT, level.value)
        self._settings.sync()

    @property
    def language(self) -> str:
        """The language chosen: '' (the system's), "en" or "vi" (one of LANGUAGES)."""
        value = str(self._settings.value(_LANGUAGE, "") or "")
        return value if value in LANGUAGES else ""

    @language.setter
    def language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language: {language!r}")
        self._settings.setValue(_LANGUAGE, language)
        self._settings.sync()

    @property
    def host_port(self) -> int:
        """The TCP port to host on (1-65535), or 0: the default (the command line's)."""
        value = str(self._settings.value(_HOST_PORT, "") or "")
        port = int(value) if value.isdigit() else 0
        return port if port <= MAX_PORT else 0

    @host_port.setter
    def host_port(self, port: int) -> None:
        if not 0 <= port <= MAX_PORT:
            raise ValueError(f"not a port: {port}")
        self._settings.setValue(_HOST_PORT, port)
        self._settings.sync()

    @property
    def session_name(self) -> str:
        """The name of the session this window hosts ('': "<name> on <machine>")."""
        return str(self._settings.value(_SESSION_NAME, "") or "")

    @session_name.setter
    def session_name(self, name: str) -> None:
        self._settings.setValue(_SESSION_NAME, name)
        self._settings.sync()

    @property
    def host_announcements(self) -> str:
        """Who may announce in the session this window hosts: "owner" (the user
        alone, until chosen) or "everyone" (one of ANNOUNCERS)."""
        value = str(self._settings.value(_ANNOUNCEMENTS, "") or "")
        return value if value in ANNOUNCERS else ANNOUNCERS[0]

    @host_announcements.setter
    def host_announcements(self, who: str) -> None:
        if who not in ANNOUNCERS:
            raise ValueError(f"unknown announcers: {who!r}")
        self._settings.setValue(_ANNOUNCEMENTS, who)
        self._settings.sync()
