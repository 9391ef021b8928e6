"""The host's disk fills up under it (a small tmpfs, filled with zeros): messages
wait in the senders' outboxes and go out once space is freed, once each and in the
order typed; a host started on the full disk says so instead of serving."""

from __future__ import annotations

import errno
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from messenger.protocol import Error
from messenger.protocol.events import STORAGE_ERROR
from tests.host_process import HostProcess
from tests.reliability.chat_client import RecordingClient, check_one_order, join_all
from tests.reliability.test_host_crash import free_tcp_port
from tests.wire_client import wait_until

pytestmark = pytest.mark.subprocess

DISK_SIZE = "4m"
BEFORE = 50
"""Messages typed while the disk has room."""
DURING = 200
"""Messages typed once it is full."""


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of DISK_SIZE mounted for this test (skips when it cannot be mounted)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs", str(folder)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"cannot mount a tmpfs: {error}")
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.strip() or mounted.returncode}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(disk: Path) -> Path:
    """Writes zeros to a filler file on ``disk`` until it is full; returns the file."""
    filler = disk / "filler"
    chunk = bytes(64 * 1024)
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        while True:
            try:
                os.write(fd, chunk)
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
                break
        os.fsync(fd)
    finally:
        os.close(fd)
    stats = os.statvfs(disk)
    assert stats.f_bavail * stats.f_frsize < 64 * 1024, "the disk is not full"
    return filler


class Watch:
    """What a client's session says about the host's storage, recorded."""

    def __init__(self, client: RecordingClient) -> None:
        self.failing: list[str] = []
        self.recovered = 0
        self.refusals: list[Error] = []  # every storage_error frame received
        client.session.storage_failing.connect(self.failing.append)
        client.session.storage_recovered.connect(self._on_recovered)
        client.connection.error_received.connect(self._on_error)

    def _on_recovered(self) -> None:
        self.recovered += 1

    def _on_error(self, error: Error) -> None:
        if error.code == STORAGE_ERROR:
            self.refusals.append(error)

    def refusals_of(self, message_id: str) -> int:
        return sum(1 for error in self.refusals if error.id == message_id)


async def wait_delivered(
    sender: RecordingClient, clients: list[RecordingClient], total: int, timeout: float
) -> None:
    """Waits until the sender's outbox is empty and every client received ``total``."""
    try:
        await wait_until(
            lambda: sender.outbox_empty() and all(len(c.received) >= total for c in clients),
            timeout=timeout,
        )
    except AssertionError:
        delivery = sender.session.delivery
        raise AssertionError(
            f"not delivered within {timeout} s: {len(sender.session.pending())} waiting, "
            f"{len(sender.acked)} acked, received {[len(c.received) for c in clients]} "
            f"of {total}, states {[c.connection.state.name for c in clients]}, "
            f"failing {delivery.failing!r}, held {len(sender.session.held())}"
        ) from None


def check_typing_order(
    sender: RecordingClient, typed: list[str], clients: list[RecordingClient]
) -> None:
    """Every typed message is stored once, with seqs rising in the order typed, and
    received once by every client with that seq."""
    assert len(set(typed)) == len(typed)
    assert set(sender.acked) == set(typed), "a typed message was not acknowledged"
    seqs = [sender.acked[message_id] for message_id in typed]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs), "stored out of typing order"
    for client in clients:
        got = [(m.id, m.seq) for m in client.received if m.id in sender.acked]
        assert got == [(message_id, sender.acked[message_id]) for message_id in typed], client.name


def test_a_full_disk_holds_messages_until_space_is_freed_then_all_go_out_in_typing_order(
    make_clients, run, small_disk
):
    total = BEFORE + DURING
    host = HostProcess.on_loopback(small_disk / "host")
    port = host.wait_listening()
    clients = make_clients(2)
    sender, reader = clients
    watch = Watch(sender)
    typed: list[str] = []
    figures: dict[str, float] = {}
    try:

        async def outage_and_recovery() -> None:
            await join_all(clients, port)
            for number in range(BEFORE):
                typed.append(sender.session.send(f"tin {number}: trước khi đầy đĩa").id)
            await wait_until(
                lambda: sender.outbox_empty() and len(reader.received) >= BEFORE, timeout=10
            )
            assert len(sender.acked) == BEFORE and not watch.refusals

            filler = fill(small_disk)
            acked_at_fill = len(sender.acked)
            for number in range(BEFORE, total):
                typed.append(sender.session.send(f"tin {number}: đĩa đầy, phải chờ").id)
            await wait_until(lambda: sender.session.delivery.failing == "disk_full", timeout=10)
            assert watch.failing == ["disk_full"]
            oldest = sender.session.pending()[0].id
            acked_when_failing = len(sender.acked)
            received_when_failing = len(reader.received)
            # The oldest waiting message is tried again alone, with backoff: refused
            # (at least) twice more, while nothing more is stored or relayed.
            await wait_until(lambda: watch.refusals_of(oldest) >= 3, timeout=10)
            assert sender.session.delivery.failing == "disk_full"
            assert len(sender.acked) == acked_when_failing
            assert len(reader.received) == received_when_failing
            assert sender.session.pending()[0].id == oldest
            assert {error.problem for error in watch.refusals} == {"disk_full"}
            figures["acked_during_outage"] = len(sender.acked) - acked_at_fill
            figures["refusals"] = len(watch.refusals)

            filler.unlink()
            freed = time.monotonic()
            await wait_delivered(sender, clients, total, timeout=20)
            figures["recovery_s"] = time.monotonic() - freed

        run(outage_and_recovery(), timeout=45)
    finally:
        code, stderr = host.terminate()
        host.kill()
    assert code == 0, stderr
    assert "Traceback" not in stderr, stderr
    check_one_order(clients, total)
    check_typing_order(sender, typed, clients)
    assert sender.session.delivery.failing == ""
    assert watch.recovered == 1
    troubles = stderr.count("cannot store messages")
    assert 1 <= troubles <= 3, stderr
    assert "disk_full" in stderr, stderr
    assert 1 <= stderr.count("storing messages works again") <= 3, stderr
    print(
        f"\n{total} typed ({DURING} on a full disk), {len(sender.acked)} acked, 0 lost, "
        f"0 duplicated; acked during the outage: {figures['acked_during_outage']:.0f}, "
        f"storage_error frames: {figures['refusals']:.0f}; all acked "
        f"{figures['recovery_s']:.2f} s after freeing space; host logged the trouble "
        f"{troubles}x"
    )


