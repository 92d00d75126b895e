"""Turning what a learner typed into something comparable: text, numbers and dates.

>>> normalize_text("  The  “Drive-By”\\u00a0Summit! ")
'the "drive-by" summit'
>>> parse_number("1,234 words")
1234.0
>>> parse_date("25 April 2019")
(2019, 4, 25)
>>> parse_date("April 2019")
(2019, 4, None)
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], start=1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
MAX_INPUT = 200  # characters read from a one-line answer (dates, numbers)


def normalize_text(text: str) -> str:
    """Case, width, curly quotes, dashes and white space made uniform; end punctuation dropped."""
    text = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES).casefold()
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" .!?;:,")


def parse_number(text: str) -> float | None:
    """The first number in ``text`` (thousands commas allowed), or None."""
    text = unicodedata.normalize("NFKC", str(text))[:MAX_INPUT]
    match = re.search(r"[-+]?\d[\d,]*(?:\.\d+)?|[-+]?\.\d+", text)
    if not match:
        return None
    try:
        return float(match.group(0).replace(",", ""))
    except ValueError:  # pragma: no cover - the pattern only admits numbers
        return None


def parse_date(text: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) from ISO or written dates; missing parts are None; None if unreadable."""
    text = normalize_text(str(text)[:MAX_INPUT]).replace(",", " ")
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    iso = re.fullmatch(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?", text)
    if iso:
        parts = tuple(int(g) if g else None for g in iso.groups())
    else:
        words = text.split()
        year = next((int(w) for w in words if re.fullmatch(r"\d{4}", w)), None)
        month = next((_MONTHS[w] for w in words if w in _MONTHS), None)
        days = [int(w) for w in words if re.fullmatch(r"\d{1,2}", w)]
        if year is None or len(days) > 1 or (days and month is None) or len(words) > 3:
            return None
        parts = (year, month, days[0] if days else None)
    year, month, day = parts
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day
