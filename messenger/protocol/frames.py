"""The table of frame types: each frame's class, direction and wire schema.

events.py declares every frame once, with the ``frame`` decorator of a FrameTable;
the codec, the dispatch checks and the frame reference of docs/PROTOCOL.md all read
that table, so a new frame is one class (and its handler).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar, Literal, Protocol, TypeVar, get_args

FieldKind = Literal[
    "id",
    "name",
    "text",
    "message",
    "int",
    "opt_int",
    "opt_id",
    "opt_user",
    "room",
    "opt_room",
    "topic",
    "features",
    "permissions",
    "members",
    "messages",
    "room_infos",
    "room_states",
]
"""What a field holds on the wire; the codec checks each kind (codec._check_field)."""
FIELD_KINDS: tuple[FieldKind, ...] = get_args(FieldKind)
OPTIONAL_KINDS: frozenset[FieldKind] = frozenset(
    {
        "opt_int",
        "opt_id",
        "opt_user",
        "opt_room",
        "message",
        "topic",
        "features",
        "permissions",
        "room_states",
    }
)
"""Kinds a frame may leave out: ``opt_*`` mean None, ``message`` and ``topic`` "",
``features``, ``permissions`` and ``room_states`` (); ``permissions`` is a list of
``features``' shape that is not written when empty."""


class Direction(Enum):
    """Who sends a frame."""

    CLIENT_TO_HOST = "client → host"
    HOST_TO_CLIENT = "host → client"


CLIENT_TO_HOST = Direction.CLIENT_TO_HOST
HOST_TO_CLIENT = Direction.HOST_TO_CLIENT


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a frame: the event's attribute, its kind and its name on the wire.

    Attributes:
        attr: The attribute of the event class.
        kind: What it holds (one of FIELD_KINDS).
        wire: Its key in the JSON object; the attribute's name when not given.
        required: Whether a frame without it is bad (its kind is not optional).
    """

    attr: str
    kind: FieldKind
    wire: str = ""
    required: bool = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "wire", self.wire or self.attr)
        object.__setattr__(self, "required", self.kind not in OPTIONAL_KINDS)


@dataclass(frozen=True, slots=True)
class FrameSpec:
    """Everything the protocol knows of one frame type.

    Attributes:
        frame_type: The frame's ``type`` on the wire (its class's TYPE).
        cls: The event class.
        direction: Who sends it.
        fields: Its fields, in the order a frame writes them.
        admission: Whether it may pass between ``hello`` and ``welcome`` (PROTOCOL.md 7).
    """

    frame_type: str
    cls: type[Any]
    direction: Direction
    fields: tuple[Field, ...]
    admission: bool = False


class _FrameClass(Protocol):
    TYPE: ClassVar[str]


_F = TypeVar("_F", bound=_FrameClass)


class FrameTable(Mapping[str, FrameSpec]):
    """The frame specs by type, in the order their classes were declared.

    Filled by the ``frame`` decorator; each registration is checked, so a frame whose
    schema and class disagree fails on import.
    """

    def __init__(self) -> None:
        self._specs: dict[str, FrameSpec] = {}

    def frame(
        self, direction: Direction, *fields: Field, admission: bool = False
    ) -> Callable[[type[_F]], type[_F]]:
        """A class decorator that registers its event as a frame (put it above
        ``@dataclass``: slots make a new class, and the table holds the final one).

        Args:
            direction: Who sends the frame.
            *fields: Its fields in wire order: every dataclass field of the class, once.
            admission: Whether it may pass before ``welcome``.
        """

        def register(cls: type[_F]) -> type[_F]:
            self._add(FrameSpec(cls.TYPE, cls, direction, fields, admission))
            return cls

        return register

    def _add(self, spec: FrameSpec) -> None:
        if spec.frame_type in self._specs:
            raise TypeError(f"frame type {spec.frame_type!r} is declared twice")
        declared = [f.name for f in dataclasses.fields(spec.cls)]
        listed = [f.attr for f in spec.fields]
        if sorted(declared) != sorted(listed):
            raise TypeError(f"{spec.cls.__name__}: fields {listed} do not match {declared}")
        self._specs[spec.frame_type] = spec

    def __getitem__(self, frame_type: str) -> FrameSpec:
        return self._specs[frame_type]

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    def of(self, cls: type[Any]) -> FrameSpec:
        """The spec of event class ``cls`` (KeyError when it is not a frame)."""
        spec = self._specs[getattr(cls, "TYPE", "")]
        if spec.cls is not cls:
            raise KeyError(cls)
        return spec

    def sent_by(self, direction: Direction) -> tuple[FrameSpec, ...]:
        """The specs of the frames ``direction``'s side sends, in declaration order."""
        return tuple(s for s in self._specs.values() if s.direction is direction)

    def types(self, direction: Direction) -> frozenset[str]:
        """The frame types ``direction``'s side sends."""
        return frozenset(s.frame_type for s in self.sent_by(direction))

    def admission_types(self, direction: Direction) -> frozenset[str]:
        """The admission frame types ``direction``'s side sends (PROTOCOL.md 7)."""
        return frozenset(s.frame_type for s in self.sent_by(direction) if s.admission)
