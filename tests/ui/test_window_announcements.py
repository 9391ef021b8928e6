"""Announcements between two windows: the one that hosts may announce ("Announce to
everyone…" enabled), the other may not until the host's owner lets everyone; an
announcement written in the dialog reaches the other window's general as a banner,
counts as a mention (the red badge) and shows a desktop notification even though
rooms notify of mentions only; once the owner lets everyone, the other window may
announce at once, and its cache keeps the kind: a restarted window shows the banner
from its cache at once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from messenger.client import ConnectionState
from messenger.ui.announce_dialog import AnnounceDialog
from messenger.ui.main_window import MainWindow
from messenger.ui.notification_policy import NotifyLevel


def hosted_pair(qtbot, make_window) -> tuple[MainWindow, MainWindow]:
    an = make_window("An")
    binh = make_window("Bình")
    an.host_action.trigger()
    qtbot.waitUntil(lambda: an.controller.client.state is ConnectionState.CONNECTED)
    binh.controller.join("127.0.0.1", an.controller.host.port)
    qtbot.waitUntil(lambda: binh.controller.client.state is ConnectionState.CONNECTED)
    return an, binh


def unread(window: MainWindow, room: str = "general") -> tuple[int, bool]:
    model = window.conversation_model
    entry = model.conversation(model.row_of(room))
    return entry.unread, entry.mentioned


def announce_from(qtbot, window: MainWindow, text: str) -> None:
    """Writes ``text`` in the window's announcement dialog and sends it."""
    window.announce_action.trigger()
    dialog = window.findChild(AnnounceDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.send_button.isEnabled()  # (nothing written yet)
    dialog.text_edit.setPlainText(text)
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_the_host_announces_and_the_other_window_shows_and_notifies_it(qtbot, make_window):
    an, binh = hosted_pair(qtbot, make_window)
    assert an.settings.room_default_level is NotifyLevel.MENTIONS
    shown: list[tuple[str, str, str]] = []
    notifications = binh.app.notifications
    assert notifications is not None
    notifications.desktop.show = lambda *call: shown.append(call)  # (no desktop here)
    qtbot.waitUntil(an.announce_action.isEnabled)
    assert not binh.announce_action.isEnabled()
    assert "owner" in binh.announce_action.toolTip()

    an.join_room("kế-toán")  # (announcing from another room: the log goes to general)
    announce_from(qtbot, an, "  Chiều nay 3h họp toàn công ty 📣\n")
    assert an.room_label.text() == "# general"
    model = binh.log_model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    entry = model.entry(0)
    assert (entry.text, entry.announcement, entry.sender) == (
        "Chiều nay 3h họp toàn công ty 📣",
        True,
        "An",
    )
    assert model.look(0).announced
    qtbot.waitUntil(lambda: unread(binh) == (1, True))  # (a red badge, as a mention)
    qtbot.waitUntil(lambda: len(shown) == 1)
    room, summary, text = shown[0]
    assert (room, summary, text) == ("general", "Announcement from An", entry.text)
    qtbot.waitUntil(lambda: an.log_model.rowCount() == 1 and an.log_model.entry(0).seq == 1)
    assert an.log_model.entry(0).announcement


def test_everyone_may_announce_once_the_owner_says_so_and_it_stays_one(qtbot, make_window):
    an, binh = hosted_pair(qtbot, make_window)
    qtbot.waitUntil(an.announce_action.isEnabled)
    an.settings.host_announcements = "everyone"
    an._apply_host_settings()  # (what the settings dialog's OK does)
    assert an.controller.host.config.announcements == "everyone"
    qtbot.waitUntil(binh.announce_action.isEnabled)  # (told at once, while connected)
    announce_from(qtbot, binh, "Mai nghỉ lễ")
    qtbot.waitUntil(lambda: an.log_model.rowCount() == 1 and an.log_model.entry(0).announcement)
    qtbot.waitUntil(lambda: binh.controller.conversations.waiting() == 0)
    binh.controller.conversations.flush_cache()
    cached = binh.controller.session.cached_latest(10)
    assert [(m.text, m.kind) for m in cached] == [("Mai nghỉ lễ", "announcement")]


def test_a_restarted_window_shows_the_announcement_as_one_at_once(qtbot, make_window):
    an, binh = hosted_pair(qtbot, make_window)
    qtbot.waitUntil(an.announce_action.isEnabled)
    announce_from(qtbot, an, "Thứ Hai nghỉ bù")
    qtbot.waitUntil(lambda: binh.log_model.rowCount() == 1)
    binh.close()

    again = make_window("Bình", ready=False)  # (its cache, before any host answers)
    assert again.log_model.rowCount() == 1
    entry = again.log_model.entry(0)
    assert (entry.text, entry.announcement) == ("Thứ Hai nghỉ bù", True)
    assert again.log_model.look(0).announced
