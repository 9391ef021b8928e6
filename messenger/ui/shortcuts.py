"""The keyboard shortcuts, in one list: the help shows it, and a test holds it to what
the window and its widgets do."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence


@dataclass(frozen=True, slots=True)
class Shortcut:
    """A key and what it does.

    Attributes:
        keys: The key sequence.
        description: What it does, in the app's language.
        action: The objectName of the main window's QAction it triggers; '' for a key
            a widget handles itself (the compose box, the message log).
    """

    keys: QKeySequence
    description: str
    action: str = ""


def _key(modifier: Qt.Modifier | None, key: Qt.Key) -> QKeySequence:
    return QKeySequence(key if modifier is None else modifier | key)


def shortcuts() -> list[Shortcut]:
    """Every shortcut, described in the app's language now, in the order the help
    lists them."""
    translate = QCoreApplication.translate  # (each text literal: lupdate reads them)
    ctrl = Qt.Modifier.CTRL
    # (Enter, as keyboards name it: the compose box takes Return and the keypad's Enter)
    return [
        Shortcut(
            _key(ctrl, Qt.Key.Key_K), translate("Shortcuts", "Go to a conversation"), "switchAction"
        ),
        Shortcut(
            _key(ctrl, Qt.Key.Key_J),
            translate("Shortcuts", "Join a room by its name"),
            "joinRoomAction",
        ),
        Shortcut(
            _key(ctrl, Qt.Key.Key_R),
            translate("Shortcuts", "Every room of the session"),
            "roomsAction",
        ),
        Shortcut(
            _key(ctrl, Qt.Key.Key_L),
            translate("Shortcuts", "Connect to an address"),
            "connectAction",
        ),
        Shortcut(
            _key(ctrl, Qt.Key.Key_N),
            translate("Shortcuts", "Write to one person"),
            "newMessageAction",
        ),
        Shortcut(
            _key(ctrl, Qt.Key.Key_E),
            translate("Shortcuts", "The sessions on the network"),
            "sessionsAction",
        ),
        Shortcut(
            _key(ctrl, Qt.Key.Key_Comma), translate("Shortcuts", "Settings"), "settingsAction"
        ),
        Shortcut(_key(None, Qt.Key.Key_F1), translate("Shortcuts", "This help"), "helpAction"),
        Shortcut(_key(None, Qt.Key.Key_Enter), translate("Shortcuts", "Send the message")),
        Shortcut(
            _key(Qt.Modifier.SHIFT, Qt.Key.Key_Enter),
            translate("Shortcuts", "A new line in the message"),
        ),
        Shortcut(_key(ctrl, Qt.Key.Key_End), translate("Shortcuts", "Show the newest messages")),
    ]
