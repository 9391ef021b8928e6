"""Hosting, joining and chatting, for the main window (no widgets here)."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QSysInfo, Signal

from ..client import ConnectionState, DiscoveryListener, HostConnection, NotConnectedError
from ..host import HostConfig, HostService, HostStartError
from ..protocol import Joined, Message, Presence, Welcome
from .log_entry import EntryStatus, LogEntry
from .message_log_model import MessageLogModel
from .window_config import WindowConfig

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"


class ChatController(QObject):
    """Owns the embedded host, the connection to a host and the discovery listener.

    Signals:
        status_changed(): ``status_text`` changed.
        hosting_changed(bool): the embedded host started (True) or stopped (False).
        members_changed(object): the room's member names (a tuple).
        problem(str): something the user should read (what happened, what to do).
    """

    status_changed = Signal()
    hosting_changed = Signal(bool)
    members_changed = Signal(object)
    problem = Signal(str)

    def __init__(
        self,
        config: WindowConfig,
        name: str,
        client_id: str,
        model: MessageLogModel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.model = model
        self.host: HostService | None = None
        self.discovery = DiscoveryListener(config.discovery_port, self)
        self.client = HostConnection(name, client_id, parent=self)
        self._own_ids: set[str] = set()
        self._current_host_id = ""
        self._shut_down = False
        client = self.client
        client.state_changed.connect(lambda _state: self.status_changed.emit())
        client.welcomed.connect(self._on_welcomed)
        client.joined.connect(self._on_joined)
        client.message_received.connect(self._on_message)
        client.acked.connect(lambda ack: self.model.mark_sent(ack.id, ack.seq))
        client.presence_changed.connect(self._on_presence)
        client.session_ended.connect(self._on_session_ended)
        client.connection_lost.connect(self._on_connection_lost)

    # -- actions ---------------------------------------------------------------

    def start_discovery(self) -> None:
        """Starts listening for sessions; a failure is reported through ``problem``."""
        if self._shut_down:
            return
        if not self.discovery.start():
            self.problem.emit(self.discovery.error_text)

    def start_hosting(self) -> bool:
        """Starts the embedded host and joins it; False (and ``problem``) on failure."""
        if self.host is not None:
            return True
        machine = QSysInfo.machineHostName() or "Messenger"
        host = HostService(
            HostConfig(
                data_dir=self.config.data_dir / "host",
                session_name=self.tr("{name} on {machine}").format(
                    name=self.client.name, machine=machine
                ),
                port=self.config.host_port,
                bind_address=self.config.host_bind,
                discovery_port=self.config.discovery_port,
            ),
            self,
        )
        try:
            host.start()
        except HostStartError as error:
            host.deleteLater()
            self.problem.emit(self.tr("Could not start hosting. {reason}").format(reason=error))
            return False
        self.host = host
        host.members_changed.connect(lambda _n: self.status_changed.emit())
        host.stopped.connect(self._on_host_stopped)
        self.hosting_changed.emit(True)
        self.client.connect_to(LOOPBACK, host.port)
        return True

    def stop_hosting(self) -> None:
        """Ends the hosted session (members are told) and stops the embedded host."""
        if self.host is not None:
            self.host.stop()

    def join(self, address: str, port: int) -> None:
        """Joins the session at ``address``:``port`` (ending our own hosting first)."""
        if self.host is not None and not (address == LOOPBACK and port == self.host.port):
            self.stop_hosting()
        self.client.connect_to(address, port)
        self.status_changed.emit()

    def send(self, text: str) -> bool:
        """Sends ``text``; False (and ``problem``) when not connected."""
        try:
            message_id = self.client.say(text)
        except NotConnectedError:
            self.problem.emit(
                self.tr("Not connected: join a session or turn on Host, then send again.")
            )
            return False
        self._own_ids.add(message_id)
        entry = LogEntry(
            key=message_id,
            sender=self.client.you,
            ts=time.time_ns() // 1_000_000,
            text=text,
            own=True,
            status=EntryStatus.SENDING,
        )
        self.model.add_entries([entry])
        return True

    def shutdown(self) -> None:
        """Leaves the session and stops hosting and discovery (on quit)."""
        self._shut_down = True
        self.client.disconnect_from_host()
        self.discovery.stop()
        self.stop_hosting()

    # -- state -----------------------------------------------------------------

    @property
    def hosting(self) -> bool:
        """True while the embedded host runs."""
        return self.host is not None

    def status_text(self) -> str:
        """One line saying where we are connected, for the status bar."""
        client = self.client
        where = f"{client.address}:{client.port}"
        if client.state is ConnectionState.CONNECTING:
            return self.tr("Connecting to {where}…").format(where=where)
        if client.state is ConnectionState.CONNECTED and client.welcome is not None:
            if self.host is not None:
                return self.tr("Hosting “{session}” on port {port} · {count} connected").format(
                    session=client.welcome.session,
                    port=self.host.port,
                    count=self.host.member_count,
                )
            return self.tr("Connected to “{session}” ({where}) as {name}").format(
                session=client.welcome.session, where=where, name=client.you
            )
        return self.tr("Not connected")

    # -- client events ---------------------------------------------------------

    def _on_welcomed(self, welcome: Welcome) -> None:
        if welcome.host != self._current_host_id:
            self._current_host_id = welcome.host
            self.model.clear()
        self.status_changed.emit()

    def _on_joined(self, joined: Joined) -> None:
        self._set_members(joined.members)

    def _on_presence(self, presence: Presence) -> None:
        self._set_members(presence.members)

    def _on_message(self, message: Message) -> None:
        own = message.id in self._own_ids or message.sender == self.client.you
        entry = LogEntry(
            key=message.id,
            sender=message.sender,
            ts=message.ts,
            text=message.text,
            own=own,
            seq=message.seq,
        )
        self.model.add_entries([entry])

    def _on_session_ended(self, reason: str) -> None:
        self._set_members(())
        if self.host is None:
            self.problem.emit(reason)

    def _on_connection_lost(self, reason: str) -> None:
        self._set_members(())
        self.problem.emit(reason)

    def _on_host_stopped(self) -> None:
        host, self.host = self.host, None
        if host is not None:
            host.deleteLater()
        self.hosting_changed.emit(False)
        self.status_changed.emit()

    def _set_members(self, members: tuple[str, ...]) -> None:
        self.members_changed.emit(tuple(members))
