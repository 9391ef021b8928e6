"""What the user can do with messages held after a reset: the bar above the log, a
held message's menu, and the question before discarding."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)


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

    def ask_to_discard(self, count: int, discard: Callable[[], None]) -> None:
        """Asks the user (without blocking) whether to discard ``count`` held
        messages; calls ``discard`` if so (Cancel is the default)."""
        box = QMessageBox(self.window())
        box.setObjectName("discardHeldDialog")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Discard unsent messages"))
        box.setText(
            self.tr("Discard %n unsent message(s)? They will not be sent, ever.", "", count)
        )
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Discard | buttons.Cancel)
        box.setDefaultButton(buttons.Cancel)

        def answered(button: QAbstractButton) -> None:
            if box.standardButton(button) == buttons.Discard:
                discard()

        box.buttonClicked.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()

    def show_count(self, count: int) -> None:
        """``count`` messages are held (0: the bar hides)."""
        self.label.setText(
            self.tr("%n unsent message(s) from before the reset: send or discard?", "", count)
        )
        self.setVisible(count > 0)


def held_message_menu(
    parent: QWidget, send_all: Callable[[], None], discard_this: Callable[[], None]
) -> QMenu:
    """The menu of one held message (deleted once closed)."""
    menu = QMenu(parent)
    menu.setObjectName("heldMessageMenu")
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    send = menu.addAction(QCoreApplication.translate("MainWindow", "Send all unsent messages now"))
    send.triggered.connect(send_all)
    discard = menu.addAction(QCoreApplication.translate("MainWindow", "Discard this message"))
    discard.triggered.connect(discard_this)
    return menu
