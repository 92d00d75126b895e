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
from dataclasses import dataclass

from summitkit.markup import Markup, el
from summitkit.sources import collapse, load_text, paragraph, source_ids

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
    found = [(m.start(), Citation(m.group(1).lower(), int(m.group(2)))) for m in _CITE.finditer(text)]
    if loose:
        names = "|".join(re.escape(s) for s in sorted(source_ids(), key=len, reverse=True))
        bare = re.compile(rf"(?<![\w-])({names})\s+(\d{{1,3}})(?![\d]|[.,]\d)", re.IGNORECASE)
        found += [(m.start(), Citation(m.group(1).lower(), int(m.group(2)))) for m in bare.finditer(text)]
    return [c for _, c in sorted(found, key=lambda pair: pair[0])]


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
