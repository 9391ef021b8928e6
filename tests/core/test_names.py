"""Names without hidden characters, compared as people see them: case, compatibility
forms and look-alikes (the TR39 confusable skeleton) folded together, Vietnamese
marks kept apart."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from messenger.core import confusable_prototypes
from messenger.core.names import clean_name, name_key, skeleton

ROOT = Path(__file__).resolve().parents[2]


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


@pytest.mark.parametrize(
    ("name", "look_alike"),
    [
        ("An", "\u0410n"),  # Cyrillic capital A
        ("An", "AN"),
        ("An", "\uff21\uff4e"),  # fullwidth
        ("An", "An\u200b"),  # zero-width space
        ("An", "An\u3164"),  # Hangul filler (default ignorable, a letter: kept by clean_name)
        ("An", "A\u034fn"),  # combining grapheme joiner (default ignorable)
        ("An", "An\u2800"),  # braille blank: its prototype is a space, trailing
        ("Ivan", "\u0399van"),  # Greek capital Iota
        ("paypal", "\u0440\u0430\u0443\u0440\u0430l"),  # Cyrillic er, a, u
        ("Tom", "\u0422om"),  # Cyrillic capital Te (its small form is small capital T)
        ("TOM", "\u0422\u041e\u041c"),  # Cyrillic Te, O, Em
        ("Hà", "\u041dà"),  # Cyrillic capital En
        ("Khánh", "\u039ahánh"),  # Greek capital Kappa
        ("Đức", "\u00d0ức"),  # eth, drawn like D with a stroke
        ("Đức", "đức"),
        ("Bob", "B0b"),  # digit zero: its prototype is a capital O
        ("Lan", "1an"),  # digit one: its prototype is "l"
    ],
)
def test_look_alikes_get_the_key_of_the_name_they_pass_for(name, look_alike):
    assert name_key(look_alike) == name_key(name)


def test_the_table_keeps_its_direction():
    # confusables.txt maps source -> prototype; merged both ways (union-find over an
    # undirected list), Cyrillic i would join "l" through "I". It is "i" here.
    assert skeleton("\u0456") == "i"  # CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I
    assert name_key("\u0456van") == name_key("ivan") != name_key("lvan")
    assert name_key("i") != name_key("l")


def test_l_I_1_as_tr39_defines_them_and_case_folding_first():
    # the TR39 table: capital I, digit one and the vertical line all look like "l"
    assert skeleton("I") == skeleton("1") == skeleton("|") == skeleton("l") == "l"
    assert skeleton("i") == "i"
    # names: case is folded first, so "I" is "i" (as "BÌNH" is "Bình"), not "l"
    assert name_key("l") == name_key("1") == name_key("|")
    assert name_key("Ivan") == name_key("ivan") != name_key("lvan") == name_key("1van")


def test_m_is_rn_as_tr39_defines_it():
    # accepted: TR39 maps "m" to "rn", so these pairs are one name each
    assert skeleton("m") == "rn"
    assert name_key("Kim") == name_key("Kirn")
    assert name_key("Minh") == name_key("rninh")
    assert name_key("Tom") == name_key("Torn")
    assert name_key("Kim") != name_key("Kin")


VIETNAMESE_DISTINCT = [
    ("Hà", "Ha", "Há", "Hạ", "Hả", "Hã", "Hâ", "Hầ", "Hă"),
    ("Đức", "Dức", "Duc", "Đuc", "Dưc"),
    ("Nguyễn", "Nguyên", "Nguyen", "Nguyến", "Nguyện"),
    ("Thư", "Thu", "Thừ", "Thù"),
    ("Ơn", "On", "Ôn", "Ởn"),
]


@pytest.mark.parametrize("names", VIETNAMESE_DISTINCT)
def test_vietnamese_names_whose_marks_differ_stay_distinct(names):
    keys = [name_key(name) for name in names]
    assert len(set(keys)) == len(names), list(zip(names, keys, strict=True))


MARKED = [
    name
    for group in VIETNAMESE_DISTINCT
    for name in group
    if unicodedata.normalize("NFD", name) != name
]
"""The names above with a mark that decomposes (not "Đuc": Đ does not)."""


@pytest.mark.parametrize("name", MARKED)
def test_a_vietnamese_name_in_nfc_nfd_and_capitals_is_one_name(name):
    nfc = unicodedata.normalize("NFC", name)
    nfd = unicodedata.normalize("NFD", name)
    assert nfc != nfd  # (each has a mark that decomposes)
    assert name_key(nfc) == name_key(nfd) == name_key(nfc.upper()) == name_key(nfd.lower())


def test_every_vietnamese_letter_has_a_key_of_its_own_in_either_case():
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    vowels = [unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in tones]
    letters = [*vowels, *"bcdđghklmnpqrstvx"]
    keys = {name_key(letter) for letter in letters}
    assert len(keys) == len(letters) == 89
    assert all(name_key(letter.upper()) == name_key(letter) for letter in letters)


def test_the_table_is_unicode_18s_confusables():
    table = confusable_prototypes.load()
    assert confusable_prototypes.UNICODE_VERSION == "18.0.0"
    assert len(table) == 6712
    assert table[0x0430] == "a"  # CYRILLIC SMALL LETTER A
    assert table[0x0049] == "l"  # LATIN CAPITAL LETTER I
    assert table[0x006D] == "rn"
    assert table[0x0110] == "D\u0335"  # D WITH STROKE -> D, COMBINING SHORT STROKE OVERLAY
    assert ord("a") not in table  # prototypes map to nothing further (TR39)
    assert not [s for s, p in table.items() if any(ord(c) in table for c in p)]


def test_the_table_is_loaded_at_the_first_comparison_only():
    code = (
        "import sys\n"
        "from messenger.core.names import name_key\n"
        "loaded = 'messenger.core.confusable_prototypes' in sys.modules\n"
        "name_key('An')\n"
        "print(loaded, 'messenger.core.confusable_prototypes' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "True"]


CONFUSABLES_EXCERPT = """\
# confusables.txt
# Date: 2026-08-06, 01:05:35 GMT
# \u00a9 2026 Unicode\u00ae, Inc.
# For terms of use and license, see https://www.unicode.org/terms_of_use.html
#
# Version: 18.0.0
#
0430 ;\t0061 ;\tMA\t# ( \u0430 \u2192 a ) CYRILLIC SMALL LETTER A \u2192 LATIN SMALL LETTER A\t#

