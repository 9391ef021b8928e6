"""Where the user types: Enter sends, Shift+Enter starts a new line."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class ComposeBox(QPlainTextEdit):
    """A plain-text editor for one message.

    Signals:
        submitted(str): Enter was pressed on a non-blank text (outer whitespace
            removed); the box is then cleared.
    """

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composeBox")
        self.setPlaceholderText(self.tr("Write a message… (Enter sends, Shift+Enter: new line)"))
        self.setTabChangesFocus(True)
        line = QFontMetrics(self.font()).lineSpacing()
        self.setMinimumHeight(line * 2 + 12)
        self.setMaximumHeight(line * 6 + 12)
        self.setFixedHeight(line * 3 + 12)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
                return
            text = self.toPlainText().strip()
            if text:
                self.clear()
                self.submitted.emit(text)
            return
        super().keyPressEvent(event)
