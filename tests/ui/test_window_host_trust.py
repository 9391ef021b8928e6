"""The window and pinned hosts: the session list tells a beacon that names a known
host with another identity apart from the real one."""

from __future__ import annotations

import socket

from PySide6.QtCore import Qt

from messenger.client import ConnectionState
from messenger.core.identity import short_form
from messenger.protocol import Beacon, encode_beacon


def test_a_spoofed_beacon_of_a_known_host_is_shown_as_a_warning(qtbot, make_window, discovery_port):
    an = make_window("An")
    binh = make_window("Bình")
    an.host_action.trigger()
    qtbot.waitUntil(lambda: binh.session_list.count() == 1, timeout=10_000)
    host = an.controller.host
    assert host is not None
    # the short form of the host's fingerprint, as its window shows it ("Your id")
    assert f"id {short_form(host.fingerprint)}" in binh.session_list.item(0).text()
    binh.session_list.setCurrentRow(0)
    qtbot.mouseClick(binh.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: binh.controller.client.state is ConnectionState.CONNECTED)
    assert binh.controller.trust.pinned(host.host_id) == host.fingerprint

    spoof = Beacon(
        host=host.host_id, session="Phiên giả", port=6000, members=9, fingerprint="ee" * 32
    )
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        sender.sendto(encode_beacon(spoof), ("127.0.0.1", discovery_port))
    qtbot.waitUntil(lambda: binh.session_list.count() == 2)
    rows = [binh.session_list.item(row) for row in range(2)]
    warnings = [row for row in rows if row.text().startswith("⚠ Not the host you know")]
    assert len(warnings) == 1 and "Phiên giả" in warnings[0].text()
    assert "posing" in warnings[0].toolTip()
    normal = [row for row in rows if row not in warnings]
    assert f"id {short_form(host.fingerprint)}" in normal[0].text()


def test_the_first_contact_with_a_host_shows_its_id_to_compare_once(qtbot, make_window):
    """A typed address shows no session list entry: the first welcome of a host id
    says its short id (to compare with the owner's), later ones do not."""
    an = make_window("An")
    an.host_action.trigger()
    qtbot.waitUntil(lambda: an.controller.client.state is ConnectionState.CONNECTED)
    host = an.controller.host
    assert host is not None and not an.notice_label.isVisibleTo(an)  # (its own host)
    binh = make_window("Bình")
    binh.controller.join("127.0.0.1", host.port)
    qtbot.waitUntil(lambda: binh.notice_label.isVisibleTo(binh))
    assert short_form(host.fingerprint) in binh.notice_label.text()
    assert f"host id {short_form(host.fingerprint)}" in binh.status_label.text()
    binh.notice_label.hide()
    binh.controller.client.disconnect_from_host()
    binh.controller.join("127.0.0.1", host.port)
    qtbot.waitUntil(lambda: binh.controller.client.state is ConnectionState.CONNECTED)
    assert not binh.notice_label.isVisibleTo(binh)  # (pinned already: nothing to compare)
