"""The conversations benchmark: the real window with many conversations, a few of them
very long.

    python -m bench.conversations_bench [--conversations N] [--messages M] [--switches S]
                                         [--burst B]

1. Prepares (bench.conversations_data) a host history and a user's folder with N
   conversations (200), three of them holding M messages each (1,000,000), the others
   30, a few unread in each; the user is a member of all of them.
2. Starts a real ``messenger host`` on 127.0.0.1 on that history, a private D-Bus
   session bus with a notification service (the tests' own), then the window (the
   real MainWindow, offscreen), which rejoins the last session at start as the app
   does: it is welcomed into the N rooms and joins each.
3. Switches S times between the big conversations and times each, from the switch
   call to the next frame of the log painted (showing that conversation's newest
   messages).
4. Then a load generator (in this process, over TLS) posts B messages as fast as the
   host takes them, spread over 60 conversations, one in five mentioning the user
   (so notifications, badges, the tray and the title all follow), while a 1 ms timer
   in the window records the longest gap in its event loop.

Prints a markdown table and one JSON line. Fails (exit 1) when a room was not joined
or a posted message did not reach the window.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

ROOT = Path(__file__).resolve().parent.parent
BURST_ROOMS = 60
"""Conversations the burst is spread over (the sender joins them: within the host's
burst of joins)."""
PROBE_MS = 1
STALL_MS = 16
SETTLE_S = 0.5


def emit(kind: str, **fields: object) -> None:
    print(json.dumps({"event": kind, **fields}), flush=True)


# -- the window process -----------------------------------------------------------------


def window_process(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from messenger.app import _install_look, _install_translations, _log_qt_message, _set_identity
    from messenger.app_paths import data_dir, settings_file
    from messenger.ui.app_settings import AppSettings
    from messenger.ui.main_thread_gc import MainThreadGarbageCollector
    from messenger.ui.main_window import MainWindow
    from messenger.ui.window_config import WindowConfig

    trace = None
    if os.environ.get("CONVERSATIONS_BENCH_TRACE"):
        from bench import turn_trace as trace

        trace.install()
    qInstallMessageHandler(_log_qt_message)
    app = QApplication(sys.argv[:1])
    MainThreadGarbageCollector(app)
    _set_identity(app)
    _install_translations(app)
    _install_look(app)
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        discovery_port = int(probe.getsockname()[1])
    user_dir = Path(args.window)
    config = WindowConfig(data_dir=data_dir(user_dir), host_port=0, discovery_port=discovery_port)
    window = MainWindow(config, AppSettings(settings_file(user_dir), app))
    app.setQuitOnLastWindowClosed(False)
    view = window.log_view
    big_rooms: list[str] = args.big.split(",")
    started = time.perf_counter()

    class PaintWatcher(QObject):
        """The time of the log's next paint (once its paint event was handled)."""

        def __init__(self) -> None:
            super().__init__(view)
            self.waiting = False
            self.painted_at: float | None = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.waiting:
                self.waiting = False
                QTimer.singleShot(0, self.note)
            return False

        def note(self) -> None:
            self.painted_at = time.perf_counter()

    watcher = PaintWatcher()
    view.viewport().installEventFilter(watcher)
    window.show()
    app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    window.start()
    controller = window.controller
    joined: set[str] = set()
    controller.client.joined.connect(lambda j: joined.add(j.room))

    import asyncio

    import qasync

    def newest_in_sight() -> bool:
        model = view.model()
        rows = model.rowCount()
        if rows == 0:
            return False
        last = view.visualRect(model.index(rows - 1, 0))
        return last.isValid() and view.viewport().rect().intersects(last)

    async def switch(room: str) -> float:
        watcher.painted_at = None
        watcher.waiting = True
        before = time.perf_counter()
        controller.show_conversation(room)
        deadline = time.monotonic() + 10
        while watcher.painted_at is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no paint after switching to {room}")
            await asyncio.sleep(0.001)
        if view.model() is not controller.feeds[room].model or not newest_in_sight():
            model = view.model()
            raise RuntimeError(
                f"{room}: the log does not show its newest messages "
                f"({model.rowCount()} rows, joined {room in joined})"
            )
        return (watcher.painted_at - before) * 1000

    async def scenario() -> int:
        deadline = time.monotonic() + args.timeout
        while len(joined) < args.conversations and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        joined_s = time.perf_counter() - started
        await asyncio.sleep(SETTLE_S)
        report: dict[str, object] = {
            "conversations_open": len(controller.conversations),
            "rooms_joined": len(joined),
            "all_joined_s": joined_s,
            "sidebar_rows": window.conversation_model.rowCount(),
            "unread_at_start": window.conversation_model.total_unread(),
        }
        emit("joined", **report)
        times = []
        for number in range(args.switches):
            times.append(await switch(big_rooms[number % len(big_rooms)]))
            await asyncio.sleep(0.05)
        report["switch_ms"] = times
        await switch("general")

        # -- bursts: a 1 ms timer records the gaps in the event loop --------------------
        received = {"count": 0, "prefix": args.prefix}

        def on_message(message: object) -> None:
            if message.id.startswith(received["prefix"]):  # type: ignore[attr-defined]
                received["count"] += 1

        controller.client.message_received.connect(on_message)
        gaps: list[tuple[float, float]] = []  # (wall, the window thread's CPU) of each
        beat = {"last": time.perf_counter(), "cpu": time.thread_time()}

        def tick() -> None:
            now, cpu = time.perf_counter(), time.thread_time()
            gaps.append((now - beat["last"], cpu - beat["cpu"]))
            if trace is not None:
                trace.tick(now - beat["last"], cpu - beat["cpu"])
            beat["last"], beat["cpu"] = now, cpu

        if os.environ.get("WINDOW_BENCH_STALL_STACKS"):
            from bench.window_bench import _watch_stalls

            _watch_stalls(beat)
        probe = QTimer(app)
        probe.setTimerType(Qt.TimerType.PreciseTimer)
        probe.setInterval(PROBE_MS)
        probe.timeout.connect(tick)
        bursts = []
        for number in range(args.bursts):
            received.update(count=0, prefix=f"{args.prefix}{number}-")
            gaps.clear()
            beat.update(last=time.perf_counter(), cpu=time.thread_time())
            probe.start()
            emit("ready", prefix=received["prefix"])
            deadline = time.monotonic() + args.timeout
            while received["count"] < args.burst and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            await asyncio.sleep(SETTLE_S)  # (what the arrivals set off: badges, notices)
            probe.stop()
            longest = max(gaps, default=(0.0, 0.0))
            bursts.append(
                {
                    "received": received["count"],
                    "longest_gap_ms": longest[0] * 1000,
                    "its_cpu_ms": longest[1] * 1000,
                    "longest_running_ms": max((c for _g, c in gaps), default=0.0) * 1000,
                    "over_16ms": sum(1 for g, _c in gaps if g * 1000 > STALL_MS),
                    "running_over_16ms": sum(1 for _g, c in gaps if c * 1000 > STALL_MS),
                }
            )
        report.update(
            bursts=bursts,
            unread_after=window.conversation_model.total_unread(),
            title=window.windowTitle(),
        )
        emit("result", **report)
        if trace is not None:
            trace.report()
        closed = asyncio.Event()
        app.lastWindowClosed.connect(closed.set)
        window.close()
        await asyncio.wait_for(closed.wait(), 10)
        await window.app.finish()
        window.deleteLater()
        return 0

    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        return runner.run(scenario())


