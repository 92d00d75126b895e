"""No lesson prose hand-writes a number that the data determines.

Counts of events, stakes, claims, rows, topics or actors come from data/*.csv, which teachers edit;
a count typed into markdown goes stale on the next edit (issue 18). Lessons show such numbers in code
cells instead (``timeline.finding()``, ``stakes.finding()``, ``compare.headline()``, the figures' alt text).

What the test catches, in the markdown of every notebook in notebooks/ and solutions/ and in every text
of every question declared in solutions/:
- a number (digits, or a number word from two to twenty) right before one of the counted nouns
  ("25 events", "five stakes", "46 claims in our table");
- "N of M" ("21 of 46");
- a number right after a source's name ("38 North 23, RSIS 5");
- any of the current data's counts (computed here from the CSVs, not typed in) when it stands
  next to a counted noun within three words ("rows ... 30").

Its limits, honestly: it reads numbers only in these shapes. "Most events", "exactly one contradiction",
"a dozen stakes" or "the only claim" are not caught, and neither is a sentence that states a finding the
data could change without a number ("most events appear in only one text"); such sentences were checked by
hand (docs/fact-check.md) and are written to stay true for any data, or are computed. Numbers that come from
the two texts themselves (17 paragraphs, 65 words, "at least four reasons") are not data and are allowed.
"""

from __future__ import annotations

import json
import re

from conftest import ROOT
from course_texts import question_texts

NOUNS = r"(?:events?|stakes?|claims?|rows?|topics?|actors?|relations?|contradictions?|agreements?)"
WORDS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty"
).split()
NUMBER = r"(?:\d+|" + "|".join(WORDS) + r")"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
PATTERNS = (
    re.compile(rf"\b{NUMBER}\s+(?:(?:more|fewer|other|shared|single|separate|dated|main)\s+)?{NOUNS}\b", re.IGNORECASE),
    re.compile(rf"\b{NUMBER}\s+of\s+{NUMBER}\b", re.IGNORECASE),
    re.compile(r"\b(?:38 North|RSIS|38north|rsis)\s+\(?\d+\b(?!\s*(?:words|paragraphs))"),
)


def data_counts() -> set[int]:
    """Every count the data determines today, worked out from the CSVs (never typed in here)."""
    from summitkit import compare, stakes, tables, timeline

    found = {len(timeline.events()), len(tables.timeline()), len(tables.stakes()), len(tables.claims()), len(compare.counts())}
    found |= set(timeline.counts().values()) | set(compare.totals().values()) | set(stakes.totals(grouped=True).values())
    found |= {len(timeline.dated_differently()), len(timeline.differences())}
    return {n for n in found if n > 1}


def prose() -> list[tuple[str, str]]:
    """(where, text) for every markdown cell of the numbered notebooks and solutions and every text of every question.

    The teacher's dashboard is left out: it reads learners' exports, not data/, and its one example
    ("two of three events in place scores 67%") explains partial credit.
    """
    out = []
    for folder in ("notebooks", "solutions"):
        for path in sorted((ROOT / folder).glob("[0-9][0-9]_*.ipynb")):
            for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"], start=1):
                if cell["cell_type"] == "markdown":
                    out.append((f"{folder}/{path.name} cell {number}", "".join(cell["source"])))
    return out + question_texts()


def _clean(text: str) -> str:
    """Prose without citations, dates, times, code and word or paragraph counts of the texts."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"(?m)^\s*(?:#+\s*)?\d+\.\s", " ", text)  # numbered lists and sections
    text = re.sub(r"¶\s*\d+(?:\s*[–-]\s*¶?\d+)?", " ", text)
    text = re.sub(r"\b(?:section|lesson|notebook|step)s?\s+\d+", " ", text, flags=re.IGNORECASE)
    return text


def hand_written_counts(text: str, counts: set[int]) -> list[str]:
    text = _clean(text)
    hits = [m.group() for p in PATTERNS for m in p.finditer(text)]
    for n in counts:
        for m in re.finditer(rf"\b{n}\b", text):
            window = text[max(0, m.start() - 40) : m.end() + 40]
            is_date = re.search(rf"\b{n}\s+(?:{MONTHS}|minutes?\b|min\b|words?)", window) or re.search(
                rf"(?:{MONTHS})\s+(?:\d+\s*[-–]\s*)?{n}\b", window
            )
            if (
                re.search(rf"\b{NOUNS}\b", window, re.IGNORECASE) and not is_date
            ):  # a date is not a count (issue 18: edits stay green)
                hits.append(window.strip())
    return hits


def test_the_detector_catches_hand_written_counts_and_spares_the_rest():
    counts = {25, 46, 21}
    assert hand_written_counts("21 of 46 claims differ", counts)
    assert hand_written_counts("We recorded 23 stakes for North Korea from 38 North and 5 from RSIS.", counts)
    assert hand_written_counts("North Korea is lopsided: 38 North 23, RSIS 5.", counts)
    assert hand_written_counts("The lower panel shows nine events from 18 to 26 April", counts)
    assert hand_written_counts("the timeline of 25 events", counts)
    assert not hand_written_counts("On 25 April 2019 Putin met Kim (rsis ¶1); see 38north ¶8 and rsis ¶16–17.", counts)
    assert not hand_written_counts("RSIS gives “at least four reasons” and has 17 paragraphs; about 45 minutes.", counts)
    # a date is not a count, whatever the data's counts become after a teacher's edit (26 events, say)
    assert not hand_written_counts("the dates of events, such as “April 24-26” (38north ¶1) and “25 April 2019”", {24, 25, 26})
    # minutes in a timetable are not counts, even when the data's claims come to 50 (issue 24)
    assert not hand_written_counts(
        "| `04_comparing_analyses` | set the two analyses side by side, claim by claim | 65 min | 50 min |", {50}
    )
    assert hand_written_counts("the 50 claims of our table", {50})


def test_no_lesson_or_question_hand_writes_a_count_from_the_data():
    counts = data_counts()
    found = [f"{where}: {hit}" for where, text in prose() for hit in hand_written_counts(text, counts)]
    assert found == [], "counts typed into prose go stale when a teacher edits data/: show them from a code cell\n" + "\n".join(
        found
    )
