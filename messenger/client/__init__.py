"""Client side (no widgets): a connection to a host, and the discovery listener."""

from .discovery import DiscoveredSession, DiscoveryListener
from .host_connection import ConnectionState, HostConnection, NotConnectedError

__all__ = [
    "ConnectionState",
    "DiscoveredSession",
    "DiscoveryListener",
    "HostConnection",
    "NotConnectedError",
]
