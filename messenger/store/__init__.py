"""Storage (no Qt): the host's room history and the client's outbox and cache."""

from .client_store import ClientStore, OutgoingMessage
from .history import HistoryStore, StoredMessage
from .sqlite_file import StoreError, StoreProblem

__all__ = [
    "ClientStore",
    "HistoryStore",
    "OutgoingMessage",
    "StoreError",
    "StoreProblem",
    "StoredMessage",
]
