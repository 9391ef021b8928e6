"""The list of sessions discovered on the LAN."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

if TYPE_CHECKING:
    from ..client import DiscoveredSession, DiscoveryListener

_SESSION_ROLE = Qt.ItemDataRole.UserRole + 1


class SessionListWidget(QListWidget):
    """Shows each discovered session once, with the short form of its host's
    fingerprint; a session whose fingerprint is not the one pinned for its host id is
    shown as a warning. Activating one asks to join it. Empty until it is given the
    discovery listener to ``watch``.

    Signals:
        join_requested(object): the DiscoveredSession the user chose.
    """

    join_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._discovery: DiscoveryListener | None = None
        self._pinned: Callable[[str], str | None] = lambda _host: None
        self._current_host = ""  # the host id of the session the user is in
        self.setObjectName("sessionList")
        self.setToolTip(self.tr("Double-click a session to join it"))
        self.itemActivated.connect(self._on_activated)

    def watch(self, discovery: DiscoveryListener, pinned: Callable[[str], str | None]) -> None:
        """Lists the sessions ``discovery`` finds, from now on; ``pinned(host_id)``:
        the fingerprint trusted for a host id (None if none)."""
        self._discovery = discovery
        self._pinned = pinned
        discovery.sessions_changed.connect(self.refresh)
        self.refresh()

    def set_current(self, host_id: str) -> None:
        """Marks the session of ``host_id`` as the one the user is in ('' for none)."""
        if host_id != self._current_host:
            self._current_host = host_id
            self.refresh()

    def refresh(self) -> None:
        """Rebuilds the list from the discovery listener, keeping the selection."""
        current = self.currentItem()
        selected = current.data(_SESSION_ROLE) if current is not None else None
        self.clear()
        if self._discovery is None:
            return
        for session in self._discovery.sessions():
            impostor = self._impostor(session)
            item = QListWidgetItem(self._text(session, impostor), self)
            item.setData(_SESSION_ROLE, session)
            if session.host_id and session.host_id == self._current_host and not impostor:
                item.setText(self.tr("✓ You are here: {text}").format(text=item.text()))
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            if impostor:
                item.setForeground(QBrush(QColor("#b3261e")))
                item.setToolTip(
                    self.tr(
                        "This beacon names a host you know, with another identity: "
                        "someone may be posing as it. Joining it stops before anything "
                        "is sent."
                    )
                )
            if selected is not None and (session.host_id, session.fingerprint) == (
                selected.host_id,
                selected.fingerprint,
            ):
                self.setCurrentItem(item)

    def _text(self, session: DiscoveredSession, impostor: bool) -> str:
        members = self.tr("%n member(s)", "", session.members)
        text = self.tr("{session}\n{address}:{port} · {members}").format(
            session=session.session,
            address=session.address,
            port=session.port,
            members=members,
        )
        if impostor:
            return self.tr("⚠ Not the host you know: {text}").format(text=text)
        if session.fingerprint:
            from ..core.identity import short_form  # (after the first paint)

            text += "\n" + self.tr("id {short}").format(short=short_form(session.fingerprint))
        if session.auth == "approval":
            text += " · " + self.tr("🔒 the host lets you in")
        elif session.auth == "password":
            text += " · " + self.tr("🔒 password")
        return text

    def _impostor(self, session: DiscoveredSession) -> bool:
        """The beacon names a pinned host id with another (or no) fingerprint."""
        pinned = self._pinned(session.host_id)
        return pinned is not None and pinned != session.fingerprint

    def selected_session(self) -> DiscoveredSession | None:
        """The highlighted session, if any."""
        item = self.currentItem()
        session: DiscoveredSession | None = item.data(_SESSION_ROLE) if item is not None else None
        return session  # (the list holds nothing else)

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.join_requested.emit(item.data(_SESSION_ROLE))
