"""Which arrivals make a desktop notification: by default direct messages and
mentions do (an announcement counts as a mention); each room can be set to all its
messages, mentions only, or nothing; Do Not Disturb silences everything."""

from __future__ import annotations

import enum
import json

NOTIFICATION_TEXT_CHARS = 200
"""The most of a message a notification shows."""


class NotifyLevel(enum.Enum):
    """What of a conversation notifies."""

    ALL = "all"
    MENTIONS = "mentions"
    NOTHING = "nothing"


def default_level(direct: bool) -> NotifyLevel:
    """A direct conversation notifies of everything; a room, of mentions."""
    return NotifyLevel.ALL if direct else NotifyLevel.MENTIONS


def notifies(level: NotifyLevel, *, direct: bool, mentioned: bool, do_not_disturb: bool) -> bool:
    """Whether an unread arrival notifies."""
    if do_not_disturb or level is NotifyLevel.NOTHING:
        return False
    return level is NotifyLevel.ALL or direct or mentioned


def counts_as_mention(mentioned: bool, announcement: bool) -> bool:
    """Whether an arrival asks for the user's attention as a mention does (a red
    badge, a notification at the level "mentions"): it mentions them, or it is an
    announcement to everyone."""
    return mentioned or announcement


def levels_from_text(text: str) -> dict[str, NotifyLevel]:
    """The rooms' levels as settings keep them (JSON); damaged text means none."""
    try:
        raw = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    levels: dict[str, NotifyLevel] = {}
    for room, value in raw.items():
        try:
            levels[str(room)] = NotifyLevel(value)
        except ValueError:
            continue
    return levels


def levels_to_text(levels: dict[str, NotifyLevel]) -> str:
    """The rooms' levels for the settings file."""
    return json.dumps({room: level.value for room, level in sorted(levels.items())})


def notification_text(text: str) -> str:
    """The start of a message, on one line, for a notification."""
    line = " ".join(text.split())
    if len(line) <= NOTIFICATION_TEXT_CHARS:
        return line
    return line[: NOTIFICATION_TEXT_CHARS - 1] + "…"
