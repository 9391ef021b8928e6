"""Desktop notifications over a private D-Bus session bus, to a notification service
of the test's own: shown with the sound hint, replaced in place per conversation,
clicks say which conversation; no bus or no service: nothing shown, nothing breaks."""

from __future__ import annotations

import asyncio

from messenger.ui.desktop_notifications import DesktopNotifications
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
