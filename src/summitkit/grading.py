"""Grades from the answers: every exported answer re-checked against the course's questions.

The verdicts and scores an export carries are claims. Each answer is checked again with the
code the widgets use, against the questions declared in ``solutions/`` (or, where a folder has
no solutions, the question banks in ``data/questions/``); a claim that differs is flagged.
How answers typed after *Show answer*, hints and unmarked written work count is one policy,
the file ``grading_policy.csv`` in the class folder (:class:`Policy`).

>>> Policy().earned(1.0, after_reveal=True, hints=0, before_reveal_score=0.0)
0.0
>>> Policy(per_hint=0.25).earned(1.0, after_reveal=False, hints=2, before_reveal_score=0.0)
0.5
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import ClassVar

from summitkit import quiz, safefiles
from summitkit.exports import Export, clean_text, shown_ids
from summitkit.paths import BROWSER_DRIVE, course_root, data_dir, in_browser
from summitkit.quiz import bank, kinds
from summitkit.quiz import spec as quiz_spec
from summitkit.quiz.build import declared_questions
from summitkit.quiz.normalize import parse_date, parse_number

VERDICTS = ("correct", "partial", "wrong", "saved")
POLICY_FILE = "grading_policy.csv"
POLICY_BYTES = 2**16  # a policy file is a few hundred bytes
# The parts of a question that decide how an answer is judged (its fingerprint covers these, not the wording).
CHECKED_FIELDS = (
    "kind",
    "options",
    "answer",
    "items",
    "pairs",
    "choices",
    "categories",
    "precision",
    "tolerance",
    "tolerance_days",
    "rubric",
)
_UNORDERED = {"options", "choices", "categories"}


# ----- The one place this module calls the quiz package ---------------------------------------------
def _adapter(spec: dict, from_bank: bool = False) -> tuple[dict, Callable[[object], tuple[str, float]]]:
    """A question ready to check: (its full spec, a function that re-checks an answer -> (verdict, score)).

    The spec is a validated declaration from ``solutions/`` or a sealed bank entry (``quiz.bank.get``);
    the check is ``summitkit.quiz.check``, the code the widgets run.
    """

    full = bank.get(spec["id"]) if from_bank else quiz_spec.validate(spec)
    kind = kinds.get(full["kind"], full["id"])

    def recheck(answer: object) -> tuple[str, float]:
        misfit = kind.fits(full, answer)  # the shape the question's own control takes, as the widget decides
        if misfit:
            raise ValueError(f"an answer that does not fit the question: {misfit}")  # -> 'unreadable' in _recheck
        result = quiz.check(full, answer)
        return result.verdict, float(result.score)

    return full, recheck


def _canonical(spec: dict) -> dict:
    out = {}
    for name in CHECKED_FIELDS:
        if name not in spec or spec[name] in (None, "", [], {}):
            continue
        value = spec[name]
        unordered = name in _UNORDERED or (name == "answer" and spec["kind"] in ("multiple", "evidence"))
        out[name] = sorted(value, key=str) if unordered and isinstance(value, list) else value
    return out


def fingerprint(spec: dict) -> str:
    """A short fingerprint of what decides a question's verdicts (kind, options, answer, ...), not its wording.

    >>> fingerprint({"kind": "single", "options": ["a", "b"], "answer": "a", "prompt": "Which?"}) == \\
    ...     fingerprint({"kind": "single", "options": ["b", "a"], "answer": "a", "prompt": "Which one?"})
    True
    """
    text = json.dumps(_canonical(spec), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def question_fingerprint(question_id: str) -> str | None:
    """The fingerprint of a question in this learner's question banks (None if it is not there)."""
    try:
        full, _ = _adapter({"id": question_id}, from_bank=True)
    except Exception:  # a missing or damaged bank entry: the export says so by leaving it out
        return None
    return fingerprint(full)


# ----- The course's questions ------------------------------------------------------------------------
@dataclass(frozen=True)
class Question:
    """One question as the teacher's copy of the course declares it today."""

    id: str
    lesson: str
    kind: str
    prompt: str
    spec: dict = field(repr=False)
    fingerprint: str = ""
    recheck: Callable[[object], tuple[str, float]] = field(repr=False, default=lambda a: ("empty", 0.0))


class GradingError(ValueError):
    """The teacher's side cannot grade (no questions found, a broken declaration): the message says what to do."""


def lesson_of(question_id: str) -> str:
    """The lesson a question belongs to: its id up to the first hyphen ('02-order' -> '02')."""
    return question_id.split("-", 1)[0]


