"""Turning what a learner typed into something comparable: text, numbers and dates.

Numbers and dates are *read*, not just parsed. :func:`read_number`, :func:`read_date` and
:func:`read_value` (a value computed in a code task) return a reading: the value, how it was
read (so feedback can say "I read 1,5 as 1.5"), other values the same characters could mean
(so feedback can ask "did you mean …?"), the invisible characters that were left out, and,
when nothing could be read, a plain sentence saying why. They never raise.
:func:`parse_number` and :func:`parse_date` are thin wrappers with the old returns.

>>> normalize_text("  The  “Drive-By”\\u00a0Summit! ")
'the "drive-by" summit'
>>> parse_number("1,234 words")
1234.0
>>> parse_date("25 April 2019")
(2019, 4, 25)
>>> parse_date("April 2019")
(2019, 4, None)
>>> read_number("1,5").how
'I read “1,5” as 1.5: a comma before the last one or two digits is a decimal point.'
>>> read_date("04/05/2019").message
'“04/05/2019” could be 4 May 2019 or 5 April 2019. Write the month as a word, for example 4 May 2019, so there is no doubt.'
>>> read_date("2019-02-30").message
'There is no 30 February: February 2019 has 28 days.'

The rules, in short:

* Numbers. A comma before exactly three digits separates thousands (``1,017`` is 1017, and
  1.017 is offered as an alternative); before one, two or four or more digits it is a decimal
  comma (``1,5`` is 1.5, said so). With both marks the last one is the decimal point
  (``1.234,5`` and ``1,234.5`` are 1234.5). Spaces and apostrophes may group thousands.
  ``−`` (Unicode minus) and other dashes are minus signs; ``1.7e1`` and ``1.7×10¹`` are 17;
  English number words (``five``, ``twenty-one``, ``one hundred and five``) are read.
  Anything else with several marks (``1,2,3``) is not guessed: the reading says so.
  Values beyond 2**53 (where whole numbers stop being exact) or not finite are refused.
* Dates. Year first (``2019-04-25``, ``2019/4/25``, ``2019.04``) is always year, month, day.
  Year last with ``/`` or ``-`` (``25/4/2019``, ``4/25/2019``) is read only when it is not in
  doubt: the number above 12 is the day; when both could be the month and they differ
  (``04/05/2019``) the reading asks. With dots (``25.04.2019``) the day comes first.
  Written forms take the month as a word in any order, with or without a weekday
  (``Thursday, 25 April 2019``, ``April 25th, 2019``, ``25 Apr 2019``; Russian month names and
  ``2019년 4월 25일`` / ``2019年4月25日`` too). A missing year,
  a two-digit year and an impossible day (``30 February``) each get their own sentence.
* Invisible characters (zero-width spaces, soft hyphens, direction marks, control
  characters, broken surrogates) are left out, and the reading names them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import numbers
import operator
import re
import unicodedata
from dataclasses import dataclass

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS = {m.lower(): i for i, m in enumerate(MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
# Russian month names (nominative and genitive), for learners who write dates as in Russian sources.
_MONTHS.update(
    {
        name: i
        for i, names in enumerate(
            (
                ("январь", "января"),
                ("февраль", "февраля"),
                ("март", "марта"),
                ("апрель", "апреля"),
                ("май", "мая"),
                ("июнь", "июня"),
                ("июль", "июля"),
                ("август", "августа"),
                ("сентябрь", "сентября"),
                ("октябрь", "октября"),
                ("ноябрь", "ноября"),
                ("декабрь", "декабря"),
            ),
            start=1,
        )
        for name in names
    }
)
_WEEKDAYS = {
    name: i
    for i, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
_FILLERS = {"of", "the", "on", "in", "year", "г", "год", "года"}
# Korean, Chinese and Japanese dates: 2019년 4월 25일, 2019年4月25日
_CJK_DATE = re.compile(r"(\d{4})\s*[년年]\s*(?:(\d{1,2})\s*[월月]\s*(?:(\d{1,2})\s*[일日])?)?")
MAX_INPUT = 200  # characters read from a one-line answer (dates, numbers)
MAX_EXACT = 2**53  # beyond this, not every whole number has a float, so answers cannot be compared exactly


def normalize_text(text: str) -> str:
    """Case, width, curly quotes, dashes and white space made uniform; end punctuation dropped."""
    text = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES).casefold()
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" .!?;:,")


# ----- invisible characters ---------------------------------------------------------------
_INVISIBLE_NAMES = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\u00ad": "soft hyphen",
    "\ufeff": "byte-order mark",
    "\u0000": "null character",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u061c": "Arabic letter mark",
}
_INVISIBLE_NAMES.update(dict.fromkeys("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", "text-direction control"))


def _invisible_name(ch: str) -> str:
    if ch in _INVISIBLE_NAMES:
        return _INVISIBLE_NAMES[ch]
    if unicodedata.category(ch) == "Cs":
        return "broken character"
    return unicodedata.name(ch, f"control character U+{ord(ch):04X}").lower()


def _as_text(value: object) -> str:
    """``str(value)``, or "" for a value that cannot be written out (a huge integer, a broken ``__str__``)."""
    if isinstance(value, str):
        return value
    try:
        return str(value)
    except Exception:
        return ""


def clean_input(text: object, limit: int = MAX_INPUT) -> tuple[str, tuple[str, ...]]:
    """``text`` without invisible characters, white space made single spaces, at most ``limit``
    characters; and the names of the invisible characters left out (each name once).

    >>> clean_input("1\\u200b7\\u00ad")
    ('17', ('zero-width space', 'soft hyphen'))
    """
    raw = _as_text(text)[: limit * 4]
    kept, dropped = [], {}
    for ch in raw:
        category = unicodedata.category(ch)
        if ch in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85":
            kept.append(" ")
        elif category in ("Cf", "Cc", "Cs"):
            dropped.setdefault(_invisible_name(ch), None)
        else:
            kept.append(ch)
    cleaned = " ".join("".join(kept).split())
    return cleaned[:limit], tuple(dropped)


def invisible_note(names: tuple[str, ...]) -> str:
    """A sentence telling the learner which invisible characters were left out ("" if none).

    >>> invisible_note(("zero-width space",))
    'Your answer held an invisible character (zero-width space), which I left out.'
    """
    if not names:
        return ""
    what = "an invisible character" if len(names) == 1 else "invisible characters"
    return f"Your answer held {what} ({', '.join(names)}), which I left out."


def echo(text: object, limit: int = 60) -> str:
    """Learner input fit to quote back in a message: no invisible characters, shortened with "…"."""
    cleaned, _ = clean_input(text, limit * 2)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


# ----- numbers ------------------------------------------------------------------------------
@dataclass(frozen=True)
class NumberReading:
    """What was read from an answer that should be a number.

    ``value`` is None when nothing could be read; then ``problem`` names why (``empty``,
    ``no-number``, ``unclear``, ``too-large``, ``not-finite``, ``boolean``, ``not-a-number``)
    and ``message`` says it in a sentence. ``how`` says how the value was read when that is
    not plain ("" otherwise); ``alternatives`` are other values the same characters could
    mean; ``others`` are further numbers in the answer that were not read; ``source`` is the
    part that was read, as typed (for echoes); ``invisible`` names characters left out.
    """

    value: float | None
    source: str = ""
    how: str = ""
    alternatives: tuple[float, ...] = ()
    others: tuple[float, ...] = ()
    invisible: tuple[str, ...] = ()
    problem: str = ""
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.value is not None

    @property
    def shown(self) -> str:
        """The value as a learner would write it (17, not 17.0)."""
        return format_number(self.value) if self.value is not None else ""

    def ask(self) -> str:
        """A question for when the answer could mean several numbers ("" when it cannot).

        >>> read_number("1,017").ask()
        'Did you mean 1017 or 1.017?'
        """
        if not self.alternatives or self.value is None:
            return ""
        options = [self.shown, *(format_number(a) for a in self.alternatives)]
        return f"Did you mean {', '.join(options[:-1])} or {options[-1]}?"

    def notes(self) -> str:
        """Everything a learner should be told about how the answer was read, as sentences."""
        parts = [self.how, invisible_note(self.invisible)]
        if self.others and self.value is not None:
            parts.append(f"Your answer holds more than one number; I read the first, {self.shown}.")
        return " ".join(p for p in parts if p)


def format_number(value: float) -> str:
    """17.0 -> '17', 1.5 -> '1.5', huge or odd values as Python writes them."""
    if math.isfinite(value) and float(value).is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(float(value))


_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_MINUS = str.maketrans({"−": "-", "‒": "-", "–": "-", "﹣": "-", "－": "-", "‐": "-", "‑": "-"})
_NUMBER = re.compile(
    r"(?P<sign>[-+]\s?)?"
    r"(?P<body>\d+(?:(?:[.,'’]|\s(?=\d{3}(?!\d)))\d+)*|[.,]\d+)"
    r"(?P<exp>\s?(?:[eE][-+]?\d+|[x×*·]\s?10\s?(?:\^|\*\*)\s?[-+]?\d+)|\s?(?:\^|\*\*)\s?[-+]?\d+)?"
)
_SEP = re.compile(r"[.,'’ ]")
_WORD_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
_WORD_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_WORD_SCALES = {"thousand": 1000, "million": 10**6, "billion": 10**9}


def _not_read(problem: str, message: str, invisible: tuple[str, ...] = (), source: str = "") -> NumberReading:
    return NumberReading(None, source=source, invisible=invisible, problem=problem, message=message)


def _checked(value: float, source: str, **fields) -> NumberReading:
    """A reading of ``value``, refused with a sentence when it cannot be compared exactly."""
    invisible = fields.get("invisible", ())
    if math.isnan(value):
        return _not_read(
            "not-finite", f"“{echo(source)}” is not a number I can check (it is “not a number”, NaN).", invisible, source
        )
    if math.isinf(value) or abs(value) > MAX_EXACT:
        return _not_read(
            "too-large", f"“{echo(source, 30)}” is too large a number to check: use at most 15 digits.", invisible, source
        )
    return NumberReading(float(value), source=source, **fields)


def _interpret(body: str) -> tuple[str | None, str, tuple[float, ...]]:
    """A digit string with separators -> (plain number text for float(), how it was read, alternatives).

    The number text is None when the separators leave the number in doubt.
    """
    if body[0] in ".,":
        how = "" if body[0] == "." else f"I read “{body}” as 0.{body[1:]}: a comma before the last digits is a decimal point."
        return f"0.{body[1:]}", how, ()
    groups, seps = _SEP.split(body), _SEP.findall(body)
    if not seps:
        return body, "", ()
    last = seps[-1]
    if last in ".," and last not in seps[:-1] and seps[:-1]:
        decimal = last  # 1,234.5 / 1.234,5 / 1 234,5: the last mark is the decimal point
    elif last in ".," and len(seps) == 1:
        head, tail = groups
        could_group = len(tail) == 3 and head != "0" and len(head) <= 3
        if last == ".":
            return body, "", ((float(head + tail),) if could_group else ())
        if could_group:  # 1,017: thousands, as English writes it; 1.017 is the other reading
            return head + tail, "", (float(f"{head}.{tail}"),)
        number = f"{head}.{tail}"
        if len(tail) <= 2:
            how = f"I read “{body}” as {format_number(float(number))}: a comma before the last one or two digits is a decimal point."
            alternatives = () if head == "0" else (float(head + tail),)
        else:
            how = f"I read “{body}” as {format_number(float(number))}: the comma is a decimal point."
            alternatives = ()
        return number, how, alternatives
    else:
        decimal = None  # 1,234,567 / 1.234.567 / 1 234 / 1'234: all grouping
    whole = groups[:-1] if decimal else groups
    grouping = seps[:-1] if decimal else seps
    indian = False
    if len(set(grouping)) != 1 or not 1 <= len(whole[0]) <= 3:
        return None, "", ()
    if not all(len(g) == 3 for g in whole[1:]):
        indian = grouping[0] == "," and len(whole) >= 3 and all(len(g) == 2 for g in whole[1:-1]) and len(whole[-1]) == 3
        if not indian:
            return None, "", ()
    number = "".join(whole) + (f".{groups[-1]}" if decimal else "")
    shown = format_number(float(number))
    mark = {" ": "spaces", "'": "apostrophes", "’": "apostrophes", ".": "dots", ",": "commas"}[grouping[0]]
    if indian:
        how = f"I read “{body}” as {shown}: digits grouped in lakhs and crores."
    elif decimal == ",":
        how = f"I read “{body}” as {shown}: {mark} between the thousands and a comma before the decimals."
    elif grouping[0] != ",":
        how = f"I read “{body}” as {shown}: {mark} between the thousands."
    else:
        how = ""
    alternatives = (float(whole[0]),) if grouping[0] == " " else ()
    return number, how, alternatives


def _power(match: re.Match, number: str) -> tuple[float | None, str]:
    """Apply an exponent (1.7e1, 1.7×10^1, 10^2) to ``number``; (value or None, how)."""
    exp = match.group("exp")
    if not exp:
        return float(number), ""
    digits = re.search(r"([-+]?)(\d+)$", exp.strip())
    size = digits.group(2).lstrip("0") or "0"
    if len(size) > 3 or int(size) > 400:
        return None, ""
    power = int(digits.group(1) + size)
    try:
        if re.search(r"[eE]|10\s?(?:\^|\*\*)", exp):
            value = float(f"{number}e{power}")
        else:
            value = float(number) ** power
    except (OverflowError, ZeroDivisionError):
        return None, ""
    if isinstance(value, complex):  # pragma: no cover - a negative base is never read here (the sign comes later)
        return None, ""
    return (
        value,
        f"I read “{match.group(0).strip()}” as {format_number(value) if math.isfinite(value) else 'an enormous number'}.",
    )


def _words_number(text: str) -> tuple[int | None, str]:
    """An English number written in words at the start of a run of words: ("twenty-one", 21)."""
    tokens = re.findall(r"[a-z]+", text.casefold())
    for start, token in enumerate(tokens):
        if (
            token in _WORD_UNITS
            or token in _WORD_TENS
            or (token == "a" and start + 1 < len(tokens) and tokens[start + 1] in ("hundred", *_WORD_SCALES))
        ):
            break
    else:
        return None, ""
    total, current, used, last = 0, 0, [], ""
    for token in tokens[start:]:
        if token in ("a", "an") and not used:
            current, last = 1, "unit"
        elif token in _WORD_UNITS and last not in ("unit", "teen"):
            current += _WORD_UNITS[token]
            last = "teen" if _WORD_UNITS[token] >= 10 else "unit"
        elif token in _WORD_TENS and last in ("", "hundred", "and"):
            current += _WORD_TENS[token]
            last = "tens"
        elif token == "hundred" and last in ("unit", "teen", "tens") and current < 100:
            current *= 100
            last = "hundred"
        elif token in _WORD_SCALES and last in ("unit", "teen", "tens", "hundred"):
            total += current * _WORD_SCALES[token]
            current, last = 0, "hundred"
        elif token == "and" and last == "hundred":
            last = "and"
        else:
            break
        used.append(token)
    while used and used[-1] in ("and", "a", "an"):
        used.pop()
    if not used:
        return None, ""
    return total + current, " ".join(used)


def read_number(text: object) -> NumberReading:
    """Read the number in ``text`` (what a learner typed). Never raises.

    >>> [read_number(t).value for t in ("−17", "1.7e1", "17 paragraphs", "five", "1 234,5")]
    [-17.0, 17.0, 17.0, 5.0, 1234.5]
    >>> read_number("1,2,3").message
    'I cannot tell which number “1,2,3” is meant. Write it with digits and at most one point before the decimals, like 1234.5.'
    """
    if not isinstance(text, str):
        return read_value(text)
    raw = re.sub(r"[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: "^" + m.group(0).translate(_SUPERSCRIPT), text[: MAX_INPUT * 4])
    cleaned, invisible = clean_input(raw)
    cleaned = unicodedata.normalize("NFKC", cleaned).translate(_MINUS)
    cleaned = "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in cleaned)
    if not cleaned.strip():
        if invisible:
            return _not_read(
                "empty", f"Your answer holds only invisible characters ({', '.join(invisible)}): type a number.", invisible
            )
        return _not_read("empty", "There is nothing to read yet: type a number.")
    matches = list(_NUMBER.finditer(cleaned))
    if not matches:
        value, words = _words_number(cleaned)
        if value is not None:
            how = f"I read “{words}” as {value}."
            return _checked(float(value), words, how=how, invisible=invisible)
        return _not_read(
            "no-number", f"I found no number in “{echo(cleaned)}”. Type it with digits, like 17.", invisible, cleaned
        )
    first = matches[0]
    number, how, alternatives = _interpret(first.group("body"))
    source = first.group(0).strip()
    if number is None:
        return _not_read(
            "unclear",
            f"I cannot tell which number “{echo(source, 30)}” is meant. Write it with digits and at most "
            "one point before the decimals, like 1234.5.",
            invisible,
            source,
        )
    value, power_how = _power(first, number)
    if value is None:
        return _not_read(
            "too-large", f"“{echo(source, 30)}” is beyond the numbers I can check: use at most 15 digits.", invisible, source
        )
    if (first.group("sign") or "").strip() == "-":
        value = -value
        alternatives = tuple(-a for a in alternatives)
    others = []
    for match in matches[1:6]:
        more, _, _ = _interpret(match.group("body"))
        if more is not None:
            others.append(float(more))
    return _checked(
        value,
        source,
        how=" ".join(x for x in (how, power_how) if x),
        alternatives=alternatives,
        others=tuple(others),
        invisible=invisible,
    )


def _length(value: object) -> int | None:
    """len(value) for a list-like value, None for anything else."""
    try:
        return len(value)  # type: ignore[arg-type]
    except Exception:
        return None


def _describe_value(value: object) -> str:
    """What a code task's value is, in words a non-programmer can follow."""
    if value is None:
        return "nothing (None)"
    if isinstance(value, (bytes, bytearray)):
        return "bytes, not a number"
    if isinstance(value, dict):
        return f"a dictionary of {len(value)} entries"
    if callable(value):
        return "a function, not its result (did you leave out the brackets, like len(words)?)"
    size = _length(value)
    if size is not None:
        if size == 1:
            return "a list holding one item; give the item itself (for example value[0])"
        return f"a list of {size} items, not one number"
    if isinstance(value, numbers.Complex):
        return "a complex number"
    return f"a value of type {type(value).__name__}"


