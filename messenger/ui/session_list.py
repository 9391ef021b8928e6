"""The list of sessions discovered on the LAN."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

if TYPE_CHECKING:
    from ..client import DiscoveredSession, DiscoveryListener

_SESSION_ROLE = Qt.ItemDataRole.UserRole + 1


class SessionListWidget(QListWidget):
    """Shows each discovered session once; activating one asks to join it. Empty until
    it is given the discovery listener to ``watch``.

    Signals:
        join_requested(object): the DiscoveredSession the user chose.
    """

    join_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._discovery: DiscoveryListener | None = None
        self.setObjectName("sessionList")
        self.setToolTip(self.tr("Double-click a session to join it"))
        self.itemActivated.connect(self._on_activated)

    def watch(self, discovery: DiscoveryListener) -> None:
        """Lists the sessions ``discovery`` finds, from now on."""
        self._discovery = discovery
        discovery.sessions_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Rebuilds the list from the discovery listener, keeping the selection."""
        current = self.currentItem()
        selected = current.data(_SESSION_ROLE).host_id if current is not None else None
        self.clear()
        if self._discovery is None:
            return
        for session in self._discovery.sessions():
            text = self.tr("{session}\n{address}:{port} · {count} members").format(
                session=session.session,
                address=session.address,
                port=session.port,
                count=session.members,
            )
            item = QListWidgetItem(text, self)
            item.setData(_SESSION_ROLE, session)
            if session.host_id == selected:
                self.setCurrentItem(item)

    def selected_session(self) -> DiscoveredSession | None:
        """The highlighted session, if any."""
        item = self.currentItem()
        session: DiscoveredSession | None = item.data(_SESSION_ROLE) if item is not None else None
        return session  # (the list holds nothing else)

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.join_requested.emit(item.data(_SESSION_ROLE))
