"""The window benchmark: a room with a long history, opened in the real main window.

    python -m bench.window_bench [--messages N] [--rate R] [--seconds S] [--xvfb]

1. Prepares (bulk inserts, big transactions) a host data folder whose history holds
   N messages in room "general", and a user's data folder (settings + client cache)
   holding the same N messages: someone who has been in that busy room for long.
2. Starts a real ``messenger host`` on 127.0.0.1 (any free port, no beacons) on that
   history, then a window process (the real MainWindow, offscreen or under Xvfb)
   that rejoins the last session at start, as the app does. The window process
   reports the time to the first paint of the log showing its newest messages, from
   process start and from window creation, and its RSS.
3. While a load generator (in this process, on one socket) posts R messages/s for S
   seconds through the host, the window scrolls up and down through the history
   (hitting the top, so older pages load). It measures the messages appended per
   second, event-loop stalls (a 5 ms heartbeat timer), and RSS.
4. Prints markdown rows and one JSON line. Fails (exit 1) when a posted message did
   not reach the window exactly once, or the log does not end with it.

Only loopback traffic: the host runs with ``--bind 127.0.0.1 --no-announce``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import socket
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

# The window process runs this module too, and its first paint is timed from process
# start: what only the benchmark's own process uses (compileall, platform, selectors,
# subprocess, tempfile, uuid: ~40 ms) is imported where it is used.

ROOT = Path(__file__).resolve().parent.parent
ROOM = "general"
YOU = "Minh"
PEOPLE = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khoa", "Lan", "Nam", "Phương", YOU]
TEXTS = [
    "Chào cả nhà!",
    "Chiều nay họp lúc 3 giờ ở phòng Hà Nội nhé, nhớ mang báo cáo quý ba 📊",
    "Dạ vâng ạ.",
    "Ai còn giữ bản nháp hợp đồng với bên Đà Nẵng không? Em cần xem lại điều khoản thanh "
    "toán trước khi gửi cho khách, hạn chót là sáng thứ Sáu.",
    "OK 👍",
    "Máy in tầng 2 lại kẹt giấy rồi 😅",
    "Tuần sau mình đi team building ở Vũng Tàu:\n- thứ Bảy 7 giờ xuất phát\n- nhớ mang áo "
    "khoác\n- đăng ký với chị Lan trước thứ Tư",
    "Cảm ơn anh, em nhận được rồi.",
    "Mình ra ngoài ăn trưa, ai đi cùng không? Phở bò hay bún chả?",
    "Bản build mới đã lên máy chủ thử nghiệm, mọi người kiểm tra giúp em phần đăng nhập và "
    "phần báo cáo nhé. Nếu có lỗi thì ghi lại các bước để tái hiện, kèm ảnh chụp màn hình.",
]
SENDER_PREFIX = "bench-window-"
HEARTBEAT_MS = 5
STALL_MS = 50
SCROLL_TICK_MS = 16
SCROLL_STEP_PX = 600
UP_PHASE_S = 2.0
DOWN_PHASE_S = 1.0
FOLLOW_PHASE_S = 1.0
IN_FLIGHT = 200


# -- preparing the data ---------------------------------------------------------------


def _history_rows(count: int, now_ms: int) -> Iterator[tuple[str, int, str, str, str, int, str]]:
    for seq in range(1, count + 1):
        person = PEOPLE[seq * 7 % len(PEOPLE)]
        text = TEXTS[seq * 13 % len(TEXTS)]
        yield (ROOM, seq, f"bench-{person}", f"h{seq}", person, now_ms - (count - seq) * 500, text)


def prepare(folder: Path, count: int) -> dict[str, object]:
    """Writes the host's history and the user's cache, each holding ``count`` messages."""
    from messenger.store import ClientStore, HistoryStore

    started = time.monotonic()
    host_dir, user_dir = folder / "host", folder / "user"
    now_ms = time.time_ns() // 1_000_000
    history_path = host_dir / "history.sqlite3"
    with HistoryStore.open(history_path) as history:  # the host's own schema and host id
        host_id = history.host_id
    ClientStore.open(user_dir / "client.sqlite3").close()  # the app's own schema

    def bulk(path: Path, sql: str, rows: Iterator[tuple[object, ...]]) -> None:
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("PRAGMA journal_mode=DELETE")  # no WAL the size of the file while filling
        db.execute("PRAGMA synchronous=OFF")
        db.execute("BEGIN")
        db.executemany(sql, rows)
        db.execute("COMMIT")
        db.execute("PRAGMA journal_mode=WAL")  # as the app leaves it
        db.close()

    bulk(
        history_path,
        "INSERT INTO messages (room, seq, client, msg_id, sender, ts, text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        _history_rows(count, now_ms),
    )
    bulk(
        user_dir / "client.sqlite3",
        "INSERT INTO messages (host, room, seq, msg_id, sender, ts, text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((host_id, r[0], r[1], r[3], r[4], r[5], r[6]) for r in _history_rows(count, now_ms)),
    )
    return {
        "host_dir": host_dir,
        "user_dir": user_dir,
        "host_id": host_id,
        "prepare_s": time.monotonic() - started,
    }


def write_settings(user_dir: Path, port: int, host_id: str) -> None:
    """The user's settings.ini: a name chosen long ago, and the session to rejoin (whose
    cached room the window shows before it connects)."""
    from PySide6.QtCore import QSettings

    from messenger.ui.app_settings import AppSettings, LastSession

    settings = QSettings(str(user_dir / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("identity/display_name", YOU)
    settings.setValue("identity/client_id", f"bench-{YOU}")
    settings.sync()
    AppSettings(user_dir / "settings.ini").last_session = LastSession(
        "127.0.0.1", port, host_id, YOU
    )


# -- the host ---------------------------------------------------------------------------


class Host:
    """``messenger host`` on 127.0.0.1, any free port, no beacons, on ``data``."""

    def __init__(self, data: Path) -> None:
        import subprocess

        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "messenger",
                "host",
                "--port",
                "0",
                "--bind",
                "127.0.0.1",
                "--no-announce",
                "--no-say-limits",  # (its messages go in faster than people's)
                "--data",
                str(data),
            ],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        )
        assert self.process.stderr is not None
        while True:
            line = self.process.stderr.readline().decode()
            if not line:
                raise RuntimeError("the host did not start")
            if match := re.search(r"listening on TCP port (\d+)", line):
                self.port = int(match.group(1))
                break
        self.process.stderr.close()  # nothing more is read: it must not block on a full pipe

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


# -- the load generator (one sender; copied from bench.loadgen, which may change) -----


def _connect(port: int, name: str) -> socket.socket:
    from bench.tls_members import member_context

    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock = member_context().wrap_socket(sock)  # (the window's host speaks TLS only)
    hello = {"type": "hello", "version": 2, "name": name, "client": f"bench-{name}"}
    sock.sendall((json.dumps(hello) + f'\n{{"type":"join","room":"{ROOM}"}}\n').encode())
    data = b""
    while b'{"type":"joined"' not in data:
        chunk = sock.recv(1 << 16)
        if not chunk:
            raise ConnectionError("the host closed during the join")
        data += chunk
    return sock


def _received(sock: socket.socket) -> list[bytes]:
    """What a readable TLS socket holds now (decrypted records epoll does not see
    included)."""
    import ssl

    chunks = []
    while True:
        try:
            chunk = sock.recv(1 << 20)
        except (BlockingIOError, ssl.SSLWantReadError):
            return chunks
        if not chunk:
            raise ConnectionError("the host closed the load generator's connection")
        chunks.append(chunk)
        if not isinstance(sock, ssl.SSLSocket) or not sock.pending():
            return chunks


def post(port: int, total: int, rate: float, prefix: str) -> dict[str, float]:
    """Posts ``total`` messages at ``rate``/s, at most IN_FLIGHT unacknowledged; returns
    when all are acknowledged."""
    import selectors

    sock = _connect(port, "loadgen")
    selector = selectors.DefaultSelector()
    sock.setblocking(False)
    selector.register(sock, selectors.EVENT_READ)
    sent = acks = 0
    pending = b""
    last_seq = 0
    started = time.monotonic()
    while acks < total:
        timeout = 0.05
        batch = []
        while sent < total and sent - acks < IN_FLIGHT:
            due = started + sent / rate
            if due > time.monotonic():
                timeout = min(timeout, due - time.monotonic())
                break
            text = f"{TEXTS[sent % len(TEXTS)]} #{sent}"
            frame = {"type": "say", "room": ROOM, "id": f"{prefix}{sent}", "text": text}
            batch.append(json.dumps(frame, ensure_ascii=False).encode() + b"\n")
            sent += 1
        if batch:
            sock.setblocking(True)
            sock.sendall(b"".join(batch))
            sock.setblocking(False)
        for _key, _events in selector.select(timeout):
            for chunk in _received(sock):
                data = pending + chunk
                end = data.rfind(b"\n") + 1
                pending = data[end:]
                for line in data[:end].splitlines():
                    if line.startswith(b'{"type":"ack"'):
                        acks += 1
                        last_seq = max(last_seq, int(json.loads(line)["seq"]))
        if time.monotonic() - started > 120 + total / rate:
            raise TimeoutError("the host did not acknowledge everything in time")
    wall = time.monotonic() - started
    selector.close()
    sock.close()
    return {"posted": total, "post_wall_s": wall, "post_rate": total / wall, "last_seq": last_seq}


# -- the window process -----------------------------------------------------------------


def _rss_mib() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MiB."""
    values = {}
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                values[line.split(":")[0]] = int(line.split()[1]) / 1024
    return values["VmRSS"], values["VmHWM"]


