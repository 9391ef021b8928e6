"""Every user-visible string is translated into Vietnamese, every plural has its
English forms, and the app loads them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "messenger_vi.ts"
ENGLISH_TS = ROOT / "resources" / "translations" / "messenger_en.ts"


def updated(ts: Path, folder: Path, *options: str) -> str:
    """``ts`` as pyside6-lupdate leaves it after reading the code now (a copy)."""
    copy = folder / ts.name
    shutil.copy(ts, copy)
    sources = sorted(str(p) for p in (ROOT / "messenger").rglob("*.py"))
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run(
        [str(lupdate), *sources, "-ts", str(copy), "-no-obsolete", *options],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return copy.read_text(encoding="utf-8")


def unfinished(text: str) -> list[str]:
    return re.findall(
        r"<source>(.*?)</source>\s*<translation type=\"unfinished\"", text, flags=re.S
    )


def test_the_vietnamese_catalogue_covers_every_string_in_the_code(tmp_path):
    text = updated(TS, tmp_path)
    assert text.count("<source>") >= 40
    assert unfinished(text) == [], "run pyside6-lupdate and translate these"


def test_every_text_with_a_count_is_a_plural(tmp_path):
    """lupdate makes a plural only of ``self.tr(text, "", name)``; a count given to
    ``QCoreApplication.translate`` or as an expression leaves a plain text, shown
    "1 minute(s)" in English."""
    text = updated(TS, tmp_path)
    messages = re.findall(
        r"<message( numerus=\"yes\")?>(?:\s*<location[^>]*/>)+\s*<source>(.*?)</source>",
        text,
        flags=re.S,
    )
    assert len(messages) == text.count("<source>")
    assert [source for numerus, source in messages if "%n" in source and not numerus] == []


def test_our_catalogue_of_qts_own_texts_holds_texts_qt_shows(qapp, tmp_path):
    """qtbase_vi.ts (hand-written: Qt has none) is complete, and each of its texts is
    one Qt 6 translates: Qt's German catalogue, which is complete, knows it."""
    ours = ROOT / "resources" / "translations" / "qtbase_vi.ts"
    text = ours.read_text(encoding="utf-8")
    assert "unfinished" not in text
    german = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    assert german.load("qtbase_de", qt_dir)
    pairs = []
    for context in re.findall(r"<context>(.*?)</context>", text, flags=re.S):
        name = re.search(r"<name>(.*?)</name>", context).group(1)
        for source in re.findall(r"<source>(.*?)</source>", context):
            pairs.append((name, unescape(source)))
    assert len(pairs) >= 40
    assert [pair for pair in pairs if not german.translate(*pair)] == []


def test_the_english_catalogue_gives_every_plural_its_two_forms(tmp_path):
    text = updated(ENGLISH_TS, tmp_path, "-pluralonly")
    assert text.count('numerus="yes"') >= 10
    assert unfinished(text) == [], "run pyside6-lupdate -pluralonly and write their forms"
    forms = re.findall(r"<numerusform>(.*?)</numerusform>", text)
    assert len(forms) == 2 * text.count('numerus="yes"')
    assert not [form for form in forms if "(s)" in form]


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
