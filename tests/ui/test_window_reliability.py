"""The window when things go wrong: a host that crashes and comes back, scrollback,
and a restart of the app that picks up where it was."""

from __future__ import annotations

import pytest

from messenger.client import ConnectionState
from messenger.client.conversation import HISTORY_PAGE
from messenger.ui.log_entry import EntryStatus
from messenger.ui.main_window import MainWindow
from messenger.ui.message_log_model import MAX_ROWS
from tests.host_process import HostProcess
from tests.reliability.test_host_crash import free_tcp_port
from tests.ui.test_two_windows_chat import texts, type_text

pytestmark = pytest.mark.subprocess


def send(window: MainWindow, text: str) -> None:
    type_text(window.compose, text)
    window.send_button.click()


def fast_reconnects(window: MainWindow) -> None:
    window.controller.client.backoff_base = 0.05
    window.controller.client.backoff_cap = 0.3


def test_messages_typed_while_the_host_is_down_are_sent_when_it_is_back(
    qtbot, make_window, tmp_path
):
    port = free_tcp_port()
    host = HostProcess.on_loopback(tmp_path / "host", port)
    host.wait_listening()
    restarted: HostProcess | None = None
    try:
        window = make_window("Hạnh")
        fast_reconnects(window)
        window.controller.join("127.0.0.1", port)
        qtbot.waitUntil(lambda: window.controller.client.state is ConnectionState.CONNECTED)
        send(window, "trước khi mất điện")
        qtbot.waitUntil(
            lambda: (
                window.log_model.rowCount() == 1
                and window.log_model.entry(0).status is EntryStatus.SENT
            )
        )

        host.process.kill()
        qtbot.waitUntil(lambda: window.controller.client.state is ConnectionState.RECONNECTING)
        assert "reconnecting" in window.status_label.text()
        send(window, "trong lúc mất kết nối")
        assert window.compose.toPlainText() == ""  # typing is never blocked
        qtbot.waitUntil(lambda: window.log_model.rowCount() == 2)
        assert window.log_model.entry(1).status is EntryStatus.SENDING
        assert "1 message(s) waiting" in window.status_label.text()

        restarted = HostProcess.on_loopback(tmp_path / "host", port)
        restarted.wait_listening()
        qtbot.waitUntil(
            lambda: window.log_model.entry(1).status is EntryStatus.SENT, timeout=10_000
        )
        assert texts(window) == ["trước khi mất điện", "trong lúc mất kết nối"]
        assert [window.log_model.entry(r).seq for r in range(2)] == [1, 2]
        assert window.problem_label.isHidden()
    finally:
        host.kill()
        if restarted is not None:
            restarted.kill()


def test_scrolling_to_the_top_loads_older_history(qtbot, make_window):
    an = make_window("An")
    an.host_action.trigger()
    qtbot.waitUntil(lambda: an.controller.client.state is ConnectionState.CONNECTED)
    for number in range(1, 301):
        an.controller.send(f"tin {number}")
    qtbot.waitUntil(lambda: not an.controller.session.pending(), timeout=20_000)

    binh = make_window("Bình")
    binh.controller.join("127.0.0.1", an.controller.host.port)
    qtbot.waitUntil(lambda: binh.log_model.rowCount() == 100)  # the latest 100
    assert texts(binh)[0] == "tin 201"
    bar = binh.log_view.verticalScrollBar()
    qtbot.waitUntil(lambda: 0 < bar.maximum() == bar.value())  # laid out, following the end
    oldest = 201
    while oldest > 1:  # a page more each time the user reaches the top of the log
        oldest = max(oldest - HISTORY_PAGE, 1)
        bar.setValue(bar.minimum() + 1)
        bar.setValue(bar.minimum())
        qtbot.waitUntil(lambda n=oldest: texts(binh)[0] == f"tin {n}")
    # the log holds at most MAX_ROWS: the newest went, they come back on the way down
    shown = min(300, MAX_ROWS)
    assert texts(binh) == [f"tin {n}" for n in range(1, shown + 1)]
    assert not binh.log_model.canFetchMore(binh.log_model.index(-1, 0))


def test_a_restarted_window_rejoins_and_shows_its_history_at_once(
    qtbot, make_window, standalone_host
):
    first = make_window("Lan")
    first.controller.join("127.0.0.1", standalone_host.port)
    qtbot.waitUntil(lambda: first.controller.client.state is ConnectionState.CONNECTED)
    for text in ("một", "hai", "ba"):
        send(first, text)
    qtbot.waitUntil(lambda: not first.controller.session.pending())
    first.close()

    again = make_window("Lan")  # same data folder and settings
    qtbot.waitUntil(lambda: again.controller.client.state is ConnectionState.CONNECTED)
    qtbot.waitUntil(lambda: again.log_model.rowCount() == 3)
    send(again, "bốn")
    qtbot.waitUntil(
        lambda: (
            again.log_model.rowCount() == 4 and again.log_model.entry(3).status is EntryStatus.SENT
        )
    )
    assert texts(again) == ["một", "hai", "ba", "bốn"]


def test_a_window_restarted_while_its_host_is_down_shows_its_room_and_keeps_what_is_typed(
    qtbot, make_window, tmp_path
):
    port = free_tcp_port()
    host = HostProcess.on_loopback(tmp_path / "host", port)
    host.wait_listening()
    restarted: HostProcess | None = None
    try:
        first = make_window("Lan")
        first.controller.join("127.0.0.1", port)
        qtbot.waitUntil(lambda: first.controller.client.state is ConnectionState.CONNECTED)
        for text in ("một", "hai"):
            send(first, text)
        qtbot.waitUntil(lambda: not first.controller.session.pending())
        first.close()
        host.kill()

        again = make_window("Lan", start=False)  # same data folder and settings
        # the cached room is in the window before any connection (or network code) exists
        assert not again.started
        assert texts(again) == ["một", "hai"]
        assert all(again.log_model.entry(row).own for row in range(2))
        again.start()
        fast_reconnects(again)
        send(again, "ba")  # the host is down: kept for that room, shown as sending
        qtbot.waitUntil(lambda: again.log_model.rowCount() == 3)
        assert again.log_model.entry(2).status is EntryStatus.SENDING
        qtbot.waitUntil(lambda: "waiting to be sent" in again.status_label.text())

        restarted = HostProcess.on_loopback(tmp_path / "host", port)
        restarted.wait_listening()
        qtbot.waitUntil(lambda: again.log_model.entry(2).status is EntryStatus.SENT, timeout=10_000)
        assert texts(again) == ["một", "hai", "ba"]
        assert [again.log_model.entry(r).seq for r in range(3)] == [1, 2, 3]
    finally:
        host.kill()
        if restarted is not None:
            restarted.kill()
