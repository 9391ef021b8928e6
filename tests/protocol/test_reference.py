"""The frame reference of docs/PROTOCOL.md is generated from the frame table, and the
document holds the current one."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from messenger.protocol import reference
from messenger.protocol.events import FRAMES
from messenger.protocol.frames import CLIENT_TO_HOST, FIELD_KINDS, FrameSpec
from messenger.protocol.reference import (
    BEGIN,
    COMMAND,
    END,
    main,
    render_section,
    replace_section,
)

ROOT = Path(__file__).resolve().parents[2]
PROTOCOL_MD = ROOT / "docs" / "PROTOCOL.md"
DASH = "\N{EN DASH}"


def test_the_frame_reference_in_protocol_md_is_current():
    document = PROTOCOL_MD.read_text(encoding="utf-8")
    assert BEGIN in document and END in document, f"put {BEGIN} and {END} in {PROTOCOL_MD}"
    assert replace_section(document, render_section()) == document, (
        f"the frame reference of docs/PROTOCOL.md is stale: run `{COMMAND}`"
    )


def test_the_reference_is_an_appendix_after_the_prose():
    document = PROTOCOL_MD.read_text(encoding="utf-8")
    assert document.index("## 7. Admission") < document.index("## Appendix A. Frame reference")
    assert document.index("## Appendix A. Frame reference") < document.index(BEGIN)


def _rows() -> dict[str, str]:
    """The table's rows by frame type."""
    lines = render_section().splitlines()
    return {line.split("`")[1]: line for line in lines if line.startswith("| `")}


def test_one_row_per_frame_with_each_of_its_fields():
    rows = _rows()
    assert list(rows) == list(FRAMES)
    for spec in FRAMES.values():
        row = rows[spec.frame_type]
        assert row.startswith(f"| `{spec.frame_type}` | {spec.direction.value}")
        for field in spec.fields:
            assert f"`{field.wire}`: " in row
            assert (f"`{field.wire}`: optional" in row) is (not field.required)


def test_the_rows_say_it_in_words():
    rows = _rows()
    assert (
        f"`room`: room name, 1{DASH}140 chars; `since`: optional non-negative integer"
        in rows["join"]
    )
    assert f"`text`: string, 1{DASH}8,000 chars" in rows["say"]
    assert "`user`: optional user id (64 lowercase hex digits)" in rows["message"]
    assert "client → host, admission" in rows["password_start"]
    assert rows["ping"].endswith(f"| `ref`: optional string, 1{DASH}64 chars | Ask for a `pong`. |")
    assert f"`seq`: non-negative integer; `room`: optional room name, 1{DASH}140" in rows["ack"]
    assert f"`from`: string, 1{DASH}64 chars" in rows["message"]
    assert "each `seq`, `id`, `from`, `ts`, `text`, optional `user`" in rows["history_page"]


def test_a_frame_without_fields_says_none():
    @dataclasses.dataclass(frozen=True)
    class Nudge:
        """Nudge the host."""

        TYPE: ClassVar[str] = "nudge"

    spec = FrameSpec("nudge", Nudge, CLIENT_TO_HOST, ())
    assert reference.frame_row(spec) == "| `nudge` | client → host | none | Nudge the host. |"


def test_every_kind_has_words():
    assert set(reference.KIND_WORDS) == set(FIELD_KINDS)


def test_a_summary_is_the_docstrings_first_paragraph_in_markdown():
    class Shout:
        """Say ``text``
        loudly.

        Not this.
        """

    assert reference.summary(Shout) == "Say `text` loudly."


def test_replacing_keeps_what_is_around_the_markers():
    document = f"# Title\n\nProse.\n\n{BEGIN}\nold\n{END}\n\nMore prose.\n"
    replaced = replace_section(document, f"{BEGIN}\nnew\n{END}\n")
    assert replaced == f"# Title\n\nProse.\n\n{BEGIN}\nnew\n{END}\n\nMore prose.\n"
    assert replace_section(f"{BEGIN}\n{END}", "x\n") == "x\n"


@pytest.mark.parametrize(
    "document", ["no markers", f"{BEGIN} only", f"{END}\n{BEGIN}\n"], ids=["none", "one", "order"]
)
def test_a_document_without_both_markers_in_order_is_refused(document):
    with pytest.raises(ValueError, match="needs the markers"):
        replace_section(document, render_section())


def test_the_command_prints_the_section(capsys):
    assert main([]) == 0
    assert capsys.readouterr().out == render_section()


def test_the_command_rewrites_a_stale_document(tmp_path, capsys):
    document = tmp_path / "PROTOCOL.md"
    document.write_text(f"# Protocol\n\n{BEGIN}\nstale\n{END}\n", encoding="utf-8")
    assert main(["--write", str(document)]) == 0
    assert capsys.readouterr().out == f"{document}: updated\n"
    assert document.read_text(encoding="utf-8") == f"# Protocol\n\n{render_section()}"
    assert main(["--write", str(document)]) == 0
    assert capsys.readouterr().out == f"{document}: already up to date\n"


def test_the_command_fails_on_a_document_without_markers(tmp_path, capsys):
    document = tmp_path / "PROTOCOL.md"
    document.write_text("# Protocol\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["--write", str(document)])
    assert exited.value.code == 1
    assert "needs the markers" in capsys.readouterr().err
    assert document.read_text(encoding="utf-8") == "# Protocol\n"


def test_the_module_runs_as_a_program():
    result = subprocess.run(
        [sys.executable, "-m", "messenger.protocol.reference"],
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == render_section()
