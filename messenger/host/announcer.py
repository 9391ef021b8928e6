"""Periodic UDP beacons that let clients on the LAN discover a host."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QAbstractSocket, QHostAddress

from ..net.addresses import beacon_targets
from ..net.sockets import create_udp_socket
from ..protocol.beacon import Beacon, encode_beacon

log = logging.getLogger(__name__)

BEACON_INTERVAL_MS = 2_000


class BeaconAnnouncer(QObject):
    """Sends a beacon on start and every two seconds to every target address.

    A target that cannot be reached (no route, no permission) is logged once and
    retried on later beacons without further noise.

    Args:
        beacon: The first beacon to send; ``update`` replaces it.
        discovery_port: The UDP port clients listen on.
        targets: Destination addresses; default ``beacon_targets()``.
    """

    def __init__(
        self,
        beacon: Beacon,
        discovery_port: int,
        targets: list[QHostAddress] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._beacon = beacon
        self._port = discovery_port
        self._targets = targets
        self._socket = create_udp_socket(self)
        self._socket.setSocketOption(QAbstractSocket.SocketOption.MulticastTtlOption, 1)
        self._timer = QTimer(self)
        self._timer.setInterval(BEACON_INTERVAL_MS)
        self._timer.timeout.connect(self.send_now)
        self._failed: set[str] = set()

    def start(self) -> None:
        """Sends a beacon now, then every BEACON_INTERVAL_MS."""
        self.send_now()
        self._timer.start()

    def stop(self) -> None:
        """Stops announcing and closes the socket."""
        self._timer.stop()
        self._socket.close()

    def update(self, beacon: Beacon) -> None:
        """Announces ``beacon`` from now on (sent at once when it changed)."""
        changed = beacon != self._beacon
        self._beacon = beacon
        if changed and self._timer.isActive():
            self.send_now()

    def send_now(self) -> None:
        """Sends the current beacon to every target."""
        datagram = encode_beacon(self._beacon)
        targets = self._targets if self._targets is not None else beacon_targets()
        log.debug("beacon to %d targets", len(targets))
        for address in targets:
            sent = self._socket.writeDatagram(datagram, address, self._port)
            key = address.toString()
            if sent < 0:
                if key not in self._failed:
                    self._failed.add(key)
                    log.warning("cannot send beacons to %s: %s", key, self._socket.errorString())
            elif key in self._failed:
                self._failed.discard(key)
                log.info("beacons reach %s again", key)
