"""Python's cycle collector, run only in the thread that owns the Qt objects.

Python collects reference cycles in whichever thread happens to allocate when a
threshold is crossed. The window has a thread of its own (the cache's checkpoints),
so a collection could run there, and if the garbage held a Qt object (a closed
dialog caught in a cycle with a lambda), Qt would destroy it in the wrong thread:
its timers cannot be stopped from there, stay registered, and later fire at freed
memory (a crash). So, as pyqtgraph does: automatic collection off, and a timer in the
main thread runs the collections that are due, by the same thresholds.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

COLLECT_INTERVAL_MS = 250
"""How often due collections run (small, so that each finds few young objects)."""
FULL_COLLECTION_GAP_S = 60.0
"""Least time between two collections of every object: Python spaces them out by how
much the old objects grew, which it does not tell; a full one takes 10-20 ms here."""


class MainThreadGarbageCollector(QObject):
    """Turns automatic collection off while it lives (``stop`` turns it back on) and
    collects from a timer in the thread it was made in."""

    def __init__(
        self, parent: QObject | None = None, full_collection_gap_s: float = FULL_COLLECTION_GAP_S
    ) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._full_gap_s = full_collection_gap_s
        self._full_at = time.monotonic()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(COLLECT_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collects the oldest generation whose count is past its threshold (and the
        younger ones with it), as automatic collection would, the oldest at most every
        ``full_collection_gap_s``; returns how many objects were freed."""
        now = time.monotonic()
        oldest = 2 if now - self._full_at >= self._full_gap_s else 1
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        due = -1
        for generation in range(oldest + 1):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                due = generation
        if due == 2:
            self._full_at = now
        return gc.collect(due) if due >= 0 else 0

    def stop(self) -> None:
        """Stops the timer and gives collection back to Python, as it was."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
