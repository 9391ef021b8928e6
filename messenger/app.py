"""Entry point: parses the command line, then runs the window or the headless host.

asyncio and qasync are imported only once the window has painted (they take ~100 ms
to import): the window and what it shows first need Qt alone.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from .startup_clock import seconds_since_process_start

os.environ.setdefault("QT_API", "PySide6")

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from . import __version__
from .app_paths import data_dir, resources_dir, settings_file
from .cli import build_parser
from .core.log_text import make_logs_printable

if TYPE_CHECKING:
    from .net.single_instance import SingleInstance
    from .ui.main_window import MainWindow

APP_NAME = "Messenger"


_QT_NOISE = (
    "This plugin does not support propagateSizeHints",  # offscreen platform
    "This plugin does not support raise",  # offscreen platform
    "This plugin does not support grabbing",  # offscreen platform (popups)
    'Detected locale "C"',  # Qt switches to C.UTF-8 by itself; nothing for the user to do
)
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _log_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Sends Qt's own messages to logging, minus known harmless platform noise."""
    if not message.startswith(_QT_NOISE):
        logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def _set_identity(app: QCoreApplication) -> None:
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)


def _install_translations(app: QCoreApplication, language: str = "") -> list[QTranslator]:
    """Installs our catalogues and Qt's for ``language``: '' the system's (QLocale()),
    "vi" Vietnamese whatever the system's, "en" English. The texts in the code are
    English but for plurals ("%n member(s)"), whose English forms come from
    messenger_en, installed first whatever the language (a catalogue installed later
    wins; a language we have no catalogue for shows English, plurals included).
    Returns the translators installed."""
    folder = str(resources_dir() / "translations")
    installed = []
    english = QTranslator(app)
    if english.load("messenger_en", folder):
        installed.append(english)
    if language != "en":
        installed.extend(_local_translators(app, language, folder))
    for translator in installed:
        app.installTranslator(translator)
    return installed


def _local_translators(app: QCoreApplication, language: str, folder: str) -> list[QTranslator]:
    """Our catalogue and Qt's for ``language`` ('' the system's, "vi"), loaded."""
    locale = (
        QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
        if language == "vi"
        else QLocale()
    )
    loaded = []
    ours = QTranslator(app)
    if ours.load(locale, "messenger", "_", folder):
        loaded.append(ours)
    qt = QTranslator(app)  # Qt's own texts: Qt's catalogue, else ours (no qtbase_vi in Qt)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(locale, "qtbase", "_", qt_dir) or qt.load(locale, "qtbase", "_", folder):
        loaded.append(qt)
    return loaded


def _chosen_language(args: argparse.Namespace) -> str:
    """The language chosen in the settings ('': the system's)."""
    from .ui.app_settings import AppSettings

    return AppSettings(settings_file(args.data)).language


def _install_look(app: QApplication) -> None:
    """The window icon, and the bundled fonts (DejaVu Sans: every Vietnamese letter)."""
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "messenger.png")))
    app.setDesktopFileName("messenger")
    for font in sorted((resources_dir() / "fonts").glob("*.ttf")):
        if QFontDatabase.addApplicationFont(str(font)) < 0:
            logging.getLogger(__name__).warning("cannot load the font %s", font)


def _vietnamese_font_missing() -> bool:
    return not QFontDatabase.families(QFontDatabase.WritingSystem.Vietnamese)


class _FirstPaintWatcher(QObject):
    """Prints the time from process start to the window's first paint, then closes it."""

    def __init__(self, window: QObject) -> None:
        super().__init__(window)
        self._window = window
        self._done = False
        self._painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            QTimer.singleShot(0, self._report)
        return False

    def note_time(self) -> None:
        """Called when the events of the first paint were processed (the report itself
        comes a turn later, once the loop runs)."""
        if self._done and self._painted_at is None:
            self._painted_at = seconds_since_process_start()

    def _report(self) -> None:
        self.note_time()
        print(f"first paint {(self._painted_at or 0) * 1000:.0f} ms", flush=True)
        self._window.close()  # type: ignore[attr-defined]


