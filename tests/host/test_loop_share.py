"""Many busy connections together cannot hold a pass of the host's loop: once a pass
spent its budget, connections with much waiting get in line for the next pass, in
order, while light ones (a member's say) still go at once."""

from __future__ import annotations

from messenger.host.loop_share import LIGHT_INPUT_BYTES, PASS_BUDGET_S, LoopShare


class Busy:
    """A connection whose every turn takes ``cost`` seconds of the pass."""

    def __init__(self, share: LoopShare, name: str, turns: list[str], cost: float) -> None:
        self.share, self.name, self.turns, self.cost = share, name, turns, cost

    def take_turn(self) -> None:
        if self.share.holds_back(self, LIGHT_INPUT_BYTES + 1):
            return
        self.turns.append(self.name)
        self.share.spend(self.cost)


def test_once_a_pass_is_spent_busy_connections_wait_in_line_and_light_ones_go(qtbot):
    share = LoopShare()
    turns: list[str] = []
    busy = [Busy(share, f"b{i}", turns, PASS_BUDGET_S / 2) for i in range(6)]
    for connection in busy:
        connection.take_turn()
    assert turns == ["b0", "b1"]  # (the pass is spent: the others are in line)
    assert not share.holds_back(busy[0], LIGHT_INPUT_BYTES)  # a light one goes
    qtbot.waitUntil(lambda: len(turns) == 6, timeout=1_000)
    assert turns == ["b0", "b1", "b2", "b3", "b4", "b5"]  # in line, in order
    share.forget(busy[0])


def test_a_connection_gone_leaves_the_line(qtbot):
    share = LoopShare()
    turns: list[str] = []
    first, gone, last = (Busy(share, n, turns, PASS_BUDGET_S) for n in ("a", "gone", "z"))
    for connection in (first, gone, last):
        connection.take_turn()
    share.forget(gone)
    qtbot.waitUntil(lambda: turns == ["a", "z"], timeout=1_000)
