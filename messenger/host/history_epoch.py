"""Whether a joining member saw a history this host does not hold, and the history
epoch that says so to everyone (``welcome.epoch``, ``room_reset``)."""

from __future__ import annotations

import logging

from ..protocol import Join
from ..store import HistoryStore, StoreError

log = logging.getLogger(__name__)


class HistoryEpoch:
    """Checks joins against ``store``; on the first that diverges, starts a new epoch
    (once per opening of the history: a restore happens between two)."""

    def __init__(self, store: HistoryStore) -> None:
        self._store = store
        self._renewed = False

    def diverges(self, join: Join) -> bool:
        """Whether the joining member has seen messages this history does not hold:
        more of the room than it has, or another message at its ``since``.

        Raises:
            StoreError: the history cannot be read.
        """
        if join.since is None:
            return False
        if join.since > self._store.last_seq(join.room):
            return True
        if join.last_id is None or join.since == 0:
            return False
        return self._store.id_at(join.room, join.since) != join.last_id

    def renew(self, join: Join) -> str:
        """This history is not the one the member saw (reset, or restored from an
        older copy): from now on it is a new epoch. Returns the epoch now."""
        if not self._renewed:
            try:
                epoch = self._store.start_new_epoch()
            except StoreError as error:
                log.error("cannot record a new history epoch: %s", error)
            else:
                self._renewed = True
                log.warning(
                    "a member saw room %r up to seq %s, which this history does not hold "
                    "(last seq %d): it was reset or restored from an older copy; new epoch %s",
                    join.room,
                    join.since,
                    self._store.last_seq(join.room),
                    epoch,
                )
        return self._store.epoch
