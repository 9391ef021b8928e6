"""Bad input: a clear error frame, the right connection closed, everyone else served."""

from __future__ import annotations

import logging

import pytest

from messenger.host import HostService, HostStartError, member_connection
from messenger.protocol import codec
from messenger.protocol.limits import MAX_FRAME_BYTES
from tests.host.test_host_chat import joined_client
from tests.wire_client import WireClient

FATAL_CASES = {
    "oversized frame without newline": (b"{" + b" " * 70_000, "frame_too_large"),
    "oversized frame with newline": (
        b'{"type":"ping","pad":"' + b"x" * 70_000 + b'"}\n',
        "frame_too_large",
    ),
    "invalid JSON": (b'{"type": "say", \n', "invalid_json"),
    "invalid UTF-8": (b'{"type":"hello","name":"\xff\xfe"}\n', "invalid_utf8"),
    "not an object": (b"[1, 2, 3]\n", "invalid_frame"),
    "join before hello": (b'{"type":"join","room":"general"}\n', "hello_required"),
    "unknown type before hello": (b'{"type":"dance"}\n', "hello_required"),
    "wrong version": (
        b'{"type":"hello","version":9,"name":"A","client":"c"}\n',
        "unsupported_version",
    ),
}


@pytest.mark.parametrize("data, code", FATAL_CASES.values(), ids=FATAL_CASES.keys())
def test_fatal_input_gets_an_error_and_only_that_connection_closes(
    host: HostService, run, clients, data: bytes, code: str
):
    async def scenario() -> None:
        bystander = await joined_client(host.port, "Người xem", clients)
        culprit = await WireClient.connect(host.port)
        clients.append(culprit)
        await culprit.send(data)
        frames = await culprit.expect_closed()
        assert frames[-1]["type"] == "error" and frames[-1]["code"] == code
        assert frames[-1]["message"]
        await bystander.say("vẫn ổn")
        message, _ = await bystander.recv_type("message")
        assert message["text"] == "vẫn ổn"

    run(scenario())


NON_FATAL_CASES = {
    "unknown type": ({"type": "dance"}, "unknown_type"),
    "host frame": ({"type": "pong"}, "unexpected_type"),
    "missing field": ({"type": "say", "room": "general", "id": "x"}, "bad_frame"),
    "wrong field type": ({"type": "say", "room": "general", "id": 5, "text": "a"}, "bad_frame"),
    "text too long": (
        {"type": "say", "room": "general", "id": "x", "text": "a" * 8_001},
        "text_too_long",
    ),
    "say outside a room": ({"type": "say", "room": "other", "id": "x", "text": "a"}, "not_in_room"),
    "second hello": (
        {"type": "hello", "version": 2, "name": "B", "client": "c"},
        "already_greeted",
    ),
}


@pytest.mark.parametrize("frame, code", NON_FATAL_CASES.values(), ids=NON_FATAL_CASES.keys())
def test_bad_frame_after_hello_gets_an_error_and_the_connection_stays(
    host: HostService, run, clients, frame, code: str
):
    async def scenario() -> None:
        client = await joined_client(host.port, "An", clients)
        await client.send(frame)
        error = await client.recv()
        assert error["type"] == "error" and error["code"] == code
        await client.send({"type": "ping"})
        assert (await client.recv())["type"] == "pong"

    run(scenario())


def test_a_huge_unknown_type_is_quoted_short_and_what_follows_is_read(
    host: HostService, run, clients
):
    """Quoting the type whole (the largest frame holds a 65,525-character one) would
    make an error frame over the frame limit: the reply could not be encoded, and the
    rest of the read was lost."""
    huge = "x" * (MAX_FRAME_BYTES - len('{"type":""}'))

    async def scenario() -> None:
        client = await joined_client(host.port, "An", clients)
        await client.send(f'{{"type":"{huge}"}}\n{{"type":"ping"}}\n'.encode())
        error = await client.recv()
        assert error["type"] == "error" and error["code"] == "unknown_type"
        assert len(error["message"]) < 200 and "xxx" in error["message"]
        assert (await client.recv())["type"] == "pong"

    run(scenario())


def test_a_reply_that_cannot_be_encoded_loses_nothing_after_it(
    host: HostService, run, clients, monkeypatch
):
    monkeypatch.setattr(codec, "QUOTED_CHARS", MAX_FRAME_BYTES)  # (quoted whole again)
    huge = "x" * (MAX_FRAME_BYTES - len('{"type":""}'))

    async def scenario() -> None:
        client = await joined_client(host.port, "An", clients)
        await client.send(f'{{"type":"{huge}"}}\n{{"type":"ping"}}\n'.encode())
        assert (await client.recv())["type"] == "pong"  # (the error could not be sent)

    run(scenario())


def test_a_flood_of_bad_frames_is_cut_off_and_logged_in_a_few_lines(
    host: HostService, run, clients, caplog
):
    """1,000 bad frames in one write: 100 errors, then ``too_many_errors`` and the
    close; a few lines of log, not 1,000; the others chat on."""
    caplog.set_level(logging.INFO, logger="messenger.host.member_connection")

    async def scenario() -> None:
        an = await joined_client(host.port, "An", clients)
        flooder = await joined_client(host.port, "Lũ", clients)
        await flooder.send(b'{"type":"nope"}\n' * 1_000)
        frames = await flooder.expect_closed()
        codes = [f["code"] for f in frames if f["type"] == "error"]
        assert codes == ["unknown_type"] * member_connection.BAD_FRAMES_ALLOWED + [
            "too_many_errors"
        ]
        await an.say("Vẫn ổn", msg_id="m1")
        ack, _ = await an.recv_type("ack")
        assert ack["id"] == "m1"

    run(scenario())
    lines = [r.getMessage() for r in caplog.records if r.name.endswith("member_connection")]
    assert len(lines) <= member_connection.BAD_FRAMES_LOGGED + 2, lines
    assert any("more bad frames" in line for line in lines)


def test_a_silent_peer_is_dropped(host: HostService, run, clients, monkeypatch):
    monkeypatch.setattr(member_connection, "HELLO_TIMEOUT_MS", 200)

    async def scenario() -> None:
        bystander = await joined_client(host.port, "An", clients)
        silent = await WireClient.connect(host.port)
        clients.append(silent)
        frames = await silent.expect_closed(timeout=5)
        assert [f["code"] for f in frames] == ["hello_timeout"]
        await bystander.send({"type": "ping"})
        assert (await bystander.recv())["type"] == "pong"

    run(scenario())


def test_a_busy_port_gives_a_clear_error(host: HostService, start_host, tmp_path):
    with pytest.raises(HostStartError, match=f"Port {host.port} is already in use"):
        start_host(data_dir=tmp_path / "other", port=host.port)


def test_a_damaged_history_file_gives_a_clear_error(start_host, tmp_path):
    data = tmp_path / "damaged"
    data.mkdir()
    (data / "history.sqlite3").write_bytes(b"not a database at all " * 100)
    with pytest.raises(HostStartError, match="damaged"):
        start_host(data_dir=data)
    assert (data / "history.sqlite3").read_bytes().startswith(b"not a database")
