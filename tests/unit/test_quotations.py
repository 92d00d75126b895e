"""Every quotation the series puts in an author's mouth is verbatim in the paragraph it cites.

The data's quotations are checked on load (test_data.py). This file checks the quotations written
into prose: the markdown of every lesson and solution notebook, every text field of every
question declared in solutions/ (prompt, options, items, feedback, hints, explain, rubric, model),
and the published review, docs/fact-check.md.

A quotation is text between “curly” or "straight" double quotation marks. It is checked when a
citation (``38north ¶8``, ``38 North ¶8``, ``rsis ¶16–17``, ``rsis ¶5, ¶8``) stands right before it
(``38north ¶2: “…”``) or follows it in the same sentence. It must then be found, with runs of white
space collapsed and no other change, in one of the cited paragraphs (or be the heading of the cited
section). A quotation cut with an ellipsis (… or ...) is checked piece by piece, in order.

Limits: a quotation with no citation in its sentence is not checked here (the fact-check in
docs/fact-check.md lists how those were reviewed by hand); single quotation marks are not read as
quotations; and a citation that follows two quotations is applied to both.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest
from conftest import ROOT
from course_texts import question_texts

_QUOTE = re.compile(r"“((?:[^“”]|“[^“”]*”)*)”|\"([^\"\n]*)\"")
_SOURCE = r"(38\s?north|rsis)"
_CITE = re.compile(_SOURCE + r"\s*¶\s*(\d+)((?:\s*(?:[–-]|,|and|or)\s*¶?\s*\d+(?!\s*(?:April|May|June|July)))*)", re.IGNORECASE)
_LEAD_IN = re.compile(r"[\s,]*|,[^.!?“”\"\n]{0,30}:\s*|:\s*")  # "rsis ¶1: “…”", "rsis ¶1, the SYNOPSIS: “…”"
_CODE = re.compile(r"`[^`\n]*`")
_SENTENCE_END = re.compile(r"[.!?][)”\"]?\s+(?=[A-Z(“\"*-])|\n")


@dataclass(frozen=True)
class Quotation:
    where: str  # file, cell or question field
    text: str  # the quoted words
    source: str
    paragraphs: tuple[int, ...]


def _paragraphs(first: str, rest: str) -> tuple[int, ...]:
    numbers = [int(first)]
    for sep, n in re.findall(r"([–-]|,|and|or)\s*¶?\s*(\d+)", rest):
        n = int(n)
        if sep in "–-":
            numbers.extend(range(numbers[-1] + 1, n + 1))
        else:
            numbers.append(n)
    return tuple(numbers)


def _source_id(name: str) -> str:
    return "38north" if name.lower().replace(" ", "").startswith("38") else "rsis"


def quotations_in(text: str, where: str) -> tuple[list[Quotation], list[str]]:
    """(quotations tied to a citation, quotations with no citation in their sentence) in one text."""
    text = _CODE.sub(lambda m: " " * len(m.group()), text)  # code is not prose: `texts["rsis"]`
    cites = [(m.start(), m.end(), _source_id(m.group(1)), _paragraphs(m.group(2), m.group(3))) for m in _CITE.finditer(text)]
    tied, loose = [], []
    for m in _QUOTE.finditer(text):
        words = m.group(1) if m.group(1) is not None else m.group(2)
        if not words.strip():
            continue
        before = [c for c in cites if c[1] <= m.start() and _LEAD_IN.fullmatch(text[c[1] : m.start()])]
        after = [c for c in cites if c[0] >= m.end() and not _SENTENCE_END.search(text[m.end() : c[0]])]
        chosen = before[-1] if before else (after[0] if after else None)
        if chosen is None:
            loose.append(words)
        else:
            tied.append(Quotation(where, words, chosen[2], chosen[3]))
    return tied, loose


def _notebook_texts() -> list[tuple[str, str]]:
    out = []
    for folder in ("notebooks", "solutions"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            for number, cell in enumerate(cells, start=1):
                if cell["cell_type"] == "markdown":
                    out.append((f"{folder}/{path.name} cell {number}", "".join(cell["source"])))
    return out


def _doc_texts() -> list[tuple[str, str]]:
    """The published fact-check quotes the texts too: its quotations are held to the same rule."""
    path = ROOT / "docs" / "fact-check.md"
    return [
        (f"docs/fact-check.md line {n}", line) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
    ]


def all_quotations() -> tuple[list[Quotation], list[tuple[str, str]]]:
    tied, loose = [], []
    for where, text in _notebook_texts() + question_texts() + _doc_texts():
        found, unfound = quotations_in(text, where)
        tied += found
        loose += [(where, q) for q in unfound]
    return tied, loose


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def verbatim_in(quote: str, source: str, paragraphs: tuple[int, ...]) -> bool:
    """Whether ``quote`` (pieces cut by an ellipsis, in order) is in one of the paragraphs, or is its section heading or title."""
    from summitkit.sources import load_text

    text = load_text(source)
    pieces = [_collapse(p) for p in re.split(r"…|\.\.\.", quote) if _collapse(p)]
    for number in paragraphs:
        if not 1 <= number <= len(text.paragraphs):
            continue
        body = _collapse(text.paragraphs[number - 1])
        if _collapse(quote) == _collapse(text.headings[number - 1] or "") or _collapse(quote) in _collapse(text.title):
            return True
        at = 0
        for piece in pieces:
            at = body.find(piece, at)
            if at < 0:
                break
            at += len(piece)
        else:
            return True
    return False


def _fold(text: str) -> str:
    """Text with case, apostrophes, quotation marks and white space folded: to find near misses."""
    return _collapse(text.translate(str.maketrans("’‘”“", "''\"\""))).lower()


def near_misses(loose: list[tuple[str, str]]) -> list[str]:
    """Uncited quotations that are in a text only once case, apostrophes or spacing are changed: a changed quotation."""
    from summitkit.sources import load_text, source_ids

    texts = [
        _collapse(" ".join((load_text(s).title,) + load_text(s).paragraphs + tuple(h for h in load_text(s).headings if h)))
        for s in source_ids()
    ]
    out = []
    for where, quote in loose:
        if len(quote.split()) < 2 or any(_collapse(quote) in t for t in texts):
            continue
        if any(_fold(quote) in _fold(t) for t in texts):
            out.append(f"{where}: “{quote}”")
    return out


def test_the_extractor_ties_quotations_to_their_citations():
    tied, loose = quotations_in(
        "RSIS: “merely confirms” (rsis ¶1), and 38north ¶2: “standing invitation”. "
        "Kim's standing (38north ¶3 “domestic prestige”, rsis ¶15 “his people”). A “phrase” with no citation. "
        "ASEAN “may need to revisit … may be raised” (rsis ¶16–17).",
        "example",
    )
    assert [(q.text, q.source, q.paragraphs) for q in tied] == [
        ("merely confirms", "rsis", (1,)),
        ("standing invitation", "38north", (2,)),
        ("domestic prestige", "38north", (3,)),
        ("his people", "rsis", (15,)),
        ("may need to revisit … may be raised", "rsis", (16, 17)),
    ]
    assert loose == ["phrase"]
    assert all(verbatim_in(q.text, q.source, q.paragraphs) for q in tied)
    assert not verbatim_in("may need to revisit … may be raised", "rsis", (16,))  # it is ¶17
    assert not verbatim_in("Only to be welcomed", "rsis", (16,))  # a capital letter is a change
    assert near_misses([("example", "Only to be welcomed"), ("example", "only to be welcomed"), ("example", "a phrase")]) == [
        "example: “Only to be welcomed”"
    ]


def test_there_are_quotations_to_check():
    tied, _ = all_quotations()
    assert len(tied) > 150  # the series quotes its texts constantly; a broken extractor would find few


def test_no_uncited_quotation_changes_the_texts_words():
    """A quotation with no citation is still the texts' words exactly if it is their words at all (no "Only" for "only")."""
    assert near_misses(all_quotations()[1]) == []


@pytest.mark.parametrize("quotation", all_quotations()[0], ids=lambda q: f"{q.where}: {q.text[:40]}")
def test_every_cited_quotation_is_verbatim_in_its_paragraph(quotation):
    cited = ", ".join(f"{quotation.source} ¶{n}" for n in quotation.paragraphs)
    assert verbatim_in(quotation.text, quotation.source, quotation.paragraphs), (
        f"{quotation.where}: “{quotation.text}” is not verbatim in {cited}"
    )
