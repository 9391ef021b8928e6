"""Storage (no Qt): the host's room history."""

from .history import HistoryStore, StoredMessage, StoreError

__all__ = ["HistoryStore", "StoreError", "StoredMessage"]
