"""A member posting far faster, or far more, than people do: its messages beyond the
host's limits are refused unstored (``slow_down``, with when to send them again),
in the order sent; the others chat on untouched; the app's client sends what was
refused again when told, and loses nothing."""

from __future__ import annotations

import asyncio
import itertools
import json
from typing import Any

import pytest

from messenger.core.token_bucket import TokenBucket
from messenger.host.say_limits import DailyCount, SayLimits
from messenger.protocol.events import DAILY_QUOTA, SLOW_DOWN
from tests.reliability.chat_client import RecordingClient, check_one_order, join_all
from tests.wire_client import WireClient, wait_until

LONG_TEXT = "Báo cáo tuần: " + "dữ liệu " * 990  # 7,934 characters, ~13 KB of UTF-8
FLOOD = 400


def test_a_bucket_refills_at_its_rate_and_never_beyond_its_capacity():
    bucket = TokenBucket(capacity=10, rate=5, now=0.0)
    assert bucket.wait_for(10, now=0.0) == 0
    bucket.take(10)
    assert bucket.wait_for(1, now=0.0) == pytest.approx(0.2)
    assert bucket.wait_for(5, now=0.5) == pytest.approx(0.5)  # 2.5 back of 5
    assert bucket.wait_for(10, now=100.0) == 0  # full again, not 500
    bucket.take(10)
    assert bucket.wait_for(1, now=100.0) == pytest.approx(0.2)
    # more than the capacity at once waits only for a full bucket (then it is taken)
    assert bucket.wait_for(50, now=100.0) == pytest.approx(2.0)


def test_a_days_count_frees_its_oldest_hours_first():
    day = DailyCount()
    hour = 3600.0
    day.add(600, now=0.5 * hour)
    day.add(300, now=5.5 * hour)
    assert day.wait_for(100, quota=1_000, now=6 * hour) == 0
    # 200 more need the first hour's 600 gone: at 24 h after that hour began
    assert day.wait_for(200, quota=1_000, now=6 * hour) == pytest.approx(18 * hour)
    assert day.wait_for(800, quota=1_000, now=6 * hour) == pytest.approx(23 * hour)
    assert day.wait_for(200, quota=1_000, now=24 * hour) == 0  # the first hour left
    assert day.total == 300


def test_a_say_flood_is_refused_beyond_the_limits_while_the_others_chat(make_host, run, clients):
    limits = SayLimits(messages_per_s=20, burst_messages=50, bytes_per_s=64 * 1024)
    host = make_host(say_limits=limits)

    async def scenario() -> None:
        flooder = await WireClient.connect(host.port)
        honest = await WireClient.connect(host.port)
        clients.extend([flooder, honest])
        await flooder.hello("Lũ")
        await honest.hello("Thật")
        await flooder.join()
        await honest.join()
        frames = b"".join(_say_frame(f"lu-{i}", LONG_TEXT) for i in range(FLOOD))  # 5 MB, pipelined
        flooder.writer.write(frames)
        for i in range(5):  # the honest member is not held back meanwhile
            await honest.say(f"vẫn nói được {i}", msg_id=f"h{i}")
            ack, _ = await honest.recv_type("ack", timeout=10)
            assert ack["id"] == f"h{i}"
        answers = {}
        while len(answers) < FLOOD:
            frame = await flooder.recv(timeout=10)
            if frame["type"] in ("ack", "error"):
                answers[frame["id"]] = frame
        acked = [i for i in range(FLOOD) if answers[f"lu-{i}"]["type"] == "ack"]
        refused = [answers[f"lu-{i}"] for i in range(FLOOD) if i not in acked]
        # what was stored is a prefix: after the first refusal, everything waits
        assert acked == list(range(len(acked)))
        assert 0 < len(acked) < FLOOD / 2
        assert {error["code"] for error in refused} == {SLOW_DOWN}
        assert all(0 < error["retry_ms"] <= 60_000 for error in refused)
        # the first refused one, sent again as told (after retry_ms), is taken
        first, retry_ms = refused[0]["id"], refused[-1]["retry_ms"]
        for _ in range(10):
            await asyncio.sleep(retry_ms / 1000)  # (the wait the host asked for)
            await flooder.say(LONG_TEXT, msg_id=first)
            answer = await _answer_to(flooder, first)
            if answer["type"] == "ack":
                break
            retry_ms = answer["retry_ms"]
        assert answer["type"] == "ack"

    run(scenario(), timeout=60)