def course_questions(root: Path | None = None) -> tuple[dict[str, Question], dict[str, str], str]:
    """(questions by id, lesson titles by number, where they came from) for the course folder ``root``.

    Declarations in ``solutions/NN_*.ipynb`` come first (the teacher's copy); a folder without solutions
    (the student release, a JupyterLite site) uses the sealed banks in ``data/questions/``. Without ``root``: this
    course (in the browser version, whose package and data sit in the kernel, the solutions are in the site's files).
    """
    if root:
        root = Path(root)
        bank_folder = root / "data" / "questions"
    else:
        root, bank_folder = course_root(), data_dir() / "questions"
        if in_browser() and not (root / "solutions").is_dir() and (BROWSER_DRIVE / "solutions").is_dir():
            root = BROWSER_DRIVE
    notebooks = sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb"))
    questions: dict[str, Question] = {}
    if notebooks:
        for path in notebooks:
            try:
                declared = declared_questions(path)
            except (ValueError, OSError, KeyError) as exc:
                raise GradingError(f"solutions/{path.name} cannot be read ({exc}): fix it, then grade again") from None
            for qid, spec in declared.items():
                questions[qid] = _question(spec, from_bank=False, where=f"solutions/{path.name}")
        titles = {p.name[:2]: p.stem[3:].replace("_", " ") for p in notebooks}
        return questions, titles, "the questions declared in solutions/"
    banks = sorted(bank_folder.glob("[0-9][0-9]_*.json"))
    for path in banks:
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))["questions"]
        except (ValueError, OSError, KeyError, TypeError) as exc:
            raise GradingError(
                f"data/questions/{path.name} cannot be read ({exc}); rebuild it with 'python3 run.py build'"
            ) from None
        for entry in entries:
            questions[entry["id"]] = _question({"id": entry["id"]}, from_bank=True, where=f"data/questions/{path.name}")
    if not questions:
        raise GradingError(f"no questions found: {root} has neither solutions/NN_*.ipynb nor data/questions/NN_*.json")
    titles = {p.name[:2]: p.stem[3:].replace("_", " ") for p in banks}
    return questions, titles, "the question banks in data/questions/ (this folder has no solutions/)"


def _question(spec: dict, from_bank: bool, where: str) -> Question:
    try:
        full, recheck = _adapter(spec, from_bank=from_bank)
    except Exception as exc:  # SpecError, CourseDataError: the teacher must fix the declaration
        raise GradingError(f"{where}: {exc}") from None
    return Question(
        full["id"], lesson_of(full["id"]), full["kind"], str(full.get("prompt", "")), full, fingerprint(full), recheck
    )


# ----- The policy ------------------------------------------------------------------------------------------
WEIGHT_PREFIX = "weight "  # a weight row's setting: 'weight 05-essay' (one question) or 'weight written' (a kind)
MAX_WEIGHT = 1000.0
# Work above DOK 2 weighs more by default: the essay alone, and every other written answer. The shares these give
# (at least 40% for written work, 20% for the essay) are checked against the course's banks by tests/unit/test_weights.py.
DEFAULT_WEIGHTS: tuple[tuple[str, float], ...] = (("05-essay", 25.0), ("written", 3.0))


@dataclass(frozen=True)
class Policy:
    """How answers count beyond being right or wrong: the one place a teacher changes it is ``grading_policy.csv``.

    ``weights`` gives the points a question is worth: by its id, else by its kind, else 1 (:meth:`weight`).
    """

    after_reveal: float = 0.0
    per_hint: float = 0.0
    unmarked_written: str = "0"
    weights: tuple[tuple[str, float], ...] = DEFAULT_WEIGHTS

    MEANINGS: ClassVar[dict[str, str]] = {
        "after_reveal": "share of a question's score an answer keeps when it was checked after the learner pressed "
        "Show answer (0 = none, 1 = all); what the learner had earned before pressing it is kept",
        "per_hint": "share of a question's score taken off for each hint the learner opened (0 = hints are free)",
        "unmarked_written": "what a written answer earns until you mark it in marks.csv: 0, or self (the share of "
        "the checklist the learner ticked); either way grades.csv's Flags say it is still to mark",
        "weights": "'weight' then a question id (weight 05-essay) or a kind of question (weight written; the kinds "
        "are {kinds}): the points it is worth, 0 to 1000; a question's own row wins over its kind's, and a question "
        "with neither is worth 1. Add a row to weigh another question or kind",
    }

    def weight(self, question: Question) -> float:
        """The points ``question`` is worth: its id's weight, else its kind's, else 1."""
        table = dict(self.weights)
        return table.get(question.id, table.get(question.kind, 1.0))

    def earned(self, score: float, after_reveal: bool | None, hints: int, before_reveal_score: float) -> float:
        """What a re-checked score earns under this policy (a share of the question, 0..1)."""
        base = max(before_reveal_score, score * self.after_reveal) if after_reveal else score
        return round(base * max(0.0, 1.0 - self.per_hint * hints), 4)

    def describe(self) -> str:
        """One sentence for a report."""
        hint = "hints are free" if not self.per_hint else f"each hint takes {self.per_hint:.0%} off"
        written = (
            "the learner's checklist until you mark them" if self.unmarked_written == "self" else "nothing until you mark them"
        )
        return (
            f"answers checked after Show answer keep {self.after_reveal:.0%} of their score; {hint}; "
            f"unmarked written answers earn {written}"
        )

    def describe_weights(self, questions: dict[str, Question]) -> str:
        """How the total is made, in one sentence: what each question counts, and written work's share.

        >>> qs = {q.id: q for q in (Question("05-essay", "05", "written", "", {}), Question("01-a", "01", "written", "", {}),
        ...       Question("01-b", "01", "single", "", {}))}
        >>> Policy().describe_weights(qs)
        'the essay (05-essay) counts 25 points, each other written answer 3, every other question 1; written work is 28 of 29 points'
        """
        table = dict(self.weights)
        present_ids = [k for k, _ in self.weights if k in questions]
        kinds_used = {q.kind for q in questions.values()}
        present_kinds = [k for k, _ in self.weights if k not in questions and k in kinds_used]
        parts: list[str] = []
        for key in present_ids:
            name = "the essay (05-essay)" if key == "05-essay" else key
            parts.append(f"{name} counts {table[key]:g} point{'' if table[key] == 1 else 's'}")
        for key in present_kinds:
            other = "other " if any(questions[i].kind == key for i in present_ids) else ""
            noun = "written answer" if key == "written" else f"{key} question"
            parts.append(f"each {other}{noun} {table[key]:g}")
        if any(q.id not in table and q.kind not in table for q in questions.values()):
            parts.append("every other question 1" if parts else "every question counts 1 point")
        total = sum(self.weight(q) for q in questions.values())
        written = sum(self.weight(q) for q in questions.values() if q.kind == "written")
        return f"{', '.join(parts)}; written work is {written:g} of {total:g} points"