def _watch_stalls(beat: dict[str, float]) -> None:
    """Diagnosis (WINDOW_BENCH_STALL_STACKS=1): while the heartbeat is late, samples the
    main thread's Python stack every 2 ms; prints the commonest ones at exit."""
    import atexit
    import collections
    import threading
    import traceback

    main_id = threading.main_thread().ident
    seen: collections.Counter[str] = collections.Counter()

    def sample() -> None:
        while True:
            time.sleep(0.002)
            if time.perf_counter() - beat["last"] > 0.02:
                frame = sys._current_frames().get(main_id or 0)
                if frame is not None:
                    stack = traceback.extract_stack(frame)[-8:]
                    seen[" < ".join(f"{f.name}:{f.lineno}" for f in reversed(stack))] += 1

    threading.Thread(target=sample, daemon=True).start()

    def report() -> None:
        for stack, count in seen.most_common(15):
            print(f"{count:5d} {stack}", file=sys.stderr)

    atexit.register(report)


class PaintedFlag:
    """Set once the log painted its newest messages (no asyncio before that)."""

    def __init__(self) -> None:
        self._set = False

    def set(self) -> None:
        self._set = True

    def is_set(self) -> bool:
        return self._set


def window_process(args: argparse.Namespace) -> int:
    """The user's window: first paint, then scrolling while messages arrive."""
    from messenger.startup_clock import seconds_since_process_start

    os.environ.setdefault("QT_API", "PySide6")
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from messenger.app import _install_look, _install_translations, _log_qt_message, _set_identity
    from messenger.app_paths import data_dir, settings_file
    from messenger.ui.app_settings import AppSettings
    from messenger.ui.main_thread_gc import MainThreadGarbageCollector
    from messenger.ui.main_window import MainWindow
    from messenger.ui.window_config import WindowConfig

    imported_s = seconds_since_process_start()
    user_dir = Path(args.window)
    expected, prefix = args.expect, args.prefix
    report: dict[str, object] = {"imports_done_ms": imported_s * 1000}

    def emit(kind: str, **fields: object) -> None:
        print(json.dumps({"event": kind, **fields}), flush=True)

    qInstallMessageHandler(_log_qt_message)
    app = QApplication(sys.argv[:1])
    MainThreadGarbageCollector(app)  # as the app does
    _set_identity(app)
    _install_translations(app)
    _install_look(app)

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:  # discovery: any port
        probe.bind(("127.0.0.1", 0))
        discovery_port = int(probe.getsockname()[1])
    config = WindowConfig(data_dir=data_dir(user_dir), host_port=0, discovery_port=discovery_port)
    settings = AppSettings(settings_file(user_dir), app)
    window_created = seconds_since_process_start()
    window = MainWindow(config, settings)
    app.setQuitOnLastWindowClosed(False)
    view, model = window.log_view, window.log_model
    painted = PaintedFlag()

    def newest_in_sight() -> bool:
        rows = model.rowCount()
        if rows == 0:
            return False
        last = view.visualRect(model.index(rows - 1, 0))
        return last.isValid() and view.viewport().rect().intersects(last)

    class PaintWatcher(QObject):
        def __init__(self) -> None:
            super().__init__(view)
            self.window_paint: float | None = None
            self.log_painted_at: float | None = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                if self.window_paint is None:
                    self.window_paint = seconds_since_process_start()
                if not painted.is_set() and watched is view.viewport() and newest_in_sight():
                    QTimer.singleShot(0, self.log_painted)
                    painted.set()
            return False

        def note_time(self) -> None:
            """The first paint's events were processed: its time (the report follows)."""
            if painted.is_set() and self.log_painted_at is None:
                self.log_painted_at = seconds_since_process_start()

        def log_painted(self) -> None:
            self.note_time()
            at = self.log_painted_at or seconds_since_process_start()
            rss, _peak = _rss_mib()
            report.update(
                first_paint_from_start_ms=at * 1000,
                first_paint_from_window_ms=(at - window_created) * 1000,
                window_first_paint_ms=(self.window_paint or at) * 1000,
                rows_at_first_paint=model.rowCount(),
                rss_after_first_paint_mib=rss,
            )

    watcher = PaintWatcher()
    window.installEventFilter(watcher)
    view.viewport().installEventFilter(watcher)
    window.show()  # as the app does: the first paint before the network layer loads
    app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    watcher.note_time()
    window.start()

    import asyncio

    import qasync

    async def scenario() -> int:
        deadline = time.monotonic() + 30
        while not painted.is_set():  # (at once, unless the first paint came late)
            if time.monotonic() > deadline:
                raise TimeoutError("the log never painted its newest messages")
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.3)  # let the start settle (discovery, the join's replies)

        # -- appending while scrolling ------------------------------------------------
        received: dict[str, int] = {}
        inserted: dict[str, int] = {}
        times: list[float] = []

        def on_message(message: object) -> None:
            key = message.id  # type: ignore[attr-defined]
            if key.startswith(prefix):
                received[key] = received.get(key, 0) + 1
                times.append(time.perf_counter())

        def on_rows(_parent: object, first: int, last: int) -> None:
            for row in range(first, last + 1):
                key = model.entry(row).key
                if key.startswith(prefix):
                    inserted[key] = inserted.get(key, 0) + 1

        window.controller.session.message_received.connect(on_message)
        model.rowsInserted.connect(on_rows)

        gaps: list[float] = []
        gap_cpu: list[float] = []  # the window thread's CPU time during each gap
        beat = {"last": time.perf_counter(), "cpu": time.thread_time()}

        def heartbeat() -> None:
            now, cpu = time.perf_counter(), time.thread_time()
            gaps.append(now - beat["last"])
            gap_cpu.append(cpu - beat["cpu"])
            beat["last"], beat["cpu"] = now, cpu

        bar = view.verticalScrollBar()
        loads = {"older": 0, "newer": 0, "newest": 0}
        model.older_requested.connect(lambda _seq: loads.__setitem__("older", loads["older"] + 1))
        model.newer_requested.connect(lambda _seq: loads.__setitem__("newer", loads["newer"] + 1))
        model.newest_requested.connect(lambda: loads.__setitem__("newest", loads["newest"] + 1))
        scroll = {"phase": "up", "since": time.perf_counter()}

        def scroll_tick() -> None:
            # up through the history (older pages load at the top), down a while (newer
            # pages load at the bottom), then Ctrl+End: follow the newest for a while
            now = time.perf_counter()
            phase, elapsed = scroll["phase"], now - scroll["since"]
            if phase == "up":
                bar.setValue(bar.value() - SCROLL_STEP_PX)
                if elapsed > UP_PHASE_S:
                    scroll.update(phase="down", since=now)
            elif phase == "down":
                bar.setValue(bar.value() + SCROLL_STEP_PX)
                if elapsed > DOWN_PHASE_S:
                    view.scroll_to_newest()
                    scroll.update(phase="follow", since=now)
            elif elapsed > FOLLOW_PHASE_S:
                scroll.update(phase="up", since=now)

        if os.environ.get("WINDOW_BENCH_STALL_STACKS"):
            _watch_stalls(beat)
        heart = QTimer(app)
        heart.setTimerType(Qt.TimerType.PreciseTimer)
        heart.setInterval(HEARTBEAT_MS)
        heart.timeout.connect(heartbeat)
        scroller = QTimer(app)
        scroller.setTimerType(Qt.TimerType.PreciseTimer)
        scroller.setInterval(SCROLL_TICK_MS)
        scroller.timeout.connect(scroll_tick)
        beat["last"] = time.perf_counter()
        cpu_before, wall_before = time.process_time(), time.perf_counter()
        heart.start()
        scroller.start()
        emit("ready", port_hint=window.controller.client.port)
        deadline = time.monotonic() + args.timeout
        while len(received) < expected and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        scroller.stop()
        heart.stop()
        cpu_share = (time.process_time() - cpu_before) / (time.perf_counter() - wall_before)
        rss_end, _ = _rss_mib()

        # -- back to the newest message: the log must end with the last one posted ----
        view.scroll_to_newest()
        settle = time.monotonic() + 10
        while time.monotonic() < settle:
            await asyncio.sleep(0.05)
            model.flush()
            if view.at_bottom() and not model.has_newer():
                bar.setValue(bar.maximum())
                rows = model.rowCount()
                if rows and model.entry(rows - 1).key == f"{prefix}{expected - 1}":
                    break
            else:
                bar.setValue(bar.maximum())
        rows = model.rowCount()
        seqs = [model.entry(r).seq for r in range(rows)]
        tail_key = model.entry(rows - 1).key if rows else ""
        rss_final, peak = _rss_mib()
        span = times[-1] - times[0] if len(times) > 1 else 0.0
        report.update(
            received=len(received),
            received_twice=sum(1 for n in received.values() if n > 1),
            inserted=len(inserted),
            inserted_twice_max=max(inserted.values(), default=0),
            append_rate=(len(times) - 1) / span if span else 0.0,
            append_span_s=span,
            longest_stall_ms=max(gaps, default=0.0) * 1000,
            stalls_over_50ms=sum(1 for g in gaps if g * 1000 > STALL_MS),
            # of those, the ones where the window's thread itself ran over 50 ms (the
            # others waited for a core: host, sender and window share 2 cores)
            stalls_over_50ms_busy=sum(
                1
                for g, c in zip(gaps, gap_cpu, strict=True)
                if g * 1000 > STALL_MS and c * 1000 > STALL_MS
            ),
            longest_stall_cpu_ms=max(
                (c for g, c in zip(gaps, gap_cpu, strict=True) if g == max(gaps)), default=0.0
            )
            * 1000,
            heartbeats=len(gaps),
            older_pages=loads["older"],
            newer_pages=loads["newer"],
            jumps_to_newest=loads["newest"],
            rows_at_end=rows,
            log_contiguous=all(
                a is not None and b is not None and b == a + 1 for a, b in itertools.pairwise(seqs)
            ),
            log_ends_with_last=tail_key == f"{prefix}{expected - 1}",
            window_cpu=cpu_share,
            rss_during_mib=rss_end,
            rss_end_mib=rss_final,
            rss_peak_mib=peak,
        )
        emit("result", **report)
        closed = asyncio.Event()
        app.lastWindowClosed.connect(closed.set)
        window.close()
        await asyncio.wait_for(closed.wait(), 5)
        window.deleteLater()
        return 0

    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        return runner.run(scenario())


