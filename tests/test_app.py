"""The application as a separate process: --smoke, --version, bad arguments."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.subprocess


def messenger(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "messenger", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_smoke_paints_the_window_prints_the_time_and_exits(tmp_path):
    result = messenger("--smoke", "--data", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"first paint \d+ ms\n", result.stdout)
    assert result.stderr == ""


def test_version():
    result = messenger("--version")
    assert result.returncode == 0 and result.stdout.startswith("messenger ")


def test_a_bad_port_is_a_usage_error_not_a_traceback():
    result = messenger("host", "--port", "70000")
    assert result.returncode == 2
    assert "not a port number" in result.stderr and "Traceback" not in result.stderr


def test_without_a_display_the_window_says_what_to_do_instead():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "messenger"], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 2
    assert "messenger host" in result.stderr and "Traceback" not in result.stderr


def test_the_app_has_its_icon_and_a_font_for_vietnamese(qapp):
    from PySide6.QtGui import QFontDatabase

    from messenger.app import _install_look

    _install_look(qapp)
    assert not qapp.windowIcon().isNull()
    assert "DejaVu Sans" in QFontDatabase.families(QFontDatabase.WritingSystem.Vietnamese)
