"""The colours of the log: bubbles, their text, links, mentions and the lines
between messages."""

from __future__ import annotations

from PySide6.QtGui import QColor

OWN_BUBBLE = QColor("#1a73e8")
"""Own messages: an accent blue (white text on it has a contrast ratio of 4.5)."""
OWN_TEXT = QColor("#ffffff")
OTHER_BUBBLE = QColor("#e9ecef")
"""Everyone else's messages: a neutral grey."""
OTHER_TEXT = QColor("#1f2328")
HELD_BUBBLE = QColor("#fff4e5")
"""The user's messages held after a reset (not sent, waiting for a choice): amber."""
HELD_TEXT = QColor("#663c00")
KEPT_BUBBLE = QColor("#eceff2")
"""Messages kept from before a reset (the session no longer has them): faded."""
KEPT_TEXT = QColor("#57606a")
LINK_TEXT = QColor("#0550ae")
"""Links in others' bubbles (own bubbles' links are white, underlined)."""
MENTION_BACKGROUND = QColor("#fff1c2")
"""Behind a row of someone else's that mentions the user."""
MENTION_MARK = QColor("#e3a008")
"""The bar at the left edge of a row that mentions the user."""
DAY_LINE_TEXT = QColor("#57606a")
DAY_LINE_RULE = QColor("#d0d7de")
NEW_LINE_COLOUR = QColor("#d1242f")
"""The "New messages" line and its label."""