FF41 ;\t0061 ;\tMA\t#* ( \uff41 \u2192 a ) FULLWIDTH LATIN SMALL LETTER A \u2192 \
LATIN SMALL LETTER A\t#

006D ;\t0072 006E ;\tMA\t# ( m \u2192 rn ) LATIN SMALL LETTER M \u2192 LATIN SMALL LETTER R, \
LATIN SMALL LETTER N\t#
"""


def generate(source: Path, output: Path) -> subprocess.CompletedProcess[str]:
    """scripts/gen-confusables run on ``source``, writing ``output``."""
    script = str(ROOT / "scripts" / "gen-confusables")
    command = [sys.executable, script, str(source), str(output)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_the_generator_writes_the_same_module_from_the_same_file(tmp_path):
    source = tmp_path / "confusables.txt"
    source.write_text(CONFUSABLES_EXCERPT, encoding="utf-8")
    first, second = tmp_path / "first.py", tmp_path / "second.py"
    assert generate(source, first).returncode == 0
    assert generate(source, second).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    module: dict[str, object] = {}
    exec(compile(first.read_text(encoding="utf-8"), str(first), "exec"), module)
    assert module["UNICODE_VERSION"] == "18.0.0"
    load = module["load"]
    assert callable(load)
    assert load() == {0x0430: "a", 0xFF41: "a", 0x006D: "rn"}


def test_the_generator_refuses_a_table_whose_prototypes_map_further(tmp_path):
    source = tmp_path / "confusables.txt"
    looped = CONFUSABLES_EXCERPT + "0061 ;\t0251 ;\tMA\t# ( a \u2192 \u0251 )\t#\n"
    source.write_text(looped, encoding="utf-8")
    result = generate(source, tmp_path / "out.py")
    assert result.returncode != 0
    assert "prototypes that are sources too" in result.stderr
