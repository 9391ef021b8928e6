"""The host watches the free space of its history's disk: below the threshold it
logs a warning once and says so, and again when there is room (the disk's real free
space, against a threshold set above or below it)."""

from __future__ import annotations

import logging
import shutil

from messenger.host import HostService


def test_a_host_on_a_disk_short_of_space_warns_at_start_and_when_room_comes_back(
    start_host, tmp_path, caplog, qtbot
):
    free = shutil.disk_usage(tmp_path).free
    with caplog.at_level(logging.WARNING, logger="messenger.host.disk_space"):
        host: HostService = start_host(disk_low_bytes=free * 1000)  # (more than there is)
    assert host.disk.is_low
    assert 0 < host.disk.free <= free * 2
    warned = [r.getMessage() for r in caplog.records if "free some space" in r.getMessage()]
    assert len(warned) == 1
    host.disk.check()  # (still short: not said again)
    assert sum("free some space" in r.getMessage() for r in caplog.records) == 1
    host.disk.low_bytes = 1  # the owner freed space (or the threshold is now below it)
    with qtbot.waitSignal(host.disk.recovered, timeout=1_000):
        host.disk.check()
    assert not host.disk.is_low
    assert any("has room again" in r.getMessage() for r in caplog.records)


def test_a_host_with_room_says_nothing(start_host, caplog):
    with caplog.at_level(logging.WARNING, logger="messenger.host.disk_space"):
        host: HostService = start_host(disk_low_bytes=1)
    assert not host.disk.is_low and host.disk.free
    assert not [r for r in caplog.records if r.name == "messenger.host.disk_space"]
