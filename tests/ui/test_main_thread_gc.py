"""Cycles of Qt objects are collected in the main thread, never in another thread
that happens to allocate (the window's cache has one)."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QTimer

from messenger.ui.main_thread_gc import MainThreadGarbageCollector


@pytest.fixture
def collections() -> Iterator[list[str]]:
    """The name of the thread each collection that freed something ran in."""
    threads: list[str] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["collected"]:
            threads.append(threading.current_thread().name)

    gc.callbacks.append(record)
    yield threads
    gc.callbacks.remove(record)


def qt_cycle() -> weakref.ref[QObject]:
    """An unreachable cycle holding a QObject with a running timer."""
    holder = QObject()
    timer = QTimer(holder)
    timer.start(60_000)
    holder.itself = holder  # type: ignore[attr-defined]
    return weakref.ref(holder)


def allocate_in_a_thread() -> None:
    def churn() -> None:
        for _ in range(20):
            cycles = [[] for _ in range(5_000)]
            for item in cycles:
                item.append(item)  # garbage cycles: automatic collection is due often

    worker = threading.Thread(target=churn, name="worker")
    worker.start()
    worker.join()


def test_without_it_another_thread_collects(collections):
    """The hazard: with a Qt object in the garbage, Qt warns "Timers cannot be stopped
    from another thread" and its timer stays registered (not done here: it crashes)."""
    assert gc.isenabled()
    allocate_in_a_thread()
    assert "worker" in collections


def test_with_it_only_the_main_thread_collects(qtbot, collections):
    collector = MainThreadGarbageCollector()
    try:
        assert not gc.isenabled()
        holder = qt_cycle()
        allocate_in_a_thread()
        assert "worker" not in collections
        assert holder() is not None  # waits for the main thread's turn: its timer
        qtbot.waitUntil(lambda: holder() is None, timeout=5_000)
        assert set(collections) <= {threading.main_thread().name}
    finally:
        collector.stop()
        collector.deleteLater()
    assert gc.isenabled()


class Node:
    def __init__(self) -> None:
        self.itself = self


def test_due_collections_run_from_its_timer(qtbot):
    collector = MainThreadGarbageCollector()
    try:
        first = weakref.ref(Node())
        for _ in range(2_000):  # past the youngest generation's threshold
            Node()
        assert first() is not None  # nothing collects by itself now
        qtbot.waitUntil(lambda: first() is None, timeout=5_000)  # the timer did
    finally:
        collector.stop()
        collector.deleteLater()


def full_collections() -> int:
    return int(gc.get_stats()[2]["collections"])


def make_collections_due(collector: MainThreadGarbageCollector, rounds: int) -> None:
    for _ in range(rounds):
        for _ in range(800):  # past the youngest generation's threshold (700)
            Node()
        collector.collect_due()


def test_full_collections_are_spaced_out():
    spaced = MainThreadGarbageCollector(full_collection_gap_s=3600)
    try:
        before = full_collections()
        make_collections_due(spaced, 250)  # gen 2 due after ~110 rounds, twice over
        assert full_collections() == before
    finally:
        spaced.stop()
        spaced.deleteLater()
    unspaced = MainThreadGarbageCollector(full_collection_gap_s=0)
    try:
        before = full_collections()
        make_collections_due(unspaced, 250)
        assert full_collections() > before
    finally:
        unspaced.stop()
        unspaced.deleteLater()
