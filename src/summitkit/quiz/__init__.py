"""Exercises checked by widgets.

A question is declared, not programmed: one call with its prompt, options, answer,
feedback and citations. In ``solutions/`` notebooks the call holds the answer::

    quiz.single("01-outlet", prompt="...", options=[...], answer="...", feedback={...}, cite=["rsis ¶1"])

``python3 run.py build`` turns each declaration into ``quiz.show("01-outlet")`` in the
generated ``exercises/`` notebook and stores the question, with its answer sealed, in
``data/questions/``. Lesson notebooks call ``quiz.show(id)`` too.
"""

from summitkit.quiz.api import (
    categorize,
    code,
    date,
    evidence,
    match,
    multiple,
    number,
    order,
    show,
    single,
    written,
)

KINDS = ("single", "multiple", "order", "match", "categorize", "date", "number", "evidence", "written", "code")

__all__ = [
    "KINDS",
    "categorize",
    "code",
    "date",
    "evidence",
    "match",
    "multiple",
    "number",
    "order",
    "show",
    "single",
    "written",
]
