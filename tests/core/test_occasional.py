"""OccasionalCount: a flood is told of the first time, then once per ``every``."""

from __future__ import annotations

from messenger.core.occasional import OccasionalCount


def test_the_first_and_every_hundredth_are_told():
    count = OccasionalCount(every=100)
    told = [number for number in range(1, 251) if count.add()]
    assert told == [1, 101, 201] and count.count == 250


def test_every_one_tells_each():
    count = OccasionalCount(every=1)
    assert all(count.add() for _ in range(5))
