"""Who may join (PROTOCOL.md 7): approval with a 6-digit code, a session password
checked with SPAKE2, bans and removals; real TLS, real certificates, the client side
written from the protocol (core.approval_code, core.password_exchange)."""

from __future__ import annotations

from typing import Any

import pytest

from messenger.core.approval_code import ClientCodeExchange
from messenger.core.password_exchange import ClientPasswordExchange
from messenger.host import HostService, HostStartError, admission
from messenger.host.admission import ApprovalRequest
from messenger.host.attempt_limits import FAILURES_PER_ADDRESS, FAILURES_PER_DEVICE
from tests.host.conftest import make_config, stop_host
from tests.identities import device_identity, fresh_identity
from tests.wire_client import Frame, WireClient, member_names, wait_until

FEATURES = ["approval", "password"]
PASSWORD = "mật khẩu phòng họp"


async def say_hello(client: WireClient, name: str, features: list[str] = FEATURES) -> Frame:
    """Sends hello; returns the host's first answer (not necessarily a welcome)."""
    hello = {"type": "hello", "version": 2, "name": name, "client": client.client_id}
    await client.send(hello | {"features": features})
    return await client.recv()


async def ask_approval(client: WireClient, name: str) -> str:
    """Says hello to an approval host and plays the code exchange, with the host's
    fingerprint as TLS showed it; returns the code this side computed."""
    commit = await say_hello(client, name)
    assert commit["type"] == "approval_commit", commit
    codes = ClientCodeExchange(client.host_fingerprint, client.user_id)
    await client.send(
        {"type": "approval_nonce", "nonce": codes.receive_commitment(commit["commitment"])}
    )
    reveal = await client.recv()
    assert reveal["type"] == "approval_reveal", reveal
    return codes.receive_reveal(reveal["nonce"])


async def give_password(client: WireClient, password: str) -> Frame:
    """Plays one SPAKE2 exchange with ``password`` (bound to the host's fingerprint as
    TLS showed it); returns the host's verdict frame (welcome, or an error)."""
    exchange = ClientPasswordExchange(password, client.user_id, client.host_fingerprint)
    await client.send({"type": "password_start", "spake": exchange.start()})
    reply = await client.recv()
    if reply["type"] != "password_reply":
        return reply
    await client.send({"type": "password_confirm", "confirm": exchange.finish(reply["spake"])})
    verdict = await client.recv()
    if verdict["type"] == "welcome":
        exchange.verify_host(reply["confirm"])  # (the host proved it knows the password)
    return verdict


async def connected(port: int, clients: list[Any], identity: Any = None) -> WireClient:
    """A new TLS connection (closed at the test's end), with ``identity`` or a new one."""
    client = await WireClient.connect(port, identity=identity)
    clients.append(client)
    return client


def requests_of(host: HostService) -> list[ApprovalRequest]:
    seen: list[ApprovalRequest] = []
    host.approval_requested.connect(seen.append)
    return seen


def test_a_new_device_waits_with_the_same_code_on_both_sides_and_gets_nothing(
    start_host, run, clients
):
    host = start_host(admission="approval")
    seen = requests_of(host)

    async def scenario() -> None:
        binh = await connected(host.port, clients)
        code = await ask_approval(binh, "Bình")
        await wait_until(lambda: len(seen) == 1)
        assert (seen[0].user, seen[0].name, seen[0].code) == (binh.user_id, "Bình", code)
        assert len(code) == 6 and code.isdigit()
        # until let in: no room, no history, no members
        await binh.send({"type": "join", "room": "general"})
        await binh.send({"type": "history", "room": "general", "before": 9, "limit": 5})
        refused = [await binh.recv(), await binh.recv()]
        assert [f.get("code") for f in refused] == ["not_admitted", "not_admitted"]
        host.approve(binh.user_id)
        welcome = await binh.recv()
        assert (welcome["type"], welcome["you"]) == ("welcome", "Bình")
        joined, _ = await binh.join()
        assert member_names(joined) == ["Bình"]

    run(scenario())


