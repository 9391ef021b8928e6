"""The hard stop shown when a host's certificate is not the one pinned for it: what
it means, both fingerprints, and the one way on (trust the new one, after asking)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

if TYPE_CHECKING:  # (the window paints before the connection code is imported)
    from ..client.host_trust import IdentityChange


class IdentityChangeBar(QFrame):
    """Says that the host's identity changed; hidden otherwise.

    Signals:
        trust_requested(): the user confirmed: trust the new certificate.
    """

    trust_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identityChangeBar")
        self.setStyleSheet("#identityChangeBar { background: #fde8e8; border-radius: 4px; }")
        layout = QHBoxLayout(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.trust_button = QPushButton(self.tr("Trust the new identity…"), self)
        self.trust_button.setObjectName("trustNewIdentityButton")
        layout.addWidget(self.trust_button)
        self.trust_button.clicked.connect(self._ask)
        self.change: IdentityChange | None = None
        self.hide()

    def show_change(self, change: IdentityChange | None) -> None:
        """Shows ``change`` (None: hides the bar)."""
        self.change = change
        if change is not None:
            self.label.setText(self.text(change))
        self.setVisible(change is not None)

    def text(self, change: IdentityChange) -> str:
        """What the stop says: what happened, what it may mean, what to do."""
        from ..core.identity import short_form

        return self.tr(
            "Stopped: the host at {where} shows another identity than before. It may "
            "have been reinstalled, or another computer may be posing as it to read "
            "your messages. Nothing was sent to it. Ask the host's owner which id it "
            "shows now; trust it only if it is this one.\nBefore: {pinned}\nNow: {presented}"
        ).format(
            where=f"{change.address}:{change.port}",
            pinned=short_form(change.pinned),
            presented=short_form(change.presented),
        )

    def _ask(self) -> None:
        """Asks (without blocking) whether to trust the new certificate, showing both
        fingerprints in full (Cancel is the default)."""
        from ..core.identity import short_form

        change = self.change
        if change is None:
            return
        box = QMessageBox(self.window())
        box.setObjectName("trustIdentityDialog")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Trust the host's new identity?"))
        box.setText(
            self.tr(
                "Trust the new identity only if the host's owner tells you its id is "
                "{presented}. From then on, this computer trusts it instead of the old one."
            ).format(presented=short_form(change.presented))
        )
        box.setDetailedText(
            self.tr("Before (SHA-256): {pinned}\nNow (SHA-256): {presented}").format(
                pinned=change.pinned, presented=change.presented
            )
        )
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Yes | buttons.Cancel)
        box.setDefaultButton(buttons.Cancel)

        def answered(button: QAbstractButton) -> None:
            if box.standardButton(button) == buttons.Yes:
                self.trust_requested.emit()

        box.buttonClicked.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()