# -- the driver -------------------------------------------------------------------------


def run(messages: int, rate: float, seconds: float, xvfb: bool, keep: Path | None) -> dict:
    import compileall
    import subprocess
    import tempfile
    import uuid

    # An installed app starts from compiled bytecode (pip and PyInstaller compile it);
    # here PYTHONDONTWRITEBYTECODE may be set, which would compile every module of the
    # app again at each start (~50 ms): compile them once, as an install does.
    compileall.compile_dir(ROOT / "messenger", quiet=1)
    compileall.compile_dir(ROOT / "bench", quiet=1)  # (the window process runs this module)
    with tempfile.TemporaryDirectory(prefix="window-bench-") as scratch:
        folder = keep or Path(scratch)
        prepared = prepare(folder, messages)
        host = Host(prepared["host_dir"])  # type: ignore[arg-type]
        window: subprocess.Popen[str] | None = None
        try:
            user_dir: Path = prepared["user_dir"]  # type: ignore[assignment]
            write_settings(user_dir, host.port, str(prepared["host_id"]))
            total = int(rate * seconds)
            prefix = f"{SENDER_PREFIX}{uuid.uuid4().hex[:6]}-"
            command = [
                sys.executable,
                "-m",
                "bench.window_bench",
                "--window",
                str(user_dir),
                "--expect",
                str(total),
                "--prefix",
                prefix,
                "--timeout",
                str(seconds + 60),
            ]
            env = dict(os.environ, MESSENGER_ANNOUNCE_TO="127.255.255.255")
            if xvfb:
                command = ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", *command]
                env.pop("QT_QPA_PLATFORM", None)
            else:
                env["QT_QPA_PLATFORM"] = "offscreen"
            window = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
            assert window.stdout is not None
            events: dict[str, dict] = {}
            for line in window.stdout:
                if not line.startswith('{"event"'):
                    continue
                event = json.loads(line)
                events[event["event"]] = event
                if event["event"] == "ready":
                    events["post"] = post(host.port, total, rate, prefix)
            if window.wait(timeout=60) != 0 or "result" not in events:
                raise RuntimeError("the window process failed")
            result = {
                "messages": messages,
                "platform": "xvfb" if xvfb else "offscreen",
                "rate_asked": rate,
                "prepare_s": prepared["prepare_s"],
                **events["post"],
                **{k: v for k, v in events["result"].items() if k != "event"},
            }
        finally:
            if window is not None and window.poll() is None:
                window.kill()
                window.wait()
            host.stop()
        cache = sqlite3.connect(user_dir / "client.sqlite3")
        count, top = cache.execute(
            "SELECT COUNT(*), MAX(seq) FROM messages WHERE room=?", (ROOM,)
        ).fetchone()
        cache.close()
        result["cache_rows"] = count
        result["cache_complete"] = count == top == messages + total
        return result


