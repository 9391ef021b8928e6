"""Works around a start-up cost of PySide's: the first time Python gets a widget that
C++ created (a scroll area's viewport) from a typed getter such as ``viewport()``,
PySide finds its class by trying every QWidget subclass it binds, and so builds all
of QtWidgets' classes and their Python enums (~70 classes, 20-30 ms here) before the
window's first paint. ``findChildren`` wraps a child by its own meta-object instead
(under 1 ms), and ``viewport()`` then returns that wrapper.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def wrap_children_now(widget: QWidget) -> None:
    """Wraps the direct child widgets of ``widget`` (a scroll area's viewport and
    scroll bar containers) the cheap way, before anything asks for them."""
    widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
