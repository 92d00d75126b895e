"""Question specs: validating a declaration, splitting it into public and sealed parts,
and checking an answer. Pure Python, no widgets, so every rule is testable headless."""

from __future__ import annotations

import math
import random
import unicodedata
from dataclasses import dataclass, field

from summitkit.citations import Citation, parse_citation
from summitkit.quiz.normalize import normalize_text, parse_date, parse_number
from summitkit.quiz.seal import seal, unseal

COMMON = ("id", "kind", "prompt", "cite", "hints", "explain", "in_lesson")
# kind -> (required fields, optional fields, fields shown to the learner)
KIND_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "single": (("options", "answer"), ("feedback",), ("options",)),
    "multiple": (("options", "answer"), ("feedback",), ("options",)),
    "order": (("items",), (), ("shuffled",)),
    "match": (("pairs",), ("choices",), ("lefts", "choices")),
    "categorize": (("items", "categories"), (), ("item_list", "categories")),
    "date": (("answer", "precision"), ("tolerance_days",), ("precision",)),
    "number": (("answer",), ("tolerance", "unit"), ("unit",)),
    "evidence": (("statement", "answer"), ("options", "feedback"), ("statement", "options")),
    "written": (("rubric", "model"), (), ("rubric",)),
    "code": (("answer",), ("tolerance",), ()),
}
SEALED = ("answer", "feedback", "explain", "hints", "cite", "items", "pairs", "tolerance", "tolerance_days", "model")
SYMBOL = {"correct": "✓ Correct", "partial": "◐ Partly right", "wrong": "✗ Not yet", "empty": "… No answer yet", "saved": "✎ Saved"}


class SpecError(ValueError):
    """A question declaration breaks a rule (the message names the question and the field)."""


@dataclass
class Result:
    """What checking an answer gives: a verdict, a score from 0 to 1 and a message that says why."""

    verdict: str  # correct, partial, wrong, empty (not counted as an attempt) or saved (written answers)
    score: float
    message: str
    cite: list[str] = field(default_factory=list)

    @property
    def headline(self) -> str:
        return SYMBOL[self.verdict]


def _fail(qid: str, problem: str) -> SpecError:
    return SpecError(f"question {qid!r}: {problem}")


def _strings(qid: str, name: str, value: object, minimum: int = 1) -> list[str]:
    if not isinstance(value, (list, tuple)) or len(value) < minimum or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(qid, f"'{name}' must be a list of at least {minimum} non-empty strings")
    if len({normalize_text(v) for v in value}) != len(value):
        raise _fail(qid, f"'{name}' has two entries that read the same")
    return list(value)


def _citations(qid: str, name: str, values: object, check_exists: bool = True) -> list[str]:
    if isinstance(values, str):
        values = [values]
    out = []
    for value in _strings(qid, name, values):
        try:
            citation = parse_citation(value)
        except ValueError as exc:
            raise _fail(qid, f"'{name}': {exc}") from None
        if check_exists and not citation.exists():
            raise _fail(qid, f"'{name}': {citation} does not exist")
        out.append(str(citation))
    return out


