"""Ctrl+K: jump to any open conversation by typing part of its name (without regard
to case or accents); Enter opens the first match, arrows choose another."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListView, QVBoxLayout, QWidget

from ..core.folding import folded
from .conversation_list_model import ConversationListModel


class _TitleFilter(QSortFilterProxyModel):
    """Keeps the conversations whose title holds what was typed."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._wanted = ""

    def set_wanted(self, text: str) -> None:
        self.beginFilterChange()
        self._wanted = folded(text.strip().lstrip("#").strip())
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # type: ignore[override]
        title = self.sourceModel().index(source_row, 0, source_parent).data() or ""
        return self._wanted in folded(str(title))


class ConversationSwitcher(QDialog):
    """The quick switcher.

    Signals:
        chosen(str): the user chose this room's conversation.
    """

    chosen = Signal(str)

    def __init__(self, conversations: ConversationListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationSwitcher")
        self.setWindowTitle(self.tr("Go to a conversation"))
        self.resize(360, 320)
        layout = QVBoxLayout(self)
        self.query = QLineEdit(self)
        self.query.setObjectName("switcherQuery")
        self.query.setPlaceholderText(self.tr("Type a room or a person…"))
        layout.addWidget(self.query)
        self._shown = _TitleFilter(self)
        self._shown.setSourceModel(conversations)
        self.list = QListView(self)
        self.list.setObjectName("switcherList")
        self.list.setModel(self._shown)
        self.list.activated.connect(self._choose)
        layout.addWidget(self.list, 1)
        self.query.textChanged.connect(self._filter)
        self.query.returnPressed.connect(lambda: self._choose(self.list.currentIndex()))
        self.query.installEventFilter(self)
        self._filter("")

    def _filter(self, text: str) -> None:
        self._shown.set_wanted(text)
        if self._shown.rowCount():
            self.list.setCurrentIndex(self._shown.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the query move through the matches."""
        if (
            watched is self.query
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = max(0, min(self._shown.rowCount() - 1, self.list.currentIndex().row() + step))
            self.list.setCurrentIndex(self._shown.index(row, 0))
            return True
        return super().eventFilter(watched, event)

    def _choose(self, index: QModelIndex) -> None:
        room = index.data(ConversationListModel.Role.Room) if index.isValid() else None
        if isinstance(room, str):
            self.chosen.emit(room)
            self.accept()
