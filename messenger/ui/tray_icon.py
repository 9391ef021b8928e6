"""The app in the system tray (StatusNotifierItem on current Linux desktops): its
unread state at a glance, and a menu to open the window, read the connection's
status and quit."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

_ICON_SIZE = 64
_MENTIONED = QColor("#d93025")
_UNREAD = QColor("#1a73e8")


def badged_icon(icon: QIcon, unread: int, mentioned: bool) -> QIcon:
    """``icon`` with a dot in its corner while there are unread messages (red when
    one mentions the user or is a direct message)."""
    if not unread:
        return icon
    pixmap = icon.pixmap(_ICON_SIZE, _ICON_SIZE)
    if pixmap.isNull():
        pixmap = QPixmap(_ICON_SIZE, _ICON_SIZE)
        pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_MENTIONED if mentioned else _UNREAD)
    side = pixmap.width() * 0.42
    painter.drawEllipse(QRectF(pixmap.width() - side, 0, side, side))
    painter.end()
    return QIcon(pixmap)


class TrayIcon(QObject):
    """The tray icon and its menu.

    Args:
        icon: The app's icon.

    Signals:
        open_requested(): the user wants the window (clicked the icon, or Open).
        quit_requested(): the user chose Quit.
    """

    open_requested = Signal()
    quit_requested = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon = icon
        self._unread = (0, False)
        self.tray = QSystemTrayIcon(icon, self)
        self.menu = QMenu()  # (a tray menu has no parent widget: deleted in ``dispose``)
        self.open_action = QAction(self.tr("Open Messenger"), self.menu)
        self.open_action.triggered.connect(self.open_requested)
        self.status_action = QAction("", self.menu)
        self.status_action.setEnabled(False)
        self.quit_action = QAction(self.tr("Quit"), self.menu)
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.status_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._on_activated)
        self.set_unread(0, False)

    @staticmethod
    def available() -> bool:
        """Whether the desktop shows tray icons (a StatusNotifierItem host, or an
        X11 system tray)."""
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        """Shows the icon in the tray."""
        self.tray.show()

    def set_status(self, text: str) -> None:
        """The connection's status, the menu's second line."""
        self.status_action.setText(text)

    def set_unread(self, unread: int, mentioned: bool) -> None:
        """``unread`` messages wait (one for the user in particular, or not)."""
        if (unread, mentioned) == self._unread and unread:
            return
        self._unread = (unread, mentioned)
        self.tray.setIcon(badged_icon(self._icon, unread, mentioned))
        if unread:
            self.tray.setToolTip(self.tr("Messenger: %n unread message(s)", "", unread))
        else:
            self.tray.setToolTip(self.tr("Messenger"))

    def tell(self, text: str) -> None:
        """A short message from the tray icon (e.g. that the app keeps running)."""
        self.tray.showMessage(self.tr("Messenger"), text, self._icon)

    def dispose(self) -> None:
        """Removes the icon (at quit)."""
        self.tray.hide()
        self.menu.deleteLater()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()
