"""Client side (no widgets): a connection to a host, its conversations, and the
discovery listener."""

from .conversation import Conversation, SessionReset
from .conversations import Conversations
from .discovery import DiscoveredSession, DiscoveryListener
from .host_connection import ConnectionState, HostConnection, NotConnectedError

__all__ = [
    "ConnectionState",
    "Conversation",
    "Conversations",
    "DiscoveredSession",
    "DiscoveryListener",
    "HostConnection",
    "NotConnectedError",
    "SessionReset",
]