def _share(text: str) -> float:
    value = float(text.strip().rstrip("%").replace(",", ".")) / (100 if text.strip().endswith("%") else 1)
    if not 0 <= value <= 1 or math.isnan(value):
        raise ValueError("must be between 0 and 1 (or 0% and 100%)")
    return value


def _weight_value(text: str) -> float:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise ValueError("is not a number of points") from None
    if not math.isfinite(value) or value < 0 or value > MAX_WEIGHT:
        raise ValueError(f"must be a number of points from 0 to {MAX_WEIGHT:g}")
    return value


def _weight_key(key: str, questions: dict[str, Question] | None) -> str:
    """The question id or kind a weight row names (ValueError if it names neither)."""
    if key in kinds.names():
        return key
    if questions is None:
        if key and lesson_of(key).isdigit():
            return key
    elif key in questions:
        return key
    raise ValueError(
        "names neither a question of this course nor a kind of question "
        f"(the kinds are {', '.join(sorted(kinds.names()))}; a question id looks like 05-essay)"
    )


def read_policy(
    folder: Path, write_default: bool = False, questions: dict[str, Question] | None = None
) -> tuple[Policy, list[str]]:
    """The class folder's policy and [problems] (a bad value keeps its default); writes the default file if asked.

    ``questions`` (the course's, by id) lets a weight row naming a question that does not exist be named as a problem.
    """
    path = Path(folder) / POLICY_FILE
    if not os.path.lexists(path):
        if write_default:
            try:
                write_policy(path, Policy())
            except OSError:
                pass
        return Policy(), []
    problems, values = [], {}
    weights = dict(DEFAULT_WEIGHTS)
    try:
        text = safefiles.read_regular(path, POLICY_BYTES).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except safefiles.NotARegularFile as exc:
        reason = str(exc).removeprefix(f"{path} ").rstrip(".")
        return Policy(), [f"{POLICY_FILE} {reason}: not read; the default policy is used"]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return Policy(), [f"{POLICY_FILE} cannot be read ({exc}); the default policy is used"]
    names = {f.name for f in fields(Policy)} - {"weights"}
    for number, row in enumerate(rows[1:], start=2):
        if not row or not row[0].strip():
            continue
        name, value = row[0].strip(), (row[1].strip() if len(row) > 1 else "")
        try:
            if name.split(maxsplit=1)[0].lower() == WEIGHT_PREFIX.strip():
                key = _weight_key(name.split(maxsplit=1)[1].strip() if " " in name else "", questions)
                weights[key] = _weight_value(value)
                continue
            if name not in names:
                raise ValueError(
                    f"unknown setting (the settings are {', '.join(sorted(names))}, and weight rows such as 'weight 05-essay')"
                )
            if name == "unmarked_written":
                if value.lower() not in ("0", "self"):
                    raise ValueError("must be 0 or self")
                values[name] = value.lower()
            else:
                values[name] = _share(value)
        except ValueError as exc:
            problems.append(
                f"{POLICY_FILE}, row {number}: {clean_text(name, 40)} = {clean_text(value, 40)!r}: {exc}; the default is used"
            )
    return Policy(**values, weights=tuple(weights.items())), problems


