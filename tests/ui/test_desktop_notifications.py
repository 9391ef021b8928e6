"""Desktop notifications over a private D-Bus session bus, to a notification service
of the test's own: shown with the sound hint, replaced in place per conversation,
clicks say which conversation; no bus or no service: nothing shown, nothing breaks."""

from __future__ import annotations

import asyncio
import time

from messenger.ui.desktop_notifications import REPLACE_EVERY_S, DesktopNotifications
from tests.ui.notification_bus import notification_service, session_bus  # noqa: F401
from tests.wire_client import wait_until


def test_shown_replaced_in_place_and_clicked(run, notification_service, session_bus):  # noqa: F811
    notifier = DesktopNotifications(bus=session_bus)
    clicked: list[str] = []
    notifier.clicked.connect(clicked.append)

    async def scenario() -> None:
        assert await notifier.start()
        notifier.show("dm:a:b", "Bình", "Trưa nay ăn phở không? 🍜")
        first = await asyncio.to_thread(
            notification_service.wait_for, lambda c: c["call"] == "Notify"
        )
        assert (first["summary"], first["body"], first["replaces"]) == (
            "Bình",
            "Trưa nay ăn phở không? 🍜",
            0,
        )
        assert first["app"] == "Messenger" and first["actions"][0] == "default"
        assert first["hints"]["sound-name"] == "message-new-instant"
        await wait_until(lambda: "dm:a:b" in notifier._ids, timeout=5)
        notifier.show("dm:a:b", "Bình", "(2) Mấy giờ?")
        second = await asyncio.to_thread(
            notification_service.wait_for, lambda c: c["call"] == "Notify"
        )
        assert second["replaces"] == first["id"] and second["id"] == first["id"]
        notifier.show("general", "An in # general", "@Tôi xem giúp")
        third = await asyncio.to_thread(
            notification_service.wait_for, lambda c: c["call"] == "Notify"
        )
        assert third["replaces"] == 0 and third["id"] != first["id"]
        notification_service.click(first["id"])
        await wait_until(lambda: clicked == ["dm:a:b"], timeout=5)
        notifier.withdraw("dm:a:b")
        closed = await asyncio.to_thread(
            notification_service.wait_for, lambda c: c["call"] == "CloseNotification"
        )
        assert closed["id"] == first["id"]
        await notifier.stop()

    run(scenario(), timeout=30)


def test_a_burst_makes_one_call_in_flight_and_then_the_latest(
    run,
    notification_service,  # noqa: F811
    session_bus,  # noqa: F811
):
    notifier = DesktopNotifications(bus=session_bus)

    async def scenario() -> None:
        assert await notifier.start()
        for number in range(1, 51):  # (one turn: none answered yet)
            notifier.show("phong-1", f"{number} tin mới", f"tin số {number}")
        notifier.show("phong-2", "An", "một")
        notifier.withdraw("phong-2")  # (read before the service answered)
        await wait_until(lambda: not notifier._in_flight and not notifier._tasks, timeout=10)
        await asyncio.to_thread(
            notification_service.wait_for, lambda c: c["call"] == "CloseNotification"
        )
        notifies = notification_service.notifies()
        first, *rest = [c for c in notifies if c["summary"].endswith("tin mới")]
        assert first["replaces"] == 0 and first["body"] == "tin số 1"
        assert [(c["replaces"], c["body"]) for c in rest] == [(first["id"], "tin số 50")]
        closing = [c for c in notification_service.calls if c["call"] == "CloseNotification"]
        (shown_two,) = [c for c in notifies if c["body"] == "một"]
        assert [c["id"] for c in closing] == [shown_two["id"]]
        await notifier.stop()

    run(scenario(), timeout=30)


def test_a_conversation_is_notified_again_at_most_every_half_second(
    run,
    notification_service,  # noqa: F811
    session_bus,  # noqa: F811
):
    notifier = DesktopNotifications(bus=session_bus)

    async def scenario() -> None:
        assert await notifier.start()
        started = time.monotonic()
        notifier.show("phong-1", "An", "một")
        await wait_until(lambda: "phong-1" in notifier._ids, timeout=10)
        notifier.show("phong-1", "2 tin mới: An", "hai")  # (answered: yet too soon)
        notifier.show("phong-1", "3 tin mới: An", "ba")
        await asyncio.to_thread(
            notification_service.wait_for, lambda c: c["call"] == "Notify" and c["body"] == "ba"
        )
        assert time.monotonic() - started >= REPLACE_EVERY_S
        await wait_until(lambda: not notifier._tasks, timeout=10)
        assert [c["body"] for c in notification_service.notifies()] == ["một", "ba"]
        await notifier.stop()

    run(scenario(), timeout=30)


def test_without_a_session_bus_nothing_is_shown_and_nothing_breaks(run, tmp_path):
    notifier = DesktopNotifications(bus=f"unix:path={tmp_path / 'nobody'}")

    async def scenario() -> None:
        assert not await notifier.start()
        notifier.show("general", "An", "không ai nghe")  # (nothing, quietly)
        await notifier.stop()

    run(scenario())
    assert not notifier.available


def test_with_a_bus_but_no_service_the_app_goes_on(run, session_bus):  # noqa: F811
    notifier = DesktopNotifications(bus=session_bus)

    async def scenario() -> None:
        assert await notifier.start()
        notifier.show("general", "An", "không có dịch vụ")
        # the bus answers ServiceUnknown: the call ends
        await wait_until(lambda: not notifier._tasks, timeout=5)
        assert notifier._ids == {}
        await notifier.stop()

    run(scenario())
