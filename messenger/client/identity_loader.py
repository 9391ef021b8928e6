"""This installation's identity, loaded or made off the GUI thread (making an RSA
key takes ~0.1 s; the window paints first)."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.identity import DeviceIdentity
from ..store import StoreError
from ..store.identity_file import load_or_create_identity, set_aside

log = logging.getLogger(__name__)


class IdentityLoader(QObject):
    """Loads the identity kept in a data folder, making one on first start, in a
    thread of its own.

    Signals:
        loaded(object, bool): the DeviceIdentity, and whether it was made now.
        failed(object): the StoreError that keeps it from being loaded or made (a
            damaged file is left as it is: the user decides).
    """

    loaded = Signal(object, bool)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    def start(self, folder: Path, name: str) -> None:
        """Begins loading (or making) the identity in ``folder``; one signal follows."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._thread = threading.Thread(
            target=self._run, args=(folder, name), name="identity", daemon=True
        )
        self._thread.start()

    def start_anew(self, folder: Path, name: str) -> None:
        """Sets the (damaged) identity files aside, then makes a new identity: the user
        agreed to be a new device for the others."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        try:
            set_aside(folder, f"damaged-{stamp}")
        except StoreError as error:
            self.failed.emit(error)
            return
        self.start(folder, name)

    def wait(self) -> None:
        """Returns once the loading is over (before the app quits)."""
        if self._thread is not None:
            self._thread.join()

    def _run(self, folder: Path, name: str) -> None:
        identity: DeviceIdentity
        try:
            identity, made = load_or_create_identity(folder, name)
        except StoreError as error:
            log.error("cannot use the identity in %s: %s", folder, error)
            self.failed.emit(error)
            return
        self.loaded.emit(identity, made)
