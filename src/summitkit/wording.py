"""Words for sentences the package writes from data, right for any number of sources.

>>> all_of(2), all_of(3), all_of(1)
('both texts', 'all three texts', 'the one text')
>>> the_n(2), the_n(14)
('the two texts', 'the 14 texts')
>>> join_words(["38 North", "RSIS", "Test Wire"])
'38 North, RSIS and Test Wire'
>>> counted(1, "stake"), counted(3, "stake")
('1 stake', '3 stakes')
>>> did_you_mean("Rusia", ["Russia", "China", "North Korea"])
' Did you mean “Russia”?'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def number_word(n: int) -> str:
    """``two``, ``three``... up to twelve; digits after that."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def the_n(n: int, noun: str = "texts") -> str:
    """``the two texts``, ``the three texts``."""
    return f"the {number_word(n)} {noun}"


def all_of(n: int, noun: str = "texts") -> str:
    """``both texts`` for two, ``all three texts`` for three, ``the one text`` for one."""
    if n == 1:
        return f"the one {noun.removesuffix('s')}"
    if n == 2:
        return f"both {noun}"
    return f"all {number_word(n)} {noun}"


def join_words(items: Sequence[str], last: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``1 stake``, ``2 stakes``."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def _key(name: str) -> str:
    """A name as compared for "did you mean": case, accents, white space and punctuation set aside."""
    flat = unicodedata.normalize("NFKD", name).casefold()
    return "".join(ch for ch in flat if ch.isalnum())


def _distance(a: str, b: str) -> int:
    """How many letters to add, drop, change or swap to turn ``a`` into ``b`` (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def closest(name: object, known: Iterable[str]) -> str | None:
    """The known name ``name`` most probably misspells (None if none is close).

    Case, accents, spaces and punctuation are ignored first ("north korea" -> "North Korea"), then
    spelling: a name within one typo per four letters (a letter added, dropped, changed or two swapped)
    of a known one ("Rusia" -> "Russia", "dya" -> "day"), the nearest first.

    >>> closest("Rusia", ["Russia", "Belarus"]), closest("north-korea", ["North Korea"]), closest("Mongolia", ["Russia"])
    ('Russia', 'North Korea', None)
    >>> closest("USA", ["Russia", "United States"]), closest("India", ["China"])
    (None, None)
    """
    known = [k for k in dict.fromkeys(known) if isinstance(k, str)]
    text = name if isinstance(name, str) else str(name)
    if not text.strip() or not known:
        return None
    keyed: dict[str, str] = {}
    for k in known:
        keyed.setdefault(_key(k), k)
    key = _key(text)[:200]
    if key in keyed:
        return keyed[key] if keyed[key] != text else None
    if not key:
        return None
    scored = sorted((_distance(key, k), k) for k in keyed if abs(len(k) - len(key)) <= max(1, len(k) // 4))
    if scored and scored[0][0] <= max(1, len(scored[0][1]) // 4):
        return keyed[scored[0][1]]
    return None


def did_you_mean(name: object, known: Iterable[str]) -> str:
    """`` Did you mean “Russia”?`` (with a leading space) for a probable misspelling of a known name, else ""."""
    match = closest(name, known)
    return f" Did you mean “{match}”?" if match else ""
