"""Every user-visible string is translated into Vietnamese, and the app loads it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "messenger_vi.ts"


def test_the_vietnamese_catalogue_covers_every_string_in_the_code(tmp_path):
    copy = tmp_path / "messenger_vi.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "messenger").rglob("*.py"))
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run(
        [str(lupdate), *sources, "-ts", str(copy), "-no-obsolete"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    text = copy.read_text(encoding="utf-8")
    assert text.count("<source>") >= 40
    untranslated = re.findall(
        r"<source>(.*?)</source>\s*<translation type=\"unfinished\"", text, flags=re.S
    )
    assert untranslated == [], "run pyside6-lupdate and translate these"


def test_the_compiled_catalogue_translates_the_window(qapp, tmp_path):
    qm = tmp_path / "messenger_vi.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(qm)], check=True, timeout=60)
    translator = QTranslator()
    assert translator.load(QLocale("vi_VN"), "messenger", "_", str(tmp_path))
    QCoreApplication.installTranslator(translator)
    try:
        from messenger.ui.compose_box import ComposeBox

        box = ComposeBox()
        assert box.placeholderText().startswith("Viết tin nhắn")
        box.deleteLater()
        from messenger.ui.message_log_view import MessageLogView

        view = MessageLogView()
        assert view.newest_button.toolTip() == "Xem các tin nhắn mới nhất (Ctrl+End)"
        # a plural form (%n): Vietnamese has one
        assert view.tr("%n new message(s) ↓", "", 3) == "3 tin nhắn mới ↓"
        view.deleteLater()
    finally:
        QCoreApplication.removeTranslator(translator)
