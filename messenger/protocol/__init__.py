"""The Messenger wire protocol, sans-IO (no sockets, no Qt, no asyncio)."""

from .beacon import Beacon, decode_beacon, encode_beacon
from .codec import decode_frame, encode_event, event_from_object, event_to_object
from .connection import Connection, Role, State
from .errors import LocalProtocolError, ProtocolError, RemoteProtocolError
from .events import (
    Ack,
    Bye,
    ClientEvent,
    Error,
    Event,
    Hello,
    HostEvent,
    Join,
    Joined,
    Leave,
    Message,
    Ping,
    Pong,
    Presence,
    Say,
    Welcome,
)

__all__ = [
    "Ack",
    "Beacon",
    "Bye",
    "ClientEvent",
    "Connection",
    "Error",
    "Event",
    "Hello",
    "HostEvent",
    "Join",
    "Joined",
    "Leave",
    "LocalProtocolError",
    "Message",
    "Ping",
    "Pong",
    "Presence",
    "ProtocolError",
    "RemoteProtocolError",
    "Role",
    "Say",
    "State",
    "Welcome",
    "decode_beacon",
    "decode_frame",
    "encode_beacon",
    "encode_event",
    "event_from_object",
    "event_to_object",
]