# -- the load generator -------------------------------------------------------------------


def post_burst(port: int, rooms: list[str], total: int, prefix: str) -> dict[str, float]:
    """Joins ``rooms`` and posts ``total`` messages over them, round robin, as fast as
    the host acknowledges them (at most 200 in flight)."""
    import selectors
    import socket

    from bench.tls_members import member_context
    from bench.window_bench import TEXTS, YOU, _received

    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock = member_context().wrap_socket(sock)
    hello = {"type": "hello", "version": 2, "name": "burst", "client": "bench-burst"}
    joins = "".join(json.dumps({"type": "join", "room": room}) + "\n" for room in rooms)
    sock.sendall((json.dumps(hello) + "\n" + joins).encode())
    data, joined = b"", 0
    while joined < len(rooms):
        chunk = sock.recv(1 << 16)
        if not chunk:
            raise ConnectionError("the host closed during the joins")
        data += chunk
        joined = data.count(b'{"type":"joined"')
    selector = selectors.DefaultSelector()
    sock.setblocking(False)
    selector.register(sock, selectors.EVENT_READ)
    sent = acks = 0
    pending = b""
    started = time.monotonic()
    while acks < total:
        batch = []
        while sent < total and sent - acks < 200:
            mention = f"@{YOU} " if sent % 5 == 0 else ""
            text = f"{mention}{TEXTS[sent % len(TEXTS)]} #{sent}"
            frame = {"type": "say", "room": rooms[sent % len(rooms)], "id": f"{prefix}{sent}"}
            frame["text"] = text
            batch.append(json.dumps(frame, ensure_ascii=False).encode() + b"\n")
            sent += 1
        if batch:
            sock.setblocking(True)
            sock.sendall(b"".join(batch))
            sock.setblocking(False)
        for _key, _events in selector.select(0.05):
            for chunk in _received(sock):
                data = pending + chunk
                end = data.rfind(b"\n") + 1
                pending = data[end:]
                acks += sum(
                    1 for line in data[:end].splitlines() if line.startswith(b'{"type":"ack"')
                )
        if time.monotonic() - started > 120:
            raise TimeoutError("the host did not acknowledge the burst in time")
    wall = time.monotonic() - started
    selector.close()
    sock.close()
    return {"posted": total, "post_wall_s": wall}


