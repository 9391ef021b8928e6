"""Help (F1): the keyboard shortcuts, and how to host, join, use rooms and direct
messages, notifications and the tray."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .shortcuts import Shortcut, shortcuts
from .standard_buttons import translate_buttons


class HelpDialog(QDialog):
    """A non-blocking dialog (use ``open()``): a tab of the keyboard shortcuts (from
    ``shortcuts()``) and a tab of short how-tos.

    Args:
        parent: The dialog's parent window.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("Messenger help"))
        self.resize(560, 480)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("helpTabs")
        self.how_to = self._how_to()
        self.tabs.addTab(self.how_to, self.tr("How to"))
        self.shortcut_table = self._shortcut_table(shortcuts())
        self.tabs.addTab(self.shortcut_table, self.tr("Keyboard shortcuts"))
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        translate_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _shortcut_table(self, listed: list[Shortcut]) -> QTableWidget:
        """One row a shortcut: its keys as this platform writes them, what it does."""
        table = QTableWidget(len(listed), 2, self)
        table.setObjectName("shortcutTable")
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What it does")])
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for row, shortcut in enumerate(listed):
            keys = shortcut.keys.toString(QKeySequence.SequenceFormat.NativeText)
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(shortcut.description))
        return table

    def _how_to(self) -> QTextBrowser:
        """The how-tos, a heading and a paragraph each."""
        browser = QTextBrowser(self)
        browser.setObjectName("howTo")
        browser.setOpenLinks(False)
        parts = [
            f"<h3>{html.escape(title)}</h3><p>{html.escape(text)}</p>"
            for title, text in self.topics()
        ]
        browser.setHtml("".join(parts))
        return browser

    def topics(self) -> list[tuple[str, str]]:
        """The how-tos: (title, text), in the app's language."""
        return [
            (
                self.tr("Hosting a session"),
                self.tr(
                    "Click Host: colleagues on this network then see your session and can "
                    "join it. Who may join (anyone, who you let in, or who knows a "
                    "password) is chosen in Who may join…. The session keeps running "
                    "while Messenger runs."
                ),
            ),
            (
                self.tr("Joining a session"),
                self.tr(
                    "The sessions on this network appear by themselves under Sessions on "
                    "the network: double-click one, or choose it and click Join. A host "
                    "the list does not show is joined by its address with Connect to "
                    "address… (Ctrl+L)."
                ),
            ),
            (
                self.tr("Rooms"),
                self.tr(
                    "Everyone is in general. Rooms… (Ctrl+R) lists every room of the "
                    "session, to join one or make one; Join a room… (Ctrl+J) joins one by "
                    "its name. Ctrl+K goes to any of your conversations."
                ),
            ),
            (
                self.tr("Direct messages"),
                self.tr(
                    "Double-click a person under Members to write to them alone. Someone "
                    "offline gets your messages when they come back."
                ),
            ),
            (
                self.tr("Announcements"),
                self.tr(
                    "Announce to everyone… sends a message every member of the session "
                    "sees as a banner in general and is notified of; those away get it "
                    "when they come back. The session's host decides who may: its owner "
                    "(the computer that hosts, by default) or everyone (Settings, "
                    "Hosting)."
                ),
            ),
            (
                self.tr("Notifications and Do Not Disturb"),
                self.tr(
                    "Direct messages and mentions of you make a desktop notification; "
                    "each room can notify of every message, mentions only, or nothing. "
                    "Do Not Disturb silences them all until you turn it off."
                ),
            ),
            (
                self.tr("The tray"),
                self.tr(
                    "Where the desktop shows a tray, closing the window keeps Messenger "
                    "running there (change it in Settings); its icon shows unread "
                    "messages, and its menu opens the window or quits."
                ),
            ),
        ]


def make_help_action(window: QWidget) -> QAction:
    """An action of ``window`` (F1, named "helpAction") opening the help; add it to
    ``window`` (``window.addAction``) or to a menu."""
    action = QAction(QCoreApplication.translate("HelpDialog", "Help"), window)
    action.setObjectName("helpAction")
    action.setShortcut(QKeySequence(Qt.Key.Key_F1))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda: open_help(window))
    return action


def open_help(parent: QWidget) -> HelpDialog:
    """Opens the help over ``parent`` (deleted once closed)."""
    dialog = HelpDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
