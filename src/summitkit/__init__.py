"""summitkit: the toolkit the Vladivostok 2019 notebooks share.

Texts and data (`sources`, `tables`), citations (`citations`), the lessons (`timeline`, `stakes`,
`compare`, `sourcing`, `textstats`), the paragraph reader (`reader`), exercises checked by widgets
(`quiz`), progress (`progress`) and figures. The package's layers are written down in
``docs/developing.md``. Nothing heavy is imported here: widgets and matplotlib load only when a
notebook asks.

>>> import summitkit as sk
>>> sk.paragraph("rsis", 3)[:40]
'The Putin-Kim summit took place not with'
"""

from summitkit.citations import Citation, find_quote, parse_citation
from summitkit.errors import CourseDataError
from summitkit.setup import begin
from summitkit.sources import load_text, paragraph, source_ids

__all__ = [
    "Citation",
    "CourseDataError",
    "begin",
    "find_quote",
    "load_text",
    "paragraph",
    "parse_citation",
    "source_ids",
]

__version__ = "0.1.0"