def validate(spec: dict) -> dict:
    """A checked, normalised copy of a declaration; SpecError naming question and field otherwise."""
    qid = spec.get("id")
    if not isinstance(qid, str) or not qid.strip():
        raise SpecError("every question needs an 'id' (a short text like '01-outlet')")
    kind = spec.get("kind")
    if kind not in KIND_FIELDS:
        raise _fail(qid, f"kind {kind!r} is not one of {', '.join(KIND_FIELDS)}")
    required, optional, _ = KIND_FIELDS[kind]
    unknown = set(spec) - set(COMMON) - set(required) - set(optional) - {"value"}
    if unknown:
        raise _fail(qid, f"unknown field(s) {', '.join(sorted(unknown))} for a {kind} question")
    for name in ("prompt", *required):
        if spec.get(name) in (None, "", [], {}):
            raise _fail(qid, f"'{name}' is missing")
    out = {k: v for k, v in spec.items() if k != "value"}
    if not isinstance(out["prompt"], str):
        raise _fail(qid, "'prompt' must be text")
    out["cite"] = _citations(qid, "cite", out.get("cite") or []) if out.get("cite") else []
    out["hints"] = _strings(qid, "hints", out["hints"]) if out.get("hints") else []
    out["explain"] = str(out.get("explain") or "")
    out["in_lesson"] = bool(out.get("in_lesson", False))
    if kind in ("single", "multiple"):
        options = _strings(qid, "options", out["options"], 2)
        answers = [out["answer"]] if kind == "single" else out["answer"]
        if kind == "single" and not isinstance(out["answer"], str):
            raise _fail(qid, "'answer' of a single-choice question is one of the options")
        if not isinstance(answers, list) or not all(a in options for a in answers):
            raise _fail(qid, "'answer' must be among the options, spelled the same")
        feedback = out.get("feedback") or {}
        if not isinstance(feedback, dict) or not set(feedback) <= set(options):
            raise _fail(qid, "'feedback' maps options (spelled as in 'options') to a sentence")
        out["feedback"] = {k: str(v) for k, v in feedback.items()}
    elif kind == "order":
        items = _strings(qid, "items", out["items"], 3)
        shuffled = items[:]
        random.Random(qid).shuffle(shuffled)
        while shuffled == items:
            shuffled = shuffled[1:] + shuffled[:1]
        out["shuffled"] = shuffled
    elif kind == "match":
        pairs = out["pairs"]
        if not isinstance(pairs, dict) or len(pairs) < 2:
            raise _fail(qid, "'pairs' maps each left-hand item to its match (at least two)")
        _strings(qid, "pairs", list(pairs))
        choices = list(dict.fromkeys([*pairs.values(), *(out.get("choices") or [])]))
        out["lefts"] = list(pairs)
        out["choices"] = sorted(_strings(qid, "choices", choices, 2), key=normalize_text)
    elif kind == "categorize":
        categories = _strings(qid, "categories", out["categories"], 2)
        items = out["items"]
        if not isinstance(items, dict) or len(items) < 2 or not all(v in categories for v in items.values()):
            raise _fail(qid, "'items' maps each item to one of the 'categories'")
        out["item_list"] = _strings(qid, "items", list(items), 2)
    elif kind == "date":
        if out["precision"] not in ("year", "month", "day"):
            raise _fail(qid, "'precision' is 'year', 'month' or 'day'")
        parsed = parse_date(str(out["answer"]))
        if parsed is None or parsed[("year", "month", "day").index(out["precision"])] is None:
            raise _fail(qid, f"'answer' {out['answer']!r} is not a date to the {out['precision']}")
        out["answer"] = list(parsed)
    elif kind in ("number", "code"):
        value = out["answer"]
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise _fail(qid, "'answer' must be a number")
        if float(out.get("tolerance") or 0) < 0:
            raise _fail(qid, "'tolerance' cannot be negative")
    elif kind == "evidence":
        out["answer"] = _citations(qid, "answer", out["answer"])
        if out.get("options"):
            out["options"] = _citations(qid, "options", out["options"], 2)
            if not set(out["answer"]) <= set(out["options"]):
                raise _fail(qid, "every paragraph in 'answer' must be among 'options'")
        else:
            from summitkit.sources import load_text, source_ids

            out["options"] = [str(Citation(s, n)) for s in source_ids() for n in range(1, len(load_text(s).paragraphs) + 1)]
        feedback = out.get("feedback") or {}
        out["feedback"] = {str(parse_citation(k)): str(v) for k, v in feedback.items()}
    elif kind == "written":
        out["rubric"] = _strings(qid, "rubric", out["rubric"], 1)
        out["model"] = str(out["model"])
    return out


def split(spec: dict) -> dict:
    """The bank entry: public fields in the clear, the rest sealed."""
    kind = spec["kind"]
    public = {"id": spec["id"], "kind": kind, "prompt": spec["prompt"], "in_lesson": spec["in_lesson"]}
    for name in KIND_FIELDS[kind][2]:
        if name in spec:
            public[name] = spec[name]
    secret = {k: spec[k] for k in SEALED if k in spec and spec[k] not in (None, "", [], {})}
    public["sealed"] = seal(spec["id"], secret)
    public["hint_count"] = len(spec.get("hints") or [])
    return public


def join(entry: dict) -> dict:
    """A full spec back from a bank entry."""
    spec = {k: v for k, v in entry.items() if k not in ("sealed", "hint_count")}
    spec.update(unseal(entry["id"], entry["sealed"]))
    spec.setdefault("hints", [])
    spec.setdefault("cite", [])
    spec.setdefault("explain", "")
    if spec["kind"] in ("single", "multiple", "evidence"):
        spec.setdefault("feedback", {})
    return spec


def _short(value: object, limit: int = 60) -> str:
    """Learner input echoed back: shortened, without control or direction-changing characters."""
    text = "".join(ch for ch in str(value)[: limit * 4] if unicodedata.category(ch) not in ("Cc", "Cf"))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _assigned(spec: dict, chosen: dict | None, truth: dict, noun: str) -> Result:
    chosen = chosen or {}
    picked = {k: v for k, v in chosen.items() if v}
    if not picked:
        return Result("empty", 0.0, f"Choose a {noun} for at least one item, then press Check.")
    right = sum(1 for k, v in truth.items() if picked.get(k) == v)
    total = len(truth)
    blank = total - len(picked)
    gap = f" ({blank} left blank)" if blank else ""
    if right == total:
        return Result("correct", 1.0, f"All {total} right. {spec['explain']}".strip(), spec["cite"])
    verdict = "partial" if right else "wrong"
    return Result(verdict, right / total, f"{right} of {total} right{gap}. Look again at the ones you are least sure of; the hint can help.")