def test_a_message_stored_already_is_acknowledged_again_whatever_the_limits(
    make_host, run, clients
):
    host = make_host(say_limits=SayLimits(messages_per_s=0.01, burst_messages=3))

    async def scenario() -> None:
        member = await WireClient.connect(host.port)
        clients.append(member)
        await member.hello("Mất ack")
        await member.join()
        seqs = {}
        for i in range(3):
            await member.say(f"tin {i}", msg_id=f"m{i}")
            seqs[f"m{i}"] = (await _answer_to(member, f"m{i}"))["seq"]
        await member.say("tin 3", msg_id="m3")
        assert (await _answer_to(member, "m3"))["code"] == SLOW_DOWN
        # its ack for m1 was lost (it reconnected): m1 again is a repeat, not a post
        await member.say("tin 1", msg_id="m1")
        again = await _answer_to(member, "m1")
        assert (again["type"], again["seq"]) == ("ack", seqs["m1"])
        await member.say("tin 3", msg_id="m3")  # (the refused one still waits its turn)
        assert (await _answer_to(member, "m3"))["code"] == SLOW_DOWN

    run(scenario())


def test_the_apps_client_sends_what_was_refused_again_and_loses_nothing(make_host, run, tmp_path):
    limits = SayLimits(messages_per_s=200, burst_messages=40)
    host = make_host(say_limits=limits)
    sender, reader = RecordingClient("gui", tmp_path, 1), RecordingClient("doc", tmp_path, 2)
    refusals = []
    sender.connection.error_received.connect(
        lambda error: refusals.append(error) if error.code == SLOW_DOWN else None
    )
    total = 300
    try:

        async def scenario() -> None:
            await join_all([sender, reader], host.port)
            for number in range(total):
                sender.session.send(f"tin {number}")
            await wait_until(
                lambda: sender.outbox_empty() and len(reader.received) >= total, timeout=20
            )

        run(scenario(), timeout=30)
        assert refusals, "the host never held the sender back: the test tests nothing"
        check_one_order([sender, reader], total)
        assert [m.text for m in reader.received] == [f"tin {n}" for n in range(total)]
    finally:
        sender.close()
        reader.close()


def test_a_device_past_its_days_quota_is_told_and_its_messages_wait(make_host, run, tmp_path):
    host = make_host(say_limits=SayLimits(daily_bytes=2_000))
    sender, reader = RecordingClient("gui", tmp_path, 1), RecordingClient("doc", tmp_path, 2)
    failing: list[str] = []
    sender.session.storage_failing.connect(failing.append)
    refusals = []
    sender.connection.error_received.connect(refusals.append)
    try:
        texts = [f"tin nhắn thứ {number}: " + "chữ " * 20 for number in range(30)]
        sizes = list(itertools.accumulate(len(text.encode()) for text in texts))
        fit = sum(1 for total in sizes if total <= 2_000)  # (about 16)

        async def scenario() -> None:
            await join_all([sender, reader], host.port)
            for text in texts:
                sender.session.send(text)
            await wait_until(lambda: failing == [DAILY_QUOTA], timeout=10)
            await wait_until(lambda: len(reader.received) >= fit, timeout=10)

        run(scenario(), timeout=20)
        assert [m.text for m in reader.received] == texts[:fit]  # then nothing more today
        assert [m.text for m in sender.session.pending()] == texts[fit:]  # kept, in order
        quota = [e for e in refusals if e.problem == DAILY_QUOTA]
        assert quota and all(23 * 3600_000 < e.retry_ms <= 24 * 3600_000 for e in quota)
    finally:
        sender.close()
        reader.close()


async def _answer_to(client: WireClient, msg_id: str) -> dict[str, Any]:
    """The host's ack or error for say ``msg_id``."""
    while True:
        frame = await client.recv(timeout=10)
        if frame["type"] in ("ack", "error") and frame.get("id") == msg_id:
            return frame


def _say_frame(msg_id: str, text: str) -> bytes:
    say = {"type": "say", "room": "general", "id": msg_id, "text": text}
    return json.dumps(say, ensure_ascii=False).encode() + b"\n"
