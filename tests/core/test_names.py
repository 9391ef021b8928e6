"""Names without hidden characters, compared as people see them."""

from __future__ import annotations

import pytest

from messenger.core.names import clean_name, name_key


@pytest.mark.parametrize(
    ("wanted", "kept"),
    [
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("Nguye\u0302\u0303n", "Nguyễn"),  # decomposed: composed (NFC)
        ("An\u200b", "An"),  # zero-width space
        ("\u202eAn", "An"),  # right-to-left override
        ("A\x07n\u2028", "An"),  # a control character, a line separator
        ("  Chi \t Mai  ", "Chi Mai"),
        ("\u200d\u2066", "?"),  # nothing visible left
        ("😀 Bình", "😀 Bình"),
    ],
)
def test_clean_name_takes_out_what_cannot_be_seen(wanted, kept):
    assert clean_name(wanted) == kept


def test_names_that_look_the_same_have_the_same_key():
    assert name_key("An") == name_key("AN") == name_key("an\u200b") == name_key("\uff21\uff4e")
    assert name_key("Bình") == name_key("Bi\u0300nh") == name_key("BÌNH")
    assert name_key("An") != name_key("Anh")
