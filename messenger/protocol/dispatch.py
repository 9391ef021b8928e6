"""Handler tables: the function that answers each frame type, checked against FRAMES.

A side keeps its handlers in a table keyed by event class and looks one up by
``type(event)`` (events are final dataclasses: the exact class is the key). Checking
the table against the frames the other side sends (the host: CLIENT_TO_HOST; a
client: HOST_TO_CLIENT) turns a new frame type without a handler into a failing
check, not a frame dropped without a word::

    handlers: Handlers = {Say: self._on_say, Join: self._on_join, ...}
    check_handlers(handlers, CLIENT_TO_HOST, handled_elsewhere={Hello})
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .events import FRAMES, Event
from .frames import Direction

Handler = Callable[..., object]
"""A frame's handler: called with the event (and whatever its side passes along)."""
Handlers = Mapping[type[Event], Handler]
"""A handler table: each event class's handler."""


class HandlerTableError(ValueError):
    """A handler table lacks frame types its side receives, or holds others."""


def missing_handlers(
    table: Mapping[type[Any], object],
    direction: Direction,
    *,
    handled_elsewhere: Iterable[type[Any]] = (),
) -> tuple[str, ...]:
    """The frame types sent ``direction`` that neither ``table`` nor
    ``handled_elsewhere`` has a handler for, in FRAMES' order.

    Args:
        table: Handlers by event class (only its keys are read).
        direction: The frames to cover: those the other side sends.
        handled_elsewhere: Event classes deliberately answered outside the table.
    """
    covered = set(table) | set(handled_elsewhere)
    return tuple(s.frame_type for s in FRAMES.sent_by(direction) if s.cls not in covered)


def stray_handlers(
    table: Mapping[type[Any], object],
    direction: Direction,
    *,
    handled_elsewhere: Iterable[type[Any]] = (),
) -> tuple[str, ...]:
    """The names of the classes in ``table`` or ``handled_elsewhere`` that are not
    frames sent ``direction`` (a handler nothing will ever call), sorted."""
    expected = {s.cls for s in FRAMES.sent_by(direction)}
    listed = set(table) | set(handled_elsewhere)
    return tuple(sorted(cls.__name__ for cls in listed - expected))


def check_handlers(
    table: Mapping[type[Any], object],
    direction: Direction,
    *,
    handled_elsewhere: Iterable[type[Any]] = (),
) -> None:
    """Checks that ``table`` answers exactly the frames sent ``direction``.

    Args:
        table: Handlers by event class (only its keys are read).
        direction: The frames to cover: those the other side sends.
        handled_elsewhere: Event classes deliberately answered outside the table.

    Raises:
        HandlerTableError: naming the frame types without a handler and the classes
            that are not frames of ``direction``.
    """
    elsewhere = tuple(handled_elsewhere)
    missing = missing_handlers(table, direction, handled_elsewhere=elsewhere)
    stray = stray_handlers(table, direction, handled_elsewhere=elsewhere)
    problems = []
    if missing:
        problems.append(f"no handler for {', '.join(missing)}")
    if stray:
        problems.append(f"not frames sent {direction.value}: {', '.join(stray)}")
    if problems:
        raise HandlerTableError("; ".join(problems))
