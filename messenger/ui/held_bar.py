"""The bar above the log that asks what to do with messages held after a reset."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class HeldMessagesBar(QWidget):
    """Says how many of the user's messages were not sent because their session was
    reset, with the two choices. Hidden while there are none.

    Signals:
        send_requested(): send them to the session as it is now.
        discard_requested(): forget them.
    """

    send_requested = Signal()
    discard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heldBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.send_button = QPushButton(self.tr("Send them now"), self)
        self.send_button.setObjectName("sendHeldButton")
        self.send_button.clicked.connect(self.send_requested)
        layout.addWidget(self.send_button)
        self.discard_button = QPushButton(self.tr("Discard them"), self)
        self.discard_button.setObjectName("discardHeldButton")
        self.discard_button.clicked.connect(self.discard_requested)
        layout.addWidget(self.discard_button)
        self.hide()

    def show_count(self, count: int) -> None:
        """``count`` messages are held (0: the bar hides)."""
        self.label.setText(
            self.tr("%n unsent message(s) from before the reset: send or discard?", "", count)
        )
        self.setVisible(count > 0)