def read_value(value: object) -> NumberReading:
    """Read a value computed in a code task: any real number (int, float, numpy scalars,
    Fraction, Decimal) or text holding one. Never raises; huge or non-finite values are refused.

    >>> read_value(10**400).problem, read_value(True).problem, read_value([1, 2]).message
    ('too-large', 'boolean', 'Your code gave a list of 2 items, not one number.')
    """
    try:
        if value is None or value is Ellipsis:
            return _not_read("empty", "There is no value yet: replace the ... with your code and run the cell again.")
        if isinstance(value, str):
            return read_number(value)
        if isinstance(value, bool) or type(value).__name__ in ("bool_", "bool"):
            return _not_read("boolean", f"Your code gave {bool(value)}, a yes-or-no value; the answer is a number.")
        if getattr(value, "ndim", None) == 0 and hasattr(value, "item"):
            value = value.item()  # a numpy array holding one number, with no dimensions
        if isinstance(value, (bytes, bytearray, dict)) or callable(value) or _length(value) is not None:
            return _not_read("not-a-number", f"Your code gave {_describe_value(value)}.")
        if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real):
            return _not_read("not-a-number", "Your code gave a complex number; the answer is a real number.")
        if isinstance(value, numbers.Integral) or hasattr(type(value), "__index__"):
            try:
                whole = operator.index(value)
            except TypeError:
                whole = None
            if whole is not None:
                if whole.bit_length() > 53:
                    digits = int(whole.bit_length() * 0.30103) + 1
                    return _not_read(
                        "too-large",
                        f"Your code gave a whole number of about {digits} digits, too large to check: use at most 15 digits.",
                    )
                return NumberReading(float(whole), source=str(whole))
        if isinstance(value, numbers.Real) or hasattr(type(value), "__float__"):
            try:
                number = float(value)  # type: ignore[arg-type]
            except OverflowError:
                return _not_read("too-large", "Your code gave a number too large to check: use at most 15 digits.")
            if math.isnan(number):
                return _not_read(
                    "not-finite", "Your code gave NaN (“not a number”): check that nothing was divided by zero or left missing."
                )
            if math.isinf(number) or abs(number) > MAX_EXACT:
                return _not_read("too-large", "Your code gave a number too large to check (or infinity): use at most 15 digits.")
            return NumberReading(number, source=format_number(number))
        return _not_read("not-a-number", f"Your code gave {_describe_value(value)}, not a number.")
    except Exception:  # a value whose own methods fail: say so rather than break the cell
        return _not_read("not-a-number", "Your code gave a value I cannot read as a number.")


