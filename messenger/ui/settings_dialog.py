"""The app's settings: the user's name, notifications, the window, and hosting."""

from __future__ import annotations

from PySide6.QtCore import QSysInfo, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.names import clean_name
from ..protocol.limits import DEFAULT_PORT, MAX_NAME_CHARS
from .app_settings import ANNOUNCERS, MAX_PORT, AppSettings
from .notification_policy import NotifyLevel
from .standard_buttons import translate_buttons

LEVELS = (NotifyLevel.ALL, NotifyLevel.MENTIONS, NotifyLevel.NOTHING)
"""The rooms' default levels, in the order the dialog lists them."""


def shown_name(text: str) -> str:
    """``text`` as a name (``clean_name``), or '' when nothing of it would show."""
    name = clean_name(text)
    return "" if name == "?" and "?" not in text else name


def port_number(text: str) -> int | None:
    """The port ``text`` names (1-65535); 0 for blank (the default); None if neither."""
    text = text.strip()
    if not text:
        return 0
    if not (text.isascii() and text.isdigit()):
        return None
    port = int(text)
    return port if 1 <= port <= MAX_PORT else None


class SettingsDialog(QDialog):
    """A non-blocking dialog (use ``open()``) showing the settings in four tabs (You,
    Notifications, Window, Hosting); they are saved on OK only.

    Args:
        settings: Where the values are read from and saved to.
        parent: The dialog's parent window.
        port_editable: False: the port is shown but cannot be changed (set for this
            start on the command line).
        default_port: The port hosting uses when none is chosen.

    Signals:
        name_changed(str): On OK, the new display name (cleaned), if it changed.
        language_changed(str): On OK, the new language ('', "en" or "vi"), if it changed.
        do_not_disturb_changed(bool): On OK, if Do Not Disturb was turned on or off.
        saved(): On OK, once every value is saved (read the others from ``settings``).
    """

    name_changed = Signal(str)
    language_changed = Signal(str)
    do_not_disturb_changed = Signal(bool)
    saved = Signal()

    def __init__(
        self,
        settings: AppSettings,
        parent: QWidget | None = None,
        *,
        port_editable: bool = True,
        default_port: int = DEFAULT_PORT,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._default_port = default_port
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self._you_tab(), self.tr("You"))
        self.tabs.addTab(self._notifications_tab(), self.tr("Notifications"))
        self.tabs.addTab(self._window_tab(), self.tr("Window"))
        self.tabs.addTab(self._hosting_tab(port_editable), self.tr("Hosting"))
        layout.addWidget(self.tabs)
        self.problem_label = self._note("settingsProblem", "")
        layout.addWidget(self.problem_label)
        self.buttons = self._buttons()
        layout.addWidget(self.buttons)
        self._update()

    @property
    def ok_button(self) -> QPushButton:
        """The OK button."""
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def problem(self) -> str:
        """Why the values cannot be saved ('' when they can)."""
        if not shown_name(self.name_edit.text()):
            return self.tr("Your name cannot be blank.")
        if port_number(self.port_edit.text()) is None:
            return self.tr("The port is a number from 1 to 65535.")
        return ""

    def accept(self) -> None:
        """Saves the values (if they can be) and closes the dialog."""
        if self.problem():
            return
        self._save()
        super().accept()

    # -- the tabs -----------------------------------------------------------------

    def _you_tab(self) -> QWidget:
        """The display name."""
        tab, form = self._tab("youTab")
        self.name_edit = self._line_edit("displayName", self.settings.display_name, tab)
        self.name_edit.textChanged.connect(self._update)
        form.addRow(self.tr("Your name:"), self.name_edit)
        form.addRow(self._note("nameNote", self.tr("As your colleagues see it.")))
        return tab

    def _notifications_tab(self) -> QWidget:
        """Desktop notifications, Do Not Disturb and what rooms notify of."""
        tab, form = self._tab("notificationsTab")
        self.notifications_box = self._check_box(
            "notificationsEnabled",
            self.tr("Show desktop notifications"),
            self.settings.notifications_enabled,
        )
        form.addRow(self.notifications_box)
        self.do_not_disturb_box = self._check_box(
            "doNotDisturb", self.tr("Do not disturb"), self.settings.do_not_disturb
        )
        form.addRow(self.do_not_disturb_box)
        form.addRow(self._note("doNotDisturbNote", self.tr("Silences every notification.")))
        self.level_choice = self._level_choice()
        form.addRow(self.tr("Rooms notify of:"), self.level_choice)
        note = self.tr(
            "For the rooms without a choice of their own. Direct messages notify of every message."
        )
        form.addRow(self._note("roomLevelNote", note))
        self.notifications_box.toggled.connect(self._update)
        return tab

    def _window_tab(self) -> QWidget:
        """Closing to the tray, and the language."""
        tab, form = self._tab("windowTab")
        self.close_to_tray_box = self._check_box(
            "closeToTray",
            self.tr("Keep running in the tray when the window is closed"),
            self.settings.close_to_tray,
        )
        form.addRow(self.close_to_tray_box)
        form.addRow(self._note("trayNote", self._tray_note()))
        self.language_choice = QComboBox(tab)
        self.language_choice.setObjectName("languageChoice")
        self.language_choice.addItem(self.tr("The system's language"), "")
        self.language_choice.addItem("English", "en")  # (each language in its own words)
        self.language_choice.addItem("Tiếng Việt", "vi")
        self.language_choice.setCurrentIndex(self.language_choice.findData(self.settings.language))
        form.addRow(self.tr("Language:"), self.language_choice)
        form.addRow(self._note("languageNote", self.tr("Takes effect at the next start.")))
        return tab

    def _hosting_tab(self, port_editable: bool) -> QWidget:
        """The host's port, the session's name and hosting again at start."""
        tab, form = self._tab("hostingTab")
        port = self.settings.host_port
        self.port_edit = self._line_edit("hostPort", str(port) if port else "", tab)
        self.port_edit.setPlaceholderText(str(self._default_port))
        self.port_edit.setMaxLength(5)
        self.port_edit.setEnabled(port_editable)
        self.port_edit.textChanged.connect(self._update)
        form.addRow(self.tr("TCP port:"), self.port_edit)
        port_note = (
            self.tr("Used the next time this computer starts hosting.")
            if port_editable
            else self.tr("Set on the command line (--port) for this start.")
        )
        form.addRow(self._note("portNote", port_note))
        self.session_edit = self._line_edit("sessionName", self.settings.session_name, tab)
        form.addRow(self.tr("Session name:"), self.session_edit)
        form.addRow(self._note("sessionNote", self.tr("Leave it blank for the name shown.")))
        self.host_at_start_box = self._check_box(
            "hostAtStart",
            self.tr("Host again at start when Messenger was hosting as it quit"),
            self.settings.host_at_start,
        )
        form.addRow(self.host_at_start_box)
        self.announcers_choice = self._announcers_choice()
        form.addRow(self.tr("Who may announce:"), self.announcers_choice)
        note = self.tr(
            "Announcements reach every member of the session, highlighted, and notify "
            "them; those away get them when they come back."
        )
        form.addRow(self._note("announcersNote", note))
        return tab

    # -- parts --------------------------------------------------------------------

    def _tab(self, name: str) -> tuple[QWidget, QFormLayout]:
        """An empty tab named ``name`` and its form."""
        tab = QWidget(self)
        tab.setObjectName(name)
        return tab, QFormLayout(tab)

    def _line_edit(self, name: str, text: str, parent: QWidget) -> QLineEdit:
        """A line edit named ``name`` holding ``text`` (a name's length at most)."""
        edit = QLineEdit(text, parent)
        edit.setObjectName(name)
        edit.setMaxLength(MAX_NAME_CHARS)
        return edit

    def _check_box(self, name: str, text: str, checked: bool) -> QCheckBox:
        """A check box named ``name``."""
        box = QCheckBox(text, self)
        box.setObjectName(name)
        box.setChecked(checked)
        return box

    def _note(self, name: str, text: str) -> QLabel:
        """A line of plain text explaining the setting above it."""
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _level_choice(self) -> QComboBox:
        """All messages, mentions or nothing, the saved level chosen."""
        choice = QComboBox(self)
        choice.setObjectName("roomDefaultLevel")
        texts = {
            NotifyLevel.ALL: self.tr("Every message"),
            NotifyLevel.MENTIONS: self.tr("Mentions of me"),
            NotifyLevel.NOTHING: self.tr("Nothing"),
        }
        for level in LEVELS:
            choice.addItem(texts[level], level.value)
        choice.setCurrentIndex(LEVELS.index(self.settings.room_default_level))
        return choice

    def _announcers_choice(self) -> QComboBox:
        """Who may announce in the session hosted here, the saved choice chosen."""
        choice = QComboBox(self)
        choice.setObjectName("hostAnnouncers")
        texts = {"owner": self.tr("Only me"), "everyone": self.tr("Everyone in the session")}
        for who in ANNOUNCERS:
            choice.addItem(texts[who], who)
        choice.setCurrentIndex(ANNOUNCERS.index(self.settings.host_announcements))
        return choice

    def _tray_note(self) -> str:
        """Where closing to the tray applies, and whether this desktop is one."""
        if QSystemTrayIcon.isSystemTrayAvailable():
            return self.tr("Only where the desktop shows a tray, as this one does.")
        return self.tr(
            "Only where the desktop shows a tray: this one shows none now, so closing "
            "the window quits Messenger."
        )

    def _buttons(self) -> QDialogButtonBox:
        """OK and Cancel."""
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        translate_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    # -- state --------------------------------------------------------------------

    def _update(self) -> None:
        """OK only when the values can be saved, else why not; the session's default
        name follows the name typed."""
        problem = self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.ok_button.setEnabled(not problem)
        on = self.notifications_box.isChecked()
        self.do_not_disturb_box.setEnabled(on)
        self.level_choice.setEnabled(on)
        machine = QSysInfo.machineHostName() or "Messenger"
        name = shown_name(self.name_edit.text()) or self.settings.display_name
        self.session_edit.setPlaceholderText(
            self.tr("{name} on {machine}").format(name=name, machine=machine)
        )

    def _save(self) -> None:
        """Saves every value, then says what changed."""
        old_name = self.settings.display_name
        old_language = self.settings.language
        old_do_not_disturb = self.settings.do_not_disturb
        self._save_values()
        if self.settings.display_name != old_name:
            self.name_changed.emit(self.settings.display_name)
        if self.settings.language != old_language:
            self.language_changed.emit(self.settings.language)
        if self.settings.do_not_disturb != old_do_not_disturb:
            self.do_not_disturb_changed.emit(self.settings.do_not_disturb)
        self.saved.emit()

    def _save_values(self) -> None:
        """Writes the dialog's values to the settings."""
        settings = self.settings
        settings.display_name = shown_name(self.name_edit.text())
        settings.notifications_enabled = self.notifications_box.isChecked()
        settings.do_not_disturb = self.do_not_disturb_box.isChecked()
        settings.room_default_level = NotifyLevel(self.level_choice.currentData())
        settings.close_to_tray = self.close_to_tray_box.isChecked()
        settings.language = str(self.language_choice.currentData())
        port = port_number(self.port_edit.text()) or 0
        settings.host_port = 0 if port == self._default_port else port
        settings.session_name = shown_name(self.session_edit.text())
        settings.host_at_start = self.host_at_start_box.isChecked()
        settings.host_announcements = str(self.announcers_choice.currentData())
