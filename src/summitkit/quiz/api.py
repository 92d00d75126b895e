"""The calls a notebook makes: declare a question (``quiz.single(...)``, one call per kind) or show one by id.

The declaring calls are made from the kinds (``summitkit.quiz.kinds``): ``declaration("single")`` is
``quiz.single``, with the parameters its kind's fields give. Widgets load only when a question is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from summitkit.quiz import kinds
from summitkit.quiz.kinds.base import MISSING
from summitkit.quiz.spec import validate


def show(question_id: str, value: object = MISSING):  # -> QuestionWidget
    """Show a question from the course's question banks (answers stay sealed until checked).

    ``value`` is the learner's computed value for a code task (``quiz.show("01-words", value=words)``).
    """
    from summitkit.quiz.bank import get
    from summitkit.quiz.widgets import QuestionWidget

    return QuestionWidget(get(question_id), value=value)


@cache
def declaration(name: str) -> Callable:
    """``quiz.<name>``: declare a question of that kind and show it (its parameters come from the kind's fields)."""
    kind = kinds.get(name)
    signature = kind.signature()
    loose = {f.name for f in kind.fields if not f.stored}

    def declare(*args, **kwargs):
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise TypeError(f"quiz.{name}(): {exc}") from None
        bound.apply_defaults()
        value = MISSING
        fields: dict = {"kind": name}
        for key, given in bound.arguments.items():
            if key in loose:
                value = given
            elif given is not None:
                fields[key] = given
        from summitkit.quiz.widgets import QuestionWidget

        return QuestionWidget(validate(fields), value=value)

    declare.__name__ = declare.__qualname__ = name
    declare.__module__ = "summitkit.quiz"
    declare.__signature__ = signature  # type: ignore[attr-defined]
    declare.__doc__ = kind.summary
    return declare
