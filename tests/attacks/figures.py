"""The figures of each attack (honest latencies, host memory, the attacker's summary),
collected through the session and written as a table at its end."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.host_process import ROOT

REPORT = ROOT / "artifacts" / "attacks.md"
"""Where the table goes (artifacts/ is not kept in git)."""


@dataclass
class Figures:
    """One attack's measurements."""

    attack: str
    p50_ms: float
    p99_ms: float
    max_ms: float
    samples: int
    peak_mb: float
    rss_mb: float
    summary: dict[str, Any]
    result: str = "?"

    def line(self) -> str:
        return (
            f"{self.attack}: honest say→ack p50 {self.p50_ms:.1f} ms, p99 {self.p99_ms:.1f} ms, "
            f"max {self.max_ms:.1f} ms ({self.samples} says); host peak {self.peak_mb:.0f} MB, "
            f"now {self.rss_mb:.0f} MB; attacker {json.dumps(brief(self.summary))}"
        )


RECORDED: dict[str, Figures] = {}
"""By test id, in the order run."""


def brief(summary: dict[str, Any]) -> dict[str, Any]:
    """The summary without what says nothing (zeros, empty counts), the malformed
    kinds folded to kind → code (closed or open)."""
    kept: dict[str, Any] = {}
    for key, value in summary.items():
        if key in ("mode", "user") or _says_nothing(value):
            continue
        if key == "kinds":
            value = {
                kind: "/".join(record["codes"]) + (" closed" if all(record["closed"]) else " open")
                for kind, record in value.items()
            }
        kept[key] = value
    return kept


def _says_nothing(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return value is None or value == 0 or value == {} or value == []


def table(figures: list[Figures]) -> str:
    """A Markdown table of ``figures``."""
    rows = [
        "| attack | result | honest p50 / p99 / max ms (says) | host peak / now MB | attacker |",
        "|---|---|---|---|---|",
    ]
    for f in figures:
        rows.append(
            f"| {f.attack} | {f.result} | {f.p50_ms:.1f} / {f.p99_ms:.1f} / {f.max_ms:.1f} "
            f"({f.samples}) | {f.peak_mb:.0f} / {f.rss_mb:.0f} | "
            f"`{json.dumps(brief(f.summary), ensure_ascii=False)}` |"
        )
    return "\n".join(rows)


def write_report(figures: list[Figures], path: Path = REPORT) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(table(figures) + "\n", encoding="utf-8")
