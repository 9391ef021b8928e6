"""A room's member list kept in order, encoded once per member, split across frames
when long."""

from __future__ import annotations

from messenger.host.roster import Roster
from messenger.protocol import Joined, Member, MemberList, decode_frame, encode_event
from messenger.protocol.limits import MAX_FRAME_BYTES


class Listed:
    """What a roster reads of a member: its name and user id."""

    def __init__(self, name: str, user: str = "") -> None:
        self.name, self.user_id = name, user


def listed_members(data: bytes) -> tuple[list[str], list[Member]]:
    frames = [decode_frame(line) for line in data.split(b"\n")[:-1]]
    assert all(len(line) <= MAX_FRAME_BYTES for line in data.split(b"\n"))
    assert isinstance(frames[-1], Joined)
    assert all(isinstance(frame, MemberList) for frame in frames[:-1])
    members = [m for frame in frames for m in frame.members]  # type: ignore[union-attr]
    return [type(f).__name__ for f in frames], members


def test_members_are_listed_by_name_case_folded_and_leave_cleanly():
    roster = Roster()
    people = [Listed(name, f"{n:064x}") for n, name in enumerate(["bình", "An", "Chi", "an b"])]
    for person in people:
        roster.add(person)  # type: ignore[arg-type]
    roster.add(people[0])  # type: ignore[arg-type]  (twice: listed once)
    data = roster.frames("general", 9)
    names = [m.name for m in listed_members(data)[1]]
    assert names == ["An", "an b", "bình", "Chi"]
    roster.remove(people[2])  # type: ignore[arg-type]
    roster.remove(people[2])  # type: ignore[arg-type]  (twice: harmless)
    assert [m.name for m in listed_members(roster.frames("general", 9))[1]] == [
        "An",
        "an b",
        "bình",
    ]
    assert len(roster) == 3
    small = roster.frames("general", 9)
    expected = Joined(
        "general", tuple(Member(p.name, p.user_id) for p in (people[1], people[3], people[0])), 9
    )
    assert small == encode_event(expected)


def test_a_long_list_is_split_into_frames_under_the_limit_in_order():
    roster = Roster()
    people = [Listed(f"Nguyễn Văn {n:04d}", f"{n:064x}") for n in range(2_000)]
    for person in reversed(people):
        roster.add(person)  # type: ignore[arg-type]
    kinds, members = listed_members(roster.frames("phòng lớn", 1))
    assert len(kinds) > 2 and kinds[-1] == "Joined"
    assert members == [Member(p.name, p.user_id) for p in people]
