"""Two real Messenger windows chatting in Vietnamese; saves a PNG of the screen.

Run under an X server (scripts/screenshot starts Xvfb):
    python -m tests.tools.screenshot_chat OUT.png
Beacons go to loopback only.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ["MESSENGER_ANNOUNCE_TO"] = "127.255.255.255"

import qasync
from PySide6.QtCore import QLocale
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from messenger.app import _install_translations
from messenger.client import ConnectionState
from messenger.ui.app_settings import AppSettings
from messenger.ui.main_window import MainWindow
from messenger.ui.window_config import WindowConfig

CONVERSATION = [
    ("Bình", "Chào chị An! Chiều nay họp lúc mấy giờ ạ?"),
    ("An", "Chào em, 3 giờ chiều nhé. Nhớ mang báo cáo quý ba 📊"),
    ("Bình", "Dạ vâng. Em sẽ gửi bản nháp trước 2 giờ."),
    ("An", "Tuyệt vời! Sau đó mình đi uống cà phê sữa đá ☕"),
    ("Bình", "Nhất trí ạ 😄 <b>thẻ HTML</b> vẫn hiện nguyên văn."),
]


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("the windows did not get there in time")
        await asyncio.sleep(0.02)


def type_and_send(window: MainWindow, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(window.compose, event)
    window.send_button.click()


async def chat(app: QApplication, out: Path, folder: Path) -> None:
    port = free_udp_port()
    windows: dict[str, MainWindow] = {}
    for index, name in enumerate(("An", "Bình")):
        settings = AppSettings(folder / name / "settings.ini")
        settings.display_name = name
        config = WindowConfig(
            data_dir=folder / name, host_port=0, host_bind="127.0.0.1", discovery_port=port
        )
        window = MainWindow(config, settings)
        window.setGeometry(10 + index * 640, 10, 620, 760)
        window.start()
        windows[name] = window
    an, binh = windows["An"], windows["Bình"]
    an.controller.set_window_active(True)  # (An reads general: no window manager here)
    an.host_action.trigger()
    await until(lambda: binh.session_list.count() == 1)
    binh.session_list.setCurrentRow(0)
    binh.join_button.click()
    await until(lambda: binh.controller.client.state is ConnectionState.CONNECTED)
    await until(lambda: an.member_list.count() == 2)
    for count, (who, text) in enumerate(CONVERSATION, start=1):
        type_and_send(windows[who], text)
        await until(
            lambda c=count: (
                an.log_model.rowCount() == c
                and binh.log_model.rowCount() == c
                and all(w.log_model.entry(c - 1).seq for w in (an, binh))
            )
        )
    await more_conversations(an, binh)
    await asyncio.sleep(0.3)  # let both windows repaint before the grab
    screen = app.primaryScreen()
    if not screen.grabWindow(0).save(str(out)):
        raise OSError(f"cannot write {out}")
    an.close()
    binh.close()
    await until(lambda: not an.controller.hosting)


ROOM = "kế-toán"
IN_THE_ROOM = ["Báo cáo quý ba đã lên thư mục chung ạ.", "@An chị duyệt giúp em mục chi phí nhé."]
DIRECT = "Chị An ơi, em gửi riêng bản nháp lương tháng này nhé 📎"


def unread(window: MainWindow, room: str) -> int:
    row = window.conversation_model.row_of(room)
    return window.conversation_model.conversation(row).unread if row is not None else 0


async def more_conversations(an: MainWindow, binh: MainWindow) -> None:
    """A room with a topic and a direct message: An, reading general, sees their
    unread badges in the sidebar."""
    an.controller.rooms.create(ROOM, "Sổ sách quý 4")
    an.controller.show_conversation("general")
    binh.controller.rooms.join(ROOM)
    await until(lambda: binh.controller.conversations.get(ROOM).delivery.ready)
    for text in IN_THE_ROOM:
        type_and_send(binh, text)
    assert binh.controller.open_direct(an.controller.client.user_id, "An")
    direct = binh.controller.session.room
    await until(lambda: binh.controller.session.delivery.ready)
    type_and_send(binh, DIRECT)
    await until(lambda: unread(an, ROOM) == len(IN_THE_ROOM) and unread(an, direct) == 1)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshot.png").resolve()
    QLocale.setDefault(QLocale("vi_VN"))
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    app.setDesktopFileName("messenger")  # (as the app: the launcher badge needs it)
    _install_translations(app)
    with (
        tempfile.TemporaryDirectory() as folder,
        asyncio.Runner(loop_factory=qasync.QEventLoop) as runner,
    ):
        runner.run(asyncio.wait_for(chat(app, out, Path(folder)), 60))
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
