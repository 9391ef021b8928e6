"""The unread total the title, the taskbar's badge and the tray show: told once per
turn of the event loop (a burst of messages over many conversations changes the
sidebar's counts hundreds of times a turn; the title, badge and tray follow once)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from .conversation_list_model import ConversationListModel


class UnreadSummary(QObject):
    """Watches the sidebar's counts; says what they add up to, at most once a turn.

    Args:
        model: The sidebar's conversations.

    Signals:
        changed(int, bool): the unread messages over all conversations, and whether
            one is for the user in particular (a mention, or a direct message).
    """

    changed = Signal(int, bool)

    def __init__(self, model: ConversationListModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._shown: tuple[int, bool] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tell)
        for signal in (model.dataChanged, model.rowsRemoved, model.rowsInserted):
            signal.connect(self._soon)

    def _soon(self, *_args: object) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _tell(self) -> None:
        now = (self.model.total_unread(), self.model.wants_the_user())
        if now != self._shown:
            self._shown = now
            self.changed.emit(*now)
