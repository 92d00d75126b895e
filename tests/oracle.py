"""Expectations computed straight from the data files with the csv module, independently of summitkit.

Tests compare what the package draws, counts and writes with these, so a bug in the package's own
counting cannot make a test pass by agreeing with itself; and no test pins a count a teacher's valid
edit of the data can change.
"""

from __future__ import annotations

import calendar
import csv
import os
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAIN_ACTORS = ("Russia", "North Korea", "United States", "China", "South Korea", "Japan", "ASEAN", "UN Security Council")


def data() -> Path:
    return Path(os.environ.get("SUMMITKIT_DATA") or ROOT / "data")


def rows(name: str) -> list[dict[str, str]]:
    """The non-empty rows of a CSV file in the data folder, values stripped."""
    with (data() / name).open(encoding="utf-8-sig", newline="") as handle:
        found = [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]
    return [r for r in found if any(r.values())]


def source_ids() -> list[str]:
    return [r["id"] for r in rows("sources.csv")]


def short(source_id: str) -> str:
    row = next(r for r in rows("sources.csv") if r["id"] == source_id)
    return row.get("short") or row["outlet"]


def paragraphs(source_id: str) -> list[str]:
    """The paragraphs of a text: blocks between blank lines that are not '#' lines, lines joined."""
    text = (data() / "sources" / f"{source_id}.md").read_text(encoding="utf-8")
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    out = []
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip() and not line.startswith("#")]
        if lines:
            out.append(" ".join(lines))
    return out


def flat(text: str) -> str:
    return " ".join(text.split())


def period(value: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """First and last day of an ISO date, as (year, month, day) tuples."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return (parts[0], 1, 1), (parts[0], 12, 31)
    if len(parts) == 2:
        return (parts[0], parts[1], 1), (parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return tuple(parts), tuple(parts)


# ----- timeline -------------------------------------------------------------------------------


def timeline_events() -> dict[str, list[dict[str, str]]]:
    """Rows grouped by event id, in file order."""
    out: dict[str, list[dict[str, str]]] = {}
    for row in rows("timeline.csv"):
        out.setdefault(row["id"], []).append(row)
    return out


def row_period(row: dict[str, str]):
    return period(row["date"])[0], period(row.get("end_date") or row["date"])[1]


def dated_apart(event_rows: list[dict[str, str]]) -> bool:
    """Two sources' periods share no day."""
    spans = [(r["source"], *row_period(r)) for r in event_rows]
    return any(a[0] != b[0] and (a[2] < b[1] or b[2] < a[1]) for i, a in enumerate(spans) for b in spans[i + 1 :])


def dated_differently() -> dict[str, str]:
    """Event id -> "apparent" or "contradiction", for every event whose sources' datings share no day."""
    out = {}
    for eid, group in timeline_events().items():
        if dated_apart(group):
            out[eid] = "apparent" if any("APPARENT CONTRADICTION:" in r.get("note", "") for r in group) else "contradiction"
    return out


def event_label(eid: str) -> str:
    """One description shared by all rows: it; else the event's neutral ``label``; else each source's, named."""
    group = timeline_events()[eid]
    described = list(dict.fromkeys(r["event"] for r in group))
    if len(described) == 1:
        return described[0]
    neutral = next((r.get("label", "") for r in group if r.get("label")), "")
    return neutral or " / ".join(f"{short(r['source'])}: {r['event']}" for r in group)


# ----- stakes ---------------------------------------------------------------------------------


def stake_totals(grouped: bool = False) -> Counter:
    """Stakes per (actor, source); other actors pooled as 'Others named in one text' if grouped."""
    return Counter(
        ((r["actor"] if r["actor"] in MAIN_ACTORS or not grouped else "Others named in one text"), r["source"])
        for r in rows("stakes.csv")
    )


# ----- claims ---------------------------------------------------------------------------------


def claim_counts() -> Counter:
    """Claims per (topic, relation)."""
    return Counter((r["topic"], r["relation"]) for r in rows("claims.csv"))
