"""``messenger host``'s posting limits from its command line."""

from __future__ import annotations

import pytest

from messenger.cli import build_parser
from messenger.headless_host import say_limits
from messenger.host.say_limits import DEFAULT_SAY_LIMITS


def limits_of(*options: str):
    return say_limits(build_parser().parse_args(["host", *options]))


def test_by_default_the_documented_limits_and_none_for_benchmarks():
    assert limits_of() == DEFAULT_SAY_LIMITS
    assert limits_of("--no-say-limits") is None


def test_the_owner_sets_the_rate_and_the_days_quota():
    limits = limits_of("--messages-per-second", "5", "--daily-quota", "2.5")
    assert (limits.messages_per_s, limits.burst_messages) == (5, 50)
    assert limits.daily_bytes == 2_500_000
    assert limits.bytes_per_s == DEFAULT_SAY_LIMITS.bytes_per_s
    assert limits_of("--daily-quota", "0").daily_bytes == 0  # (no quota)


@pytest.mark.parametrize(
    "options",
    [
        ["--messages-per-second", "0"],
        ["--messages-per-second", "lots"],
        ["--daily-quota", "-1"],
        ["--daily-quota", "nan"],
    ],
)
def test_nonsense_is_refused_with_a_clear_message(options, capsys):
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(["host", *options])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and (
        "not above 0" in err or "not a number" in err or "below 0" in err
    )


def test_owners_are_named_by_their_user_ids_and_announcements_are_theirs_by_default():
    args = build_parser().parse_args(["host", "--owner", "AB" * 32, "--owner", "cd" * 32])
    assert (args.announcements, args.owner) == ("owner", ["ab" * 32, "cd" * 32])
    everyone = build_parser().parse_args(["host", "--announcements", "everyone"])
    assert (everyone.announcements, everyone.owner) == ("everyone", [])


@pytest.mark.parametrize(
    "options", [["--owner", "MFRG-GZDF-MZTW-Q2LK"], ["--announcements", "anyone"]]
)
def test_an_owner_that_is_not_a_user_id_or_an_unknown_mode_is_refused(options, capsys):
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(["host", *options])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and ("not a user id" in err or "invalid choice" in err)
