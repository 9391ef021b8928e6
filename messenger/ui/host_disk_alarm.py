"""The hosting window's owner told when the disk of the session's history runs
short (and when it has room again, or hosting stops)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

if TYPE_CHECKING:
    from ..host import HostService


def disk_low_text(free: int) -> str:
    """What the owner reads while ``free`` bytes are left on the history's disk."""
    size = QLocale().formattedDataSize(free, 0)
    return QCoreApplication.translate(
        "HostDiskAlarm",
        "This computer's disk is almost full ({size} left): the session you host stops "
        "taking messages when it is full. Free some space.",
    ).format(size=size)


def watch_host_disk(
    host: HostService, show: Callable[[str], None], solved: Callable[[str], object]
) -> None:
    """Calls ``show`` with the alarm while ``host``'s disk is short (now, if it is
    already), ``solved`` with the same text when it is over."""
    shown = ""

    def on_low(free: int) -> None:
        nonlocal shown
        shown = disk_low_text(free)
        show(shown)

    def on_over() -> None:
        nonlocal shown
        if shown:
            solved(shown)
            shown = ""

    host.disk.low.connect(on_low)
    host.disk.recovered.connect(on_over)
    host.stopped.connect(on_over)
    if host.disk.is_low and host.disk.free is not None:
        on_low(host.disk.free)
