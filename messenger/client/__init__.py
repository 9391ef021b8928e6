"""Client side (no widgets): a connection to a host, and the discovery listener."""

from .chat_session import ChatSession, SessionReset
from .discovery import DiscoveredSession, DiscoveryListener
from .host_connection import ConnectionState, HostConnection, NotConnectedError

__all__ = [
    "ChatSession",
    "ConnectionState",
    "DiscoveredSession",
    "DiscoveryListener",
    "HostConnection",
    "NotConnectedError",
    "SessionReset",
]
