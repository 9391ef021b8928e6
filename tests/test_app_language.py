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
TS = ROOT / "resources" / "translations" / "messenger_vi.ts"
PLACEHOLDER_EN = "Write a message"


@pytest.fixture
def resources(tmp_path, monkeypatch) -> Path:
    """A resources folder whose catalogue is compiled from the .ts now."""
    folder = tmp_path / "resources"
    (folder / "translations").mkdir(parents=True)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    qm = folder / "translations" / "messenger_vi.qm"
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(qm)], check=True, timeout=60)
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


def test_english_installs_no_translator(qapp, resources, system_locale):
    QLocale.setDefault(QLocale("vi_VN"))
    assert app_module._install_translations(qapp, "en") == []


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
