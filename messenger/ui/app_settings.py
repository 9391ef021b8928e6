"""The user's settings (QSettings): display name and this installation's client id."""

from __future__ import annotations

import getpass
import uuid
from pathlib import Path

from PySide6.QtCore import QObject, QSettings

_NAME = "identity/display_name"
_CLIENT_ID = "identity/client_id"
_LAST_SESSION = "session/last_address"


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
            value = uuid.uuid4().hex
            self._settings.setValue(_CLIENT_ID, value)
            self._settings.sync()
        return value

    @property
    def last_session(self) -> tuple[str, int] | None:
        """The address and port of the last session joined on another computer."""
        value = str(self._settings.value(_LAST_SESSION, "") or "")
        address, _, port = value.rpartition(" ")
        return (address, int(port)) if address and port.isdigit() else None

    @last_session.setter
    def last_session(self, session: tuple[str, int] | None) -> None:
        self._settings.setValue(_LAST_SESSION, f"{session[0]} {session[1]}" if session else "")
        self._settings.sync()
