"""Where the user types: Enter sends, Shift+Enter starts a new line."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

from .pyside_wrapping import wrap_children_now


class ComposeBox(QPlainTextEdit):
    """A plain-text editor for one message.

    Enter (either key) submits the text, Shift+Enter inserts a line break. The box
    is as high as its text (wrapped lines count), at least MIN_LINES and as high as
    the placeholder, at most MAX_LINES lines; beyond that it scrolls.

    Signals:
        submitted(str): Enter was pressed on a non-blank text (outer whitespace
            removed, inner line breaks kept); the box is then cleared.
    """

    submitted = Signal(str)

    MIN_LINES = 1
    MAX_LINES = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        wrap_children_now(self)  # before viewport() is first called (see pyside_wrapping)
        self.setObjectName("composeBox")
        self.setPlaceholderText(self.tr("Write a message… (Enter sends, Shift+Enter: new line)"))
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().contentsChanged.connect(self._fit_height)
        self.completion_popup: QWidget | None = None
        """A completion list shown over the box (mentions): Enter, Tab and Escape
        are its own while it shows."""
        self._fit_height()

    def _height_for_lines(self, lines: float) -> int:
        line = QFontMetricsF(self.font()).lineSpacing()
        margins = self.contentsMargins()
        # QPlainTextEdit shows a line only if it ends 1 px above the bottom margin.
        chrome = 2 * self.document().documentMargin() + margins.top() + margins.bottom() + 2
        return math.ceil(lines * line + chrome)

    def _placeholder_lines(self) -> float:
        """Lines the placeholder takes at the current width."""
        if not self.placeholderText():
            return 0.0
        metrics = QFontMetricsF(self.font())
        line = metrics.lineSpacing()
        width = self.viewport().width() - 2 * self.document().documentMargin()
        area = QRectF(0, 0, max(width, line), (self.MAX_LINES + 1) * line)
        flags = Qt.TextFlag.TextWordWrap
        return metrics.boundingRect(area, flags, self.placeholderText()).height() / line

    def _content_lines(self) -> float:
        """Lines the text takes at the current width (at most MAX_LINES + 1)."""
        line = QFontMetricsF(self.font()).lineSpacing()
        cap = (self.MAX_LINES + 1) * line
        height = 0.0
        block = self.document().firstBlock()
        while block.isValid() and height < cap:
            height += self.blockBoundingRect(block).height()
            block = block.next()
        return height / line

    def _fit_height(self) -> None:
        # Never lower than the placeholder, so the first key typed does not shrink it.
        least = max(self.MIN_LINES, self._placeholder_lines())
        lines = min(max(self._content_lines(), least), self.MAX_LINES)
        height = self._height_for_lines(lines)
        if height != self.height() or self.minimumHeight() != self.maximumHeight():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Also called when the viewport resizes (QAbstractScrollArea), e.g. when the
        # scroll bar comes or goes.
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()  # the text wraps differently

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completion_popup
        if (
            popup is not None
            and popup.isVisible()
            and event.key()
            in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Escape)
        ):
            event.ignore()  # (the completer takes it)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
                return
            text = self.toPlainText().strip()
            if text:
                self.clear()
                self.submitted.emit(text)
            return
        super().keyPressEvent(event)
