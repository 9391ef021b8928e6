"""The hosting window tells its owner when the disk of the session's history runs
short, and takes it back when hosting stops."""

from __future__ import annotations

import shutil

from messenger.client import ConnectionState
from messenger.host import disk_space


def test_the_owner_sees_the_disk_running_short_while_hosting(qtbot, make_window, monkeypatch):
    window = make_window("An")
    free = shutil.disk_usage(window.controller.config.data_dir).free
    monkeypatch.setattr(disk_space, "DISK_LOW_BYTES", free * 1000)  # (more than there is)
    window.host_action.trigger()
    qtbot.waitUntil(lambda: window.controller.client.state is ConnectionState.CONNECTED)
    text = window.problem_label.text()
    assert window.problem_label.isVisibleTo(window)
    assert "disk is almost full" in text and "Free some space" in text
    window.host_action.trigger()
    qtbot.waitUntil(lambda: not window.controller.hosting)
    assert window.problem_label.text() != text or window.problem_label.isHidden()
