"""The history's storage trouble, as the host meets it: logged once per change of
state (not once per message), and told to the senders whose messages it refuses."""

from __future__ import annotations

import logging

from ..protocol import Error, encode_event
from ..protocol.events import STORAGE_ERROR
from ..store import StoreError
from .store_errors import describe_store_error

log = logging.getLogger(__name__)


class StorageWatch:
    """Whether the history can store messages now, and since when it cannot.

    ``failed`` is called for each failed append or commit, ``worked`` after each
    commit that stored messages; only a change between the two, or to another kind
    of trouble, is logged.
    """

    def __init__(self) -> None:
        self.trouble: StoreError | None = None
        self.refused = 0  # messages refused since the trouble began
        self._last: StoreError | None = None  # the last trouble, for refusals after it
        self._text = ""

    @property
    def failing(self) -> bool:
        """True from a failure until a commit works again."""
        return self.trouble is not None

    def failed(self, error: StoreError, messages: int = 1) -> None:
        """``messages`` could not be stored because of ``error``."""
        if self.trouble is None or self.trouble.problem is not error.problem:
            log.error(
                "cannot store messages (%s): %s; they are refused until it works again",
                error.problem.value,
                error,
            )
            self._text = describe_store_error(error)
        self.trouble = self._last = error
        self.refused += messages

    def refused_one(self) -> None:
        """A message was refused without trying (its sender must send another first)."""
        if self.trouble is not None:  # (counted for the log line that ends the trouble)
            self.refused += 1

    def worked(self) -> None:
        """A commit stored messages."""
        if self.trouble is not None:
            log.warning("storing messages works again (%d refused while it did not)", self.refused)
        self.trouble = None
        self.refused = 0

    def error_frame(self, message_id: str, ref: str | None = None) -> bytes:
        """The ``storage_error`` frame refusing the ``say`` ``message_id`` (of ``ref``;
        worded after
        the last trouble: a sender's refusals may go on after a commit that worked)."""
        assert self._last is not None, "refusing before any failure"
        return encode_event(
            Error(
                code=STORAGE_ERROR,
                message=self._text,
                id=message_id,
                problem=self._last.problem.value,
                ref=ref,
            )
        )
