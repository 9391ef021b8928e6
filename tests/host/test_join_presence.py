"""A member is announced when its join starts, not when its replay ends: a reader
that reads part of a long replay and leaves was seen, and its leaving too."""

from __future__ import annotations

from pathlib import Path

from messenger.host.request_limits import RequestLimits
from tests.host.test_host_chat import joined_client
from tests.stored_history import fill_history
from tests.wire_client import WireClient, member_names

STORED = 1_000


def test_a_reader_is_announced_at_the_start_of_its_replay_and_seen_leaving(
    start_host, tmp_path: Path, run, clients
):
    data = tmp_path / "long history"
    fill_history(data, STORED)
    # (a slow replay: ~10 s for all of it, so that the reader leaves half way)
    slow = RequestLimits(read_bytes_per_s=16 * 1024, burst_read_bytes=16 * 1024)
    host = start_host(data, request_limits=slow)

    async def scenario() -> None:
        watcher = await joined_client(host.port, "Xem", clients)
        reader = await WireClient.connect(host.port)
        clients.append(reader)
        await reader.hello("Đọc lén")
        await reader.send({"type": "join", "room": "general", "since": 0})
        presence, _ = await watcher.recv_type("presence")
        assert (presence["name"], presence["status"]) == ("Đọc lén", "joined")
        late = await WireClient.connect(host.port)  # (the list has it too, meanwhile)
        clients.append(late)
        await late.hello("Muộn")
        joined, _ = await late.join()
        assert set(member_names(joined)) == {"Đọc lén", "Muộn", "Xem"}
        first, _ = await reader.recv_type("message")
        assert first["seq"] == 1
        await reader.close()  # (long before the end of its replay)
        presence, _ = await watcher.recv_type("presence")
        while presence["name"] != "Đọc lén":  # (Muộn joined meanwhile)
            presence, _ = await watcher.recv_type("presence")
        assert presence["status"] == "left"

    run(scenario(), timeout=20)