def write_policy(path: Path, policy: Policy) -> None:
    """The policy as a small CSV a teacher edits in a spreadsheet or a text editor: one setting a row, then the weights."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["setting", "value", "what it means"])
    for item in fields(Policy):
        if item.name == "weights":
            continue
        value = getattr(policy, item.name)
        writer.writerow([item.name, f"{value:g}" if isinstance(value, float) else value, Policy.MEANINGS[item.name]])
    general = Policy.MEANINGS["weights"].format(kinds=", ".join(kinds.names()))
    for key, weight in policy.weights:
        what = f"each {key} question" if key in kinds.names() else f"question {key}"
        writer.writerow([f"{WEIGHT_PREFIX}{key}", f"{weight:g}", f"the points {what} is worth. {general}"])
    with open(path, "x", encoding="utf-8-sig", newline="") as handle:  # never through a link planted in its place
        handle.write(buffer.getvalue())


# ----- Grading one learner ----------------------------------------------------------------------------------
@dataclass
class Answer:
    """One exported answer, re-checked."""

    question: Question
    answer: object
    verdict: str  # from the re-check: correct, partial, wrong, saved (written), empty, unreadable
    score: float  # from the re-check, 0..1
    earned: float  # what it counts for after the policy (and the teacher's mark for written work)
    hints: int
    revealed: bool
    after_reveal: bool | None  # None: the export cannot say (made before this was recorded)
    claim: str = ""  # what the file claims, where that differs from the re-check
    mark: object = None  # the teacher's mark (summitkit.marks.Mark) for written work
    weight: float = 1.0  # the points the question is worth (Policy.weight)
    points: float = 0.0  # earned x weight: what it adds to the lesson and the total

    @property
    def to_mark(self) -> bool:
        """A written answer the teacher has not marked yet: it shows as 'to mark', never as zero."""
        return self.question.kind == "written" and self.verdict not in ("empty", "unreadable") and self.mark is None


@dataclass
class LearnerGrade:
    """One learner: the export used, each answer re-checked, points per lesson, and what to look at."""

    export: Export
    answers: dict[str, Answer]
    lessons: dict[str, float]
    total: float
    flags: list[str] = field(default_factory=list)  # for the teacher's attention
    notes: list[str] = field(default_factory=list)  # information: hints, work to mark
    login: str = ""  # the SIS Login ID grades.csv gives: an e-mail or ID from any of the learner's files, or NO_LOGIN + tag

    @property
    def name(self) -> str:
        return self.export.learner

    @property
    def to_mark(self) -> list[str]:
        """The written answers still to mark (their ids)."""
        return sorted(qid for qid, a in self.answers.items() if a.to_mark)

    @property
    def file(self) -> str:
        return self.export.file


def _claim_problem(record: dict, verdict: str, score: float) -> str:
    claimed_verdict, claimed_score = record["claimed_verdict"], record["claimed_score"]
    if claimed_verdict is None and claimed_score is None:
        return ""
    if verdict in ("empty", "unreadable"):
        return f"claims {clean_text(claimed_verdict, 20)!s}, but holds no answer to check" if claimed_verdict else ""
    if claimed_verdict not in VERDICTS:
        return f"claims a verdict that does not exist ({clean_text(claimed_verdict, 20)!r})"
    if isinstance(claimed_score, bool) or not isinstance(claimed_score, (int, float)) or not 0 <= claimed_score <= 1:
        return f"claims an impossible score ({clean_text(json.dumps(claimed_score, default=str), 20)})"
    if claimed_verdict != verdict or abs(float(claimed_score) - score) > 0.006:
        return f"file says {claimed_verdict} {float(claimed_score):.2g}, the answer earns {verdict} {score:.2g}"
    return ""


def _recheck(question: Question, answer: object) -> tuple[str, float]:
    try:
        verdict, score = question.recheck(answer)
    except Exception:  # an answer of a shape the question never takes (a forged file)
        return "unreadable", 0.0
    return verdict, min(max(float(score), 0.0), 1.0) if math.isfinite(score) else 0.0


def _reveal_issue(record: dict, versioned: bool) -> str:
    """Why the file's Show-answer fields cannot be trusted ('' if they can): missing, of a value no export writes,
    or contradicting each other."""
    before = record["before_reveal"]
    if record["reveal_field"] == "missing":
        return "no 'revealed' field"
    if record["reveal_field"] == "bad":
        return "a 'revealed' value no export writes"
    if record["before_field"] == "bad":
        return "a damaged record of what stood before Show answer"
    if not record["revealed"]:
        return "a record of what stood before Show answer, but Show answer not pressed" if before else ""
    if before is None:
        return (
            "Show answer pressed, but no record of what stood before it"
            if versioned
            else "format 1 cannot say whether the answer came before or after Show answer"
        )
    if before["attempts"] > record["attempts"]:
        return "more attempts before Show answer than in all"
    return ""


def _hint_issue(record: dict, available: int) -> str:
    """Why the file's hint count cannot be trusted ('' if it can), for an answered question with ``available`` hints."""
    if record["hints_field"] == "missing":
        return "no 'hints' field"
    if record["hints_field"] == "bad":
        return "a hint count that is not a count"
    if not record["hints_given"]:
        return "no hint count on a checked answer"
    if record["hints"] > available:
        return f"{record['hints']} hints, but the question has {available}"
    return ""