def table(r: dict) -> str:
    return "\n".join(
        [
            "| messages in room | first paint from process start | from window creation | "
            "RSS after first paint | RSS peak | append rate while scrolling | longest stall | "
            "stalls > 50 ms |",
            "|---|---|---|---|---|---|---|---|",
            f"| {r['messages']:,} | {r['first_paint_from_start_ms']:.0f} ms | "
            f"{r['first_paint_from_window_ms']:.0f} ms | "
            f"{r['rss_after_first_paint_mib']:.0f} MiB | "
            f"{r['rss_peak_mib']:.0f} MiB | {r['append_rate']:,.0f} msg/s "
            f"({r['received']:,} posted at {r['rate_asked']:,.0f}/s) | "
            f"{r['longest_stall_ms']:.0f} ms ({r['longest_stall_cpu_ms']:.0f} ms of it running) | "
            f"{r['stalls_over_50ms']} ({r['stalls_over_50ms_busy']} running over 50 ms) |",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    import platform

    parser = argparse.ArgumentParser(prog="python -m bench.window_bench", description=__doc__)
    parser.add_argument("--messages", type=int, default=1_000_000, help="history size")
    parser.add_argument("--rate", type=float, default=3_000, help="messages posted per second")
    parser.add_argument("--seconds", type=float, default=10, help="how long to post")
    parser.add_argument("--xvfb", action="store_true", help="a real window under Xvfb")
    parser.add_argument("--keep", type=Path, help="prepare the data in this (empty) folder")
    parser.add_argument("--window", help=argparse.SUPPRESS)  # the window process
    parser.add_argument("--expect", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--prefix", help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=120, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.window:
        return window_process(args)
    result = run(args.messages, args.rate, args.seconds, args.xvfb, args.keep)
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; window: {result['platform']}"
    )
    print(table(result))
    print(json.dumps(result))
    ok = (
        result["received"] == result["posted"]
        and result["received_twice"] == 0
        and result["log_ends_with_last"]
        and result["log_contiguous"]
        and result["cache_complete"]
    )
    if not ok:
        print("FAILED: a posted message did not reach the window exactly once", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
