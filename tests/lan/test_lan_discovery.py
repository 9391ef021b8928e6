"""A simulated LAN: two network namespaces on a bridge. The host runs in one and
announces itself with its real default targets (the interface's broadcast address
and the multicast group); a client in the other finds it by its beacon and chats.
All traffic stays inside the namespaces this test creates."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.host_process import HostProcess

pytestmark = [pytest.mark.netns, pytest.mark.subprocess]
ROOT = Path(__file__).resolve().parents[2]


def ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, timeout=10)


@pytest.fixture
def lan():
    """Namespaces ``host`` (10.77.0.2) and ``client`` (10.77.0.3) on a bridge."""
    if os.geteuid() != 0 or shutil.which("ip") is None:
        pytest.skip("needs root and iproute2 to create network namespaces")
    tag = f"m{os.getpid()}"
    names = {"lan": f"{tag}lan", "host": f"{tag}host", "client": f"{tag}cli"}
    try:
        ip("netns", "add", names["lan"])
    except subprocess.CalledProcessError as error:
        pytest.skip(f"cannot create network namespaces here: {error.stderr.decode().strip()}")
    created = [names["lan"]]
    try:
        ip("-n", names["lan"], "link", "add", "br0", "type", "bridge")
        ip("-n", names["lan"], "link", "set", "br0", "up")
        for index, role in enumerate(("host", "client"), start=2):
            ns = names[role]
            ip("netns", "add", ns)
            created.append(ns)
            ip(
                "link",
                "add",
                "eth0",
                "netns",
                ns,
                "type",
                "veth",
                "peer",
                "name",
                f"p{index}",
                "netns",
                names["lan"],
            )
            ip("-n", names["lan"], "link", "set", f"p{index}", "master", "br0")
            ip("-n", names["lan"], "link", "set", f"p{index}", "up")
            ip(
                "-n",
                ns,
                "addr",
                "add",
                f"10.77.0.{index}/24",
                "broadcast",
                "10.77.0.255",
                "dev",
                "eth0",
            )
            ip("-n", ns, "link", "set", "eth0", "up")
            ip("-n", ns, "link", "set", "lo", "up")
            ip("-n", ns, "route", "add", "default", "dev", "eth0")
        yield names
    finally:
        for ns in reversed(created):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True, timeout=10)


def in_namespace(ns: str) -> list[str]:
    return ["ip", "netns", "exec", ns]


def test_a_client_finds_the_host_by_its_beacon_and_chats(lan, tmp_path, monkeypatch):
    monkeypatch.delenv("MESSENGER_ANNOUNCE_TO", raising=False)  # real targets, in the LAN
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    process = HostProcess(
        ["--name", "Phòng họp", "--data", str(tmp_path / "host")],
        prefix=in_namespace(lan["host"]),
    )
    try:
        assert process.wait_listening() == 5005
        client = subprocess.run(
            [
                *in_namespace(lan["client"]),
                sys.executable,
                "-m",
                "tests.lan.lan_client",
                "Xin chào từ mạng LAN 🎉",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            cwd=ROOT,
        )
        assert client.returncode == 0, client.stdout + client.stderr
        result = json.loads(client.stdout.strip().splitlines()[-1])
        assert result == {
            "session": "Phòng họp",
            "address": "10.77.0.2",
            "port": 5005,
            "echo": "Xin chào từ mạng LAN 🎉",
            "seq": 1,
        }
    finally:
        code, stderr = process.terminate()
    assert code == 0, stderr
    assert "Traceback" not in stderr


@pytest.fixture
def isolated():
    """A namespace with only loopback up: no route anywhere."""
    if os.geteuid() != 0 or shutil.which("ip") is None:
        pytest.skip("needs root and iproute2 to create network namespaces")
    name = f"m{os.getpid()}iso"
    try:
        ip("netns", "add", name)
    except subprocess.CalledProcessError as error:
        pytest.skip(f"cannot create network namespaces here: {error.stderr.decode().strip()}")
    try:
        ip("-n", name, "link", "set", "lo", "up")
        yield name
    finally:
        subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=10)


def test_a_target_without_route_is_logged_once_and_the_host_goes_on(
    isolated, tmp_path, monkeypatch
):
    monkeypatch.delenv("MESSENGER_ANNOUNCE_TO", raising=False)
    process = HostProcess(
        ["--port", "0", "--data", str(tmp_path / "host"), "--verbose"],
        prefix=in_namespace(isolated),
    )
    try:
        process.wait_listening()
        assert process.process.stderr is not None
        beacons = 0
        while beacons < 3:  # the first beacon and two periodic ones
            line = process.process.stderr.readline()
            assert line, b"".join(process.stderr_lines).decode()
            process.stderr_lines.append(line)
            beacons += b"beacon to" in line
        assert process.process.poll() is None
    finally:
        code, stderr = process.terminate()
    assert code == 0
    assert stderr.count("cannot send beacons to 239.255.77.5") == 1, stderr
    assert "Traceback" not in stderr