def grade_export(
    export: Export, questions: dict[str, Question], policy: Policy, marks=None, history: dict[str, tuple[int, bool]] | None = None
) -> LearnerGrade:
    """Re-check every answer of one export against today's questions and apply the policy and the teacher's marks.

    ``history`` holds, per question, the most hints and whether Show answer was pressed in this learner's earlier
    exports: a count that went down since (counts never go down) is flagged and the earlier one is used. Reveal and
    hint fields that are missing or contradictory are flagged and graded as the worst case the policy allows: answered
    after Show answer with nothing earned before it, every hint the question has opened.
    """
    answers: dict[str, Answer] = {}
    unknown, changed, unreadable, claims, after, hinted, to_mark, stale = [], [], [], [], [], [], [], []
    untrusted_reveal, untrusted_hints = [], []
    history = history or {}
    versioned = export.versioned
    for qid, record in export.questions.items():
        question = questions.get(qid)
        if question is None:
            unknown.append(qid)
            continue
        if versioned and record["fingerprint"] and record["fingerprint"] != question.fingerprint:
            changed.append(qid)
            continue
        verdict, score = _recheck(question, record["answer"])
        if verdict == "unreadable":
            unreadable.append(qid)
        claim = _claim_problem(record, verdict, score)
        if claim:
            claims.append(f"{qid} ({claim})")
        answered = verdict not in ("empty", "unreadable")
        revealed = record["revealed"]
        before = record["before_reveal"]
        earlier_hints, earlier_revealed = history.get(qid, (0, False))
        issue = _reveal_issue(record, versioned) if answered else ""
        if answered and not issue and earlier_revealed and not revealed:
            issue = "Show answer pressed in an earlier export of this learner, not in this one"
        before_score = 0.0
        if issue:
            untrusted_reveal.append(f"{qid} ({issue})")
            revealed, after_reveal = True, True  # the worst case: checked after Show answer, nothing earned before
        else:
            after_reveal = (record["attempts"] > before["attempts"]) if (revealed and before) else False
            if after_reveal and before and before["answer"] is not None:
                before_score = _recheck(question, before["answer"])[1]
        available = len(question.spec.get("hints") or [])
        hints = record["hints"]
        issue = _hint_issue(record, available) if answered else ""
        if answered and issue:
            untrusted_hints.append(f"{qid} ({issue})")
            hints = available  # the worst case: every hint the question has
        elif answered and earlier_hints > hints:
            untrusted_hints.append(f"{qid} ({earlier_hints} hint(s) in an earlier export, {hints} in this one)")
            hints = min(earlier_hints, max(available, hints))
        mark = None
        if question.kind == "written" and answered:
            mark = marks.find(export, qid) if marks is not None else None
            if mark is None:
                to_mark.append(qid)
                earned = policy.earned(score, after_reveal, hints, before_score) if policy.unmarked_written == "self" else 0.0
            else:
                earned = mark.score
                if mark.answer_id and mark.answer_id != answer_id(record["answer"]):
                    stale.append(qid)
        else:
            earned = policy.earned(score, after_reveal, hints, before_score) if answered else 0.0
        if answered and after_reveal:
            after.append(qid)
        if answered and hints:
            hinted.append(f"{qid} ×{hints}")
        weight = policy.weight(question)
        answers[qid] = Answer(
            question,
            record["answer"],
            verdict,
            score,
            earned,
            hints,
            revealed,
            after_reveal,
            claim,
            mark,
            weight,
            round(earned * weight, 4),
        )
    lessons = {lesson: 0.0 for lesson in sorted({q.lesson for q in questions.values()})}
    for item in answers.values():
        lessons[item.question.lesson] += item.points
    lessons = {k: round(v, 2) for k, v in lessons.items()}
    grade = LearnerGrade(export, answers, lessons, round(sum(lessons.values()), 2))
    flags, notes = grade.flags, grade.notes
    flags += export.problems
    if claims:
        flags.append(
            f"claimed results differ from the re-check on {len(claims)} question(s): {'; '.join(claims[:8])}"
            + (f"; and {len(claims) - 8} more" if len(claims) > 8 else "")
        )
    if unknown:
        flags.append(
            f"answers to {len(unknown):,} question(s) that are not in today's questions were skipped "
            f"(removed since, or made up): {shown_ids(unknown)}"
        )
    if changed:
        flags.append(
            f"{len(changed)} question(s) changed since this learner answered them, skipped (they earn 0 "
            f"until answered again): {shown_ids(changed)}"
        )
    if unreadable:
        flags.append(f"answers that are not of the question's kind (earn 0): {shown_ids(unreadable)}")
    if untrusted_reveal:
        flags.append(
            f"Show-answer fields missing or contradictory on {len(untrusted_reveal)} question(s), graded as "
            f"answered after Show answer (the worst case): {'; '.join(untrusted_reveal[:5])}"
            + (f"; and {len(untrusted_reveal) - 5} more" if len(untrusted_reveal) > 5 else "")
        )
    if untrusted_hints:
        flags.append(
            f"hint counts missing, contradictory or lowered on {len(untrusted_hints)} question(s), graded with "
            f"the most hints they can have: {'; '.join(untrusted_hints[:5])}"
            + (f"; and {len(untrusted_hints) - 5} more" if len(untrusted_hints) > 5 else "")
        )
    if after:
        flags.append(f"answered after Show answer: {shown_ids(after, 10)} (policy: keeps {policy.after_reveal:.0%})")
    if stale:
        flags.append(f"written answer changed since you marked it: {shown_ids(stale)}")
    if not versioned:
        notes.append(
            "older export (format 1): graded against today's questions; it cannot say whether a question "
            "changed since, or whether an answer came after Show answer (those count as after it)"
        )
    if hinted:
        notes.append(f"hints used: {shown_ids(hinted, 10)}")
    if to_mark:
        worth = sum(answers[q].weight for q in to_mark)
        counted = "counts the learner's checklist" if policy.unmarked_written == "self" else "counts nothing"
        notes.append(f"written work to mark: {shown_ids(to_mark, 10)} (worth {worth:g} points; {counted} until you mark it)")
    notes += export.notes
    return grade


