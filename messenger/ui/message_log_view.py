"""The list view of the chat log."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QDateTime,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QSize,
    Qt,
    QTime,
    QTimer,
    QUrl,
    SignalInstance,
)
from PySide6.QtGui import (
    QDesktopServices,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QPushButton,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from .link_layout import openable
from .log_entry import LogEntry
from .log_layout import RowLook
from .message_delegate import MessageDelegate
from .message_log_model import MessageLogModel
from .pyside_wrapping import wrap_children_now

_Index = QModelIndex | QPersistentModelIndex
_BOTTOM_SLACK = 24
_BUTTON_MARGIN = 12
_DAY_MS = 24 * 3600 * 1000


def _change_signals(model: QAbstractItemModel) -> tuple[SignalInstance, ...]:
    return (
        model.rowsAboutToBeInserted,
        model.rowsAboutToBeRemoved,
        model.rowsAboutToBeMoved,
        model.layoutAboutToBeChanged,
    )


class MessageLogView(QListView):
    """Shows a MessageLogModel through a MessageDelegate (``self.delegate``).

    Rows have their own heights (word wrap, no uniform sizes) and scroll by pixel.
    The view follows new messages while the user is at the bottom and stays put while
    the user reads older ones; older messages load when the top comes into sight, and
    newer ones the model left out (``MessageLogModel.has_newer``) when the bottom does.
    Staying put: before the model changes, the view notes the first row in sight and
    where it is; after the next layout, it scrolls so that row is there again (rows
    may have gone in or out above it).

    Row heights depend on the width, so on a width change (``resizeEvent``, which
    QAbstractScrollArea calls for the viewport) the view clears the delegate's
    cache and the sizes the model keeps for it (Qt.SizeHintRole, measured by the
    delegate: ``MessageLogModel.set_measure``) and schedules a relayout of its items
    (``scheduleDelayedItemsLayout``, the deferred form of ``doItemsLayout``): every
    row is measured again for the new width on the next turn of the event loop. A
    font, style or language change does the same.

    While the reader is up in the history, a button over the bottom right corner of
    the log (``newest_button``) says how many messages from others arrived since
    (``MessageLogModel.unseen``) and jumps to the newest, as Ctrl+End does.

    Links in messages (``MessageDelegate.link_at``) show a pointing hand and their
    URL as tooltip; a click opens an http, https or mailto URL with ``open_link``
    (QDesktopServices.openUrl unless given). Just after each local midnight the
    view repaints, so that "Today" on the day lines becomes "Yesterday".
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        open_link: Callable[[QUrl], object] | None = None,
    ) -> None:
        super().__init__(parent)
        wrap_children_now(self)  # before viewport() is first called (see pyside_wrapping)
        self.open_link: Callable[[QUrl], object] = open_link or QDesktopServices.openUrl
        """Opens a link clicked in a message (only http, https and mailto reach it)."""
        self._pressed_link: str | None = None
        self._hovered_link: str | None = None
        self._follow = True
        self._anchor: tuple[str, int] | None = None  # (key, top) of the first row in sight
        self.setObjectName("messageLog")
        self.delegate = MessageDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(self.horizontalScrollBarPolicy().ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(0)
        self._scroll_timer.timeout.connect(self._scroll_to_bottom_if_following)
        self.verticalScrollBar().valueChanged.connect(self._remember_position)
        self.newest_button = QPushButton(self)
        self.newest_button.setObjectName("newestButton")
        self.newest_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.newest_button.clicked.connect(self.scroll_to_newest)
        self.newest_button.hide()
        self._retranslate_button()
        self.viewport().setMouseTracking(True)  # (links under the pointer)
        self._midnight = QTimer(self)
        self._midnight.setSingleShot(True)
        self._midnight.setTimerType(Qt.TimerType.PreciseTimer)
        self._midnight.timeout.connect(self._new_day)
        self._arm_midnight()

    # -- day lines ----------------------------------------------------------------

    def _arm_midnight(self) -> None:
        """Wakes the view a second after the next local midnight."""
        now = QDateTime.currentDateTime()
        midnight = QDateTime(now.date().addDays(1), QTime(0, 0))
        wait = now.msecsTo(midnight) + 1000
        self._midnight.start(max(1000, min(wait, _DAY_MS)))

    def ms_to_new_day(self) -> int:
        """How long until the view repaints for a new day (ms)."""
        return self._midnight.remainingTime()

    def _new_day(self) -> None:
        """A new day: the day lines say "Yesterday" where they said "Today"."""
        self.viewport().update()
        self._arm_midnight()

    def at_bottom(self) -> bool:
        """True when the last message is in view."""
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - _BOTTOM_SLACK

    def scroll_to_newest(self) -> None:
        """Shows the newest message and follows new ones (Ctrl+End), even when the
        model left the newest out: it then starts again from them."""
        model = self.model()
        if isinstance(model, MessageLogModel) and model.has_newer():
            self._anchor = None
            model.show_newest()
        self._set_follow(True)
        self.scrollToBottom()
        self._scroll_timer.start()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.MoveToEndOfDocument):
            self.scroll_to_newest()
            return
        super().keyPressEvent(event)

    def following(self) -> bool:
        """True while the view keeps the newest message in sight."""
        return self._follow

    def _remember_position(self, _value: int) -> None:
        model = self.model()
        newest_left_out = isinstance(model, MessageLogModel) and model.has_newer()
        self._set_follow(self.at_bottom() and not newest_left_out)

    def _set_follow(self, follow: bool) -> None:
        self._follow = follow
        model = self.model()
        if isinstance(model, MessageLogModel):
            model.follow_newest = follow
        self._update_newest_button()

    def _update_newest_button(self, *_args: object) -> None:
        """Shows the jump button while the reader is away from the newest messages."""
        if self._follow:
            self.newest_button.hide()
            return
        model = self.model()
        unseen = model.unseen if isinstance(model, MessageLogModel) else 0
        if unseen:
            text = self.tr("%n new message(s) ↓", "", unseen)
        else:
            text = self.tr("Newest messages ↓")
        if text != self.newest_button.text() or self.newest_button.isHidden():
            self.newest_button.setText(text)
            self.newest_button.adjustSize()
            self._place_newest_button()
            self.newest_button.show()
            self.newest_button.raise_()

    def _place_newest_button(self) -> None:
        area = self.viewport().geometry()
        size = self.newest_button.sizeHint()
        self.newest_button.move(
            area.right() - size.width() - _BUTTON_MARGIN,
            area.bottom() - size.height() - _BUTTON_MARGIN,
        )

    def _retranslate_button(self) -> None:
        self.newest_button.setToolTip(self.tr("Show the newest messages (Ctrl+End)"))
        self.newest_button.setText("")  # the next update writes it in the new language
        self._update_newest_button()

    def _scroll_to_bottom_if_following(self) -> None:
        if self._follow:
            self.scrollToBottom()

    def verticalScrollbarValueChanged(self, value: int) -> None:
        """Older messages load when the top of the log comes into sight (Qt's default
        fetches when the *last* row shows, which for a chat log is the wrong end);
        newer ones the model left out, when the bottom does."""
        # first stop following (the slot connected to valueChanged runs after this one):
        # a jump from the bottom to the top must keep the first row in sight in place
        self._remember_position(value)
        self._fetch_older_if_at_top()
        model = self.model()
        if isinstance(model, MessageLogModel) and model.has_newer() and self.at_bottom():
            model.fetch_newer()

    def _fetch_older_if_at_top(self) -> None:
        """The user scrolled to the top: ask the model for older messages."""
        model = self.model()
        if not isinstance(model, MessageLogModel):
            return
        bar = self.verticalScrollBar()
        model.older_wanted = bar.maximum() > bar.minimum() and bar.value() == bar.minimum()
        if model.canFetchMore(self.rootIndex()):
            model.fetchMore(self.rootIndex())

    def setModel(self, model: QAbstractItemModel | None) -> None:
        """Shows ``model``; a log shown before is shown again where its reader left it
        (the newest, or the same row at the same height)."""
        old = self.model()
        if old is not None:
            for signal in _change_signals(old):
                signal.disconnect(self._note_anchor)
        if isinstance(old, MessageLogModel):
            old.reading_at = None if self._follow else self._first_in_sight()
            old.set_measure(None)
            old.unseen_changed.disconnect(self._update_newest_button)
            old.layoutChanged.disconnect(self._keep_following)
        super().setModel(model)
        if model is not None:
            for signal in _change_signals(model):
                signal.connect(self._note_anchor)
        if isinstance(model, MessageLogModel):
            if self.isVisible():
                model.set_measure(self._measure, self._reshape)
            model.unseen_changed.connect(self._update_newest_button)
            model.layoutChanged.connect(self._keep_following)
            self._take_up(model)

    def _take_up(self, model: MessageLogModel) -> None:
        """Goes back to where the reader of ``model`` was."""
        self._anchor = model.reading_at
        self._set_follow(model.reading_at is None and not model.has_newer())
        if self._follow:
            self._scroll_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        # Rows are measured once the view is shown: before, its width is not known (the
        # cached room the window shows at start would be measured twice, ~10 ms).
        # QAbstractItemView laid them out at Qt's default sizes on the Show event: lay
        # them out again, measured (when the scroll bar appeared meanwhile, that
        # layout is already due, at the width with the bar).
        model = self.model()
        if isinstance(model, MessageLogModel) and not model.has_measure():
            model.set_measure(self._measure, self._reshape)
            self.scheduleDelayedItemsLayout()
        super().showEvent(event)

    def _measure(self, entry: LogEntry) -> QSize:
        """The size of ``entry``'s row now (the model keeps it: Qt.SizeHintRole)."""
        width = self.viewport().width()
        if width <= 0:
            width = self.width()
        return self.delegate.row_size(entry, width, self.font())

    def _reshape(self, size: QSize, look: RowLook) -> QSize:
        """The size of a row of ``look`` measured ``size`` with the PLAIN look."""
        return self.delegate.reshape(size, look, self.font())

    def _note_anchor(self, *_args: object) -> None:
        """Rows are about to go in, out or move: note the first row in sight, unless
        following the end (or already noted since the last layout)."""
        if self._follow or self._anchor is not None:
            return
        self._anchor = self._first_in_sight()

    def _first_in_sight(self) -> tuple[str, int] | None:
        """The key of the first row in sight and its top (None when no row is)."""
        index = self.indexAt(QPoint(1, 0))
        if index.isValid():
            key = index.data(MessageLogModel.Role.Key)
            if isinstance(key, str):
                return key, self.visualRect(index).top()
        return None

    def doItemsLayout(self) -> None:
        super().doItemsLayout()
        anchor, self._anchor = self._anchor, None
        model = self.model()
        if anchor is None or not isinstance(model, MessageLogModel):
            return
        row = model.row_of(anchor[0])
        if row is not None:
            moved = self.visualRect(model.index(row, 0)).top() - anchor[1]
            if moved:
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() + moved)

    def _keep_following(self, *_args: object) -> None:
        """Rows changed height (a "New messages" line came or went): still at the end
        if following."""
        if self._follow:
            self._scroll_timer.start()  # after the delayed layout

    def rowsInserted(self, parent: _Index, start: int, end: int) -> None:
        super().rowsInserted(parent, start, end)
        if self._follow:
            self._scroll_timer.start()  # after the delayed layout has measured the rows

    def _remeasure(self) -> None:
        """Sizes are stale: lay every row out again (on the next loop turn)."""
        self.delegate.clear_cache()
        model = self.model()
        if isinstance(model, MessageLogModel):
            model.forget_sizes()
        self.scheduleDelayedItemsLayout()
        if self._follow:
            self._scroll_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if event.size().width() != event.oldSize().width():
            self._remeasure()
        super().resizeEvent(event)
        self._place_newest_button()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.LanguageChange,  # "sending…" is in the cached layouts
        ):
            self._remeasure()
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_button()
        super().changeEvent(event)

    # -- links ----------------------------------------------------------------------

    def link_at(self, pos: QPoint) -> str | None:
        """The URL of the link at ``pos`` (viewport coordinates), if any."""
        index = self.indexAt(pos)
        if not index.isValid():
            return None
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = self.visualRect(index)
        return self.delegate.link_at(option, index, QPointF(pos))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        left = event.button() == Qt.MouseButton.LeftButton
        self._pressed_link = self.link_at(event.position().toPoint()) if left else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._pressed_link = self._pressed_link, None
        super().mouseReleaseEvent(event)
        if (
            pressed is not None
            and event.button() == Qt.MouseButton.LeftButton
            and self.link_at(event.position().toPoint()) == pressed
        ):
            url = openable(pressed)
            if url is not None:
                self.open_link(url)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        link = self.link_at(event.position().toPoint())
        if link != self._hovered_link:
            self._hovered_link = link
            if link is None:
                self.viewport().unsetCursor()
            else:
                self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            link = self.link_at(event.pos())
            if link is not None:
                QToolTip.showText(event.globalPos(), link, self.viewport())
                return True
        return super().viewportEvent(event)