def test_an_approved_device_comes_back_silently_even_after_a_restart(
    start_host, loop, run, clients
):
    first = start_host(admission="approval")
    binh_identity = fresh_identity()

    async def approved_once() -> None:
        binh = await connected(first.port, clients, binh_identity)
        await ask_approval(binh, "Bình")
        await wait_until(lambda: bool(first_requests))
        first.approve(binh.user_id)
        assert (await binh.recv())["type"] == "welcome"
        await binh.close()

    first_requests = requests_of(first)
    run(approved_once())
    stop_host(loop, first)
    second = start_host(admission="approval")
    again = run(WireClient.connect(second.port, identity=binh_identity))
    clients.append(again)
    assert run(say_hello(again, "Bình"))["type"] == "welcome"


def test_a_refused_device_is_told_and_closed(start_host, run, clients):
    host = start_host(admission="approval")
    seen = requests_of(host)
    ended: list[str] = []
    host.approval_ended.connect(ended.append)

    async def scenario() -> None:
        lan = await connected(host.port, clients)
        await ask_approval(lan, "Lạ")
        await wait_until(lambda: bool(seen))
        host.refuse(lan.user_id)
        frames = await lan.expect_closed()
        assert [f.get("code") for f in frames] == ["not_approved"]
        await wait_until(lambda: ended == [lan.user_id])

    run(scenario())


def test_allowed_devices_and_the_owners_own_pass_and_an_app_that_cannot_ask_is_told(
    start_host, run, clients
):
    allowed = fresh_identity()
    host = start_host(admission="approval", allowed=frozenset({allowed.user_id}))

    async def scenario() -> None:
        listed = await WireClient.connect(host.port, identity=allowed)
        owner = await WireClient.connect(host.port, identity=device_identity(100))
        old = await WireClient.connect(host.port)
        clients.extend([listed, owner, old])
        assert (await say_hello(listed, "Chi"))["type"] == "welcome"
        assert (await say_hello(owner, "Chủ"))["type"] == "welcome"
        answer = await say_hello(old, "Cũ", features=[])
        assert (answer["type"], answer["code"]) == ("error", "approval_required")
        assert await old.expect_closed() == []

    run(scenario())


def test_the_right_password_lets_in_and_authenticates_the_host(start_host, run, clients):
    host = start_host(admission="password", password=PASSWORD)

    async def scenario() -> None:
        an = await connected(host.port, clients)
        asked = await say_hello(an, "An")
        assert (asked["type"], asked["code"]) == ("error", "password_required")
        await an.send({"type": "join", "room": "general"})
        assert (await an.recv())["code"] == "not_admitted"
        verdict = await give_password(an, PASSWORD)
        assert (verdict["type"], verdict["you"]) == ("welcome", "An")

    run(scenario())


def test_wrong_passwords_are_told_then_rate_limited_per_device(start_host, run, clients):
    host = start_host(admission="password", password=PASSWORD)

    async def scenario() -> None:
        guesser = await connected(host.port, clients)
        await say_hello(guesser, "Đoán")
        for attempt in range(FAILURES_PER_DEVICE):
            verdict = await give_password(guesser, f"đoán {attempt}")
            assert (verdict["type"], verdict["code"]) == ("error", "bad_password")
        verdict = await give_password(guesser, PASSWORD)  # even the right one waits
        assert (verdict["type"], verdict["code"]) == ("error", "rate_limited")
        assert "Try again in" in verdict["message"]
        assert 0 < verdict["retry_ms"] <= 5 * 60_000  # when, for a client's own words
        assert await guesser.expect_closed() == []
        again = await connected(host.port, clients, guesser.identity)
        await say_hello(again, "Đoán")
        assert (await give_password(again, PASSWORD))["code"] == "rate_limited"
        other = await WireClient.connect(host.port)  # another device still may
        clients.append(other)
        await say_hello(other, "Khác")
        assert (await give_password(other, PASSWORD))["type"] == "welcome"

    run(scenario(), timeout=30)


def test_a_wrong_then_right_password_on_one_connection_lets_in(start_host, run, clients):
    host = start_host(admission="password", password=PASSWORD)

    async def scenario() -> None:
        an = await connected(host.port, clients)
        await say_hello(an, "An")
        assert (await give_password(an, "sai"))["code"] == "bad_password"
        assert (await give_password(an, PASSWORD))["type"] == "welcome"

    run(scenario())


