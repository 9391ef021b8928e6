"""The pane above the log with the messages kept from before a session's reset."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .log_entry import kept_entry
from .message_log_model import MessageLogModel
from .message_log_view import MessageLogView

if TYPE_CHECKING:
    from ..store import StoredMessage


class KeptMessagesPane(QWidget):
    """What the log held before the session's history was reset or restored: shown
    apart from the session's messages (their seqs are another history's), marked
    "kept on this computer only", until the user hides it. Hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keptPane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        self.label = QLabel(
            self.tr(
                "Messages from before the reset, kept on this computer only (the "
                "session's history no longer has them):"
            ),
            self,
        )
        self.label.setWordWrap(True)
        header.addWidget(self.label, 1)
        self.hide_button = QPushButton(self.tr("Hide"), self)
        self.hide_button.setObjectName("hideKeptButton")
        self.hide_button.clicked.connect(self.hide)
        header.addWidget(self.hide_button)
        layout.addLayout(header)
        self.model = MessageLogModel(self)
        self.model.older_requested.connect(self._load_older)
        self._older: Callable[[int], list[StoredMessage]] | None = None
        self._me = ""
        self.view = MessageLogView(self)
        self.view.setObjectName("keptLog")
        self.view.setModel(self.model)
        layout.addWidget(self.view, 1)
        self.hide()

    def show_messages(
        self,
        messages: Iterable[StoredMessage],
        me: str,
        older: Callable[[int], list[StoredMessage]] | None = None,
    ) -> None:
        """Shows ``messages`` (the newest kept, oldest first); ``older(before)`` gives
        the ones before seq ``before`` as the reader scrolls up. Hides the pane when
        there are none."""
        self._me = me
        self._older = older
        entries = [kept_entry(message, me) for message in messages]
        self.model.clear()
        self.model.add_entries(entries)
        self.model.flush()
        self.setVisible(bool(entries))

    def _load_older(self, before: int) -> None:
        older = self._older(before) if self._older is not None else []
        self.model.add_older(kept_entry(message, self._me) for message in older)
