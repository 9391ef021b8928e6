"""Three real windows: rooms made, joined and left, seen live by everyone; a direct
message to a person who is offline, delivered once after both the host and that
person restart; the third person never sees it, and is refused trying."""

from __future__ import annotations

from pathlib import Path

from messenger.client import ConnectionState
from messenger.core.room_names import direct_room
from messenger.protocol import Join
from messenger.ui.app_settings import AppSettings
from messenger.ui.main_window import MainWindow
from messenger.ui.window_config import WindowConfig
from tests.reliability.test_host_crash import free_tcp_port


def connected(window: MainWindow) -> bool:
    return window.controller.client.state is ConnectionState.CONNECTED


def texts(window: MainWindow) -> list[str]:
    model = window.log_model
    return [model.entry(row).text for row in range(model.rowCount())]


class Office:
    """Windows of people, each with a data folder of their own; An hosts on a fixed
    port (as on 5005), so the others find it again after it restarts."""

    def __init__(self, qtbot, tmp_path: Path, discovery_port: int) -> None:
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.discovery_port = discovery_port
        self.host_port = free_tcp_port()
        self.windows: list[MainWindow] = []

    def open(self, name: str) -> MainWindow:
        settings = AppSettings(self.tmp_path / name / "settings.ini")
        settings.display_name = name
        port = self.host_port if name == "An" else 0
        config = WindowConfig(
            data_dir=self.tmp_path / name,
            host_port=port,
            host_bind="127.0.0.1",
            discovery_port=self.discovery_port,
        )
        window = MainWindow(config, settings)
        self.qtbot.addWidget(window)
        window.start()
        self.qtbot.waitUntil(lambda: window.controller.identity is not None, timeout=10_000)
        self.windows.append(window)
        return window

    def join(self, window: MainWindow) -> None:
        window.controller.join("127.0.0.1", self.host_port)
        self.qtbot.waitUntil(lambda: connected(window), timeout=10_000)

    def close(self, window: MainWindow) -> None:
        hosting = window.controller.hosting
        window.close()
        if hosting:
            self.qtbot.waitUntil(lambda: not window.controller.hosting, timeout=5_000)

    def close_all(self) -> None:
        for window in self.windows:
            if not window.app.is_finished:
                self.close(window)


def room_members(window: MainWindow, room: str) -> int | None:
    found = window.controller.rooms.directory.find(room)
    return None if found is None else found.members


def test_rooms_and_a_direct_message_across_restarts(qtbot, tmp_path, discovery_port):
    office = Office(qtbot, tmp_path, discovery_port)
    try:
        an = office.open("An")
        an.host_action.trigger()
        qtbot.waitUntil(lambda: connected(an), timeout=10_000)
        binh, chi = office.open("Bình"), office.open("Chi")
        office.join(binh)
        office.join(chi)

        # a room made with a topic: everyone's room list shows it, live
        assert an.controller.rooms.create("kế-toán", "Sổ sách quý 4")
        qtbot.waitUntil(lambda: room_members(chi, "kế-toán") == 1, timeout=10_000)
        assert chi.controller.rooms.topics["kế-toán"] == "Sổ sách quý 4"
        assert binh.controller.rooms.join("kế-toán")
        qtbot.waitUntil(lambda: room_members(chi, "kế-toán") == 2, timeout=10_000)
        qtbot.waitUntil(lambda: binh.topic_label.text() == "Sổ sách quý 4")
        binh.controller.close_conversation("kế-toán")
        qtbot.waitUntil(lambda: room_members(chi, "kế-toán") == 1, timeout=10_000)
        assert "kế-toán" not in binh.conversation_model.rooms()

        # Bình goes home; An writes to Bình directly
        binh_user = binh.controller.client.user_id
        office.close(binh)
        assert an.controller.open_direct(binh_user, "Bình")
        room = direct_room(an.controller.client.user_id, binh_user)
        qtbot.waitUntil(lambda: an.controller.conversations.get(room).delivery.ready)
        assert an.room_label.text() == "Bình"
        assert an.controller.send("Gửi riêng Bình: lương tháng này 🤫")
        qtbot.waitUntil(lambda: an.controller.conversations.waiting() == 0, timeout=10_000)

        # the host restarts (An quits while hosting, starts again: it hosts again)
        office.close(an)
        an = office.open("An")
        qtbot.waitUntil(lambda: connected(an) and an.controller.hosting, timeout=15_000)
        qtbot.waitUntil(lambda: connected(chi), timeout=20_000)  # (Chi rejoins by itself)

        # Bình comes back: the conversation is there, the message once, unread
        binh = office.open("Bình")
        qtbot.waitUntil(lambda: connected(binh), timeout=20_000)
        qtbot.waitUntil(lambda: room in binh.conversation_model.rooms(), timeout=10_000)
        row = binh.conversation_model.row_of(room)
        qtbot.waitUntil(lambda: binh.conversation_model.conversation(row).unread == 1)
        # (the count is the welcome's, at once; the name follows with the people list)
        qtbot.waitUntil(lambda: binh.conversation_model.conversation(row).title == "An")
        binh.controller.show_conversation(room)
        qtbot.waitUntil(lambda: texts(binh) == ["Gửi riêng Bình: lương tháng này 🤫"])

        # Chi never sees it, and is refused trying
        assert room not in chi.conversation_model.rooms()
        problems: list[str] = []
        chi.controller.problem.connect(problems.append)
        chi.controller.client._send(Join(room=room))
        qtbot.waitUntil(lambda: bool(problems), timeout=10_000)
        assert problems == [
            "“" + room + "” is a conversation of two other people: you cannot read it."
        ]
        assert room not in chi.conversation_model.rooms()
    finally:
        office.close_all()
