"""The attack suite (issue 13). Every test here is marked ``attack``: timing tests,
run alone after the others (``scripts/test``: ``-n 0 -m attack``). Each starts its own
host; the figures of every attack are printed as a table at the end of the session
and written to artifacts/attacks.md."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from messenger.host.service import HISTORY_FILE

from .figures import RECORDED, REPORT, table, write_report
from .host_under_attack import HostUnderAttack, prefill_history
from .siege import Outcome, besiege

HERE = Path(__file__).parent
BIG_ROOM_MESSAGES = 20_000
"""What the room of the history attacks holds before the host starts."""
SIEGE_SLACK_S = 60.0
"""Beyond the attack's own time: the members' joins, the check of the history."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.attack)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    figures = RECORDED.get(report.nodeid)
    if figures is None or report.when == "setup":
        return
    if report.when == "call":
        figures.result = "pass" if report.passed else "FAIL"
    elif report.failed:
        figures.result += ", teardown failed"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not RECORDED:
        return
    figures = list(RECORDED.values())
    write_report(figures)
    terminalreporter.write_sep("=", "attack figures")
    terminalreporter.write_line(table(figures))
    terminalreporter.write_line(f"(also in {REPORT})")


def _serve(data_dir: Path) -> Iterator[HostUnderAttack]:
    host = HostUnderAttack(data_dir)
    try:
        yield host
    finally:
        code, log = host.stop()
    assert code == 0, log[-3000:]
    assert "Traceback" not in log, log


@pytest.fixture
def host(tmp_path: Path) -> Iterator[HostUnderAttack]:
    """A host with an empty history."""
    yield from _serve(tmp_path / "host")


@pytest.fixture(scope="session")
def big_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A history file whose room "general" holds ``BIG_ROOM_MESSAGES`` (made once)."""
    directory = tmp_path_factory.mktemp("big-room")
    prefill_history(directory, "general", BIG_ROOM_MESSAGES)
    return directory / HISTORY_FILE


@pytest.fixture
def big_room_host(tmp_path: Path, big_history: Path) -> Iterator[HostUnderAttack]:
    """A host whose room "general" holds ``BIG_ROOM_MESSAGES`` when it starts."""
    data_dir = tmp_path / "host"
    data_dir.mkdir()
    shutil.copyfile(big_history, data_dir / HISTORY_FILE)
    yield from _serve(data_dir)


@pytest.fixture
def siege(request: pytest.FixtureRequest) -> Callable[..., Outcome]:
    """Runs an attack with two members chatting (``siege.besiege``); records and
    prints its figures."""

    def attack(host: HostUnderAttack, mode: str, *options: str, seconds: float = 4.0) -> Outcome:
        outcome = asyncio.run(
            asyncio.wait_for(besiege(host, mode, list(options), seconds), seconds + SIEGE_SLACK_S)
        )
        figures = outcome.figures(request.node.name.removeprefix("test_"))
        RECORDED[request.node.nodeid] = figures
        print(figures.line())
        return outcome

    return attack
