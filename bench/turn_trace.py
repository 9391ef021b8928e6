"""Diagnosis for the conversations benchmark (CONVERSATIONS_BENCH_TRACE=1): what the
window ran in its long loop turns.

Wraps the window's methods that a burst sets off with timers; the benchmark's 1 ms
probe calls ``tick`` at each beat, and the gaps longer than ``LONG_MS`` keep what ran
in them (inclusive times per method, and calls). ``report`` prints the longest gaps
and, over all long gaps, the share of each method, to stderr.
"""

from __future__ import annotations

import collections
import functools
import importlib
import sys
import time
from typing import Any

LONG_MS = 13.0
WRAPPED = [
    ("messenger.client.host_connection", "HostConnection", "_on_ready_read"),
    ("messenger.client.host_connection", "HostConnection", "_handle_events"),
    ("messenger.client.host_connection", "HostConnection", "_dispatch"),
    ("messenger.protocol.connection", "Connection", "next_event"),
    ("messenger.protocol.connection", "Connection", "receive_data"),
    ("messenger.client.conversation", "Conversation", "on_message"),
    ("messenger.client.conversation", "Conversation", "on_ack"),
    ("messenger.client.conversation", "Conversation", "flush_cache"),
    ("messenger.client.conversation", "Conversation", "mark_read"),
    ("messenger.store.client_store", "ClientStore", "cache"),
    ("messenger.ui.conversation_feed", "ConversationFeed", "_arrived"),
    ("messenger.ui.message_log_model", "MessageLogModel", "flush"),
    ("messenger.ui.message_log_model", "MessageLogModel", "add_arrived"),
    ("messenger.ui.sidebar_counts", "SidebarCounts", "changed"),
    ("messenger.ui.sidebar_counts", "SidebarCounts", "flush"),
    ("messenger.ui.unread_summary", "UnreadSummary", "_tell"),
    ("messenger.ui.notification_center", "NotificationCenter", "arrived"),
    ("messenger.ui.desktop_notifications", "DesktopNotifications", "show"),
    ("messenger.ui.desktop_notifications", "DesktopNotifications", "_follow"),
    ("messenger.ui.conversation_list_model", "ConversationListModel", "set_unread"),
    ("messenger.ui.conversation_list", "_BadgeDelegate", "paint"),
    ("messenger.ui.message_delegate", "MessageDelegate", "paint"),
    ("messenger.ui.main_thread_gc", "MainThreadGarbageCollector", "collect_due"),
    ("messenger.ui.tray_icon", "TrayIcon", "set_unread"),
    ("messenger.ui.app_controller", "AppController", "_show_unread"),
    ("messenger.ui.main_window", "MainWindow", "_update_title"),
    ("messenger.ui.message_log_model", "MessageLogModel", "_trim"),
]

_turn: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0])
_long: list[tuple[float, float, dict[str, list[float]]]] = []
_total: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0])
_ticks = {"gaps": 0}


def _wrap(label: str, method: Any) -> Any:
    @functools.wraps(method)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        result = None
        try:
            result = method(*args, **kwargs)
            return result
        finally:
            took = time.perf_counter() - start
            spent = _turn[label]
            spent[0] += took
            spent[1] += 1
            if took > 0.003:  # (a single long call: named with what it returned)
                slow = _turn[f"  one {label} -> {type(result).__name__}"]
                slow[0] += took
                slow[1] += 1

    return timed


def _gc_timer(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        _gc["start"] = time.perf_counter()
        return
    spent = _turn[f"gc gen {info.get('generation')}"]
    spent[0] += time.perf_counter() - _gc.get("start", time.perf_counter())
    spent[1] += 1


_gc: dict[str, float] = {}


def install() -> None:
    """Wraps the methods of WRAPPED (those that exist), and times collections."""
    import gc

    gc.callbacks.append(_gc_timer)
    for module_name, class_name, name in WRAPPED:
        try:
            cls = getattr(importlib.import_module(module_name), class_name)
            method = getattr(cls, name)
        except (ImportError, AttributeError):
            print(f"trace: no {class_name}.{name}", file=sys.stderr)
            continue
        setattr(cls, name, _wrap(f"{class_name}.{name}", method))


def tick(gap_s: float, cpu_s: float) -> None:
    """The probe's beat: a gap of ``gap_s`` (the thread ran ``cpu_s`` of it) ended."""
    _ticks["gaps"] += 1
    if gap_s * 1000 > LONG_MS:
        _long.append((gap_s * 1000, cpu_s * 1000, dict(_turn)))
        for label, (spent, calls) in _turn.items():
            _total[label][0] += spent
            _total[label][1] += calls
    _turn.clear()


def report(show: int = 12) -> None:
    """Prints the longest gaps and the methods' share of all long gaps."""
    import gc

    out = sys.stderr
    print(f"trace: gc enabled at the end: {gc.isenabled()}", file=out)
    print(f"trace: {len(_long)} gaps > {LONG_MS} ms of {_ticks['gaps']}", file=out)
    for gap, cpu, spent in sorted(_long, key=lambda x: -x[1])[:show]:
        parts = sorted(spent.items(), key=lambda x: -x[1][0])
        text = ", ".join(f"{k} {v[0] * 1000:.1f}ms/{v[1]}" for k, v in parts if v[0] > 0.0003)
        print(f"  gap {gap:.1f} ms (cpu {cpu:.1f}): {text}", file=out)
    cpu_all = sum(cpu for _g, cpu, _s in _long)
    print(f"  over all long gaps (cpu {cpu_all:.0f} ms):", file=out)
    for label, (spent, calls) in sorted(_total.items(), key=lambda x: -x[1][0]):
        print(f"    {label}: {spent * 1000:.0f} ms, {calls} calls", file=out)
