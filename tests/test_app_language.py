"""The language chosen in the settings: the system's, English or Vietnamese whatever
the system's; and the standard buttons of our dialogs in Vietnamese, which Qt has no
catalogue for."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from messenger import app as app_module
from messenger.cli import build_parser
from messenger.ui.app_settings import AppSettings
from messenger.ui.standard_buttons import translate_buttons

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
PLACEHOLDER_EN = "Write a message"


@pytest.fixture
def resources(tmp_path, monkeypatch) -> Path:
    """A resources folder whose catalogues are compiled from the .ts files now."""
    folder = tmp_path / "resources"
    (folder / "translations").mkdir(parents=True)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = folder / "translations" / ts.with_suffix(".qm").name
        command = [str(lrelease), "-silent", str(ts), "-qm", str(qm)]
        subprocess.run(command, check=True, timeout=60)
    monkeypatch.setattr(app_module, "resources_dir", lambda: folder)
    return folder


@pytest.fixture
def system_locale() -> Iterator[None]:
    """Restores the default locale a test sets."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


def placeholder_in(qapp, language: str) -> str:
    """The compose box's placeholder with the translations of ``language`` installed."""
    from messenger.ui.compose_box import ComposeBox

    translators = app_module._install_translations(qapp, language)
    try:
        box = ComposeBox()
        text = box.placeholderText()
        box.deleteLater()
        return text
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize(
    ("system", "language", "vietnamese"),
    [
        ("en_US", "", False),
        ("vi_VN", "", True),
        ("en_US", "vi", True),
        ("de_DE", "vi", True),
        ("vi_VN", "en", False),
    ],
)
def test_the_language_chosen_wins_over_the_systems(
    qapp, resources, system_locale, system, language, vietnamese
):
    QLocale.setDefault(QLocale(system))
    placeholder = placeholder_in(qapp, language)
    assert placeholder.startswith("Viết tin nhắn") is vietnamese
    assert placeholder.startswith(PLACEHOLDER_EN) is not vietnamese


def test_english_installs_only_the_english_plurals(qapp, resources, system_locale):
    QLocale.setDefault(QLocale("vi_VN"))
    translators = app_module._install_translations(qapp, "en")
    try:
        assert [Path(t.filePath()).name for t in translators] == ["messenger_en.qm"]
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)


def members(count: int) -> str:
    return QCoreApplication.translate("RoomDirectoryModel", "%n member(s)", "", count)


@pytest.mark.parametrize(
    ("system", "language", "one", "three"),
    [
        ("en_US", "en", "1 member", "3 members"),
        ("de_DE", "", "1 member", "3 members"),  # (no catalogue of its own: English)
        ("en_US", "vi", "1 thành viên", "3 thành viên"),
        ("vi_VN", "", "1 thành viên", "3 thành viên"),
    ],
)
def test_plurals_in_both_languages(qapp, resources, system_locale, system, language, one, three):
    QLocale.setDefault(QLocale(system))
    translators = app_module._install_translations(qapp, language)
    try:
        assert (members(1), members(3)) == (one, three)
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)


def test_the_language_is_read_from_the_data_folders_settings(qapp, tmp_path):
    AppSettings(tmp_path / "settings.ini").language = "vi"
    args = build_parser().parse_args(["--data", str(tmp_path)])
    assert app_module._chosen_language(args) == "vi"


def test_our_dialogs_standard_buttons_are_in_vietnamese(qapp, resources, system_locale):
    translators = app_module._install_translations(qapp, "vi")
    try:
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        translate_buttons(box)
        texts = {b.text() for b in box.buttons()}
        assert texts == {"Đồng ý", "Hủy"}
        message = QMessageBox()
        message.setStandardButtons(
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Close
        )
        translate_buttons(message)
        assert {b.text() for b in message.buttons()} == {"&Có", "&Không", "Đóng"}
        box.deleteLater()
        message.deleteLater()
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)


def menu_texts(widget) -> list[str]:
    """The texts of ``widget``'s standard context menu, without their shortcuts."""
    menu = widget.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    menu.deleteLater()
    return texts


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ["&Hoàn tác", "&Làm lại", "&Cắt", "Sao &chép", "&Dán", "Xóa", "Chọn tất cả"]),
        ("en", ["&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete", "Select All"]),
    ],
)
def test_qts_own_menus_are_in_the_chosen_language(
    qapp, resources, system_locale, language, expected
):
    """Qt ships no Vietnamese for its own texts (qtbase_vi): the app brings its own."""
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    translators = app_module._install_translations(qapp, language)
    try:
        line, text = QLineEdit("An"), QPlainTextEdit("Bình")
        assert menu_texts(line) == expected
        assert menu_texts(text) == expected
        line.deleteLater()
        text.deleteLater()
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)


def test_the_dialogs_asking_one_line_have_their_buttons_in_vietnamese(
    qapp, resources, system_locale
):
    from PySide6.QtWidgets import QWidget

    from messenger.ui.input_dialogs import input_dialog
    from messenger.ui.name_dialog import NameDialog

    translators = app_module._install_translations(qapp, "vi")
    parent = QWidget()
    try:
        asked = input_dialog(parent, "joinRoomDialog", "Vào phòng", "Tên phòng:")
        for dialog in (asked, NameDialog("An", parent)):
            box = dialog.findChild(QDialogButtonBox)
            assert box is not None
            assert {b.text() for b in box.buttons()} == {"Đồng ý", "Hủy"}
    finally:
        parent.deleteLater()
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
