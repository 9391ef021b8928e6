"""A host that comes back as another session: restarted on an empty data folder (a
new host id at the same address), or on an older copy of its data (the same host id,
its seqs behind what the clients saw). Nothing typed is dropped or rewritten: what
was not acknowledged is held for the user's choice, the cache holds only what the
host has, and what it held before is kept aside."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from messenger.client import SessionReset
from messenger.store import HistoryStore
from tests.host_process import HostProcess
from tests.reliability.chat_client import RecordingClient, join_all
from tests.reliability.test_host_crash import free_tcp_port
from tests.wire_client import wait_until

pytestmark = pytest.mark.subprocess

ROOM = "general"


def start_host(data: Path, port: int) -> HostProcess:
    host = HostProcess.on_loopback(data, port)
    host.wait_listening()
    return host


def stop_host(host: HostProcess) -> str:
    code, stderr = host.terminate()
    assert code == 0 and "Traceback" not in stderr, stderr
    return stderr


def history_of(data: Path) -> list[tuple[int, str]]:
    """(seq, id) of every message the host's history holds, in seq order."""
    with HistoryStore.open(data / "history.sqlite3") as store:
        return [(m.seq, m.id) for m in store.messages_after(ROOM, 0, 1_000_000)]


def cache_of(client: RecordingClient) -> list[tuple[int, str]]:
    client.session.flush_cache()
    rows = client.store.cached_after(client.session.host_id, ROOM, 0, 1_000_000)
    return [(m.seq, m.id) for m in rows]


def record_resets(client: RecordingClient) -> list[tuple[SessionReset, int, int]]:
    resets: list[tuple[SessionReset, int, int]] = []
    client.session.session_reset.connect(
        lambda kind, kept, held: resets.append((kind, len(kept), len(held)))
    )
    return resets


def test_a_host_restarted_on_an_empty_data_folder_strands_nothing(make_clients, run, tmp_path):
    port = free_tcp_port()
    first_data, second_data = tmp_path / "first", tmp_path / "second"
    first = start_host(first_data, port)
    second: HostProcess | None = None
    an, binh = make_clients(2)
    resets = record_resets(an)
    typed: list[str] = []
    acked_by_first: dict[str, int] = {}
    try:

        async def chat_then_host_dies() -> None:
            await join_all((an, binh), port)
            for number in range(600):
                typed.append(an.session.send(f"An: tin {number} trước khi máy chủ mất").id)
            await wait_until(lambda: len(an.acked) >= 150, timeout=30)
            first.process.kill()  # the old host dies mid-burst
            await wait_until(lambda: not an.connected, timeout=10)
            acked_by_first.update(an.acked)  # (and what it sent before it died)
            for number in range(100):  # typed while it is down
                typed.append(an.session.send(f"An: tin {number} lúc mất kết nối").id)

        run(chat_then_host_dies(), timeout=60)
        first.process.wait(timeout=10)
        second = start_host(second_data, port)  # another machine takes the address

        async def reconnect_to_the_new_host() -> None:
            await wait_until(lambda: bool(resets) and binh.connected, timeout=30)

        run(reconnect_to_the_new_host(), timeout=40)
        held = [m.id for m in an.session.held()]
        assert resets[0][0] is SessionReset.NEW_HOST
        assert resets[0][2] == len(held)
        # typed = acknowledged by the old host + held for the user's choice, in order
        assert set(acked_by_first).isdisjoint(held)
        assert [i for i in typed if i not in acked_by_first] == held
        assert len(acked_by_first) + len(held) == len(typed) == 700
        assert len(acked_by_first) < 600, "the old host died after the burst"
        # what is typed while the choice is pending waits behind the held messages
        later = an.session.send("An: tin viết sau khi máy chủ mới trả lời").id

        async def send_the_held_messages() -> None:
            an.session.send_held()
            await wait_until(lambda: an.outbox_empty() and later in an.acked, timeout=60)
            await wait_until(lambda: any(m.id == later for m in binh.received), timeout=10)

        run(send_the_held_messages(), timeout=70)
    finally:
        first.kill()
        if second is not None:
            stop_host(second)
    stored = history_of(second_data)
    assert [message_id for _, message_id in stored] == [*held, later]  # typing order
    assert [seq for seq, _ in stored] == list(range(1, len(held) + 2))
    print(
        f"\n{len(typed) + 1} typed: {len(acked_by_first)} stored by the old host, "
        f"{len(held)} held then sent to the new one in order, 1 typed meanwhile after "
        "them; 0 lost, 0 out of order"
    )


