"""How long ago this process started (for ``messenger --smoke``)."""

from __future__ import annotations

import os
import time

_IMPORTED_AT = time.monotonic()


def _linux_process_age() -> float | None:
    try:
        with open("/proc/self/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        started_ticks = int(fields[19])  # field 22 of stat, counted after "(comm)"
        ticks = os.sysconf("SC_CLK_TCK")
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started_ticks / ticks
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def seconds_since_process_start() -> float:
    """Seconds since the process started; on systems without /proc, since this import."""
    age = _linux_process_age()
    return age if age is not None else time.monotonic() - _IMPORTED_AT