# -- the driver ---------------------------------------------------------------------------


class SessionBus:
    """A private D-Bus session bus with the tests' notification service on it."""

    def __init__(self, folder: Path) -> None:
        import subprocess

        self.daemon = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.daemon.stdout is not None
        self.address = self.daemon.stdout.readline().strip()
        self.log = open(folder / "notifications.jsonl", "w")  # noqa: SIM115
        self.service = subprocess.Popen(
            [sys.executable, "-m", "tests.tools.notification_service", self.address],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=self.log,
            text=True,
        )
        self.path = folder / "notifications.jsonl"
        deadline = time.monotonic() + 10
        while "ready" not in self.path.read_text() and time.monotonic() < deadline:
            time.sleep(0.02)

    def notify_calls(self) -> int:
        lines = self.path.read_text().splitlines()
        return sum(1 for line in lines if json.loads(line).get("call") == "Notify")

    def stop(self) -> None:
        assert self.service.stdin is not None
        self.service.stdin.close()
        self.service.wait(timeout=10)
        self.log.close()
        self.daemon.terminate()
        self.daemon.wait(timeout=10)


def run(
    conversations: int, messages: int, switches: int, burst: int, bursts: int
) -> dict[str, object]:
    import compileall
    import subprocess
    import tempfile

    from bench.conversations_data import prepare
    from bench.window_bench import Host, write_settings

    compileall.compile_dir(ROOT / "messenger", quiet=1)
    with tempfile.TemporaryDirectory(prefix="conversations-bench-") as scratch:
        prepared = prepare(Path(scratch), conversations, 3, messages)
        user_dir = Path(str(prepared["user_dir"]))
        host = Host(Path(str(prepared["host_dir"])))
        bus = SessionBus(Path(scratch))
        window: subprocess.Popen[str] | None = None
        try:
            write_settings(user_dir, host.port, str(prepared["host_id"]))
            prefix = "bench-burst-"
            big_rooms: list[str] = prepared["big_rooms"]  # type: ignore[assignment]
            small: list[str] = prepared["small_rooms"]  # type: ignore[assignment]
            command = [
                sys.executable,
                "-m",
                "bench.conversations_bench",
                "--window",
                str(user_dir),
                "--big",
                ",".join(big_rooms),
                "--conversations",
                str(conversations),
                "--switches",
                str(switches),
                "--burst",
                str(burst),
                "--bursts",
                str(bursts),
                "--prefix",
                prefix,
            ]
            env = dict(
                os.environ,
                QT_QPA_PLATFORM="offscreen",
                MESSENGER_ANNOUNCE_TO="127.255.255.255",
                DBUS_SESSION_BUS_ADDRESS=bus.address,
            )
            window = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
            assert window.stdout is not None
            events: dict[str, dict] = {}
            for line in window.stdout:
                if not line.startswith('{"event"'):
                    continue
                event = json.loads(line)
                events[event["event"]] = event
                if event["event"] == "ready":
                    events["post"] = post_burst(
                        host.port, small[1 : BURST_ROOMS + 1], burst, event["prefix"]
                    )
            if window.wait(timeout=60) != 0 or "result" not in events:
                raise RuntimeError("the window process failed")
            notifies = bus.notify_calls()
        finally:
            if window is not None and window.poll() is None:
                window.kill()
                window.wait()
            host.stop()
            bus.stop()
    result = {k: v for k, v in events["result"].items() if k != "event"}
    switch_ms: list[float] = result.pop("switch_ms")  # type: ignore[assignment]
    ordered = sorted(switch_ms)
    each: list[dict[str, float]] = result["bursts"]  # type: ignore[assignment]
    longest = [b["longest_gap_ms"] for b in each]
    result.update(
        burst_received=min(b["received"] for b in each),
        burst_longest_gap_median_ms=statistics.median(longest),
        burst_longest_gap_max_ms=max(longest),
        burst_longest_running_max_ms=max(b["longest_running_ms"] for b in each),
        burst_over_16ms=sum(b["over_16ms"] for b in each),
        burst_running_over_16ms=sum(b["running_over_16ms"] for b in each),
        conversations=conversations,
        messages_in_big=messages,
        prepare_s=prepared["prepare_s"],
        switches=len(switch_ms),
        switch_median_ms=statistics.median(switch_ms),
        switch_p95_ms=ordered[max(0, round(0.95 * len(ordered)) - 1)],
        switch_max_ms=ordered[-1],
        switch_all_ms=[round(t, 1) for t in switch_ms],
        notify_calls=notifies,
        **events["post"],
    )
    return result


