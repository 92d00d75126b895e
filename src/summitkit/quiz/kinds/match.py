"""Matching: match each left-hand item to one choice (extra choices may be distractors)."""

from __future__ import annotations

from summitkit.quiz.kinds._assign import Assignment
from summitkit.quiz.kinds.base import Field, fail, strings
from summitkit.quiz.normalize import normalize_text


class Match(Assignment):
    """Match each left-hand item to one choice (``choices`` may add distractors)."""

    name = "match"
    fields = (
        Field("pairs", annotation="dict[str, str]"),
        Field("choices", None, shown=True, annotation="list[str] | None"),
    )
    derived = ("lefts",)
    how = "Match each item on the left with one on the right."
    empty = "Choose a match for at least one item, then press Check."
    example = {
        "prompt": "Match each source id with its outlet.",
        "pairs": {"38north": "38 North", "rsis": "RSIS Commentaries"},
        "choices": ["Foreign Affairs"],
    }

    def normalize(self, spec: dict) -> None:
        qid, pairs = spec["id"], spec["pairs"]
        if not isinstance(pairs, dict) or len(pairs) < 2:
            raise fail(qid, "'pairs' maps each left-hand item to its match (at least two)", "pairs")
        strings(qid, "pairs", list(pairs))
        if not all(isinstance(v, str) and v.strip() for v in pairs.values()):
            raise fail(qid, "'pairs' maps each left-hand item to its match, as text", "pairs")
        extra = spec.get("choices") or []
        if not isinstance(extra, (list, tuple)):
            raise fail(qid, "'choices' is a list of extra choices", "choices")
        choices = list(dict.fromkeys([*pairs.values(), *extra]))
        spec["lefts"] = list(pairs)
        spec["choices"] = sorted(strings(qid, "choices", choices, 2), key=normalize_text)

    def rows(self, spec: dict) -> list[str]:
        return spec["lefts"]

    def choices(self, spec: dict) -> list[str]:
        return spec["choices"]

    def truth(self, spec: dict) -> dict[str, str]:
        return spec["pairs"]
