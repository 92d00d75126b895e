"""Words for sentences the package writes from data, right for any number of sources.

>>> all_of(2), all_of(3), all_of(1)
('both texts', 'all three texts', 'the one text')
>>> the_n(2), the_n(14)
('the two texts', 'the 14 texts')
>>> join_words(["38 North", "RSIS", "Test Wire"])
'38 North, RSIS and Test Wire'
>>> counted(1, "stake"), counted(3, "stake")
('1 stake', '3 stakes')
"""

from __future__ import annotations

from collections.abc import Sequence

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