def parse_number(text: str) -> float | None:
    """The number in ``text`` as :func:`read_number` reads it, or None (old interface)."""
    return read_number(text).value


# ----- dates --------------------------------------------------------------------------------
@dataclass(frozen=True)
class DateReading:
    """What was read from an answer that should be a date.

    ``year``, ``month`` and ``day`` hold what was read (None: not given). When ``problem`` is
    set (``empty``, ``unreadable``, ``missing-year``, ``missing-month``, ``short-year``,
    ``impossible``, ``ambiguous-order``) the date cannot be used and ``message`` says why;
    the parts that could be read are still filled in (e.g. month and day of "18 April").
    ``candidates`` lists the dates an ambiguous answer could mean; ``how`` says how a
    numeric date was read when its order needed a rule; ``note`` flags what does not fit
    (a weekday that is wrong for the date); ``invisible`` names characters left out.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    how: str = ""
    note: str = ""
    candidates: tuple[tuple[int, int, int], ...] = ()
    invisible: tuple[str, ...] = ()
    problem: str = ""
    message: str = ""
    source: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def value(self) -> tuple[int, int | None, int | None] | None:
        """(year, month, day) with None for parts not given, or None when the date cannot be used."""
        if self.problem or self.year is None:
            return None
        return self.year, self.month, self.day

    @property
    def shown(self) -> str:
        """The date in words: '25 April 2019', 'April 2019', '2019'."""
        return describe_date(self.year, self.month, self.day)

    def notes(self) -> str:
        """Everything a learner should be told about how the answer was read, as sentences."""
        return " ".join(p for p in (self.how, self.note, invisible_note(self.invisible)) if p)


def describe_date(year: int | None, month: int | None, day: int | None) -> str:
    """A date in words, leaving out the parts not given.

    >>> describe_date(2019, 4, 25), describe_date(2015, 5, None), describe_date(None, 4, 18)
    ('25 April 2019', 'May 2015', '18 April')
    """
    parts = [
        str(day) if day is not None else "",
        MONTH_NAMES[month - 1] if month and 1 <= month <= 12 else "",
        str(year) if year is not None else "",
    ]
    return " ".join(p for p in parts if p)


def _impossible(year: int | None, month: int | None, day: int | None) -> str:
    """Why this date cannot exist ("" when it can)."""
    if year is not None and not 1 <= year <= 9999:
        return f"There is no year {year} in the calendar I use (years 1 to 9999)."
    if month is not None and not 1 <= month <= 12:
        return f"There is no month {month}: months go from 1 to 12."
    if day is None:
        return ""
    if day < 1:
        return "There is no day 0: days start at 1."
    if month is None:
        return f"There is no day {day} in any month." if day > 31 else ""
    length = calendar.monthrange(year if year is not None else 2000, month)[1]
    if day <= length:
        return ""
    name = MONTH_NAMES[month - 1]
    if month == 2 and day == 29 and year is not None:
        return f"There is no 29 February {year}: {year} was not a leap year."
    if year is not None and month == 2:
        return f"There is no {day} February: February {year} has {length} days."
    return f"There is no {day} {name}: {name} has {length if month != 2 else 'at most 29'} days."


def _finish(year, month, day, invisible, source, how="", note="") -> DateReading:
    problem = _impossible(year, month, day)
    if problem:
        return DateReading(year, month, day, invisible=invisible, problem="impossible", message=problem, source=source)
    if year is None:
        message = (
            f"Add the year: “{describe_date(None, month, day)}” needs a year in four digits."
            if month
            else f"“{echo(source)}” has no year: write the date with the year in four digits, like 4 July 2017."
        )
        return DateReading(None, month, day, invisible=invisible, problem="missing-year", message=message, source=source)
    return DateReading(year, month, day, how=how, note=note, invisible=invisible, source=source)


def _day_month(
    first: int, second: int, sep: str, year: int | None, source: str
) -> tuple[int | None, int | None, str, str, tuple]:
    """Order two numbers as (day, month): -> day, month, how, problem message, candidates."""
    if first == second or (first > 12 and second <= 12):
        why = "" if first == second else f"{first} cannot be a month, so the day comes first"
        return first, second, why, "", ()
    if second > 12 and first <= 12:
        return second, first, f"{second} cannot be a month, so the month comes first", "", ()
    if first > 12 and second > 12:
        return None, None, "", f"Neither {first} nor {second} can be a month (months go from 1 to 12).", ()
    if sep == ".":
        return first, second, "with dots between the numbers, the day comes first", "", ()
    one, two = describe_date(year, second, first), describe_date(year, first, second)
    message = f"“{source}” could be {one} or {two}. Write the month as a word, for example {one}, so there is no doubt."
    candidates = ((year, second, first), (year, first, second)) if year is not None else ()
    return None, None, "", message, candidates


def _numeric_date(match: re.Match, invisible: tuple[str, ...], source: str) -> DateReading:
    a, sep, b, c = match.group(1), match.group(2), match.group(3), match.group(4)
    if c is None:
        if len(a) == 4:  # 2019-04
            return _finish(int(a), int(b), None, invisible, source)
        if len(b) == 4:  # 04/2019
            return _finish(int(b), int(a), None, invisible, source)
        if len(a) <= 2 and len(b) <= 2:  # 25/4: no year
            day, month, _, _, _ = _day_month(int(a), int(b), sep, None, source)
            if day is not None and _impossible(None, month, day):
                return _finish(None, month, day, invisible, source)
            return DateReading(
                None,
                month,
                day,
                invisible=invisible,
                problem="missing-year",
                source=source,
                message=f"Add the year: “{source}” needs a year in four digits, like 4 July 2017.",
            )
    elif len(a) == 4 and len(b) <= 2 and len(c) <= 2:  # 2019-04-25
        return _finish(int(a), int(b), int(c), invisible, source)
    elif len(c) == 4 and len(a) <= 2 and len(b) <= 2:  # 25/4/2019, 4/25/2019, 25.04.2019
        year = int(c)
        day, month, why, problem, candidates = _day_month(int(a), int(b), sep, year, source)
        if problem:
            kind = "ambiguous-order" if candidates else "impossible"
            return DateReading(year, invisible=invisible, problem=kind, message=problem, candidates=candidates, source=source)
        how = f"I read “{source}” as {describe_date(year, month, day)}: {why}." if why else ""
        return _finish(year, month, day, invisible, source, how=how)
    elif len(c) == 2 and len(a) <= 2 and len(b) <= 2 or len(a) == 2 and len(c) <= 2 and len(b) <= 2:
        return DateReading(
            invisible=invisible,
            problem="short-year",
            source=source,
            message=f"In “{source}” the year has two digits: write it in full, with four digits, like 2017.",
        )
    return DateReading(
        invisible=invisible,
        problem="unreadable",
        source=source,
        message=f"“{echo(source)}” is not a date I can read. Try a form like 4 July 2017 or 2017-07-04.",
    )


def read_date(text: object) -> DateReading:
    """Read a date from what a learner typed: ISO, numeric with a rule for the order, or written. Never raises.

    >>> [read_date(t).value for t in ("25/4/2019", "25.04.2019", "Thursday, 25 April 2019", "April 25th, 2019", "2015-05")]
    [(2019, 4, 25), (2019, 4, 25), (2019, 4, 25), (2019, 4, 25), (2015, 5, None)]
    >>> read_date("18 April").message
    'Add the year: “18 April” needs a year in four digits.'
    """
    cleaned, invisible = clean_input(text)
    source = cleaned.strip(" .!?;:,")
    flat = normalize_text(cleaned)
    flat = "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in flat)
    flat = re.sub(r"(\d)\s*(st|nd|rd|th)\b", r"\1", flat)
    flat = _CJK_DATE.sub(lambda m: "-".join(g for g in m.groups() if g), flat)
    if not flat:
        message = (
            f"Your answer holds only invisible characters ({', '.join(invisible)}): type a date."
            if invisible
            else "There is nothing to read yet: type a date."
        )
        return DateReading(invisible=invisible, problem="empty", message=message)
    numeric = re.fullmatch(r"(\d+)\s*([-/.])\s*(\d+)(?:\s*\2\s*(\d+))?", flat)
    if numeric:
        return _numeric_date(numeric, invisible, source)
    if re.fullmatch(r"\d+", flat):
        if len(flat) == 4:
            return _finish(int(flat), None, None, invisible, source)
        return DateReading(
            invisible=invisible,
            problem="short-year" if len(flat) <= 2 else "unreadable",
            source=source,
            message=f"“{echo(source)}” is not a date I can read: a year has four digits, like 2017.",
        )
    flat = re.sub(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)", " ", flat)  # 25April2019 -> 25 April 2019
    flat = re.sub(r"(\d) (st|nd|rd|th)\b", r"\1", flat)
    words = [w for w in re.split(r"[\s,/.\-]+", flat) if w]
    years, days, months, weekdays, unknown = [], [], [], [], []
    for word in words:
        if re.fullmatch(r"\d{4}", word):
            years.append(int(word))
        elif re.fullmatch(r"\d{1,2}", word):
            days.append(int(word))
        elif word in _MONTHS:
            months.append(_MONTHS[word])
        elif word in _WEEKDAYS:
            weekdays.append(word)
        elif word not in _FILLERS:
            unknown.append(word)
    if unknown or not (months or years) or len(years) > 1 or len(months) > 1 or len(weekdays) > 1 or len(days) > 2:
        return DateReading(
            invisible=invisible,
            problem="unreadable",
            source=source,
            message=f"“{echo(source)}” is not a date I can read. Try a form like 4 July 2017 or 2017-07-04.",
        )
    month = months[0] if months else None
    if len(days) == 2:
        if not years and month:
            return DateReading(
                None,
                month,
                None,
                invisible=invisible,
                problem="short-year",
                source=source,
                message=f"In “{echo(source)}” the year has two digits: write it in full, with four digits, like 2017.",
            )
        return DateReading(
            invisible=invisible,
            problem="unreadable",
            source=source,
            message=f"“{echo(source)}” has two numbers that could be the day: write one day, one month and the year.",
        )
    day = days[0] if days else None
    if day is not None and month is None:
        return DateReading(
            years[0] if years else None,
            None,
            day,
            invisible=invisible,
            problem="missing-month",
            source=source,
            message=f"Which month? Write the month as a word, like 4 July 2017 (“{echo(source)}” has none).",
        )
    year = years[0] if years else None
    reading = _finish(year, month, day, invisible, source)
    if reading.ok and weekdays and day is not None:
        actual = dt.date(year, month, day).weekday()
        given = _WEEKDAYS[weekdays[0]]
        if actual != given:
            names = calendar.day_name
            note = f"{reading.shown} fell on a {names[actual]}, not a {names[given]}; I used the date."
            return _finish(year, month, day, invisible, source, note=note)
    return reading


def parse_date(text: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) as :func:`read_date` reads it; missing parts are None; None if it cannot be used."""
    return read_date(text).value
