"""The dialog that writes an announcement: a text every member of the session sees,
highlighted, and is notified of."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..protocol.limits import MAX_TEXT_CHARS
from .standard_buttons import translate_buttons


class AnnounceDialog(QDialog):
    """Asks for an announcement's text; Send (or Ctrl+Enter) emits it.

    Signals:
        announced(str): the text to announce (not blank, at most MAX_TEXT_CHARS).
    """

    announced = Signal(str)

    def __init__(self, session: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("announceDialog")
        self.setWindowTitle(self.tr("Announce to everyone"))
        layout = QVBoxLayout(self)
        explanation = self.tr(
            "Everyone in “{session}” sees it highlighted and is notified of it; those "
            "away get it when they come back."
        ).format(session=session)
        self.explanation = QLabel(explanation, self)
        self.explanation.setObjectName("announceExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.explanation)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("announceText")
        self.text_edit.setPlaceholderText(self.tr("Write the announcement… (Ctrl+Enter sends it)"))
        self.text_edit.textChanged.connect(self._update)
        layout.addWidget(self.text_edit, 1)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("announceProblem")
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox(self)
        self.send_button = self.buttons.addButton(
            self.tr("Send to everyone"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        translate_buttons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.text_edit.installEventFilter(self)  # (Ctrl+Enter sends)
        self.resize(420, 240)
        self._update()

    @property
    def text(self) -> str:
        """The announcement as written, without the blank lines around it."""
        return self.text_edit.toPlainText().strip()

    def problem(self) -> str:
        """Why the text cannot be sent ('' when it can)."""
        length = len(self.text)
        if length > MAX_TEXT_CHARS:
            return self.tr("Too long by %n character(s).", "", length - MAX_TEXT_CHARS)
        return ""

    def accept(self) -> None:
        """Sends the text (when there is one to send) and closes."""
        if not self.text or self.problem():
            return
        self.announced.emit(self.text)
        super().accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter in the text sends it (Enter alone starts a new line)."""
        if (
            watched is self.text_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def _update(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        button: QPushButton = self.send_button
        button.setEnabled(bool(self.text) and not problem)
