"""Guards against toolchain bugs that broke this project before.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a method
returning void (QTimer.start, QSocketNotifier.setEnabled, ...): long runs then die
with "Fatal Python error: none_dealloc". We pin 6.11.3; this test fails if an
upgrade brings the bug back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer


def test_void_qt_calls_keep_the_reference_count_of_none(qapp):
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(2_000):
        timer.start(1_000)
        timer.stop()
    assert sys.getrefcount(None) - before > -100
