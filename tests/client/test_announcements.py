"""Announcements through real connections to an in-process host: the owner's welcome
lets it announce, the others' does not; an announcement reaches the others' general
conversation as one, their caches keep it so, one typed while the host was away goes
out as one after an app restart; one the host refuses leaves the outbox."""

from __future__ import annotations

from messenger.client import Conversations, HostConnection
from messenger.store import ClientStore
from tests.identities import device_identity

OWNER = 100
"""The identity the test hosts serve with (``make_host``): the window that hosts."""


def conversations_of(tmp_path, name: str, number: int) -> Conversations:
    store = ClientStore.open(tmp_path / f"{name}.sqlite3")
    connection = HostConnection(name, f"id-{name}", identity=device_identity(number))
    return Conversations(store, connection)


def close(conversations: Conversations) -> None:
    conversations.connection.disconnect_from_host()
    conversations.flush_cache()
    conversations.store.close()
    conversations.connection.deleteLater()
    conversations.deleteLater()


def connect(qtbot, member: Conversations, port: int) -> None:
    member.connection.connect_to("127.0.0.1", port)
    qtbot.waitUntil(lambda: member.general.delivery.ready, timeout=10_000)


def test_the_owner_announces_and_the_others_keep_it_as_an_announcement(qtbot, tmp_path, make_host):
    host = make_host()
    owner = conversations_of(tmp_path, "Chủ", OWNER)
    binh = conversations_of(tmp_path, "Bình", 1)
    try:
        for member in (owner, binh):
            connect(qtbot, member, host.port)
        assert owner.connection.may_announce and not binh.connection.may_announce
        got = []
        binh.general.message_received.connect(got.append)
        owner.general.send("Chiều nay họp lúc 3h 📣", kind="announcement")
        qtbot.waitUntil(lambda: len(got) == 1, timeout=10_000)
        assert (got[0].text, got[0].kind, got[0].sender) == (
            "Chiều nay họp lúc 3h 📣",
            "announcement",
            "Chủ",
        )
        binh.flush_cache()
        cached = binh.store.cached_before(host.host_id, "general", 99, 5)
        assert [m.kind for m in cached] == ["announcement"]
    finally:
        close(owner)
        close(binh)


def test_an_announcement_typed_while_the_host_is_away_goes_out_as_one_after_a_restart(
    qtbot, tmp_path, make_host
):
    host = make_host()
    owner = conversations_of(tmp_path, "Chủ", OWNER)
    binh = conversations_of(tmp_path, "Bình", 1)
    try:
        connect(qtbot, owner, host.port)
        connect(qtbot, binh, host.port)
        owner.connection.disconnect_from_host()
        owner.general.send("Mai nghỉ lễ", kind="announcement")
        close(owner)
        owner = conversations_of(tmp_path, "Chủ", OWNER)
        owner.resume(host.host_id)
        assert [m.kind for m in owner.general.pending()] == ["announcement"]
        got = []
        binh.general.message_received.connect(got.append)
        connect(qtbot, owner, host.port)
        qtbot.waitUntil(lambda: len(got) == 1, timeout=10_000)
        assert got[0].kind == "announcement"
        qtbot.waitUntil(lambda: owner.waiting() == 0, timeout=10_000)
    finally:
        close(owner)
        close(binh)


def test_an_announcement_the_host_refuses_leaves_the_outbox(qtbot, tmp_path, make_host):
    host = make_host()
    binh = conversations_of(tmp_path, "Bình", 1)
    try:
        connect(qtbot, binh, host.port)
        with qtbot.waitSignal(binh.general.message_refused, timeout=10_000) as refused:
            typed = binh.general.send("Tôi cũng thông báo", kind="announcement")
        assert refused.args[0] == typed
        assert binh.general.pending() == []
        assert binh.store.outgoing(host.host_id, "general") == []
        binh.general.send("một tin thường")  # (what follows goes as usual)
        qtbot.waitUntil(lambda: binh.waiting() == 0, timeout=10_000)
    finally:
        close(binh)
