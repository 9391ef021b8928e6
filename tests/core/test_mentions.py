"""@mentions: whole names, without regard to case or Vietnamese accents."""

from __future__ import annotations

import pytest

from messenger.core.mentions import mentions


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("@Chi ơi, xem giúp", "Chi"),
        ("hỏi @chi nhé", "Chi"),
        ("@Phuc: họp", "Phúc"),
        ("@Đức", "Đức"),
        ("@duc", "Đức"),
        ("(@Trần Bình)", "Trần Bình"),
        ("cc @An", "An"),
    ],
)
def test_a_whole_name_after_an_at_sign_is_a_mention(text, name):
    assert mentions(text, name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("@Anh ơi", "An"),
        ("@An.Le", "An"),
        ("email an@An.vn", "An"),
        ("Chi ơi", "Chi"),
        ("", "Chi"),
        ("@", ""),
        ("@Chi", ""),
    ],
)
def test_anything_else_is_not(text, name):
    assert not mentions(text, name)
