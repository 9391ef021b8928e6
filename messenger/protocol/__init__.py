"""The Messenger wire protocol, sans-IO (no sockets, no Qt, no asyncio).

The names below are loaded from their modules on first use (PEP 562), so that
importing ``messenger.protocol.limits`` alone (the command line, the window before
its first paint) does not build the event classes and the codec. ``_MODULE_OF`` lists
them, and ``__all__`` follows from it; the imports for type checkers repeat them
(``X``: mypy cannot read a computed ``__all__``), and a test keeps the two
lists the same (tests/protocol/test_package_names.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .beacon import (  # noqa: F401 (exported: _MODULE_OF)
        Beacon,
        decode_beacon,
        encode_beacon,
    )
    from .codec import (  # noqa: F401 (exported: _MODULE_OF)
        decode_frame,
        encode_event,
        event_from_object,
        event_to_object,
    )
    from .connection import Connection, Role, State  # noqa: F401 (exported: _MODULE_OF)
    from .errors import (  # noqa: F401 (exported: _MODULE_OF)
        LocalProtocolError,
        ProtocolError,
        RemoteProtocolError,
    )
    from .events import (  # noqa: F401 (exported: _MODULE_OF)
        Ack,
        ApprovalCommit,
        ApprovalNonce,
        ApprovalReveal,
        Bye,
        ClientEvent,
        CreateRoom,
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
        People,
        PeopleList,
        PeoplePart,
        Permissions,
        Ping,
        Pong,
        Presence,
        Read,
        Rename,
        Renamed,
        RoomInfo,
        RoomList,
        RoomReset,
        Rooms,
        RoomState,
        RoomUpdate,
        Say,
        SetTopic,
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
            "Permissions",
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
            "People",
            "PeopleList",
            "PeoplePart",
            "Ping",
            "Pong",
            "Presence",
            "RoomReset",
            "CreateRoom",
            "Read",
            "Rename",
            "Renamed",
            "RoomInfo",
            "RoomList",
            "RoomState",
            "RoomUpdate",
            "Rooms",
            "SetTopic",
            "Say",
            "Welcome",
        ),
        "events",
    ),
}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF))
