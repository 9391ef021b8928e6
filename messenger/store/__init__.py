"""Storage (no Qt): the host's room history."""

from .client_store import ClientStore, OutgoingMessage
from .history import HistoryStore, StoredMessage, StoreError, StoreProblem

__all__ = [
    "ClientStore",
    "HistoryStore",
    "OutgoingMessage",
    "StoreError",
    "StoreProblem",
    "StoredMessage",
]
