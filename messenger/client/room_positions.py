"""How far the client has read each room of each host: the last seq and the id of
the message there, which the next join resumes after (``join.since``, ``last_id``)."""

from __future__ import annotations


class RoomPositions:
    """The last seq seen per (host id, room), and its message's id when known."""

    def __init__(self) -> None:
        self._seq: dict[tuple[str, str], int] = {}
        self._id: dict[tuple[str, str], str] = {}

    def remember(self, host: str, room: str, seq: int, message_id: str | None = None) -> None:
        """The room was read up to ``seq`` (at least: a lower seq changes nothing);
        ``message_id``: the id of the message at ``seq``."""
        key = (host, room)
        known = self._seq.get(key, -1)
        if seq > known or (seq == known and message_id is not None):
            self._seq[key] = seq
            if message_id is not None:
                self._id[key] = message_id
            elif seq > known:
                self._id.pop(key, None)

    def forget(self, host: str, room: str) -> None:
        """Nothing is known of the room any more."""
        self._seq.pop((host, room), None)
        self._id.pop((host, room), None)

    def seq(self, host: str, room: str) -> int | None:
        """The last seq seen (None: nothing remembered)."""
        return self._seq.get((host, room))

    def message_id(self, host: str, room: str) -> str | None:
        """The id of the message at the last seq (None when not known)."""
        return self._id.get((host, room))
