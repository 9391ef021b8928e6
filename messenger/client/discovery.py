"""Listens for host beacons and keeps the list of sessions on the LAN."""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QHostAddress

from ..core.names import clean_name
from ..core.occasional import OccasionalCount
from ..net.socket_error_words import socket_error_words
from ..net.sockets import create_udp_socket
from ..protocol.beacon import decode_beacon
from ..protocol.limits import DEFAULT_PORT, DISCOVERY_GROUP
from .beacon_sources import BeaconRates

log = logging.getLogger(__name__)

EXPIRY_SECONDS = 6.5
"""A session whose beacons stopped for this long (about three missed) is dropped."""
MAX_SESSIONS = 256
"""Sessions listed at most: beacons of more new ones are ignored until some expire
(anyone may send beacons; 5,000 fake ones would bury the real sessions)."""
MAX_SESSIONS_PER_SOURCE = 8
"""Sessions listed at most from one source address (a computer may host a couple of
sessions; one sending beacons for hundreds must not fill the list)."""
FRESH_SECONDS = 5.0
"""A listed session moves to the address of a beacon from elsewhere only when its own
address was not heard for this long (2.5 beacon intervals: one lost beacon is not
enough; a host that changed address takes its session along before it would expire).
Until then such beacons are ignored (a spoofer copies host id and fingerprint)."""


@dataclass(frozen=True, slots=True)
class DiscoveredSession:
    """A session seen on the LAN."""

    host_id: str
    session: str
    address: str
    port: int
    members: int
    seen_at: float
    fingerprint: str = ""
    """The SHA-256 of the host's certificate, as its beacon says ('' if it does not)."""
    auth: str = "open"


class DiscoveryListener(QObject):
    """Binds the discovery UDP port (shared with other apps on this computer).

    Anyone on the LAN may send beacons: those from an address sending too fast are
    ignored (``BeaconRates``), as are new sessions beyond MAX_SESSIONS, or beyond
    MAX_SESSIONS_PER_SOURCE from one address, and beacons moving a session away from
    an address still beaconing (FRESH_SECONDS).

    Signals:
        sessions_changed(): a session appeared, changed or disappeared.
    """

    sessions_changed = Signal()

    def __init__(self, port: int = DEFAULT_PORT, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.port = port
        self.error_text = ""
        self._sessions: dict[tuple[str, str], DiscoveredSession] = {}
        self._listed: Counter[str] = Counter()  # sessions listed, by address
        self._rates = BeaconRates()
        self._ignored: dict[str, OccasionalCount] = {}  # by why
        self._socket = create_udp_socket(self)
        self._socket.readyRead.connect(self._on_ready_read)
        self._expiry = QTimer(self)
        self._expiry.setInterval(1_000)
        self._expiry.timeout.connect(self._expire)

    def start(self) -> bool:
        """Starts listening; False (and ``error_text`` set) when the port cannot be bound."""
        mode = QAbstractSocket.BindFlag.ShareAddress | QAbstractSocket.BindFlag.ReuseAddressHint
        if not self._socket.bind(
            QHostAddress(QHostAddress.SpecialAddress.AnyIPv4), self.port, mode
        ):
            self.error_text = QCoreApplication.translate(
                "DiscoveryListener",
                "Cannot listen for sessions on UDP port {port}: {reason}. "
                "Use “Connect to address…” instead.",
            ).format(
                port=self.port,
                reason=socket_error_words(self._socket.error(), self._socket.errorString()),
            )
            log.warning("%s", self.error_text)
            return False
        if not self._socket.joinMulticastGroup(QHostAddress(DISCOVERY_GROUP)):
            log.info("not listening on multicast: %s", self._socket.errorString())
        self._expiry.start()
        return True

    def stop(self) -> None:
        """Stops listening and forgets every session."""
        self._expiry.stop()
        self._socket.close()
        self._rates.clear()
        self._listed.clear()
        if self._sessions:
            self._sessions.clear()
            self.sessions_changed.emit()

    def sessions(self) -> list[DiscoveredSession]:
        """The sessions seen, by name."""
        return sorted(
            self._sessions.values(),
            key=lambda s: (s.session.casefold(), s.host_id, s.fingerprint),
        )

    def _on_ready_read(self) -> None:
        changed = False
        now = time.monotonic()
        while self._socket.hasPendingDatagrams():
            datagram = self._socket.receiveDatagram(2_048)
            sender = datagram.senderAddress().toString()  # IPv4: bound to AnyIPv4
            if not self._rates.allow(sender, now):
                self._ignore("too fast from one address", sender)
                continue
            beacon = decode_beacon(bytes(datagram.data().data()))
            if beacon is None:
                continue
            # (by host id and fingerprint: a beacon spoofing a host id is listed beside
            # the real one, not instead of it)
            key = (beacon.host, beacon.fingerprint)
            old = self._sessions.get(key)
            new_here = old is None or old.address != sender
            why = self._refusal(old, sender, now) if new_here else ""
            if why:
                self._ignore(why, sender)
                continue
            new = DiscoveredSession(
                host_id=beacon.host,
                session=clean_name(beacon.session),  # (what anyone on the LAN may send)
                address=sender,
                port=beacon.port,
                members=beacon.members,
                seen_at=now,
                fingerprint=beacon.fingerprint,
                auth=beacon.auth,
            )
            self._sessions[key] = new
            if new_here:
                self._listed[sender] += 1
                if old is not None:
                    self._unlist(old.address)
            if old is None or _shown(old) != _shown(new):
                changed = True
        if changed:
            self.sessions_changed.emit()

    def _refusal(self, old: DiscoveredSession | None, sender: str, now: float) -> str:
        """Why a session (``old``, or a new one) may not be listed at ``sender`` ('' if
        it may)."""
        if old is None and len(self._sessions) >= MAX_SESSIONS:
            return f"{MAX_SESSIONS} sessions listed already"
        if old is not None and now - old.seen_at < FRESH_SECONDS:
            return "for a session listed at another address, still beaconing"
        if self._listed[sender] >= MAX_SESSIONS_PER_SOURCE:
            return f"{MAX_SESSIONS_PER_SOURCE} sessions listed from that address already"
        return ""

    def _ignore(self, why: str, sender: str) -> None:
        """Counts a beacon ignored; logs the first of each kind, then one in 1,000."""
        count = self._ignored.setdefault(why, OccasionalCount(every=1_000))
        if count.add():
            log.warning("ignored %d beacon(s): %s (this one from %s)", count.count, why, sender)

    def _unlist(self, address: str) -> None:
        self._listed[address] -= 1
        if self._listed[address] <= 0:
            del self._listed[address]

    def _expire(self) -> None:
        cutoff = time.monotonic() - EXPIRY_SECONDS
        gone = [key for key, s in self._sessions.items() if s.seen_at < cutoff]
        for key in gone:
            self._unlist(self._sessions.pop(key).address)
        if gone:
            self.sessions_changed.emit()


def _shown(session: DiscoveredSession) -> tuple[object, ...]:
    """What the session list shows of a session (a change is worth a refresh)."""
    return (session.session, session.address, session.port, session.members, session.auth)
