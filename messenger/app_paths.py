"""Where the app finds its resources and keeps its data and settings."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths

PORTABLE_MARKER = "portable"


def resources_dir() -> Path:
    """The folder of icons and translations (inside the bundle when frozen)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def portable_dir() -> Path | None:
    """The executable's folder when a file named ``portable`` lies beside it."""
    if not getattr(sys, "frozen", False):
        return None
    folder = Path(sys.executable).resolve().parent
    return folder if (folder / PORTABLE_MARKER).exists() else None


def data_dir(explicit: Path | None) -> Path:
    """``--data DIR``, else portable mode's folder, else the platform's app-data folder."""
    if explicit is not None:
        return explicit.expanduser().resolve()
    portable = portable_dir()
    if portable is not None:
        return portable / "data"
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".messenger"


def settings_file(explicit_data: Path | None) -> Path | None:
    """An INI settings file for ``--data`` and portable mode; None: the platform's store."""
    if explicit_data is None and portable_dir() is None:
        return None
    return data_dir(explicit_data) / "settings.ini"
