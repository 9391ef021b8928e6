"""``messenger host`` as a separate process: chat through it, stop it with signals."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from tests.host_process import ROOT, HostProcess
from tests.wire_client import WireClient

pytestmark = pytest.mark.subprocess


@pytest.fixture
def host_process(tmp_path):
    process = HostProcess.on_loopback(tmp_path / "data")
    process.wait_listening()
    yield process
    process.kill()


def test_two_clients_chat_through_the_headless_host(host_process, run, clients):
    async def scenario() -> None:
        an = await WireClient.connect(host_process.port)
        binh = await WireClient.connect(host_process.port)
        clients.extend([an, binh])
        await an.hello("An")
        await an.join()
        await binh.hello("Bình")
        await binh.join()
        await an.say("Chào Bình! Hôm nay ăn phở nhé 🍜")
        message, _ = await binh.recv_type("message")
        assert message["from"] == "An" and message["text"] == "Chào Bình! Hôm nay ăn phở nhé 🍜"
        ack, _ = await an.recv_type("ack")
        assert ack["seq"] == message["seq"] == 1

    run(scenario())


def test_what_a_peer_sends_reaches_the_hosts_log_escaped(host_process, run, clients):
    async def scenario() -> None:
        peer = await WireClient.connect(host_process.port)
        clients.append(peer)
        await peer.hello("Ẩn")
        await peer.send({"type": "\x1b[2J\x1b]0;pwned\x07\u202eevil\ninjected"})
        error, _ = await peer.recv_type("error")
        assert error["code"] == "unknown_type"

    run(scenario())
    line = host_process.read_until(rb"sent bad input").string
    assert b"\\x1b[2J\\x1b]0;pwned\\x07\\u202eevil" in line  # (quoted, escaped)
    assert b"\x1b" not in line and "\u202e".encode() not in line


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_ends_the_session_cleanly(host_process, run, clients, signum):
    async def scenario() -> None:
        an = await WireClient.connect(host_process.port)
        clients.append(an)
        await an.hello("An")
        await an.join()
        host_process.process.send_signal(signum)
        frames = await an.expect_closed(timeout=10)
        assert frames[-1]["type"] == "bye"

    run(scenario())
    # the one signal ends it (a second SIGTERM while it exits would kill it: -15)
    code, stderr = host_process.wait_exit()
    assert code == 0, stderr
    assert "Traceback" not in stderr


def test_a_busy_port_is_reported_without_a_traceback(host_process, tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "messenger",
            "host",
            "--port",
            str(host_process.port),
            "--bind",
            "127.0.0.1",
            "--data",
            str(tmp_path / "second"),
            "--no-announce",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert f"Port {host_process.port} is already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_second_host_on_the_same_data_is_refused(host_process, tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "messenger",
            "host",
            "--port",
            "0",
            "--bind",
            "127.0.0.1",
            "--data",
            str(tmp_path / "data"),
            "--no-announce",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "Another Messenger host is already using" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_readmes_scripts_run_host_starts_the_headless_host(run, clients, tmp_path):
    no_display = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")  # as on a server
    env = {k: v for k, v in os.environ.items() if k not in no_display}
    host = HostProcess(
        ["--port", "0", "--bind", "127.0.0.1", "--data", str(tmp_path), "--no-announce"],
        command=[str(ROOT / "scripts" / "run")],
        env=dict(env, PYTHONUNBUFFERED="1"),
    )
    try:
        port = host.wait_listening(timeout=120)

        async def greet() -> None:
            client = await WireClient.connect(port)
            clients.append(client)
            assert (await client.hello("An"))["type"] == "welcome"

        run(greet())
    finally:
        code, stderr = host.terminate()
    assert code == 0 and "Traceback" not in stderr, stderr


def _identity_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("messenger host: identity")]
    assert len(lines) == 1, stderr
    return lines[0]


def test_the_host_prints_its_identity_the_same_at_each_start(tmp_path):
    lines = []
    for _ in range(2):
        host = HostProcess.on_loopback(tmp_path)
        host.wait_listening()
        code, stderr = host.terminate()
        assert code == 0, stderr
        lines.append(_identity_line(stderr))
    assert lines[0] == lines[1]
    match = re.fullmatch(
        r"messenger host: identity ([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3}) \(SHA-256 ([0-9a-f]{64})\)",
        lines[0],
    )
    assert match, lines[0]
    certificate = (tmp_path / "identity.crt").read_bytes()
    der = x509.load_pem_x509_certificate(certificate).public_bytes(Encoding.DER)
    assert match.group(2) == hashlib.sha256(der).hexdigest()


def test_a_damaged_identity_stops_the_host_with_what_to_do(tmp_path):
    host = HostProcess.on_loopback(tmp_path)
    host.wait_listening()
    host.terminate()
    (tmp_path / "identity.key").write_bytes(b"-----BEGIN PRIVATE KEY-----\nhong\n")
    again = HostProcess.on_loopback(tmp_path)
    code, stderr = again.wait_exit(timeout=30)
    assert code == 2
    assert "identity" in stderr and "damaged" in stderr and "move them aside" in stderr
    assert "Traceback" not in stderr


def test_the_owner_lets_a_device_in_from_the_terminal_and_it_comes_back_silently(
    tmp_path, run, clients
):
    from messenger.core.approval_code import format_code
    from tests.host.test_admission import ask_approval, say_hello
    from tests.identities import fresh_identity

    process = HostProcess.on_loopback(tmp_path / "data", extra=["--approval"])
    try:
        port = process.wait_listening()
        assert "devices you let in" in process.stderr_lines[-1].decode()
        device = fresh_identity()
        binh = run(WireClient.connect(port, identity=device))
        clients.append(binh)

        code = run(ask_approval(binh, "Bình"))
        asked = process.read_until(rb"\[(\d+)\] 'B\xc3\xacnh' .* shows (\d{3} \d{3})")
        assert asked.group(2).decode() == format_code(code)
        process.type_line(f"y {asked.group(1).decode()}")
        assert run(binh.recv())["type"] == "welcome"
        again = run(WireClient.connect(port, identity=device))
        clients.append(again)
        assert run(say_hello(again, "Bình"))["type"] == "welcome"
        process.type_line("members")
        assert b"1 members: B" in process.read_until(rb"members:").string
    finally:
        process.kill()


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"pw": ""}, "is empty"),
        ({"allow": "not-an-id\n"}, "line 1: 'not-an-id' is not a user id"),
        ({"pw": "x", "allow": ""}, "--allow goes with --approval"),
    ],
)
def test_admission_files_that_cannot_be_used_stop_the_host_with_what_to_do(
    tmp_path, files, expected
):
    extra: list[str] = []
    for kind, text in files.items():
        path = tmp_path / kind
        path.write_text(text)
        extra += ["--password-file" if kind == "pw" else "--allow", str(path)]
    process = HostProcess.on_loopback(tmp_path / "data", extra=extra)
    code, err = process.wait_exit()
    assert code == 2 and expected in err and "Traceback" not in err


def test_a_password_host_lets_in_who_knows_the_password(tmp_path, run, clients):
    from tests.host.test_admission import give_password, say_hello

    (tmp_path / "pw").write_text("mật khẩu\n")
    process = HostProcess.on_loopback(
        tmp_path / "data", extra=["--password-file", str(tmp_path / "pw")]
    )
    try:
        port = process.wait_listening()

        an = run(WireClient.connect(port))
        clients.append(an)
        assert run(say_hello(an, "An"))["code"] == "password_required"
        verdict = run(give_password(an, "mật khẩu"))
        assert verdict["type"] == "welcome"
    finally:
        process.kill()


def test_the_owners_named_on_the_command_line_announce_and_nobody_else(tmp_path, run, clients):
    from tests.identities import fresh_identity

    owner = fresh_identity()
    process = HostProcess.on_loopback(tmp_path / "data", extra=["--owner", owner.user_id])
    try:
        process.wait_listening()

        async def scenario() -> None:
            chu = await WireClient.connect(process.port, identity=owner)
            binh = await WireClient.connect(process.port)
            clients.extend([chu, binh])
            assert (await chu.hello("Chủ")).get("permissions") == ["announce"]
            assert "permissions" not in await binh.hello("Bình")
            await chu.join()
            await binh.join()
            say = {"type": "say", "room": "general", "id": "a1", "text": "Họp lúc 3h"}
            await chu.send({**say, "kind": "announcement"})
            message, _ = await binh.recv_type("message")
            assert (message["from"], message["kind"]) == ("Chủ", "announcement")
            await binh.send({**say, "id": "b1", "kind": "announcement", "ref": "7"})
            error, _ = await binh.recv_type("error")
            assert (error["code"], error["ref"]) == ("forbidden", "7")

        run(scenario())
    finally:
        process.kill()
