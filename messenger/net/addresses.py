"""Where discovery beacons go."""

from __future__ import annotations

import os

from PySide6.QtNetwork import QHostAddress, QNetworkInterface

from ..protocol.limits import DISCOVERY_GROUP

ANNOUNCE_OVERRIDE_ENV = "MESSENGER_ANNOUNCE_TO"
"""Comma-separated addresses that replace the default beacon targets (tests use loopback)."""


def beacon_targets() -> list[QHostAddress]:
    """The IPv4 broadcast address of every up, broadcast-capable interface, plus the
    discovery multicast group; or the addresses named in MESSENGER_ANNOUNCE_TO."""
    override = os.environ.get(ANNOUNCE_OVERRIDE_ENV, "").strip()
    if override:
        return [QHostAddress(part.strip()) for part in override.split(",") if part.strip()]
    targets: list[QHostAddress] = []
    flags = QNetworkInterface.InterfaceFlag
    for interface in QNetworkInterface.allInterfaces():
        interface_flags = interface.flags()
        if not (interface_flags & flags.IsUp and interface_flags & flags.IsRunning):
            continue
        if interface_flags & flags.IsLoopBack or not interface_flags & flags.CanBroadcast:
            continue
        for entry in interface.addressEntries():
            broadcast = entry.broadcast()
            if not broadcast.isNull() and broadcast not in targets:
                targets.append(broadcast)
    targets.append(QHostAddress(DISCOVERY_GROUP))
    return targets
