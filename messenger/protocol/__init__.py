"""The Messenger wire protocol, sans-IO (no sockets, no Qt, no asyncio).

The names below are loaded from their modules on first use (PEP 562), so that
importing ``messenger.protocol.limits`` alone (the command line, the window before
its first paint) does not build the event classes and the codec.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .beacon import Beacon, decode_beacon, encode_beacon
    from .codec import decode_frame, encode_event, event_from_object, event_to_object
    from .connection import Connection, Role, State
    from .errors import LocalProtocolError, ProtocolError, RemoteProtocolError
    from .events import (
        Ack,
        ApprovalCommit,
        ApprovalNonce,
        ApprovalReveal,
        Bye,
        ClientEvent,
        Error,
        Event,
        Hello,
        History,
        HistoryPage,
        HostEvent,
        Join,
        Joined,
        Leave,
        Member,
        MemberList,
        Message,
        PasswordConfirm,
        PasswordReply,
        PasswordStart,
        Ping,
        Pong,
        Presence,
        RoomReset,
        Say,
        Welcome,
    )

_MODULE_OF = {
    **dict.fromkeys(("Beacon", "decode_beacon", "encode_beacon"), "beacon"),
    **dict.fromkeys(
        ("decode_frame", "encode_event", "event_from_object", "event_to_object"), "codec"
    ),
    **dict.fromkeys(("Connection", "Role", "State"), "connection"),
    **dict.fromkeys(("LocalProtocolError", "ProtocolError", "RemoteProtocolError"), "errors"),
    **dict.fromkeys(
        (
            "Ack",
            "ApprovalCommit",
            "ApprovalNonce",
            "ApprovalReveal",
            "PasswordConfirm",
            "PasswordReply",
            "PasswordStart",
            "Bye",
            "ClientEvent",
            "Error",
            "Event",
            "Hello",
            "History",
            "HistoryPage",
            "HostEvent",
            "Join",
            "Joined",
            "Leave",
            "Member",
            "MemberList",
            "Message",
            "Ping",
            "Pong",
            "Presence",
            "RoomReset",
            "Say",
            "Welcome",
        ),
        "events",
    ),
}

__all__ = [
    "Ack",
    "ApprovalCommit",
    "ApprovalNonce",
    "ApprovalReveal",
    "Beacon",
    "Bye",
    "ClientEvent",
    "Connection",
    "Error",
    "Event",
    "Hello",
    "History",
    "HistoryPage",
    "HostEvent",
    "Join",
    "Joined",
    "Leave",
    "LocalProtocolError",
    "Member",
    "MemberList",
    "Message",
    "PasswordConfirm",
    "PasswordReply",
    "PasswordStart",
    "Ping",
    "Pong",
    "Presence",
    "ProtocolError",
    "RemoteProtocolError",
    "Role",
    "RoomReset",
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


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF))
