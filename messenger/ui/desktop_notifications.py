"""Desktop notifications: ``org.freedesktop.Notifications`` over the D-Bus session bus
(jeepney, on the app's asyncio loop). One notification per conversation, replaced in
place as more messages arrive; clicking it says which conversation to open. Where
there is no session bus or no notification service, nothing is shown and nothing
breaks."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from jeepney.io.asyncio import DBusRouter

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
DEFAULT_ACTION = "default"
"""The action a click on the notification's body invokes."""
EXPIRE_DEFAULT = -1
REPLACE_EVERY_S = 0.5
"""A conversation's notification is replaced at most this often: what arrives sooner
waits, the latest text replacing the earlier (a burst over many conversations made a
D-Bus call per message, each built and sent on the window's loop)."""
STOP_WAIT_S = 2.0
"""At quit, calls still waiting for the service's answer get this long to end."""


class DesktopNotifications(QObject):
    """Shows notifications, each under a key (a conversation): a newer one of the same
    key replaces the older in place. One call per key is in flight at a time, and one
    per REPLACE_EVERY_S at most: what is shown meanwhile waits, the latest replacing
    the earlier (a burst of messages makes one call to the service, then one more with
    the latest; without this, each call sent before the service's first answer would
    make a new notification).

    Args:
        bus: The session bus's address ("SESSION": the one of this login).
        app_name: The application's name, as the notification service shows it.

    Signals:
        clicked(str): the user clicked the notification of this key.
    """

    clicked = Signal(str)

    def __init__(
        self, bus: str = "SESSION", app_name: str = "Messenger", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self._app_name = app_name
        self._router: DBusRouter | None = None
        self._router_context: Any = None
        self._ids: dict[str, int] = {}  # key -> the service's id of its notification
        self._keys: dict[int, str] = {}
        self._in_flight: set[str] = set()  # keys whose Notify waits for its answer
        self._next: dict[str, tuple[str, str] | None] = {}  # key -> what follows it
        self._sent: dict[str, float] = {}  # key -> when its last Notify was sent
        self._tasks: set[asyncio.Task[None]] = set()  # calls waiting for an answer
        self._reader: asyncio.Task[None] | None = None
        self._signals: asyncio.Queue[Any] | None = None
        self._stopped = False

    @property
    def available(self) -> bool:
        """Whether a session bus answered (a service may still be missing)."""
        return self._router is not None

    async def start(self) -> bool:
        """Connects to the session bus; False (and nothing shown, ever) without one."""
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus
        from jeepney.io.asyncio import open_dbus_router

        try:
            context = open_dbus_router(bus=self._bus)
            router = await context.__aenter__()
        except (OSError, KeyError, ValueError, RuntimeError) as error:
            log.info("no desktop notifications: %s", error)
            return False
        if self._stopped:  # (stopped while connecting)
            await context.__aexit__(None, None, None)
            return False
        self._router_context, self._router = context, router
        rule = MatchRule(type="signal", interface=SERVICE, path=PATH)
        self._signals = asyncio.Queue()
        router.filter(rule, queue=self._signals)
        await router.send_and_get_reply(message_bus.AddMatch(rule))
        self._reader = asyncio.ensure_future(self._read_signals())
        return True

    def show(self, key: str, summary: str, body: str) -> None:
        """Shows (or replaces) the notification of ``key``."""
        if self._router is None or self._stopped:
            return
        if key in self._in_flight:
            self._next[key] = (summary, body)  # (sent once the one in flight is answered)
            return
        self._in_flight.add(key)
        wait = self._sent.get(key, -REPLACE_EVERY_S) + REPLACE_EVERY_S - time.monotonic()
        if wait > 0:
            self._next[key] = (summary, body)
            self._track(self._after(key, wait))
        else:
            self._sent[key] = time.monotonic()
            self._track(self._notify(key, summary, body))

    def withdraw(self, key: str) -> None:
        """Takes the notification of ``key`` away (its conversation was read)."""
        if key in self._in_flight:
            self._next[key] = None  # (closed once the service says which it is)
            return
        notification = self._ids.pop(key, None)
        if notification is not None and self._router is not None:
            self._keys.pop(notification, None)
            self._track(self._call("CloseNotification", "u", (notification,)))

    async def stop(self) -> None:
        """Disconnects from the bus (at quit), once the calls sent have their answer
        (a call cancelled while the bus answers it upsets jeepney's router)."""
        self._stopped = True
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=STOP_WAIT_S)
        left = list(self._tasks)
        for task in left:
            task.cancel()
        await asyncio.gather(*left, return_exceptions=True)
        context, self._router_context, self._router = self._router_context, None, None
        if context is not None:
            await context.__aexit__(None, None, None)

    async def _notify(self, key: str, summary: str, body: str) -> None:
        hints = {
            "category": ("s", "im.received"),
            "sound-name": ("s", "message-new-instant"),
            "desktop-entry": ("s", "messenger"),
        }
        arguments = (
            self._app_name,
            self._ids.get(key, 0),
            "messenger",
            summary,
            body,
            [DEFAULT_ACTION, self.tr("Open")],
            hints,
            EXPIRE_DEFAULT,
        )
        try:
            reply = await self._call("Notify", "susssasa{sv}i", arguments)
        finally:
            self._in_flight.discard(key)
        if reply:
            notification = int(reply[0])
            self._ids[key] = notification
            self._keys[notification] = key
        self._follow(key)

    async def _after(self, key: str, wait: float) -> None:
        """Shows what waits for ``key`` once ``wait`` seconds have passed."""
        try:
            await asyncio.sleep(wait)
        finally:
            self._in_flight.discard(key)
        self._follow(key)

    def _follow(self, key: str) -> None:
        """What waited for ``key``'s call: shown now, or the notification withdrawn."""
        if key in self._next:
            following = self._next.pop(key)
            if following is None:
                self.withdraw(key)
            else:
                self.show(key, *following)

    async def _call(self, method: str, signature: str, body: tuple[Any, ...]) -> tuple[Any, ...]:
        from jeepney import DBusAddress, MessageType, new_method_call
        from jeepney.wrappers import DBusErrorResponse

        router = self._router
        if router is None:
            return ()
        address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
        try:
            reply = await router.send_and_get_reply(
                new_method_call(address, method, signature, body)
            )
        except (OSError, ConnectionError) as error:
            log.warning("the notification service went away: %s", error)
            return ()
        if reply.header.message_type is MessageType.error:
            log.info("the notification service refused %s: %s", method, DBusErrorResponse(reply))
            return ()
        return tuple(reply.body)

    async def _read_signals(self) -> None:
        from jeepney.low_level import HeaderFields

        assert self._signals is not None
        while True:
            message = await self._signals.get()
            member = message.header.fields.get(HeaderFields.member)
            if member == "ActionInvoked":
                notification, action = message.body
                key = self._keys.get(int(notification))
                if key is not None and action == DEFAULT_ACTION:
                    self.clicked.emit(key)
            elif member == "NotificationClosed":
                key = self._keys.pop(int(message.body[0]), None)
                if key is not None and self._ids.get(key) == int(message.body[0]):
                    del self._ids[key]

    def _track(self, coroutine: Any) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("a desktop notification failed: %s", task.exception())