def _open_window(args: argparse.Namespace, app: QApplication) -> MainWindow:
    """Builds and shows the main window with the last session's cached room and lets it
    paint, before the network layer and the asyncio loop are imported; then starts it
    (discovery, rejoining the last session)."""
    from .ui.app_controller import AppController
    from .ui.app_settings import AppSettings
    from .ui.main_window import MainWindow
    from .ui.window_config import WindowConfig

    config = WindowConfig(
        data_dir=data_dir(args.data), host_port=args.port, discovery_port=args.discovery_port
    )
    settings = AppSettings(settings_file(args.data), app)
    window = MainWindow(config, settings, app=AppController(config, settings, app))
    app.setQuitOnLastWindowClosed(False)  # we end the loop ourselves, after shutting down
    watcher = _FirstPaintWatcher(window) if args.smoke else None
    if watcher is not None:
        window.installEventFilter(watcher)
    window.show()
    # the first paint (user input waits for the controller that handles it)
    app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    if watcher is not None:
        watcher.note_time()
    window.start()
    return window


async def _run_window(window: MainWindow) -> int:
    """Runs until the app shuts down (its window closed, or Quit from the tray; a
    window closed to the tray leaves it running), then lets its host stop."""
    import asyncio

    finished = asyncio.Event()
    window.app.finished.connect(finished.set)
    if not window.app.is_finished:  # (``--smoke`` may have closed it already)
        await finished.wait()
    controller = window.controller
    if controller.hosting:
        stopped = asyncio.Event()
        controller.hosting_changed.connect(lambda hosting: None if hosting else stopped.set())
        try:
            await asyncio.wait_for(stopped.wait(), 3)
        except TimeoutError:
            logging.getLogger(__name__).warning("the host did not stop in time")
    await window.app.finish()
    window.deleteLater()
    window.app.deleteLater()
    return 0


def _run_on_qt_loop(main: Callable[[], Coroutine[Any, Any, int]]) -> int:
    """Runs the coroutine ``main()`` on one qasync loop shared by asyncio and Qt."""
    import asyncio

    import qasync

    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        return runner.run(main())


def _no_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _run_gui(args: argparse.Namespace) -> int:
    if _no_display():
        print(
            "messenger: no display found. On a machine without a screen, run the "
            "headless host: messenger host",
            file=sys.stderr,
        )
        return 2
    from .ui.main_thread_gc import MainThreadGarbageCollector

    qInstallMessageHandler(_log_qt_message)
    app = QApplication(sys.argv[:1])
    collector = MainThreadGarbageCollector(app)  # the cache has a thread: see there
    try:
        _set_identity(app)
        _install_translations(app, _chosen_language(args))
        _install_look(app)
        if args.smoke and _vietnamese_font_missing():
            print("messenger: no font here can show Vietnamese text", file=sys.stderr)
            return 1
        return _run_one_app(args, app)
    finally:
        collector.stop()


def _run_one_app(args: argparse.Namespace, app: QApplication) -> int:
    """Runs the window, unless another start for the same data folder runs: then its
    window comes to the front and this start ends."""
    from .net.single_instance import SingleInstance

    guard = SingleInstance(data_dir(args.data), app)
    if not guard.acquire():
        return _wake_the_running_app(guard)
    try:
        window = _open_window(args, app)
        guard.listen()
        guard.wake_requested.connect(window.bring_to_front)
        return _run_on_qt_loop(lambda: _run_window(window))
    finally:
        guard.release()


def _wake_the_running_app(guard: SingleInstance) -> int:
    if guard.wake_running():
        print(
            "messenger: already running for this data folder: its window is brought to the front",
            file=sys.stderr,
        )
        return 0
    print(
        f"messenger: another Messenger holds the data folder {guard.data_dir} and does not "
        "answer; quit it, or start with --data on another folder",
        file=sys.stderr,
    )
    return 1


def _use_qts_own_event_dispatcher() -> None:
    """The headless host runs on Qt's own Unix event dispatcher, not GLib's (the
    window keeps GLib's, which desktop integrations use): with 2,000 members
    connected, GLib's main loop cost a busy room ~10% of its deliveries
    (docs/PERFORMANCE.md, "A host with 1,000 rooms"). Qt reads it when the
    application is made."""
    os.environ.setdefault("QT_NO_GLIB", "1")


def _run_host(args: argparse.Namespace) -> int:
    from .headless_host import serve

    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    make_logs_printable()
    qInstallMessageHandler(_log_qt_message)
    _use_qts_own_event_dispatcher()
    app = QCoreApplication(sys.argv[:1])
    _set_identity(app)
    _install_translations(app)
    return _run_on_qt_loop(lambda: serve(args, data_dir(args.data)))


def main(argv: list[str] | None = None) -> int:
    """Runs Messenger; returns the process exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "host":
        return _run_host(args)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    make_logs_printable()
    return _run_gui(args)
