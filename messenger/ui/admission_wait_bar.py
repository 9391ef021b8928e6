"""What the joining user sees while the host's owner decides whether to let them in:
the code to read to the owner, and a way to give up."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


def spaced(code: str) -> str:
    """An approval code ("123456") as people read it ("123 456"); ValueError unless
    it is 6 ASCII digits (``core.approval_code.format_code``, loaded when first
    needed: it brings the crypto library, which the first paint must not wait for)."""
    from ..core.approval_code import format_code

    return format_code(code)


class AdmissionWaitBar(QFrame):
    """Says that the host's owner has to let this device in, with the code both
    screens show; hidden otherwise.

    Signals:
        cancelled(): the user stopped waiting.
    """

    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("admissionWaitBar")
        self.setStyleSheet("#admissionWaitBar { background: #e8f0fd; border-radius: 4px; }")
        layout = QHBoxLayout(self)
        self.message_label = QLabel(
            self.tr("Waiting for the host to let you in. Tell them the code on your screen:"),
            self,
        )
        self.message_label.setObjectName("admissionMessage")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label, 1)
        self.code_label = self._code_label()
        layout.addWidget(self.code_label)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelAdmission")
        self.cancel_button.clicked.connect(self.cancelled)
        layout.addWidget(self.cancel_button)
        self.hide()

    def show_code(self, code: str) -> None:
        """Shows the bar with ``code`` (6 digits, e.g. "123456"; ValueError otherwise)."""
        self.code_label.setText(spaced(code))
        self.show()

    def hide_wait(self) -> None:
        """Hides the bar (the wait ended: let in, refused or given up)."""
        self.code_label.clear()
        self.hide()

    def _code_label(self) -> QLabel:
        """The code, in large bold digits."""
        label = QLabel(self)
        label.setObjectName("admissionCode")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = label.font()
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.8)
        else:
            font.setPixelSize(round(font.pixelSize() * 1.8))
        label.setFont(font)
        return label
