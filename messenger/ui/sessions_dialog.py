"""Sessions…: the sessions found on the network, the one the user is in marked, to
join another (people stay in one session all day: this is out of the main view)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from .session_list import SessionListWidget
from .standard_buttons import translate_buttons


class SessionsDialog(QDialog):
    """Holds the session list and its Join button; made once with the window and
    shown with ``open``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionsDialog")
        self.setWindowTitle(self.tr("Sessions"))
        self.resize(420, 380)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Sessions on the network"), self))
        self.session_list = SessionListWidget(self)
        layout.addWidget(self.session_list, 1)
        self.join_button = QPushButton(self.tr("Join"), self)
        self.join_button.setObjectName("joinButton")
        layout.addWidget(self.join_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        translate_buttons(buttons)
        layout.addWidget(buttons)
        self.session_list.join_requested.connect(lambda _session: self.accept())
        self.join_button.clicked.connect(self._joined_if_chosen)

    def _joined_if_chosen(self) -> None:
        if self.session_list.selected_session() is not None:
            self.accept()
