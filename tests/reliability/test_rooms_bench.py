"""The many-rooms benchmark works end to end (a tiny scale; the figures come from
``scripts/bench rooms``, see docs/PERFORMANCE.md)."""

from __future__ import annotations

import pytest

from bench.rooms_bench import Scale, measure
from bench.rooms_load import rooms_of

pytestmark = pytest.mark.subprocess


def test_each_member_joins_rooms_of_its_own_the_same_at_every_run():
    rooms = rooms_of(7, 100, 20)
    assert len(set(rooms)) == 20 and rooms == rooms_of(7, 100, 20)
    assert rooms != rooms_of(8, 100, 20)


def test_a_round_loads_a_host_and_compares_its_busy_room_with_a_fresh_host():
    tiny = Scale(
        members=30, rooms=12, per_member=5, receivers=5, senders=2, messages=200, rounds=1, pairs=2
    )
    result = measure(tiny)
    assert 0 < result["join_all_s"] < 60
    assert 0 < result["rss_empty_mib"] < result["rss_mib"] <= result["hwm_mib"]
    assert result["hwm_mib"] <= result["hwm_after_busy_mib"]
    assert len(result["ratio_runs"]) == 2
    assert result["busy_deliveries_per_s"] > 0 and result["single_deliveries_per_s"] > 0
    assert result["ratio"] > 0