def table(r: dict) -> str:
    return "\n".join(
        [
            "| conversations (3 of them with) | rooms joined | switch → next frame painted: "
            "median / p95 / max | bursts | longest event-loop gap, median / max of the bursts | "
            "longest the window ran in a gap | gaps > 16 ms (the window running > 16 ms) | "
            "D-Bus Notify calls |",
            "|---|---|---|---|---|---|---|---|",
            f"| {r['conversations']} ({r['messages_in_big']:,} messages) | "
            f"{r['rooms_joined']} in {r['all_joined_s']:.1f} s | "
            f"{r['switch_median_ms']:.1f} / {r['switch_p95_ms']:.1f} / {r['switch_max_ms']:.1f} ms "
            f"({r['switches']} switches) | {len(r['bursts'])} x {r['burst_received']:,} "
            f"messages over {BURST_ROOMS} conversations (the last posted in "
            f"{r['post_wall_s']:.2f} s) | {r['burst_longest_gap_median_ms']:.1f} / "
            f"{r['burst_longest_gap_max_ms']:.1f} ms | {r['burst_longest_running_max_ms']:.1f} ms "
            f"| {r['burst_over_16ms']} ({r['burst_running_over_16ms']}) | "
            f"{r['notify_calls']} |",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    import platform

    parser = argparse.ArgumentParser(
        prog="python -m bench.conversations_bench", description=__doc__
    )
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--messages", type=int, default=1_000_000, help="in each big one")
    parser.add_argument("--switches", type=int, default=30)
    parser.add_argument("--burst", type=int, default=3_000, help="messages posted at once")
    parser.add_argument("--bursts", type=int, default=5, help="bursts, one after the other")
    parser.add_argument("--window", help=argparse.SUPPRESS)
    parser.add_argument("--big", help=argparse.SUPPRESS)
    parser.add_argument("--prefix", help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=60, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.window:
        return window_process(args)
    result = run(args.conversations, args.messages, args.switches, args.burst, args.bursts)
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores; window: offscreen")
    print(table(result))
    print(json.dumps(result))
    ok = result["rooms_joined"] == args.conversations and result["burst_received"] == args.burst
    if not ok:
        print("FAILED: a room was not joined, or a message did not arrive", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