def test_a_host_restarted_on_a_full_disk_says_so_then_serves_once_space_is_freed(
    make_clients, run, small_disk
):
    history, waiting, offline = 20, 30, 10
    total = history + waiting + offline
    port = free_tcp_port()
    data = small_disk / "host"
    hosts = [HostProcess.on_loopback(data, port)]
    hosts[0].wait_listening()
    clients = make_clients(2)
    sender, reader = clients
    watch = Watch(sender)
    typed: list[str] = []
    filler: list[Path] = []
    ended: list[str] = []
    for client in clients:
        client.connection.session_ended.connect(ended.append)
    try:

        async def history_then_outage() -> None:
            await join_all(clients, port)
            for number in range(history):
                typed.append(sender.session.send(f"lịch sử {number}").id)
            await wait_until(
                lambda: sender.outbox_empty() and len(reader.received) >= history, timeout=10
            )
            filler.append(fill(small_disk))
            for number in range(waiting):
                typed.append(sender.session.send(f"chờ chỗ trống {number}").id)
            await wait_until(lambda: sender.session.delivery.failing == "disk_full", timeout=10)

        run(history_then_outage(), timeout=25)
        assert len(sender.acked) == history
        code, stderr = hosts[0].terminate()
        assert code == 0, stderr
        assert "Traceback" not in stderr, stderr

        async def type_while_down() -> None:
            # A stopped host ends the session (bye): the clients do not retry by
            # themselves, so they rejoin as the app does its last session at start.
            await wait_until(lambda: len(ended) == len(clients), timeout=10)
            for number in range(offline):
                typed.append(sender.session.send(f"gõ khi host tắt {number}").id)
            for client in clients:
                client.connection.connect_to("127.0.0.1", port, keep_trying=True)

        run(type_while_down())

        on_full_disk = HostProcess.on_loopback(data, port)
        hosts.append(on_full_disk)
        try:
            on_full_disk.wait_listening()
        except AssertionError:
            code, stderr = on_full_disk.wait_exit()
            assert code != 0, stderr
            reason = stderr.lower()
            assert "disk" in reason and "full" in reason, stderr
            assert "i/o error" not in reason, stderr
            assert "cannot start" in reason, stderr
            assert "Traceback" not in stderr, stderr
            outcome = f"exited ({code}): {stderr.strip().splitlines()[-1]}"
        else:
            refused_before = len(watch.refusals)

            async def refused() -> None:
                await wait_until(lambda: len(watch.refusals) > refused_before, timeout=15)

            run(refused(), timeout=20)
            assert {e.problem for e in watch.refusals[refused_before:]} == {"disk_full"}
            assert len(sender.acked) == history
            code, stderr = on_full_disk.terminate()
            assert code == 0 and "Traceback" not in stderr, stderr
            outcome = "started and refused messages with disk_full"

        filler.pop().unlink()
        freed = time.monotonic()
        hosts.append(HostProcess.on_loopback(data, port))
        hosts[-1].wait_listening()

        async def delivered() -> None:
            await wait_delivered(sender, clients, total, timeout=20)

        run(delivered(), timeout=25)
        recovery = time.monotonic() - freed
        code, stderr = hosts[-1].terminate()
        assert code == 0, stderr
        assert "Traceback" not in stderr, stderr
    finally:
        for host in hosts:
            host.kill()
    check_one_order(clients, total)
    check_typing_order(sender, typed, clients)
    assert [sender.acked[message_id] for message_id in typed] == list(range(1, total + 1))
    assert sender.session.delivery.failing == ""
    assert watch.recovered == 1
    print(
        f"\n{total} typed ({waiting} on the full disk, {offline} with the host down); "
        f"host on the full disk {outcome}; all delivered once in typing order "
        f"{recovery:.2f} s after freeing space"
    )
