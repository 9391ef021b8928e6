"""HostConnection through a host's admission: waiting for approval with the code,
giving the session password, being refused (no retry)."""

from __future__ import annotations

from messenger.client import ConnectionState


def test_a_device_waits_showing_the_hosts_code_and_joins_once_approved(
    qtbot, make_host, make_client
):
    host = make_host(admission="approval")
    requests: list = []
    host.approval_requested.connect(requests.append)
    binh = make_client("Bình")
    with qtbot.waitSignal(binh.admission.approval_waiting) as waiting:
        binh.connect_to("127.0.0.1", host.port)
    qtbot.waitUntil(lambda: len(requests) == 1)
    assert waiting.args[0] == requests[0].code == binh.admission.code
    assert requests[0].user == binh.user_id
    # waiting for people, not for the network: no "did not answer in time" meanwhile
    assert not binh._welcome_timer.isActive()
    assert binh.state is ConnectionState.CONNECTING
    with qtbot.waitSignal(binh.joined):
        host.approve(binh.user_id)
    assert binh.state is ConnectionState.CONNECTED
    binh.disconnect_from_host()
    with qtbot.waitSignal(binh.joined):  # remembered: in at once
        binh.connect_to("127.0.0.1", host.port)


def test_a_refused_device_is_told_why_and_does_not_retry(qtbot, make_host, make_client):
    host = make_host(admission="approval")
    lan = make_client("Lạ")
    with qtbot.waitSignal(host.approval_requested):
        lan.connect_to("127.0.0.1", host.port)
    with qtbot.waitSignal(lan.connection_lost) as lost:
        host.refuse(lan.user_id)
    assert "did not let you in" in lost.args[0]
    assert lan.state is ConnectionState.DISCONNECTED and lan.retry_in == 0


def test_the_password_is_asked_again_when_wrong_and_kept_for_reconnects(
    qtbot, make_host, make_client
):
    host = make_host(admission="password", password="bí mật")
    an = make_client("An")
    asked: list[str] = []
    an.admission.password_needed.connect(asked.append)
    an.connect_to("127.0.0.1", host.port)
    qtbot.waitUntil(lambda: asked == [""])
    an.admission.give_password("sai rồi")
    qtbot.waitUntil(lambda: len(asked) == 2)
    assert "Wrong password" in asked[1]
    with qtbot.waitSignal(an.joined):
        an.admission.give_password("bí mật")
    an.disconnect_from_host()
    with qtbot.waitSignal(an.joined):  # the password given is proved again by itself
        an.connect_to("127.0.0.1", host.port)
    assert len(asked) == 2


def test_a_banned_device_is_stopped_without_retry(qtbot, make_host, make_client):
    host = make_host()
    chi = make_client("Chi")
    with qtbot.waitSignal(chi.joined):
        chi.connect_to("127.0.0.1", host.port)
    with qtbot.waitSignal(chi.session_ended) as ended:
        host.ban(chi.user_id)
    assert "removed you" in ended.args[0]
    with qtbot.waitSignal(chi.connection_lost) as lost:
        chi.connect_to("127.0.0.1", host.port)
    assert "does not let this device" in lost.args[0]
    assert chi.state is ConnectionState.DISCONNECTED