def check(spec: dict, answer: object) -> Result:
    """Check one answer against a full spec. Never raises on odd input: it says what is wrong."""
    kind, explain, cite = spec["kind"], spec["explain"], spec["cite"]
    if kind == "single":
        if not answer:
            return Result("empty", 0.0, "Choose one option, then press Check.")
        note = spec["feedback"].get(answer, "")
        if answer == spec["answer"]:
            return Result("correct", 1.0, " ".join(x for x in (note, explain) if x), cite)
        return Result("wrong", 0.0, note or "That is not the best answer. Read the passage again, or take a hint.")
    if kind == "multiple":
        chosen = set(answer or [])
        if not chosen:
            return Result("empty", 0.0, "Tick the options you think are right, then press Check.")
        truth = set(spec["answer"])
        right = sum(1 for o in spec["options"] if (o in chosen) == (o in truth))
        total = len(spec["options"])
        notes = " ".join(spec["feedback"][o] for o in spec["options"] if o in chosen - truth and o in spec["feedback"])
        if right == total:
            return Result("correct", 1.0, " ".join(x for x in (f"All {total} options judged right.", explain) if x), cite)
        return Result("partial" if right else "wrong", right / total, f"{right} of {total} options judged right. {notes}".strip())
    if kind == "order":
        order = list(answer or [])
        if sorted(order) != sorted(spec["items"]):
            return Result("empty", 0.0, "Put the items in order with the ↑ and ↓ buttons, then press Check.")
        in_place = sum(1 for a, b in zip(order, spec["items"]) if a == b)
        total = len(spec["items"])
        if in_place == total:
            return Result("correct", 1.0, f"All {total} in place. {explain}".strip(), cite)
        return Result("partial" if in_place else "wrong", in_place / total, f"{in_place} of {total} in place. Start with the one you are surest of, then place the others around it.")
    if kind == "match":
        return _assigned(spec, answer, spec["pairs"], "match")
    if kind == "categorize":
        return _assigned(spec, answer, spec["items"], "category")
    if kind == "date":
        if not str(answer or "").strip():
            return Result("empty", 0.0, "Type a date, e.g. 2019-04-25, April 2019 or 2019.")
        parsed = parse_date(str(answer))
        need = ("year", "month", "day").index(spec["precision"]) + 1
        example = {"year": "2019", "month": "2019-04 or April 2019", "day": "2019-04-25 or 25 April 2019"}[spec["precision"]]
        if parsed is None:
            return Result("empty", 0.0, f"“{_short(answer)}” is not a date I can read. Try a form like {example}.")
        if any(part is None for part in parsed[:need]):
            return Result("empty", 0.0, f"This question wants the date to the {spec['precision']}: e.g. {example}.")
        truth = spec["answer"]
        tolerance = int(spec.get("tolerance_days") or 0)
        if spec["precision"] == "day" and tolerance:
            import datetime as dt

            gap = abs((dt.date(*parsed) - dt.date(*truth)).days)
            if gap <= tolerance:
                return Result("correct", 1.0, explain, cite)
        leading = 0
        for mine, real in zip(parsed[:need], truth[:need]):
            if mine != real:
                break
            leading += 1
        if leading == need:
            return Result("correct", 1.0, explain, cite)
        parts = ("year", "month", "day")
        said = f"Right {' and '.join(parts[:leading])}, but not the {parts[leading]}." if leading else f"Not the right {parts[0]}."
        return Result("partial" if leading else "wrong", leading / need, said)
    if kind in ("number", "code"):
        if answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip()):
            hint = "Replace the ... with your code and run the cell again." if kind == "code" else "Type a number, then press Check."
            return Result("empty", 0.0, hint)
        value = parse_number(answer) if isinstance(answer, str) else answer
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return Result("empty", 0.0, f"Your answer should be a number; this is {_short(type(answer).__name__)} “{_short(answer)}”.")
        tolerance = float(spec.get("tolerance") or 0)
        shown = _short(int(value) if float(value).is_integer() else value)
        if abs(float(value) - float(spec["answer"])) <= tolerance + 1e-9:
            return Result("correct", 1.0, f"{shown} is right. {explain}".strip(), cite)
        direction = "high" if value > spec["answer"] else "low"
        return Result("wrong", 0.0, f"{shown} is too {direction}. Check your working, or take a hint.")
    if kind == "evidence":
        if not answer:
            return Result("empty", 0.0, "Choose a paragraph, read it, then press Check.")
        note = spec["feedback"].get(str(answer), "")
        if str(answer) in spec["answer"]:
            return Result("correct", 1.0, " ".join(x for x in (note, explain) if x), spec["answer"])
        default = f"{answer} does not support the statement. Read it again: what would the author have to say?"
        return Result("wrong", 0.0, note or default)
    if kind == "written":
        record = answer if isinstance(answer, dict) else {"text": str(answer or "")}
        text = str(record.get("text") or "")
        if not text.strip():
            return Result("empty", 0.0, "Write your answer in the box first; then tick the checklist against it.")
        ticks = list(record.get("rubric") or [])
        done = sum(1 for t in ticks if t)
        total = len(spec["rubric"])
        return Result("saved", done / total, f"Your answer ({len(text.split())} words) is kept. You ticked {done} of {total} points of the checklist.")
    raise SpecError(f"question {spec['id']!r}: cannot check kind {kind!r}")  # pragma: no cover - validate() stops this
