"""Numbers fixed by the wire protocol (see docs/PROTOCOL.md)."""

from __future__ import annotations

import re
from typing import TypeGuard

PROTOCOL_VERSION = 2
_USER_ID = re.compile(r"[0-9a-f]{64}")


def is_user_id(value: object) -> TypeGuard[str]:
    """Whether ``value`` is a user id (or a host fingerprint): the lowercase hex
    SHA-256 of a certificate, 64 digits."""
    return isinstance(value, str) and _USER_ID.fullmatch(value) is not None


MAX_FRAME_BYTES = 65_536
"""Largest frame, in bytes of UTF-8 JSON, not counting the terminating newline."""
MAX_ID_CHARS = 64
"""Longest client-chosen message id, and longest room name people choose."""
MAX_ROOM_CHARS = 140
"""Longest ``room`` field: a room name people choose (MAX_ID_CHARS), or a direct
conversation's ``dm:<user id>:<user id>`` (132)."""
MAX_TOPIC_CHARS = 300
"""Longest room topic."""
MAX_LISTED_ROOMS = 100_000
"""Most rooms a ``room_list`` or a ``welcome`` lists."""
MAX_NAME_CHARS = 64
"""Longest display name, session name and host id."""
MAX_TEXT_CHARS = 8_000
"""Longest message text, in characters (code points)."""
MAX_MESSAGE_CHARS = 2_000
"""Longest ``message`` of an ``error`` or a ``bye`` (words for people)."""
MAX_FEATURES = 64
"""Most feature names a ``hello`` or a ``welcome`` lists."""
MAX_LISTED_MEMBERS = 100_000
"""Most entries of one ``members`` list (the frame's size limit comes first)."""
REPLAY_LIMIT = 100
"""How many recent messages a ``join`` without ``since`` replays."""
DEFAULT_PORT = 5005
"""Default TCP port of a host and UDP port of discovery beacons."""
DISCOVERY_GROUP = "239.255.77.5"
"""IPv4 multicast group that beacons are also sent to."""
DEFAULT_ROOM = "general"
HISTORY_PAGE_LIMIT = 200
"""Most messages a ``history_page`` holds (fewer when the frame would be too large)."""
FATAL_ERROR_CODES = frozenset(
    {
        "frame_too_large",
        "invalid_utf8",
        "invalid_json",
        "invalid_frame",
        "hello_required",
        "unsupported_version",
        "hello_timeout",
        "banned",
        "approval_required",
        "not_approved",
        "rate_limited",
        "admission_changed",
        "too_many_errors",
        "idle_timeout",
    }
)
"""Error codes after which the host closes the connection (PROTOCOL.md, 1.5)."""
