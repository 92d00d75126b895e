"""Exercises checked by widgets.

A question is declared, not programmed: one call with its prompt, options, answer,
feedback and citations. In ``solutions/`` notebooks the call holds the answer::

    quiz.single("01-outlet", prompt="...", options=[...], answer="...", feedback={...}, cite=["rsis ¶1"])

``python3 run.py build`` turns each declaration into ``quiz.show("01-outlet")`` in the
generated ``exercises/`` notebook and stores the question, with its answer sealed, in
``data/questions/``. Lesson notebooks call ``quiz.show(id)`` too.

There is one declaring call per kind of question (``quiz.single``, ``quiz.multiple``, ``quiz.order``,
``quiz.match``, ``quiz.categorize``, ``quiz.date``, ``quiz.number``, ``quiz.evidence``,
``quiz.written``, ``quiz.code``, and any kind added to ``summitkit/quiz/kinds/``); ``quiz.KINDS``
lists them. Code that re-checks answers without widgets calls ``quiz.check(spec, answer)``.
Importing this package loads no widgets and no kind modules: both load on first use.
"""

from summitkit.quiz.api import show
from summitkit.quiz.result import Result
from summitkit.quiz.spec import check

__all__ = ["KINDS", "Result", "check", "show"]


def __getattr__(name: str):
    """``quiz.<kind>`` (a declaring call, one per kind module) and ``quiz.KINDS``, made on first use."""
    from summitkit.quiz.kinds import RESERVED, names, registry

    if name == "KINDS":
        return names()
    if not name.startswith("_") and name not in RESERVED and name in registry():
        from summitkit.quiz.api import declaration

        return declaration(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    from summitkit.quiz.kinds import names

    return sorted({*globals(), "KINDS", *names()})
