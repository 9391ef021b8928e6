"""The host the attacks are aimed at: the real ``messenger host`` as a subprocess on
loopback (TLS and say limits on, as people run it), its memory read from /proc, and a
history file filled before it starts."""

from __future__ import annotations

import signal
import threading
from dataclasses import dataclass
from pathlib import Path

from messenger.host.service import HISTORY_FILE
from messenger.store import HistoryStore
from tests.host_process import HostProcess

STOP_TIMEOUT_S = 10.0
PREFILL_SENDER = "Lịch sử"
PREFILL_USER = "ab" * 32
PREFILL_TEXT = (
    "Biên bản họp số {n}: chúng tôi đã thống nhất kế hoạch quý tới, phân công việc "
    "cho từng nhóm, hẹn gặp lại vào thứ Hai tuần sau lúc chín giờ sáng tại phòng họp "
    "lớn; ai vắng mặt xin báo trước cho trưởng nhóm. 🍜"
)
"""~250 bytes of UTF-8: a page of 200 such messages is about the size of a frame."""


@dataclass(frozen=True)
class Memory:
    """The host's memory, from /proc/<pid>/status, in MB (2^20 bytes)."""

    peak_mb: float
    """VmHWM: the most it was ever resident (since it started)."""
    now_mb: float
    """VmRSS: resident now."""


def prefill_history(data_dir: Path, room: str, count: int) -> None:
    """Stores ``count`` messages in ``room`` of the history a host of ``data_dir``
    will serve (as the host stores them: ``HistoryStore.append``, then commit)."""
    with HistoryStore.open(data_dir / HISTORY_FILE) as store:
        for n in range(count):
            store.append(
                room,
                PREFILL_SENDER,
                PREFILL_USER,
                f"old-{n}",
                PREFILL_TEXT.format(n=n),
                1_764_050_000_000 + n,
                PREFILL_USER,
            )
        store.commit()


class HostUnderAttack:
    """``messenger host`` on 127.0.0.1 with the data in ``data_dir``; its log is read
    all along (so that a host logging a flood never blocks on a full pipe)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._process = HostProcess.on_loopback(data_dir)
        self.port = self._process.wait_listening()
        self.pid = self._process.process.pid
        self._log: list[bytes] = list(self._process.stderr_lines)
        self._reader = threading.Thread(target=self._read_log, daemon=True)
        self._reader.start()

    def _read_log(self) -> None:
        stderr = self._process.process.stderr
        assert stderr is not None
        for line in iter(stderr.readline, b""):
            self._log.append(line)

    @property
    def alive(self) -> bool:
        return self._process.process.poll() is None

    def memory(self) -> Memory:
        """Its peak and current resident memory."""
        fields = {}
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmHWM", "VmRSS"):
                    fields[key] = int(value.split()[0]) / 1024  # (kB)
        return Memory(peak_mb=fields["VmHWM"], now_mb=fields["VmRSS"])

    def stop(self) -> tuple[int, str]:
        """SIGTERM, then waits for it to end; its exit code and its whole log."""
        process = self._process.process
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(STOP_TIMEOUT_S)
        finally:
            self.kill()
        return code, self.log()

    def kill(self) -> None:
        """Kills it if it still runs, and closes its pipes."""
        process = self._process.process
        if process.poll() is None:
            process.kill()
            process.wait(STOP_TIMEOUT_S)
        self._reader.join(STOP_TIMEOUT_S)
        for pipe in (process.stdin, process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()

    def log(self) -> str:
        return b"".join(self._log).decode(errors="replace")
