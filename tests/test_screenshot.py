"""Two real windows under Xvfb chat in Vietnamese; the screenshot shows it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from messenger.ui.conversation_list import MENTION_BADGE
from messenger.ui.message_delegate import OTHER_BUBBLE, OWN_BUBBLE

pytestmark = [pytest.mark.xvfb, pytest.mark.subprocess]
ROOT = Path(__file__).resolve().parent.parent


def test_screenshot_of_two_windows_chatting_in_several_conversations(tmp_path, qapp):
    """Bubbles of both, and in the sidebar a mention's badge (the room; the tool
    waits for the direct message's unread badge too, of the own bubble's blue)."""
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run is not installed (scripts/setup --test installs it)")
    out = tmp_path / "chat.png"
    result = subprocess.run(
        [str(ROOT / "scripts" / "screenshot"), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixelColor(x, y).name() for x in range(0, 1280, 4) for y in range(0, 800, 4)}
    assert OWN_BUBBLE.name() in colours and OTHER_BUBBLE.name() in colours
    assert MENTION_BADGE.name() in colours
