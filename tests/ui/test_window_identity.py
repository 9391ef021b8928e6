"""The window's identity: made after the first paint, shown in the status bar in its
short form (the full id in the tooltip), the same after a restart; a damaged one is
said in words and left for the user to move aside."""

from __future__ import annotations

import re
from pathlib import Path

from messenger.store.identity_file import CERTIFICATE_FILE, KEY_FILE, load_identity


def test_the_identity_is_made_after_start_and_kept(qtbot, make_window, tmp_path):
    window = make_window("An", start=False)
    assert window.identity_label.text() == ""  # not in the first paint
    window.start()
    qtbot.waitUntil(lambda: window.identity_label.text() != "", timeout=10_000)
    identity = window.controller.identity
    assert identity is not None
    assert window.identity_label.text() == f"Your id: {identity.short_id}"
    assert re.search(r"[0-9a-f]{64}", window.identity_label.toolTip())
    assert load_identity(tmp_path / "An") == identity
    window.close()
    again = make_window("An")
    qtbot.waitUntil(lambda: again.controller.identity is not None, timeout=10_000)
    assert again.controller.identity == identity


DAMAGED_CERTIFICATE = b"-----BEGIN CERTIFICATE-----\nhong\n"


def damaged_identity(folder: Path) -> Path:
    """``folder`` with identity files that cannot be read as a key and certificate."""
    folder.mkdir()
    (folder / CERTIFICATE_FILE).write_bytes(DAMAGED_CERTIFICATE)
    (folder / KEY_FILE).write_bytes(b"hong")
    return folder


def test_a_damaged_identity_is_said_and_left_alone(qtbot, make_window, tmp_path):
    folder = damaged_identity(tmp_path / "An")
    window = make_window("An", ready=False)
    qtbot.waitUntil(lambda: "damaged" in window.problem_label.text(), timeout=10_000)
    assert "identity" in window.problem_label.text()
    assert window.controller.identity is None
    assert (folder / KEY_FILE).read_bytes() == b"hong"
    # hosting serves with the identity: it cannot start, and says why
    window.host_action.trigger()
    assert not window.host_action.isChecked() and not window.controller.hosting
    assert "Could not start hosting" in window.problem_label.text()
    assert "damaged" in window.problem_label.text()


def test_a_new_identity_is_made_only_when_the_user_agrees(qtbot, make_window, tmp_path):
    folder = damaged_identity(tmp_path / "An")
    window = make_window("An", ready=False)
    qtbot.waitUntil(lambda: window.new_identity_button.isVisible(), timeout=10_000)
    assert window.controller.identity is None
    window.new_identity_button.click()
    qtbot.waitUntil(lambda: window.controller.identity is not None, timeout=10_000)
    assert window.identity_label.text().startswith("Your id: ")
    assert window.new_identity_button.isHidden()
    assert window.problem_label.isHidden()
    kept = {p.name.split(".damaged-")[0]: p.read_bytes() for p in folder.glob("*.damaged-*")}
    assert kept == {
        "identity.crt": DAMAGED_CERTIFICATE,
        "identity.key": b"hong",
    }  # set aside, not deleted
    assert load_identity(folder) == window.controller.identity
