"""Avatars: a colour per identity (readable under white initials), initials per name."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from messenger.store import StoredMessage
from messenger.ui.avatar import UNKNOWN_COLOUR, avatar_colour, avatar_icon, initials, paint_avatar
from messenger.ui.log_entry import stored_entry


def user_id(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def test_one_identity_has_one_colour_and_identities_differ():
    assert avatar_colour(user_id(1)) == avatar_colour(user_id(1))
    colours = {avatar_colour(user_id(n)).name() for n in range(200)}
    assert len(colours) > 150  # (a hue of 3,600: a few may share one)


def test_white_initials_are_readable_on_every_colour():
    for hue in range(0, 3_600, 7):
        colour = avatar_colour(f"{hue:08x}" + "0" * 56)
        contrast = 1.05 / (luminance(colour) + 0.05)
        assert contrast >= 3.0, (hue, colour.name(), contrast)


@pytest.mark.parametrize("user", ["", "not hex at all", "zz" * 32])
def test_an_unknown_identity_is_grey(user):
    assert avatar_colour(user) == UNKNOWN_COLOUR


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nguyễn Văn An", "NA"),
        ("Bình", "B"),
        ("Chi (2)", "C"),
        ("đức anh", "ĐA"),
        ("Ưng  Hoàng   Phúc", "ƯP"),
        ("E\u0301lise Dion", "ÉD"),  # (NFC first: one letter with its mark)
        ("q\u0303 anh", "Q\u0303A"),  # (no precomposed form: the mark goes with it)
        ("😀 ?", "?"),
        ("  ", "?"),
        ("3 Tuấn", "3T"),
    ],
)
def test_initials(name, expected):
    assert initials(name) == expected


def test_an_avatar_paints_a_disc_of_its_colour(qtbot):
    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_avatar(painter, QRectF(0, 0, 40, 40), "An", user_id(7))
    painter.end()
    assert image.pixelColor(6, 20) == avatar_colour(user_id(7))  # inside the disc
    assert image.pixelColor(1, 1) == QColor("white")  # outside it
    assert not avatar_icon("An", user_id(7), 24, 2.0).isNull()


def test_mine_is_my_user_id_not_my_name():
    me, impostor = user_id(1), user_id(2)
    by_me = StoredMessage("general", 1, "m1", "An", 1, "của tôi", me)
    by_namesake = StoredMessage("general", 2, "m2", "An", 2, "không phải tôi", impostor)
    by_unknown = StoredMessage("general", 3, "m3", "An", 3, "trước khi có danh tính")
    entries = [stored_entry(m, me) for m in (by_me, by_namesake, by_unknown)]
    assert [e.own for e in entries] == [True, False, False]
    assert [e.user for e in entries] == [me, impostor, ""]
    assert not stored_entry(by_me, "").own  # (the identity not loaded: nothing is mine)
