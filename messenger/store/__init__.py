"""Storage (no Qt): the host's room history."""

from .history import HistoryStore, StoredMessage, StoreError, StoreProblem

__all__ = ["HistoryStore", "StoreError", "StoreProblem", "StoredMessage"]