def answer_id(answer: object) -> str:
    """A short fingerprint of a written answer's text, so a mark can tell when the text changed since."""
    text = answer.get("text", "") if isinstance(answer, dict) else answer
    return hashlib.sha256(" ".join(str(text or "").split()).encode("utf-8", "replace")).hexdigest()[:10]


# ----- The class ----------------------------------------------------------------------------------------------
NO_LOGIN = "no-login-"  # + a short tag: the SIS Login ID of a learner whose files give no e-mail or ID (never "(none)")
_INVISIBLE_IN_KEYS = dict.fromkeys(map(ord, "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))


def name_key(name: str) -> str:
    """A name compared the way a person reads it: width, case and spacing made uniform, invisible characters dropped."""
    return " ".join(unicodedata.normalize("NFKC", name.translate(_INVISIBLE_IN_KEYS)).casefold().split())


def person_key(export: Export, by_key: dict[str, str] | None = None) -> str:
    """Who an export belongs to.

    Format 3: its learner id (one progress file, one learner, whatever the name or e-mail says). Older exports (no id):
    the progress file's key and the name, else the e-mail or ID, else the name. ``by_key`` maps a progress file's key
    to the learner id of a newer export from the same progress file, so a learner's format 2 and 3 exports are one.
    """
    if export.learner_id:
        return "id:" + export.learner_id
    if export.learner_key and by_key and export.learner_key in by_key:
        return "id:" + by_key[export.learner_key]
    if export.learner_key:
        return f"key:{export.learner_key}|{name_key(export.learner)}"
    if export.email_or_id:
        return "mail:" + name_key(export.email_or_id)
    return "name:" + name_key(export.learner)


def _later(export: Export) -> tuple:
    """How late an export is: the progress file's save counter first; the export date only where there is none
    (formats 1-2), and never ahead of a save counter."""
    saves = -1 if export.saves is None else export.saves
    stamp = float("-inf") if export.learner_id or not export.exported_at else export.exported_at.timestamp()
    return (saves, stamp, export.file)


def group_exports(exports: list[Export]) -> list[list[Export]]:
    """The exports of each learner (see :func:`person_key`), the latest first."""
    by_key = {e.learner_key: e.learner_id for e in exports if e.learner_id and e.learner_key}
    groups: dict[str, list[Export]] = defaultdict(list)
    for export in exports:
        groups[person_key(export, by_key)].append(export)
    return [sorted(group, key=_later, reverse=True) for group in groups.values()]


def pick_latest(exports: list[Export]) -> tuple[list[Export], list[tuple[str, str]], dict[str, list[str]]]:
    """(one export per learner, [(file, reason)] for older ones, {kept file: [older files]})."""
    groups = group_exports(exports)
    return (
        [g[0] for g in groups],
        [(e.file, reason) for e, reason in _older_reasons(groups)],
        {g[0].file: [e.file for e in g[1:]] for g in groups if len(g) > 1},
    )


def _history(older: list[Export]) -> dict[str, tuple[int, bool]]:
    """Per question, the most hints and whether Show answer was pressed, in a learner's earlier exports."""
    out: dict[str, tuple[int, bool]] = {}
    for export in older:
        for qid, record in export.questions.items():
            hints, revealed = out.get(qid, (0, False))
            out[qid] = (max(hints, record["hints"]), revealed or record["revealed"])
    return out


def _tag(export: Export) -> str:
    return (export.learner_id or export.learner_key or hashlib.sha256(export.file.encode("utf-8", "replace")).hexdigest())[:8]


def _learner(group: list[Export], questions: dict[str, Question], policy: Policy, marks) -> LearnerGrade:
    """Grade the latest export of one learner's group, with what their other exports say about login and counts."""
    latest, older = group[0], group[1:]
    flags = []
    contacts = {}
    for export in group:
        if export.email_or_id:
            contacts.setdefault(name_key(export.email_or_id), (export.email_or_id, export.file))
    login = latest.email_or_id
    if not login and contacts:
        login, source = next(iter(contacts.values()))
        latest = replace(latest, email_or_id=login, problems=list(latest.problems), notes=list(latest.notes))
        latest.notes.append(f"e-mail or ID taken from this learner's other export, {source}")
    if len(contacts) > 1:
        flags.append(
            f"different e-mails or IDs in this learner's exports ({shown_ids([c for c, _ in contacts.values()], 3)}): "
            f"the latest, {login}, is used; check it"
        )
    grade = grade_export(latest, questions, policy, marks, _history(older))
    grade.flags += flags
    grade.login = login or NO_LOGIN + _tag(latest)
    if not login:
        grade.flags.append(
            f"no e-mail or ID in this learner's file(s): grades.csv says {grade.login}; type their login "
            "there, or delete the row, before importing into Moodle"
        )
    if older:
        how = "by its save counter" if latest.learner_id else "by export date, as these files carry no learner id (format 1-2)"
        grade.flags.append(
            f"{len(group)} exports from this learner: the latest is used, {how} (older: {shown_ids([e.file for e in older], 3)})"
        )
        if latest.learner_id and latest.saves is not None and latest.saves == older[0].saves:
            grade.flags.append(
                f"{older[0].file} has the same save counter ({latest.saves}): which is later cannot be told; "
                f"{latest.file} is used"
            )
        names = {name_key(e.learner): e.learner for e in group}
        if len(names) > 1:
            grade.flags.append(
                f"one progress file exported under {len(names)} names ({shown_ids(list(names.values()), 3)}): "
                "a shared account, or a renamed learner? The latest is graded"
            )
    return grade


@dataclass
class ClassGrades:
    """A class folder graded: one LearnerGrade per learner, and every file skipped with its reason."""

    questions: dict[str, Question]
    titles: dict[str, str]
    learners: list[LearnerGrade]
    skipped: list[tuple[str, str]]
    policy: Policy
    source: str
    problems: list[str] = field(default_factory=list)  # about the teacher's files (policy, marks)

    @property
    def lessons(self) -> dict[str, float]:
        """Lesson -> points available: the sum of its questions' weights under the policy."""
        out: dict[str, float] = defaultdict(float)
        for question in self.questions.values():
            out[question.lesson] += self.policy.weight(question)
        return {k: round(v, 2) for k, v in sorted(out.items())}

    @property
    def total_points(self) -> float:
        """The total available: the sum of every question's weight."""
        return round(sum(self.policy.weight(q) for q in self.questions.values()), 2)

    def how_made(self) -> str:
        """One sentence saying how the total was made (the weights, and written work's share)."""
        return self.policy.describe_weights(self.questions)


def grade_class(
    exports: list[Export],
    questions: dict[str, Question],
    titles: dict[str, str],
    policy: Policy,
    marks=None,
    skipped: list[tuple[str, str]] | None = None,
    source: str = "",
) -> ClassGrades:
    """Grade every learner once (their latest export), and flag a name or an e-mail claimed by two learners.

    One learner is one learner id (format 3) whatever the name or e-mail says, so a classmate's e-mail in another
    learner's file never pushes the classmate out: both are graded and both flagged.
    """
    groups = group_exports(exports)
    older = [(e.file, reason) for e, reason in _older_reasons(groups)]
    if marks is not None:
        marks.class_files = {g[0].file for g in groups}  # a mark naming one of these files belongs to that learner only
    learners = [_learner(group, questions, policy, marks) for group in groups]
    by_name: dict[str, list[LearnerGrade]] = defaultdict(list)
    by_contact: dict[str, list[LearnerGrade]] = defaultdict(list)
    by_key: dict[str, list[LearnerGrade]] = defaultdict(list)
    for learner in learners:
        by_name[name_key(learner.name)].append(learner)
        if learner.export.email_or_id:
            by_contact[name_key(learner.export.email_or_id)].append(learner)
        if learner.export.learner_key and not learner.export.learner_id:
            by_key[learner.export.learner_key].append(learner)
    for group in by_name.values():
        for learner in group if len(group) > 1 else []:
            others = [g.file for g in group if g is not learner]
            learner.flags.append(
                f"another learner with the same name handed in ({shown_ids(others, 3)}): told apart by "
                "their progress file or e-mail/ID; check these are two people"
            )
    for group in by_contact.values():
        for learner in group if len(group) > 1 else []:
            others = [f"{g.name} ({g.file})" for g in group if g is not learner]
            learner.flags.append(
                f"the e-mail or ID {learner.export.email_or_id} is also given by {shown_ids(others, 3)}, "
                "from another progress file: both are graded; one typed a classmate's e-mail, or one learner "
                "used two computers. Correct the login in grades.csv before importing"
            )
    for group in by_key.values():
        names = {name_key(g.name) for g in group}
        for learner in group if len(names) > 1 else []:
            others = [f"{g.name} ({g.file})" for g in group if g is not learner]
            learner.flags.append(f"same progress file as {shown_ids(others, 3)}: a shared account, or a renamed learner?")
    learners.sort(key=lambda g: (name_key(g.name), g.file))
    return ClassGrades(questions, titles, learners, sorted((skipped or []) + older), policy, source)


def _older_reasons(groups: list[list[Export]]) -> list[tuple[Export, str]]:
    out = []
    for group in groups:
        latest = group[0]
        how = "by its save counter" if latest.learner_id else "by export date: these files carry no learner id (format 1-2)"
        for older in group[1:]:
            other = "" if name_key(older.learner) == name_key(latest.learner) else f" (this file names {older.learner}: check)"
            out.append((older, f"an older export of {latest.learner}: the latest, {latest.file}, is used ({how}){other}"))
    return out


# ----- What the class got wrong ------------------------------------------------------------------------------
def _label(value: object, limit: int = 80) -> str:
    return clean_text(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str), limit)


def wrong_parts(question: Question, answer: object) -> list[str]:
    """The wrong parts of one answer, in words a teacher reads: the option, the pairing, the date typed."""
    kind, spec = question.kind, question.spec
    if kind in ("single", "evidence", "code"):
        return [_label(answer)]
    if kind == "multiple":
        chosen, truth = set(answer or []), set(spec["answer"])
        return [f"ticked “{_label(o)}”" for o in sorted(chosen - truth, key=str)] + [
            f"left out “{_label(o)}”" for o in sorted(truth - chosen, key=str)
        ]
    if kind in ("match", "categorize"):
        given = dict(answer or {})
        lefts = spec["lefts"] if kind == "match" else spec["item_list"]  # only the question's own items, however many keys
        return [
            f"{_label(left, 60)} → {_label(given[left], 60)}"
            for left in lefts
            if given.get(left) and _recheck(question, {left: given[left]})[0] == "wrong"
        ]
    if kind == "order":
        return [" → ".join(_label(item, 30) for item in answer)]
    if kind == "justify":  # the choice, then what is missing or wrong in its evidence
        chosen = answer.get("choice") if isinstance(answer, dict) else None
        problems = kinds.get(kind, question.id).problems(spec, answer)
        return [f"chose “{_label(chosen)}”" if chosen else "no answer chosen", *problems]
    if kind in ("date", "number"):
        if kind == "date":
            parsed = parse_date(str(answer))
            return [
                "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parsed) if p is not None)
                if parsed
                else _label(answer, 40)
            ]
        number = parse_number(str(answer))
        return [f"{number:g}" if number is not None else _label(answer, 40)]
    return []


def question_stats(grades: ClassGrades, top: int = 5) -> list[dict]:
    """Per question answered by anyone: answered, correct, mean re-checked score, the commonest wrong answers.

    Hardest first (lowest mean score). Written answers have no wrong answers; their mean is the checklist.
    """
    rows = {}
    for learner in grades.learners:
        for qid, item in learner.answers.items():
            if item.verdict in ("empty", "unreadable"):
                continue
            row = rows.setdefault(
                qid,
                {
                    "id": qid,
                    "kind": item.question.kind,
                    "prompt": item.question.prompt,
                    "answered": 0,
                    "correct": 0,
                    "score": 0.0,
                    "wrong": Counter(),
                },
            )
            row["answered"] += 1
            row["correct"] += item.verdict == "correct"
            row["score"] += item.score
            if item.verdict in ("wrong", "partial") and item.question.kind != "written":
                try:
                    row["wrong"].update(set(wrong_parts(item.question, item.answer)))
                except (TypeError, ValueError, AttributeError):
                    row["wrong"]["(an answer of an unexpected shape)"] += 1
    out = []
    for row in rows.values():
        row["mean_score"] = row["score"] / row["answered"]
        row["share_correct"] = row["correct"] / row["answered"]
        row["common_wrong"] = row.pop("wrong").most_common(top)
        out.append(row)
    return sorted(out, key=lambda r: (r["mean_score"], r["id"]))