def test_an_app_that_cannot_give_a_password_is_told(start_host, run, clients):
    host = start_host(admission="password", password=PASSWORD)

    async def scenario() -> None:
        old = await connected(host.port, clients)
        answer = await say_hello(old, "Cũ", features=[])
        assert (answer["type"], answer["code"]) == ("error", "password_required")
        assert await old.expect_closed() == []

    run(scenario())


def test_a_banned_device_is_removed_and_refused_at_once(host: HostService, run, clients):
    async def scenario() -> None:
        an = await WireClient.connect(host.port)
        bad = await WireClient.connect(host.port)
        clients.extend([an, bad])
        await an.hello("An")
        await an.join()
        await bad.hello("Phá")
        await bad.join()
        await an.recv_type("presence")
        host.ban(bad.user_id)
        frames = await bad.expect_closed()
        assert [(f["type"], f.get("reason")) for f in frames] == [("bye", "removed")]
        left, _ = await an.recv_type("presence")
        assert (left["name"], left["status"]) == ("Phá", "left")
        back = await connected(host.port, clients, bad.identity)
        answer = await say_hello(back, "Phá")
        assert (answer["type"], answer["code"]) == ("error", "banned")

    run(scenario())


def test_a_removed_member_may_join_again(host: HostService, run, clients):
    async def scenario() -> None:
        chi = await connected(host.port, clients)
        await chi.hello("Chi")
        await chi.join()
        assert host.members() == [("Chi", chi.user_id)]
        host.remove_member(chi.user_id)
        frames = await chi.expect_closed()
        assert [f.get("reason") for f in frames] == ["removed"]
        back = await connected(host.port, clients, chi.identity)
        assert (await back.hello("Chi"))["you"] == "Chi"

    run(scenario())


def test_the_beacon_says_the_admission_mode(start_host, tmp_path):
    for mode, extra in (("open", {}), ("approval", {}), ("password", {"password": "x"})):
        host: Any = start_host(tmp_path / mode, admission=mode, **extra)
        assert host._beacon().auth == mode


def test_wrong_passwords_from_one_address_are_limited_whatever_the_identities(
    start_host, run, clients
):
    """An attacker makes as many identities as he likes: the address counts too."""
    host = start_host(admission="password", password=PASSWORD)

    async def guess(number: int, password: str) -> Frame:
        client = await connected(host.port, clients)
        await say_hello(client, f"Khách {number}")
        verdict = await give_password(client, password)
        await client.close()
        return verdict

    async def scenario() -> None:
        for number in range(FAILURES_PER_ADDRESS):
            assert (await guess(number, f"đoán {number}"))["code"] == "bad_password"
        assert (await guess(99, PASSWORD))["code"] == "rate_limited"

    run(scenario(), timeout=60)


def test_a_host_that_cannot_keep_its_admission_does_not_start(tmp_path):
    for options in (
        {"admission": "password", "password": ""},
        {"admission": "approval", "plaintext_loopback": True},
    ):
        host = HostService(make_config(tmp_path / str(len(options)), **options))
        with pytest.raises(HostStartError) as raised:
            host.start()
        assert str(raised.value)
        host.deleteLater()


def test_a_device_nobody_answers_is_sent_away_after_the_wait(start_host, run, clients, monkeypatch):
    monkeypatch.setattr(admission, "APPROVAL_WAIT_MS", 200)  # (5 minutes for people)
    monkeypatch.setattr(admission, "PASSWORD_WAIT_MS", 200)
    waiting = start_host(admission="approval")
    asking = start_host(waiting.config.data_dir.parent / "pw", admission="password", password="x")

    async def scenario() -> None:
        device = await connected(waiting.port, clients)
        await ask_approval(device, "Chờ")
        frames = await device.expect_closed()
        assert [f.get("code") for f in frames] == ["not_approved"]
        assert "within 1 minute" in frames[0]["message"]
        silent = await connected(asking.port, clients)
        assert (await say_hello(silent, "Im lặng"))["code"] == "password_required"
        frames = await silent.expect_closed()
        assert [f.get("code") for f in frames] == ["password_required"]

    run(scenario())
