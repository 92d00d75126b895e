"""Citations of the form ``rsis ¶8``: parsing, finding them in prose, finding quotations, showing the passage.

>>> parse_citation("rsis ¶8")
Citation(source='rsis', paragraph=8)
>>> parse_citation("38North para 12")
Citation(source='38north', paragraph=12)
>>> [str(c) for c in find_citations("As 38north ¶2 and rsis ¶ 3 say")]
['38north ¶2', 'rsis ¶3']

What a learner types, who may have no ¶ key, is read more loosely (``loose=True``): a known source and a number.

>>> [str(c) for c in find_citations("rsis 2, rsis para 3, RSIS p4, rsis ¶ 5 (but not rsis 2019)", loose=True)]
['rsis ¶2', 'rsis ¶3', 'rsis ¶4', 'rsis ¶5']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from summitkit.markup import Markup, el
from summitkit.sources import collapse, load_text, paragraph, quote_in_paragraph, source_ids

_CITE = re.compile(
    r"(?<![\w-])([A-Za-z0-9][A-Za-z0-9_-]*)\s*(?:¶|§|\bparagraph\b|\bpara\.?|\bp\.?)\s*(\d{1,4})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, order=True)
class Citation:
    """A paragraph of a source."""

    source: str
    paragraph: int

    def __str__(self) -> str:
        return f"{self.source} ¶{self.paragraph}"

    def exists(self) -> bool:
        """Whether the source and the paragraph exist."""
        if self.source not in source_ids():
            return False
        return 1 <= self.paragraph <= len(load_text(self.source).paragraphs)

    def text(self) -> str:
        """The cited paragraph."""
        return paragraph(self.source, self.paragraph)

    def html(self) -> Markup:
        """The passage as safe HTML: citation, section heading and text (styled by ``summit-quote``)."""
        if not self.exists():
            return el("p", el("b", str(self)), ": there is no such paragraph.")
        heading = load_text(self.source).headings[self.paragraph - 1]
        section = f" (section “{heading}”)" if heading else ""
        return el("blockquote", el("b", str(self)), section, el("br"), self.text(), cls="summit-quote")

    def details(self, summary: str = "Read the passage") -> Markup:
        """The passage behind a click: ``<details>`` with ``summary`` (the citation is added to it if absent)."""
        label = summary if str(self) in summary else f"{summary} ({self})"
        return el("details", el("summary", label), self.html())


def parse_citation(text: str) -> Citation:
    """One citation from text like ``rsis ¶8``, ``rsis 8`` or ``38north para 12``."""
    match = _CITE.fullmatch(text.strip()) or re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9_-]*)\s+(\d{1,4})\s*", text)
    if not match:
        raise ValueError(f"{text!r} is not a citation; write it like 'rsis ¶8' or '38north ¶2'")
    return Citation(match.group(1).lower(), int(match.group(2)))


def find_citations(text: str, loose: bool = False) -> list[Citation]:
    """All citations written in a piece of prose, in order (duplicates kept).

    ``loose`` (for what learners type) also reads a known source followed by a number alone, ``rsis 2``
    (at most three digits, so ``rsis 2019`` stays a year).
    """
    return [c for _, _, c in citation_spans(text, loose)]


def citation_spans(text: str, loose: bool = False) -> list[tuple[int, int, Citation]]:
    """Each citation in ``text`` with where it starts and ends, in order (see :func:`find_citations`).

    >>> [(start, end, str(c)) for start, end, c in citation_spans("as rsis ¶8 says")]
    [(3, 10, 'rsis ¶8')]
    """
    found = [(m.start(), m.end(), Citation(m.group(1).lower(), int(m.group(2)))) for m in _CITE.finditer(text)]
    if loose:
        names = "|".join(re.escape(s) for s in sorted(source_ids(), key=len, reverse=True))
        bare = re.compile(rf"(?<![\w-])({names})\s+(\d{{1,3}})(?![\d]|[.,]\d)", re.IGNORECASE)
        found += [(m.start(), m.end(), Citation(m.group(1).lower(), int(m.group(2)))) for m in bare.finditer(text)]
    return sorted(found, key=lambda triple: triple[0])


def find_quote(quote: str, sources: list[str] | None = None) -> list[Citation]:
    """Every paragraph where ``quote`` appears verbatim (white space collapsed), in every source or in ``sources``."""
    needle = collapse(quote)
    if not needle:
        return []
    found = []
    for sid in sources or source_ids():
        for n, para in enumerate(load_text(sid).paragraphs, start=1):
            if needle in collapse(para):
                found.append(Citation(sid, n))
    return found


# ----- a quotation that is not verbatim: where it differs ----------------------------------------------------------------
_CHARACTER_NAMES = {
    "'": "a straight apostrophe (')",
    "’": "a curly apostrophe (’)",
    "‘": "an opening curly quote (‘)",
    '"': 'a straight quotation mark (")',
    "“": "an opening curly quotation mark (“)",
    "”": "a closing curly quotation mark (”)",
    "-": "a hyphen (-)",
    "‐": "a Unicode hyphen (‐)",
    "‑": "a non-breaking hyphen (‑)",
    "–": "an en dash (–)",
    "—": "an em dash (—)",
    "−": "a minus sign (−)",
    " ": "a space",
    "…": "an ellipsis character (…)",
    ".": "a full stop (.)",
    ",": "a comma (,)",
}


def name_character(ch: str) -> str:
    """A character as a sentence names it: 'a curly apostrophe (’)', 'a capital “T”', '“é” (latin small letter e with acute)'.

    >>> name_character("’"), name_character("T"), name_character("–")
    ('a curly apostrophe (’)', 'a capital “T”', 'an en dash (–)')
    """
    if ch in _CHARACTER_NAMES:
        return _CHARACTER_NAMES[ch]
    if ch.isascii() and ch.isalpha():
        return f"a {'capital' if ch.isupper() else 'small'} “{ch}”"
    if ch.isascii():
        return f"“{ch}”"
    return f"“{ch}” ({unicodedata.name(ch, f'U+{ord(ch):04X}').lower()})"


def _longest_prefix(needle: str, text: str) -> int:
    """The length of the longest start of ``needle`` found in ``text`` (binary search: a shorter start is found if a longer one is)."""
    low, high = 0, len(needle)
    while low < high:
        mid = (low + high + 1) // 2
        if needle[:mid] in text:
            low = mid
        else:
            high = mid - 1
    return low


def _closeness(quote: str, text: str) -> int:
    """How much of ``quote`` ``text`` holds: the longer of its longest start and its longest end found there."""
    return max(_longest_prefix(quote, text), _longest_prefix(quote[::-1], text[::-1]))


def _window(text: str, at: int, before: int = 40, after: int = 40) -> str:
    """``text`` around position ``at``, with "…" where it is cut (never at ``at`` itself)."""
    start, end = max(0, at - before), min(len(text), at + after)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def first_difference(quote: str, text: str) -> str:
    """Where ``quote`` first departs from ``text`` (both with white space collapsed), in a sentence ("" if it is in it).

    >>> print(first_difference("Russia's interests", "to defend Russia’s interests in the region"))
    The first difference comes after “Russia”: the quote has a straight apostrophe (') where the text has a curly apostrophe (’). That is the only difference: the text reads “to defend Russia’s interests in the region”.
    """
    quote, text = collapse(quote), collapse(text)
    if not quote or quote in text:
        return ""
    k = _longest_prefix(quote, text)
    if k == 0:
        return f"The quote's first character, {name_character(quote[0])}, does not occur in the text."
    best, best_score = -1, -1
    at = text.find(quote[:k])
    for _ in range(200):  # among the places where the agreeing start occurs, take the one that goes on agreeing longest
        if at < 0:
            break
        tail = text[at + k + 1 : at + k + 21]
        score = sum(a == b for a, b in zip(quote[k + 1 : k + 21], tail))
        if score > best_score:
            best, best_score = at, score
        at = text.find(quote[:k], at + 1)
    at = best
    agreed = quote[max(0, k - 30) : k]
    lead = f"The first difference comes after “{'…' if k > 30 else ''}{agreed}”"
    if at + k >= len(text):
        return (
            f"{lead}: the text's paragraph ends there, but the quote goes on with “{_window(quote, k, 0, 40)}” "
            "(does the quote run into the next paragraph?)."
        )
    mine, theirs = quote[k], text[at + k]
    said = f"{lead}: the quote has {name_character(mine)} where the text has {name_character(theirs)}."
    fixed = quote[:k] + theirs + quote[k + 1 :]
    if fixed in text:
        return f"{said} That is the only difference: the text reads “{_window(text, at + k, 60, 60)}”."
    return f"{said} The text reads “{_window(text, at + k, 40, 80)}”; the quote reads “{_window(quote, k, 40, 80)}”."


def quote_problem(quote: str, source: str, number: int) -> str:
    """Why ``quote`` is not verbatim in ``source`` ¶``number``, showing the fix ("" if it is verbatim there).

    Says which paragraph holds it if another does, or which passage comes closest, and the first
    character that differs (a straight ' where the text has a curly ’, a hyphen for an en dash).
    """
    quote_flat = collapse(quote)
    if not quote_flat or quote_in_paragraph(quote, source, number):
        return ""
    elsewhere = find_quote(quote)
    if elsewhere:
        where = ", ".join(str(c) for c in elsewhere[:3])
        return (
            f"The quote is word for word in {where}, not in {Citation(source, number)}: fix the paragraph number (or the source)."
        )
    cited = Citation(source, number)
    best, best_score = cited, _closeness(quote_flat, collapse(cited.text()))
    for sid in source_ids():
        for n, para in enumerate(load_text(sid).paragraphs, start=1):
            score = _closeness(quote_flat, collapse(para))
            if score > best_score + 5:
                best, best_score = Citation(sid, n), score
    if best_score < min(15, len(quote_flat) // 2):
        return (
            f"No paragraph of the texts holds more than a few words of it (not {cited}, nor any other): copy the quote "
            "from the text itself (the paragraph reader shows it), or check that it is from this source."
        )
    where = "" if best == cited else f"The closest passage is {best}, not {cited}. "
    text = collapse(best.text())
    if quote_flat.casefold() in text.casefold():
        where += "The quote differs from the text only in capital letters. "
    return where + first_difference(quote_flat, text)
