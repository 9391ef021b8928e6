"""The about dialog: the version, the licence, the user's id and the session host's
fingerprint, as text the user can select."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from messenger import __version__
from messenger.core.identity import short_form
from messenger.ui.about_dialog import AboutDialog
from tests.ui.test_admission_widgets import find

HOST = hashlib.sha256(b"the host's certificate").hexdigest()
USER = hashlib.sha256(b"Lan's certificate").hexdigest()


def opened(qtbot, host: str, user: str) -> AboutDialog:
    dialog = AboutDialog(__version__, host, user)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_it_shows_the_version_and_that_no_licence_is_stated(qtbot):
    dialog = opened(qtbot, HOST, USER)
    assert find(dialog, QLabel, "aboutVersion").text() == __version__
    assert find(dialog, QLabel, "aboutLicence").text() == "None stated in this copy"
    assert find(dialog, QLabel, "aboutProtocol").text() == "docs/PROTOCOL.md"


def test_it_shows_the_users_id_short_with_the_full_one_on_its_tooltip(qtbot):
    dialog = opened(qtbot, HOST, USER)
    label = find(dialog, QLabel, "aboutUserId")
    assert label.text() == short_form(USER)
    assert label.toolTip() == USER


def test_it_shows_the_hosts_fingerprint_short_and_in_full_selectable(qtbot):
    dialog = opened(qtbot, HOST, USER)
    short = find(dialog, QLabel, "aboutHostShort")
    assert short.text() == short_form(HOST)
    full = find(dialog, QLabel, "aboutHostFull")
    assert "".join(full.text().split()) == HOST
    for label in (short, full):
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_out_of_a_session_and_before_the_identity_it_says_so(qtbot):
    dialog = opened(qtbot, "", "")
    assert find(dialog, QLabel, "aboutHostShort").text() == "Not connected"
    assert dialog.findChild(QLabel, "aboutHostFull") is None
    assert find(dialog, QLabel, "aboutUserId").text() == "Not made yet"
