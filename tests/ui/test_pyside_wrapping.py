"""The window's scroll areas do not make PySide build all of QtWidgets' classes before
the first paint (messenger/ui/pyside_wrapping.py). Run in a fresh process: PySide
builds each class once per process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.subprocess

_PROBE = """
import json, sys
import PySide6.QtWidgets as widgets
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from messenger.ui.compose_box import ComposeBox
from messenger.ui.message_log_view import MessageLogView

app = QApplication([])
mode = sys.argv[1]
if mode == "plain":
    area = QPlainTextEdit()
else:
    area = ComposeBox() if mode == "compose" else MessageLogView()
before = len(vars(widgets))
area.viewport().width()
print(json.dumps({"before": before, "after": len(vars(widgets))}))
"""


def classes_built(mode: str) -> dict[str, int]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, mode], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_plain_scroll_area_shows_the_cost_being_avoided():
    """(If a PySide update makes this fail, the workaround may no longer be needed.)"""
    built = classes_built("plain")
    assert built["after"] - built["before"] > 30


@pytest.mark.parametrize("mode", ["compose", "log"])
def test_our_scroll_areas_give_their_viewport_without_building_qtwidgets(mode):
    built = classes_built(mode)
    assert built["after"] - built["before"] <= 2
