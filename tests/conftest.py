"""Shared fixtures: offscreen Qt, a qasync loop that fails tests on stray errors.

Every test runs with QT_QPA_PLATFORM=offscreen and with discovery beacons pointed at
loopback (MESSENGER_ANNOUNCE_TO), so no test can send to the real LAN.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["MESSENGER_ANNOUNCE_TO"] = "127.255.255.255"
os.environ.setdefault("QT_API", "PySide6")

import PySide6.QtWidgets  # noqa: F401  (PySide6 before qasync)
import pytest
import qasync
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

T = TypeVar("T")


@pytest.fixture
def loop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync event loop on the test's QApplication.

    Any exception that reaches the loop's exception handler (an unhandled error in a
    task or callback) fails the test at teardown.
    """
    event_loop = qasync.QEventLoop(qapp, already_running=False)
    errors: list[dict[str, Any]] = []

    def on_error(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        errors.append(context)

    event_loop.set_exception_handler(on_error)
    asyncio.set_event_loop(event_loop)
    yield event_loop
    pending = [t for t in asyncio.all_tasks(event_loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        event_loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    event_loop.run_until_complete(event_loop.shutdown_asyncgens())
    event_loop.close()
    _release_qt_timers(event_loop)
    asyncio.set_event_loop(None)
    assert not pending, f"tasks left running: {pending}"
    assert not errors, f"unhandled errors in the event loop: {errors}"


def _release_qt_timers(event_loop: Any) -> None:
    """Unregisters the Qt timers a closed qasync loop still holds.

    qasync starts one Qt timer per ``call_later`` and kills it only when it fires, even
    when the handle was cancelled or the loop closed (a 10 s ``wait_for`` timeout, a
    ping): a closed test loop keeps timers registered for seconds. When the loop was
    later freed in the middle of another test, Qt fired one of them at the freed
    object (a segfault in ``QTimerInfoList::activateTimers`` in about half the full
    runs, in the test that followed a loop with such timers)."""
    timer = event_loop._timer
    callbacks = timer._SimpleTimer__callbacks
    for timer_id in list(callbacks):
        timer.killTimer(timer_id)
    callbacks.clear()


@pytest.fixture
def run(loop: asyncio.AbstractEventLoop) -> Callable[..., Any]:
    """Runs a coroutine to completion on the qasync loop, with a timeout (default 10 s)."""

    def runner(awaitable: Awaitable[T], timeout: float = 10.0) -> T:
        return loop.run_until_complete(asyncio.wait_for(awaitable, timeout))

    return runner


@pytest.fixture(autouse=True)
def _no_leaked_sockets(qapp: Any) -> Iterator[None]:
    """Fails a test that leaves any socket made by messenger.net open."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from messenger.net.sockets import open_sockets

    yield
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    leaked = open_sockets()
    for socket in leaked:
        socket.abort()
    assert not leaked, f"sockets left open: {leaked}"


@pytest.fixture
def clients(loop: asyncio.AbstractEventLoop) -> Iterator[list[Any]]:
    """A list the test appends its WireClients to; all are closed at teardown."""
    opened: list[Any] = []
    yield opened
    for client in opened:
        loop.run_until_complete(client.close())


@pytest.fixture
def standalone_host(make_host: Callable[..., Any]) -> Any:
    """A host on 127.0.0.1 (any free port, no beacons), stopped at teardown."""
    return make_host()


@pytest.fixture
def make_host(qtbot, tmp_path: Any) -> Iterator[Callable[..., Any]]:
    """Starts hosts like ``standalone_host``, with more HostConfig fields (admission,
    password, ...), each in its own data folder; all stopped at teardown."""
    from messenger.host import HostConfig, HostService
    from tests.identities import device_identity

    started: list[Any] = []

    def starter(**options: Any) -> Any:
        host = HostService(
            HostConfig(
                data_dir=tmp_path / f"standalone{len(started) or ''}",
                session_name="Kho Hà Nội",
                port=0,
                bind_address="127.0.0.1",
                announce=False,
                identity=device_identity(100),
                **options,
            )
        )
        host.start()
        started.append(host)
        return host

    yield starter
    for host in started:
        if host.running:
            with qtbot.waitSignal(host.stopped):
                host.stop()
        host.deleteLater()


def _installed_catalogue(folder: Path, locale: QLocale) -> Iterator[QLocale]:
    """The app's catalogue for ``locale`` compiled into ``folder`` and installed, and the
    default locale ``locale``, until the generator is closed."""
    language = locale.name().partition("_")[0]
    qm = folder / f"messenger_{language}.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    ts = Path(__file__).resolve().parent.parent / "resources" / "translations" / qm.name
    ts = ts.with_suffix(".ts")
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60)
    translator = QTranslator()
    assert translator.load(locale, "messenger", "_", str(folder))
    QCoreApplication.installTranslator(translator)
    before = QLocale()
    QLocale.setDefault(locale)
    yield locale
    QLocale.setDefault(before)
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def vietnamese(tmp_path: Path) -> Iterator[QLocale]:
    """The Vietnamese catalogue installed and the default locale Vietnamese."""
    yield from _installed_catalogue(
        tmp_path, QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
    )


@pytest.fixture
def english(tmp_path: Path) -> Iterator[QLocale]:
    """The English catalogue (the plurals' two forms) installed, the locale English."""
    yield from _installed_catalogue(
        tmp_path, QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
