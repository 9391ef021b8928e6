"""Room names people may create, how they are compared, and direct room names."""

from __future__ import annotations

import pytest

from messenger.core.room_names import (
    DIRECT_PREFIX,
    GENERAL_ROOM,
    MAX_ROOM_NAME_CHARS,
    RoomNameProblem,
    direct_members,
    direct_room,
    is_direct,
    room_key,
    room_name_problem,
)

A = "0a" * 32
B = "f1" * 32


def test_a_direct_room_is_named_by_both_ids_sorted_whoever_asks():
    assert direct_room(A, B) == direct_room(B, A) == f"dm:{A}:{B}"
    assert direct_members(direct_room(B, A)) == (A, B)
    assert is_direct(direct_room(A, B))


@pytest.mark.parametrize(
    ("user_a", "user_b"),
    [
        (A, A),  # with oneself
        (A, A.upper()),  # upper case is not a user id
        (A, A[:-1]),  # 63 digits
        (A, A + "0"),  # 65
        (A, "g" * 64),
        (A, ""),
        (A, f"{B[:-1]}\n"),
        (A, "\u0660" * 64),  # Arabic-Indic zeros are digits, not hex digits
        (A, f"{B[:32]}:{B[33:]}"),  # a separator smuggled in
    ],
)
def test_a_direct_room_needs_two_different_user_ids(user_a, user_b):
    with pytest.raises(ValueError):
        direct_room(user_a, user_b)


@pytest.mark.parametrize(
    "name",
    [
        f"dm:{B}:{A}",  # unsorted: a second name for the same conversation
        f"dm:{A}:{A}",
        f"DM:{A}:{B}",
        f"dm:{A.upper()}:{B}",
        f"dm:{A}:{B}\n",
        f" dm:{A}:{B}",
        f"dm:{A}:{B}:{B}",
        f"dm:{A}{B}",
        f"dm:{A}:",
        f"dm:{A[:-1]}:{B}",
        f"dm:{A}:{B[:-1]}x",
        f"dm:{A}:{B}\u200b",
        f"dm\uff1a{A}:{B}",  # fullwidth colon
        "dm:",
        "",
        GENERAL_ROOM,
        "dm:x:y",
    ],
)
def test_anything_but_the_exact_direct_name_is_not_direct(name):
    assert direct_members(name) is None
    assert not is_direct(name)


@pytest.mark.parametrize(
    "name",
    [GENERAL_ROOM, "Phòng họp", "kế toán 2024", "😀 vui", "a", "x" * MAX_ROOM_NAME_CHARS, "d m:x"],
)
def test_ordinary_names_may_be_created(name):
    assert room_name_problem(name) is None


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", RoomNameProblem.EMPTY),
        ("   ", RoomNameProblem.EMPTY),
        ("\t\n", RoomNameProblem.EMPTY),
        ("x" * (MAX_ROOM_NAME_CHARS + 1), RoomNameProblem.TOO_LONG),
        ("a\x00b", RoomNameProblem.HIDDEN_CHARACTERS),
        ("a\x07b", RoomNameProblem.HIDDEN_CHARACTERS),
        ("gen\u200beral", RoomNameProblem.HIDDEN_CHARACTERS),  # zero-width space
        ("\u202elareneg", RoomNameProblem.HIDDEN_CHARACTERS),  # right-to-left override
        ("a\u2028b", RoomNameProblem.HIDDEN_CHARACTERS),  # line separator
        ("a\ue000", RoomNameProblem.HIDDEN_CHARACTERS),  # private use
        ("a\nb", RoomNameProblem.HIDDEN_CHARACTERS),
        (" general", RoomNameProblem.SPACING),
        ("general ", RoomNameProblem.SPACING),
        ("two  spaces", RoomNameProblem.SPACING),
        ("ideographic\u3000space", RoomNameProblem.SPACING),
        (f"{DIRECT_PREFIX}{A}:{B}", RoomNameProblem.RESERVED),
        ("dm:anything", RoomNameProblem.RESERVED),
        ("DM:x", RoomNameProblem.RESERVED),
        ("Dm:", RoomNameProblem.RESERVED),
        ("drn:x", RoomNameProblem.RESERVED),  # reads as "dm:"
        ("\uff44\uff4d:x", RoomNameProblem.RESERVED),  # fullwidth "dm"
        ("\u0501m:x", RoomNameProblem.RESERVED),  # Cyrillic komi de
    ],
)
def test_names_people_may_not_create(name, problem):
    assert room_name_problem(name) is problem


def test_names_that_look_alike_have_one_key():
    assert room_key("General") == room_key("GENERAL") == room_key(GENERAL_ROOM)
    assert room_key("g\u0435neral") == room_key(GENERAL_ROOM)  # Cyrillic ie
    assert room_key("\uff47eneral") == room_key(GENERAL_ROOM)  # fullwidth g
    assert room_key("Phòng họp") != room_key("Phong hop")  # Vietnamese marks count
    assert room_key("Phòng họp") == room_key("PHÒNG HỌP")
