"""Citations of the form ``rsis ¶8``: parsing, finding them in prose, and showing the passage.

>>> parse_citation("rsis ¶8")
Citation(source='rsis', paragraph=8)
>>> parse_citation("38North para 12")
Citation(source='38north', paragraph=12)
>>> [str(c) for c in find_citations("As 38north ¶2 and rsis ¶ 3 say")]
['38north ¶2', 'rsis ¶3']
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_CITE = re.compile(
    r"(?<![\w-])([A-Za-z0-9][A-Za-z0-9_-]*)\s*(?:¶|§|\bparagraph\b|\bpara\.?|\bp\.)\s*(\d{1,4})\b",
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
        from summitkit.sources import load_text, source_ids

        if self.source not in source_ids():
            return False
        return 1 <= self.paragraph <= len(load_text(self.source).paragraphs)

    def text(self) -> str:
        """The cited paragraph."""
        from summitkit.sources import paragraph

        return paragraph(self.source, self.paragraph)

    def html(self) -> str:
        """The passage as safe HTML: citation, section heading and text."""
        from summitkit.sources import load_text

        if not self.exists():
            return f"<p><b>{html.escape(str(self))}</b>: there is no such paragraph.</p>"
        text = load_text(self.source)
        heading = text.headings[self.paragraph - 1]
        section = f" (section “{html.escape(heading)}”)" if heading else ""
        return (
            f"<blockquote style='margin:0.3em 0;padding-left:0.8em;border-left:3px solid #888'>"
            f"<b>{html.escape(str(self))}</b>{section}<br>{html.escape(self.text())}</blockquote>"
        )


def parse_citation(text: str) -> Citation:
    """One citation from text like ``rsis ¶8``, ``rsis 8`` or ``38north para 12``."""
    match = _CITE.fullmatch(text.strip()) or re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9_-]*)\s+(\d{1,4})\s*", text)
    if not match:
        raise ValueError(f"{text!r} is not a citation; write it like 'rsis ¶8' or '38north ¶2'")
    return Citation(match.group(1).lower(), int(match.group(2)))


def find_citations(text: str) -> list[Citation]:
    """All citations written in a piece of prose, in order (duplicates kept)."""
    return [Citation(m.group(1).lower(), int(m.group(2))) for m in _CITE.finditer(text)]
