"""The sliding window of failed password attempts."""

from __future__ import annotations

from messenger.host.attempt_limits import AttemptLimits


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_a_key_waits_after_its_failures_until_the_oldest_leaves_the_window():
    clock = Clock()
    limits = AttemptLimits(3, window_s=60, clock=clock)
    for _ in range(2):
        limits.failed("a")
        clock.now += 10
    assert limits.wait_s("a") == 0
    limits.failed("a")  # the third, 20 s after the first
    assert limits.wait_s("a") == 40
    assert limits.wait_s("b") == 0  # (other keys are apart)
    clock.now += 40
    assert limits.wait_s("a") == 0  # the first left the window


def test_success_forgets_the_failures():
    limits = AttemptLimits(1, window_s=60, clock=Clock())
    limits.failed("a")
    assert limits.wait_s("a") > 0
    limits.succeeded("a")
    assert limits.wait_s("a") == 0


def test_a_flood_of_keys_does_not_grow_memory_without_bound():
    clock = Clock()
    limits = AttemptLimits(5, window_s=60, clock=clock)
    for n in range(10_000):
        limits.failed(f"k{n}")
    clock.now += 61
    limits.failed("new")
    assert len(limits._failures) == 1
