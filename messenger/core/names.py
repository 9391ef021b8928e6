"""Display names that cannot pass for someone else's: control, zero-width and
bidi-override characters are taken out, and names are compared as people see them
(compatibility forms, case and look-alike characters folded together; look-alikes
by the confusable skeleton of Unicode TR39, UTS #39 section 4).

The TR39 table (``confusable_prototypes``: 6,712 characters, Unicode 18.0.0) is
loaded at the first comparison, not when this module is imported: the window's
first paint must not wait for it."""

from __future__ import annotations

import functools
import string
import unicodedata

_HIDDEN = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
"""Control, format (zero-width, joiners, bidi controls), private use, surrogate and
unassigned characters, line and paragraph separators."""

_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
"""The Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt, Unicode
15.0.0), which the skeleton removes: besides format characters, the Hangul fillers,
the combining grapheme joiner and the variation selectors, drawn as nothing."""

_ASCII_SPELLING = frozenset(string.ascii_letters + string.digits)
"""The letters a capital look-alike's prototype must be spelled in (see
``_capitals``)."""


NAME_KEY_RULE = "nfkd-casefold-tr39-18.0.0"
"""Names which ``name_key`` gives: kept beside stored keys, which are made again when
it changes (a new Unicode table, another folding)."""


def is_hidden(character: str) -> bool:
    """Whether ``character`` is one ``clean_name`` takes out: a control, format
    (zero-width, bidi), private use, surrogate or unassigned character, or a line or
    paragraph separator."""
    return unicodedata.category(character) in _HIDDEN


def clean_name(name: str) -> str:
    """``name`` as the host keeps it: NFC, without hidden characters, white space
    collapsed to single spaces; "?" when nothing is left."""
    text = unicodedata.normalize("NFC", name)
    shown = "".join(c for c in text if not is_hidden(c))
    return " ".join(shown.split()) or "?"


def name_key(name: str) -> str:
    """What two names are compared by: names that look the same have one key.

    The clean name in compatibility form (NFKD: fullwidth letters are the plain
    ones), case folded, then its TR39 skeleton (each look-alike is its prototype:
    Cyrillic a, U+0430, is "a", "1" is "l", "m" is "rn"), case folded and
    skeletonised again (a prototype may be a capital: "0" is "O", so "B0b" is
    "Bob").

    Case is folded *before* the skeleton because the skeleton does not respect
    case: TR39 maps "I" to "l" but leaves "i" alone, so skeleton first would
    make "BÌNH" differ from "Bình". Folding first keeps case folding exact for
    Latin names, Vietnamese ones included, and never touches their marks ("Hà",
    "Há", "Hạ", "Ha" stay four names). The price: "I" is "i", not "l" ("Ivan"
    and "lvan" differ, while "l", "1" and "|" are one).

    Folding first alone would lose capitals that look like Latin ones while their
    small forms do not: Cyrillic Te (U+0422) is "T", but its small form is small
    capital "ᴛ", so "Tom" with a Cyrillic Te would pass for "Tom". So before
    folding, such characters are written as the ASCII they look like (see
    ``_capitals``): Cyrillic Te is "T", Cyrillic En (U+041D) "H", eth "Ð" is
    "Đ". Case folding within those scripts is then not exact (the Cyrillic name
    Tom in capitals and in small letters differ): looking like a Latin name wins
    over being the same letter."""
    text = unicodedata.normalize("NFKD", clean_name(name)).translate(_capitals())
    key = skeleton(skeleton(text.casefold()).casefold())
    return " ".join(key.split())  # (the skeleton turns some blanks into spaces)


def skeleton(text: str) -> str:
    """The TR39 skeleton of ``text`` (UTS #39 section 4): NFD, without
    default-ignorable characters, each character replaced by its prototype from
    confusables.txt, NFD again. Case is kept ("I" is "l", "i" is "i")."""
    mapped = unicodedata.normalize("NFD", text).translate(_skeleton_table())
    return unicodedata.normalize("NFD", mapped)


@functools.cache
def _skeleton_table() -> dict[int, str | None]:
    """The prototypes (loaded at first use) and the default ignorables (None:
    removed), as ``str.translate`` takes them."""
    from . import confusable_prototypes  # (not at import: see the module docstring)

    table: dict[int, str | None] = dict(confusable_prototypes.load())
    for first, last in _DEFAULT_IGNORABLE:
        table.update(dict.fromkeys(range(first, last + 1)))
    return table


@functools.cache
def _capitals() -> dict[int, str]:
    """Each non-ASCII character that case folding changes (mostly capitals) whose
    prototype is spelled in ASCII letters and digits (and combining marks), mapped
    to that prototype, "l" read as "I" for a capital (TR39's prototype of "I" is
    "l"): Cyrillic Te (U+0422) -> "T", Greek Iota (U+0399) -> "I", "Ð" -> "D" with
    a stroke."""
    capitals: dict[int, str] = {}
    for point, prototype in _skeleton_table().items():
        character = chr(point)
        if prototype is None or point < 0x80 or character.casefold() == character:
            continue
        if _spelled_in_ascii(prototype):
            capitals[point] = prototype.replace("l", "I") if character.isupper() else prototype
    return capitals


def _spelled_in_ascii(prototype: str) -> bool:
    """Whether ``prototype`` is ASCII letters and digits, with combining marks."""
    letters = [c for c in prototype if unicodedata.category(c) != "Mn"]
    return bool(letters) and all(c in _ASCII_SPELLING for c in letters)
