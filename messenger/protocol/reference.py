"""The frame reference of docs/PROTOCOL.md, generated from FRAMES.

``python -m messenger.protocol.reference`` prints the section;
``python -m messenger.protocol.reference --write docs/PROTOCOL.md`` puts it between
the document's markers (BEGIN and END), replacing what was there.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from collections.abc import Sequence
from pathlib import Path

from .events import FRAMES, Message
from .frames import Field, FieldKind, FrameSpec
from .limits import (
    HISTORY_PAGE_LIMIT,
    MAX_FEATURES,
    MAX_ID_CHARS,
    MAX_LISTED_MEMBERS,
    MAX_LISTED_ROOMS,
    MAX_MESSAGE_CHARS,
    MAX_NAME_CHARS,
    MAX_ROOM_CHARS,
    MAX_TEXT_CHARS,
    MAX_TOPIC_CHARS,
)

BEGIN = "<!-- frames:begin -->"
END = "<!-- frames:end -->"
COMMAND = "python -m messenger.protocol.reference --write docs/PROTOCOL.md"
"""What rewrites the section of docs/PROTOCOL.md (run from the repository's root)."""


def _page_item_fields() -> str:
    """The wire names of a history page's messages: a ``message`` frame's but ``room``."""
    fields = [f for f in FRAMES.of(Message).fields if f.attr != "room"]
    return ", ".join(f"`{f.wire}`" if f.required else f"optional `{f.wire}`" for f in fields)


def _chars(low: int, high: int) -> str:
    """``low`` to ``high`` characters, in words."""
    return f"{low:,}\N{EN DASH}{high:,} chars"


KIND_WORDS: dict[FieldKind, str] = {
    "id": f"string, {_chars(1, MAX_ID_CHARS)}",
    "name": f"string, {_chars(1, MAX_NAME_CHARS)}",
    "text": f"string, {_chars(1, MAX_TEXT_CHARS)}",
    "message": f"string, ≤ {MAX_MESSAGE_CHARS:,} chars",
    "int": "non-negative integer",
    "opt_int": "non-negative integer",
    "opt_id": f"string, {_chars(1, MAX_ID_CHARS)}",
    "opt_user": "user id (64 lowercase hex digits)",
    "features": f"list of ≤ {MAX_FEATURES} strings of {_chars(1, MAX_ID_CHARS)}",
    "permissions": f"list of ≤ {MAX_FEATURES} strings of {_chars(1, MAX_ID_CHARS)}",
    "members": (
        f"list of ≤ {MAX_LISTED_MEMBERS:,} members, each `name` "
        f"(string, {_chars(1, MAX_NAME_CHARS)}) and optional `user` (user id)"
    ),
    "messages": f"list of ≤ {HISTORY_PAGE_LIMIT} messages, each {_page_item_fields()}",
    "room": f"room name, {_chars(1, MAX_ROOM_CHARS)}",
    "opt_room": f"room name, {_chars(1, MAX_ROOM_CHARS)}",
    "topic": f"string, ≤ {MAX_TOPIC_CHARS:,} chars",
    "room_infos": (
        f"list of ≤ {MAX_LISTED_ROOMS:,} rooms, each `room` (room name), `topic` "
        "(string; absent: empty) and `members` (non-negative integer)"
    ),
    "room_states": (
        f"list of ≤ {MAX_LISTED_ROOMS:,} rooms, each `room` (room name), `last_seq` and "
        "`read` (non-negative integers)"
    ),
}
"""A field kind in words, as the codec checks it."""
ABSENT_MEANS: dict[FieldKind, str] = {
    "message": "empty",
    "topic": "empty",
    "features": "none",
    "permissions": "none",
    "room_states": "none",
}
"""What a missing optional field means, for the kinds where it is not just absent."""


def field_words(field: Field) -> str:
    """``field`` in the reference: its wire name, whether optional, and its kind."""
    words = KIND_WORDS[field.kind]
    if field.required:
        return f"`{field.wire}`: {words}"
    absent = ABSENT_MEANS.get(field.kind)
    suffix = f" (absent: {absent})" if absent else ""
    return f"`{field.wire}`: optional {words}{suffix}"


def summary(cls: type[object]) -> str:
    """The first paragraph of ``cls``'s docstring, on one line, in Markdown."""
    paragraph = (inspect.getdoc(cls) or "").split("\n\n", 1)[0]
    return " ".join(paragraph.split()).replace("``", "`")


def frame_row(spec: FrameSpec) -> str:
    """The table row of one frame type."""
    direction = spec.direction.value + (", admission" if spec.admission else "")
    fields = "; ".join(field_words(f) for f in spec.fields) or "none"
    return f"| `{spec.frame_type}` | {direction} | {fields} | {summary(spec.cls)} |"


def render_section() -> str:
    """The generated section, markers included, ending in a newline."""
    lines = [
        BEGIN,
        f"<!-- generated from messenger/protocol/events.py by `{COMMAND}`: do not edit -->",
        "",
        "| type | sent | fields (in the order hosts write them) | what it is |",
        "|---|---|---|---|",
        *(frame_row(spec) for spec in FRAMES.values()),
        "",
        END,
    ]
    return "\n".join(lines) + "\n"


def replace_section(document: str, section: str) -> str:
    """``document`` with the text from its BEGIN line to its END line replaced.

    Raises:
        ValueError: the document lacks a marker, or has them in the wrong order.
    """
    start, end = document.find(BEGIN), document.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the document needs the markers {BEGIN} and then {END}")
    after = document.find("\n", end)
    rest = "" if after < 0 else document[after + 1 :]
    return document[:start] + section + rest


def write_section(path: Path) -> bool:
    """Puts the generated section into the document at ``path``; whether it changed."""
    document = path.read_text(encoding="utf-8")
    updated = replace_section(document, render_section())
    if updated != document:
        path.write_text(updated, encoding="utf-8")
    return updated != document


def main(argv: Sequence[str] | None = None) -> int:
    """Prints the section, or with ``--write PATH`` rewrites it in that document."""
    parser = argparse.ArgumentParser(
        prog="python -m messenger.protocol.reference",
        description="The frame reference of docs/PROTOCOL.md, generated from the frame table.",
    )
    parser.add_argument("--write", type=Path, metavar="PATH", help="rewrite it in PATH")
    args = parser.parse_args(argv)
    if args.write is None:
        sys.stdout.write(render_section())
        return 0
    try:
        changed = write_section(args.write)
    except (OSError, ValueError) as error:
        parser.exit(1, f"{parser.prog}: {error}\n")
    print(f"{args.write}: {'updated' if changed else 'already up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
