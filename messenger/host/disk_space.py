"""The free space of the disk that holds the host's history, watched: below a
threshold the host logs a warning and says so (the window shows it to its owner),
before the disk is full and messages are refused."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

MB = 1000 * 1000
DISK_LOW_BYTES = 1000 * MB
"""Free space below which the host warns (a day of an office's posting fits many
times: 50 MB is one device's daily quota)."""
DISK_OK_MARGIN = 1.1
"""The warning ends once the free space is this much above the threshold (not at
every byte freed and taken around it)."""
DISK_CHECK_MS = 30_000


class DiskSpace(QObject):
    """Watches ``folder``'s disk every DISK_CHECK_MS (and at ``start``).

    Args:
        folder: The history's folder.
        low_bytes: The threshold (None: DISK_LOW_BYTES).

    Signals:
        low(int): the free space (bytes) fell below the threshold (an int of any size).
        recovered(): it is back above it.
    """

    low = Signal(object)
    recovered = Signal()

    def __init__(
        self, folder: Path, low_bytes: int | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.low_bytes = DISK_LOW_BYTES if low_bytes is None else low_bytes
        self.free: int | None = None
        """The free bytes at the last check (None before it, or when it failed)."""
        self.is_low = False
        self._timer = QTimer(self)
        self._timer.setInterval(DISK_CHECK_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Checks now, then every DISK_CHECK_MS."""
        self.check()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> None:
        """Looks at the free space now; logs and signals a change of state."""
        try:
            self.free = shutil.disk_usage(self.folder).free
        except OSError as error:  # (the folder went away: the store says so itself)
            log.debug("cannot see the free space of %s: %s", self.folder, error)
            self.free = None
            return
        if not self.is_low and self.free < self.low_bytes:
            self.is_low = True
            log.warning(
                "the disk of %s has %d MB free (below %d MB): free some space, or "
                "messages will be refused once it is full",
                self.folder,
                self.free // MB,
                self.low_bytes // MB,
            )
            self.low.emit(self.free)
        elif self.is_low and self.free >= self.low_bytes * DISK_OK_MARGIN:
            self.is_low = False
            log.warning("the disk of %s has room again: %d MB free", self.folder, self.free // MB)
            self.recovered.emit()
