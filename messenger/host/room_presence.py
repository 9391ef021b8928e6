"""The presence frames of a room waiting for the host's next flush."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .member_connection import MemberConnection


class RoomPresence:
    """The presence frames of one room waiting for the next flush, and the members
    that must not get all of them: who a frame is about, and who joined after it was
    queued (their ``joined`` member list already says it)."""

    def __init__(self) -> None:
        self.frames: list[bytes] = []
        self._about: list[MemberConnection] = []
        self.concerned: dict[MemberConnection, int] = {}  # member -> first frame it gets

    def add(self, frame: bytes, about: MemberConnection) -> None:
        self.joined_now(about)
        self.frames.append(frame)
        self._about.append(about)

    def joined_now(self, member: MemberConnection) -> None:
        """``member`` (re)joined: the frames queued so far are not for it."""
        self.concerned[member] = len(self.frames)

    def block_for(self, member: MemberConnection) -> bytes:
        start = self.concerned[member]
        return b"".join(
            frame
            for frame, about in zip(self.frames[start:], self._about[start:], strict=True)
            if about is not member
        )
