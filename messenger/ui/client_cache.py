"""The user's cache and outbox, opened by the window before the network layer loads,
so that the last session's room shows in the window's first paint."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from ..host.store_errors import describe_store_error
from ..store import ClientStore, OutgoingMessage, StoredMessage, StoreError
from .log_entry import EntryStatus, pending_entry, stored_entry
from .message_log_model import MessageLogModel

log = logging.getLogger(__name__)

CLIENT_FILE = "client.sqlite3"
SHOWN_AT_START = 60
_NEWEST = 2**62  # a seq above any room's


def open_client_store(data_dir: Path) -> tuple[ClientStore, str]:
    """The user's outbox and cache in ``data_dir``; in memory, with a problem to show,
    when the file cannot be used."""
    path = data_dir / CLIENT_FILE
    try:
        return ClientStore.open(path), ""
    except StoreError as error:
        log.error("cannot open %s: %s", path, error)
        return ClientStore.open(Path(":memory:")), describe_store_error(error)


def show_room(
    model: MessageLogModel,
    newest: Iterable[StoredMessage],
    pending: Iterable[OutgoingMessage],
    you: str,
    me: str,
    held: Iterable[OutgoingMessage] = (),
) -> None:
    """The log starts again from ``newest`` (stored messages, oldest first), then
    ``held`` (the user's, waiting for the user's choice after a reset) and
    ``pending`` (the user's, not acknowledged yet); in the model at once, not on the
    next loop turn (the window's first paint shows them). ``you``: the user's name
    there; ``me``: the user's user id."""
    model.clear()
    model.add_entries(stored_entry(message, me) for message in newest)
    model.add_entries(pending_entry(message, you, EntryStatus.HELD) for message in held)
    model.add_entries(pending_entry(message, you) for message in pending)
    model.flush()


def show_cached_room(
    model: MessageLogModel, store: ClientStore, host_id: str, room: str, you: str, me: str
) -> str:
    """``show_room`` from the cache: the newest messages of ``host_id``'s ``room`` and
    those waiting to be sent there. Returns a problem to show ('' if none): a cache
    that cannot be read leaves the log empty, it does not stop the window."""
    try:
        newest = store.cached_before(host_id, room, _NEWEST, SHOWN_AT_START)
        pending = store.outgoing(host_id, room)
        held = store.held(room)
    except StoreError as error:
        log.error("cannot read the cache: %s", error)
        model.clear()
        return describe_store_error(error)
    show_room(model, newest, pending, you, me, held)
    return ""