def test_a_host_restored_from_an_older_copy_rebuilds_every_cache(make_clients, run, tmp_path):
    port = free_tcp_port()
    data, backup = tmp_path / "host", tmp_path / "backup"
    host = start_host(data, port)
    an, binh, chi = make_clients(3)
    resets = {c.name: record_resets(c) for c in (an, binh, chi)}
    late_typed: list[str] = []
    try:

        async def before_and_after_the_backup() -> None:
            await join_all((an, binh, chi), port)
            for number in range(200):
                an.session.send(f"An: tin {number} trước bản sao")
            await wait_until(lambda: len(chi.received) >= 200, timeout=30)

        run(before_and_after_the_backup(), timeout=40)
        stop_host(host)
        shutil.copytree(data, backup)  # the backup an administrator will restore
        old_epoch = HistoryStore.open(backup / "history.sqlite3")
        backup_epoch = old_epoch.epoch
        old_epoch.close()
        host = start_host(data, port)

        async def more_after_the_backup() -> None:
            await join_all((an, binh, chi), port)  # the session had ended: they join again
            for number in range(300):
                binh.session.send(f"Bình: tin {number} sau bản sao")
            await wait_until(lambda: len(chi.received) >= 400, timeout=30)
            chi.connection.disconnect_from_host()  # Chi goes home having seen up to seq 400
            await wait_until(lambda: len(an.received) >= 500, timeout=30)

        run(more_after_the_backup(), timeout=70)
        host.kill()
        shutil.rmtree(data)
        shutil.copytree(backup, data)  # restored: seq 200 is its newest

        async def typed_while_the_host_is_down() -> None:
            await wait_until(lambda: not an.connected, timeout=10)
            for number in range(40):
                late_typed.append(an.session.send(f"An: tin {number} lúc khôi phục").id)

        run(typed_while_the_host_is_down(), timeout=20)
        host = start_host(data, port)

        async def after_the_restore() -> None:
            await wait_until(lambda: bool(resets["c0"]) and bool(resets["c1"]), timeout=30)
            assert [m.id for m in an.session.held()] == late_typed
            for number in range(250):  # seqs 201..450 again, other messages
                binh.session.send(f"Bình: tin {number} sau khôi phục")
            await wait_until(lambda: binh.outbox_empty(), timeout=30)
            chi.connection.connect_to("127.0.0.1", port)  # since 400: now another message
            await wait_until(lambda: bool(resets["c2"]), timeout=20)
            an.session.send_held()
            await wait_until(lambda: an.outbox_empty(), timeout=30)
            await wait_until(
                lambda: all(set(late_typed) <= {m.id for m in c.received} for c in (binh, chi)),
                timeout=20,
            )

        run(after_the_restore(), timeout=100)
    finally:
        host.kill()
    history = history_of(data)
    assert [seq for seq, _ in history] == list(range(1, len(history) + 1))
    assert [i for _, i in history[-len(late_typed) :]] == late_typed  # typing order
    truth = dict(history)
    for client in (an, binh, chi):
        cache = cache_of(client)
        wrong = [(seq, i) for seq, i in cache if truth.get(seq) != i]
        assert wrong == [], f"{client.name}: {len(wrong)} cache rows differ from the host"
        assert cache[-1] == history[-1], client.name  # up to date
        kinds = {kind for kind, _, _ in resets[client.name]}
        assert kinds == {SessionReset.RESTORED}, client.name
    archived = an.store.archived_before(an.session.host_id, ROOM, 2**62, 1_000_000)
    assert len(archived) == 500  # all An had seen is kept aside
    with HistoryStore.open(data / "history.sqlite3") as store:
        assert store.epoch != backup_epoch  # the host tells its history is a new epoch
    print(
        f"\nrestored to seq 200 after 500; {len(late_typed)} typed meanwhile held, then "
        f"sent in order; history now {len(history)} messages; 0 of "
        f"{sum(len(cache_of(c)) for c in (an, binh, chi))} cache rows differ from the host"
    )
