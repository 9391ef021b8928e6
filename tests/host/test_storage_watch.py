"""The host's storage trouble: logged once per change of state, and refusals worded
after the last trouble even once a commit worked again (another member's)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from messenger.host.storage_watch import StorageWatch
from messenger.store import StoreError, StoreProblem


def test_trouble_is_logged_once_per_state_and_refusals_outlive_it(caplog):
    watch = StorageWatch()
    full = StoreError(
        StoreProblem.DISK_FULL, Path("/d/history.sqlite3"), "database or disk is full"
    )
    with caplog.at_level(logging.INFO, logger="messenger.host.storage_watch"):
        for _ in range(100):
            watch.failed(full)
        watch.refused_one()
        assert watch.failing and watch.refused == 101
        watch.worked()
        frame = json.loads(watch.error_frame("m-7"))  # a late refusal, after it worked
    assert frame["code"] == "storage_error" and frame["id"] == "m-7"
    assert frame["problem"] == "disk_full"
    assert "full" in frame["message"]
    assert not watch.failing
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2, messages
    assert "cannot store messages (disk_full)" in messages[0]
    assert "works again (101 refused" in messages[1]
