"""Room names: which names people may give a room, how two names are compared, and
the names of direct conversations.

A direct conversation between two identities is the room ``dm:<user id>:<user id>``,
the two user ids (64 lowercase hex digits each) in sorted order, so each pair has
exactly one such room. Nobody may create a room whose name looks like that prefix.
"""

from __future__ import annotations

import enum
import re

from .names import NAME_KEY_RULE, is_hidden, name_key

DIRECT_PREFIX = "dm:"
"""How the name of every direct conversation begins."""
MAX_ROOM_NAME_CHARS = 64
"""Longest name a person may give a room, in characters (the wire's longest id)."""
GENERAL_ROOM = "general"
"""The room every session has and everyone is in."""
ROOM_KEY_RULE = NAME_KEY_RULE
"""Which keys ``room_key`` gives: stored keys are made again when it changes."""

_DIRECT_NAME = re.compile(r"dm:([0-9a-f]{64}):([0-9a-f]{64})")
_USER_ID = re.compile(r"[0-9a-f]{64}")


class RoomNameProblem(enum.Enum):
    """Why a name cannot be given to a new room."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    HIDDEN_CHARACTERS = "hidden_characters"
    SPACING = "spacing"
    RESERVED = "reserved"


def room_key(name: str) -> str:
    """What two room names are compared by: names that look the same (case,
    compatibility forms, look-alike characters) have one key, as display names do
    (``names.name_key``)."""
    return name_key(name)


def room_name_problem(name: str) -> RoomNameProblem | None:
    """Why nobody may create a room called ``name`` (None: they may).

    Refused, in this order: a name of nothing but white space; with control,
    zero-width, bidi or other hidden characters; with white space other than single
    spaces between words; beginning with what looks like ``DIRECT_PREFIX`` in any
    case or look-alike spelling (``DM:``, ``drn:``); longer than
    ``MAX_ROOM_NAME_CHARS``. Whether another room already
    looks the same is for the room directory to tell (by ``room_key``).
    """
    if not name.strip():
        return RoomNameProblem.EMPTY
    if any(is_hidden(character) for character in name):
        return RoomNameProblem.HIDDEN_CHARACTERS
    if name != " ".join(name.split()):
        return RoomNameProblem.SPACING
    if room_key(name).startswith(room_key(DIRECT_PREFIX)):
        return RoomNameProblem.RESERVED
    if len(name) > MAX_ROOM_NAME_CHARS:
        return RoomNameProblem.TOO_LONG
    return None


def is_user_id(value: str) -> bool:
    """Whether ``value`` is a user id: 64 lowercase hex digits."""
    return _USER_ID.fullmatch(value) is not None


def direct_room(user_a: str, user_b: str) -> str:
    """The name of the direct conversation between two identities (in either order).

    Raises:
        ValueError: either is not a user id, or both are the same identity.
    """
    if not (is_user_id(user_a) and is_user_id(user_b)):
        raise ValueError("a direct room is between two user ids (64 lowercase hex digits)")
    if user_a == user_b:
        raise ValueError("a direct room is between two different identities")
    first, second = sorted((user_a, user_b))
    return f"{DIRECT_PREFIX}{first}:{second}"


def direct_members(name: str) -> tuple[str, str] | None:
    """The two user ids of direct room ``name``, sorted; None when ``name`` is not
    exactly what ``direct_room`` makes (other case, unsorted, one id twice, extra
    characters)."""
    found = _DIRECT_NAME.fullmatch(name)
    if found is None or found[1] >= found[2]:
        return None
    return found[1], found[2]


def is_direct(name: str) -> bool:
    """Whether ``name`` is the name of a direct conversation."""
    return direct_members(name) is not None
