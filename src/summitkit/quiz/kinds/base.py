"""What every question kind is made of: its fields, its rules, its checking and its control.

A kind is a subclass of :class:`Kind` in its own module beside this one (``kinds/<name>.py``);
the registry (``summitkit.quiz.kinds``) finds it. The kind owns, for its questions:

- **fields** (:class:`Field`): the arguments of ``quiz.<name>(...)`` after ``id`` and ``prompt``,
  which are required, their defaults, which the learner's control needs in the clear (``shown``)
  and which are sealed in the bank (the rest);
- **validation** (:meth:`Kind.normalize`): rules for a declaration, failing with a
  :class:`SpecError` that names the question and the field;
- **checking** (:meth:`Kind.check`): a pure function of the full spec and an answer, giving a
  :class:`~summitkit.quiz.result.Result`; it never raises on an odd answer, it says what is wrong;
- **what fits** (:meth:`Kind.fits`): whether a saved answer has the shape its control shows, and if not, why;
- **texts**: how to answer (:attr:`Kind.how`), what Check says with no answer (:attr:`Kind.empty`),
  the answer "Show answer" gives (:meth:`Kind.answer_text`), the button labels;
- **its control** (:class:`Control`): the widgets a learner answers with, reading the answer from
  them and restoring a saved one.

Nothing here imports ipywidgets: controls import it when they are built, so checking stays headless.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, ClassVar

from summitkit import controls, progress
from summitkit.citations import parse_citation
from summitkit.markup import el
from summitkit.quiz.normalize import echo, normalize_text
from summitkit.quiz.result import Result
from summitkit.quiz.seal import seal, unseal
from summitkit.wording import did_you_mean

if TYPE_CHECKING:  # pragma: no cover - for type hints only; ipywidgets loads when a control is built
    from collections.abc import Callable

    import ipywidgets


class SpecError(ValueError):
    """A question declaration breaks a rule (the message names the question and the field)."""

    def __init__(self, message: str, question: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.question = question
        self.field = field


class _Missing:
    """The one marker for "no value given": ``quiz.code(...)`` or ``quiz.show(...)`` without ``value=``."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "MISSING"


#: No value given (one marker for the whole package; it is falsy and prints as ``MISSING``).
MISSING = _Missing()


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


#: The default of a field the declaration must give.
REQUIRED: Any = _Required()

#: Values that count as "not given" in a declaration.
_BLANK = (None, "", [], {})


class Field:
    """One argument of ``quiz.<kind>(...)`` after ``id`` and ``prompt``.

    ``default`` is :data:`REQUIRED` for a field the declaration must give. ``shown`` fields are kept
    in the clear in the bank because the learner's control needs them (options, a unit); every other
    stored field is sealed. ``stored=False`` marks an argument that is not part of the question
    (a code task's ``value=``, the learner's own computed value). ``annotation`` is what
    ``help(quiz.<kind>)`` shows. (A plain class rather than a dataclass: it keeps ``import summitkit.quiz`` quick.)
    """

    __slots__ = ("name", "default", "shown", "stored", "annotation")

    def __init__(
        self, name: str, default: object = REQUIRED, shown: bool = False, stored: bool = True, annotation: str = "object"
    ) -> None:
        self.name, self.default, self.shown, self.stored, self.annotation = name, default, shown, stored, annotation

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def __repr__(self) -> str:
        return f"Field({self.name!r}, {self.default!r}, shown={self.shown}, stored={self.stored})"


#: The arguments every kind ends with.
COMMON_FIELDS = (
    Field("cite", None, annotation="list[str] | None"),
    Field("hints", None, annotation="list[str] | None"),
    Field("explain", "", annotation="str"),
    Field("in_lesson", False, shown=True, annotation="bool"),
    Field("dok", None, annotation="int | None"),
)

#: Webb's Depth of Knowledge levels a question may declare (``dok=``): recall, apply or compare,
#: justify with evidence (strategic thinking), extended synthesis.
DOK_LEVELS = (1, 2, 3, 4)


# ----- helpers for validation and messages (shared by the kinds) -------------------------------------------------------
def fail(qid: object, problem: str, field: str | None = None) -> SpecError:
    """A SpecError naming the question (and the field, when the problem is about one)."""
    return SpecError(f"question {qid!r}: {problem}", question=str(qid), field=field)


def strings(qid: str, name: str, value: object, minimum: int = 1) -> list[str]:
    """``value`` as a list of at least ``minimum`` non-empty, distinct strings; SpecError otherwise."""
    if not isinstance(value, (list, tuple)) or len(value) < minimum or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(qid, f"'{name}' must be a list of at least {minimum} non-empty strings", name)
    if len({normalize_text(v) for v in value}) != len(value):
        raise fail(qid, f"'{name}' has two entries that read the same", name)
    return list(value)


def citations(qid: str, name: str, values: object, check_exists: bool = True) -> list[str]:
    """``values`` (one citation or a list) as canonical citation strings ('rsis ¶8'); SpecError otherwise."""
    if isinstance(values, str):
        values = [values]
    out = []
    for value in strings(qid, name, values):
        try:
            citation = parse_citation(value)
        except ValueError as exc:
            raise fail(qid, f"'{name}': {exc}", name) from None
        if check_exists and not citation.exists():
            raise fail(qid, f"'{name}': {citation} does not exist", name)
        out.append(str(citation))
    return out


def option_feedback(qid: str, feedback: object, options: list[str]) -> dict[str, str]:
    """Feedback per option: a dict whose keys are among ``options``; SpecError otherwise."""
    feedback = feedback or {}
    if not isinstance(feedback, dict):
        raise fail(qid, "'feedback' maps options (spelled as in 'options') to a sentence", "feedback")
    for key in feedback:
        if key not in options:
            raise among(qid, "feedback", key, options, "the options (each key of 'feedback' is an option)")
    return {k: str(v) for k, v in feedback.items()}


def number(qid: str, name: str, value: object, minimum: float | None = None) -> int | float:
    """``value`` as a finite number (not True/False), at least ``minimum``; SpecError otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value in (float("inf"), float("-inf")):
        raise fail(qid, f"'{name}' must be a number", name)
    if minimum is not None and value < minimum:
        raise fail(qid, f"'{name}' cannot be {'negative' if minimum == 0 else f'less than {minimum}'}", name)
    return value


def short(value: object, limit: int = 60) -> str:
    """Learner input echoed back (:func:`~summitkit.quiz.normalize.echo`): shortened with "…", without control,
    invisible, direction-changing or broken characters; never fails (a value that cannot be written out is named by its type)."""
    text = echo(value, limit)
    return text or ("" if isinstance(value, str) else f"a {type(value).__name__}")


def shape(value: object) -> str:
    """A saved answer's shape in words, for a sentence saying why it does not fit a question.

    >>> shape("RSIS"), shape(["a", "b"]), shape({"x": 1}), shape(3), shape(True)
    ('text', 'a list of 2 items', 'a table', 'a number', 'yes or no')
    """
    if isinstance(value, bool):
        return "yes or no"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    return f"a {type(value).__name__}"


def among(qid: str, name: str, value: object, allowed: list[str], where: str = "the options") -> SpecError:
    """A SpecError saying that ``value`` (named in full) is not among ``allowed``, with the closest one."""
    shown = value if isinstance(value, str) else repr(value)
    return fail(
        qid,
        f"'{name}' must be among {where}, spelled the same: “{shown}” is not one of them.{did_you_mean(shown, allowed)}"
        f" They are: {'; '.join(f'“{a}”' for a in allowed)}.",
        name,
    )


def blank(answer: object) -> bool:
    """No answer at all: nothing given, ``...`` left in place, blank text, or an empty list or dict."""
    if answer is None or answer is MISSING or answer is Ellipsis:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    return isinstance(answer, (list, tuple, dict, set)) and not answer


def sentence(*parts: object) -> str:
    """The non-empty parts joined by spaces."""
    return " ".join(str(p) for p in parts if p)


def listed(items: list[str], limit: int = 40) -> str:
    """Items quoted and joined for a sentence: '“a”', '“a” and “b”', '“a”, “b” and “c”'."""
    quoted = [f"“{short(i, limit)}”" for i in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1] if quoted else ""


#: A blank choice in a dropdown: what it shows, and the value it stands for (never a real choice).
CHOOSE = "— choose —"
NOTHING = ""


# ----- the control ---------------------------------------------------------------------------------------------------
def mark_html(right: bool | None, words: tuple[str, str] = ("✓ right", "✗ not right")) -> str:
    """A per-item mark beside an item: symbol and words (never colour alone); '' for no mark."""
    if right is None:
        return ""
    return str(el("span", words[0] if right else words[1], cls=f"summit-mark summit-mark-{'right' if right else 'wrong'}"))


def mark_slot():  # -> ipywidgets.HTML
    """The place beside an item where its mark is shown after Check (cleared when the learner changes the item)."""
    import ipywidgets as w

    slot = w.HTML()
    slot.add_class("summit-mark-slot")
    return slot


class Control:
    """The learner's side of one question: the widgets to answer with, built lazily (ipywidgets loads here).

    A subclass builds its widgets in :meth:`build` (and keeps handles to them as attributes, e.g.
    ``self.input``), reads the learner's answer in :meth:`read` (the value saved in progress and given
    to :meth:`Kind.check`) and puts a saved answer back in :meth:`restore`.
    """

    #: Where a failure in the control's own buttons and menus is said: the question's alert area
    #: (:func:`summitkit.controls.alert_area`), given by the question once the control is built.
    alert: ipywidgets.HTML | None = None

    def __init__(self, kind: Kind, spec: dict, value: object = MISSING) -> None:
        self.kind = kind
        self.spec = spec
        self.value = value
        self.widget: ipywidgets.Widget = self.build()

    def guarded(self, action: Callable[..., object]) -> Callable[..., None]:
        """``action`` for one of the control's own buttons or menus, run through :func:`summitkit.controls.guard`:
        what goes wrong is said in :attr:`alert` (the question's), never lost in JupyterLab's log."""

        def handler(*args: object, **kwargs: object) -> None:
            if self.alert is None:  # not inside a question (a test building the control alone): plain call
                action(*args, **kwargs)
            else:
                controls.guard(action, self.alert, progress.take_notices)(*args, **kwargs)

        handler.__wrapped__ = action  # type: ignore[attr-defined]
        return handler

    def build(self) -> ipywidgets.Widget:
        """The widget(s) the learner answers with."""
        raise NotImplementedError

    def read(self) -> object:
        """The learner's current answer (JSON-able: it is saved as it is)."""
        raise NotImplementedError

    def restore(self, saved: object) -> bool:
        """Show a saved answer in the widgets; False (changing nothing, if it can) when it does not fit this question."""
        raise NotImplementedError

    def put_back(self, saved: object) -> bool:
        """:meth:`restore`, but never raising: a saved record of another shape is simply not put back."""
        try:
            return bool(self.restore(saved))
        except Exception:  # a saved record of any shape must never break the question
            return False

    def show_marks(self, result: Result) -> None:
        """Show ``result.marks`` beside the items (✓/✗ in words); a kind without items shows none."""

    def changed(self) -> bool:
        """Whether the answer changed by itself since it was last read (a code task's variable); checked after each cell."""
        return False


# ----- the kind ------------------------------------------------------------------------------------------------------
class Kind:
    """One kind of question. Subclass it in ``kinds/<name>.py``; see ``docs/developing.md``.

    The class docstring's first line is what ``help(quiz.<name>)`` says.
    """

    #: ``quiz.<name>(...)`` declares one; ``"kind": "<name>"`` in a bank entry.
    name: ClassVar[str] = ""
    #: The arguments after id and prompt, required ones first (the order of ``quiz.<name>``'s parameters).
    fields: ClassVar[tuple[Field, ...]] = ()
    #: Fields :meth:`normalize` adds that the control needs in the clear (e.g. a shuffled order).
    derived: ClassVar[tuple[str, ...]] = ()
    #: The common arguments ``quiz.<name>`` takes (all four are accepted in a spec).
    takes: ClassVar[tuple[str, ...]] = ("cite", "hints", "explain", "in_lesson", "dok")
    #: One line under the prompt: how to answer.
    how: ClassVar[str] = ""
    #: What Check says when there is no answer yet.
    empty: ClassVar[str] = "Answer first, then press Check."
    check_label: ClassVar[str] = "Check"
    reveal_label: ClassVar[str] = "Show answer"
    answer_label: ClassVar[str] = "Answer"
    #: Checked when its cell runs (a code task), so it has no Check button.
    checked_on_run: ClassVar[bool] = False
    #: After a wrong answer, offer the question's paragraphs (False where they would give the answer away).
    cite_when_wrong: ClassVar[bool] = True
    #: The class of its control.
    control: ClassVar[type[Control]] = Control
    #: A small declaration of this kind (all but id and kind): documentation, and what the kinds' shared tests use.
    example: ClassVar[dict] = {}

    def how_for(self, spec: dict) -> str:
        """The line under the prompt for this question (``how``, unless the question changes it)."""
        return self.how

    def has_check_button(self, spec: dict) -> bool:
        """Whether the question shows a Check button (a code task checked when its cell runs may not)."""
        return not self.checked_on_run

    # ----- declaring ----------------------------------------------------------------------------------------------
    @property
    def summary(self) -> str:
        """The first line of the class docstring."""
        return (inspect.getdoc(type(self)) or "").split("\n")[0]

    def parameters(self) -> tuple[Field, ...]:
        """The arguments of ``quiz.<name>`` after id and prompt, in order."""
        return (*self.fields, *(f for f in COMMON_FIELDS if f.name in self.takes))

    def signature(self) -> inspect.Signature:
        """The signature of ``quiz.<name>(id, prompt, ...)``."""
        kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
        params = [inspect.Parameter("id", kind, annotation="str"), inspect.Parameter("prompt", kind, annotation="str")]
        for f in self.parameters():
            default = inspect.Parameter.empty if f.required else f.default
            params.append(inspect.Parameter(f.name, kind, default=default, annotation=f.annotation))
        return inspect.Signature(params)

    def validate(self, spec: dict) -> dict:
        """A checked, normalised copy of a declaration; SpecError naming question and field otherwise."""
        qid = spec.get("id")
        if not isinstance(qid, str) or not qid.strip():
            raise SpecError("every question needs an 'id' (a short text like '01-outlet')", field="id")
        stored = [f for f in (*self.fields, *COMMON_FIELDS) if f.stored]
        loose = {f.name for f in self.fields if not f.stored}
        unknown = set(spec) - {"id", "kind", "prompt"} - {f.name for f in stored} - loose - set(self.derived)
        if unknown:
            raise fail(
                qid,
                f"unknown field(s) {', '.join(sorted(map(str, unknown)))} for a {self.name} question",
                sorted(map(str, unknown))[0],
            )
        for f in (Field("prompt"), *self.fields):
            if f.required and spec.get(f.name) in _BLANK:
                raise fail(qid, f"'{f.name}' is missing", f.name)
        if not isinstance(spec["prompt"], str):
            raise fail(qid, "'prompt' must be text", "prompt")
        out: dict = {"id": qid, "kind": self.name, "prompt": spec["prompt"]}
        for f in stored:
            value = spec.get(f.name)
            if value is None and not f.required:
                value = f.default
            if value is not None:
                out[f.name] = value
        out["cite"] = citations(qid, "cite", out["cite"]) if out.get("cite") else []
        out["hints"] = strings(qid, "hints", out["hints"]) if out.get("hints") else []
        out["explain"] = str(out.get("explain") or "")
        out["in_lesson"] = bool(out.get("in_lesson", False))
        if out.get("dok") is not None and (isinstance(out["dok"], bool) or out["dok"] not in DOK_LEVELS):
            raise fail(qid, "'dok' is its Depth of Knowledge level: 1, 2, 3 or 4", "dok")
        self.normalize(out)
        return out

    def normalize(self, spec: dict) -> None:
        """The kind's own rules: check ``spec`` (required fields are there) and normalise it in place."""

    # ----- the bank -----------------------------------------------------------------------------------------------
    def shown(self) -> tuple[str, ...]:
        """The fields kept in the clear in a bank entry."""
        return ("id", "kind", "prompt", "in_lesson", *(f.name for f in self.fields if f.shown and f.stored), *self.derived)

    def split(self, spec: dict) -> dict:
        """The bank entry: shown fields in the clear, every other field sealed."""
        public = {k: spec[k] for k in self.shown() if k in spec}
        secret = {k: v for k, v in spec.items() if k not in public}
        public["sealed"] = seal(spec["id"], secret)
        public["hint_count"] = len(spec.get("hints") or [])
        return public

    def join(self, entry: dict) -> dict:
        """The full spec back from a bank entry (ValueError if the seal is damaged)."""
        spec = {k: v for k, v in entry.items() if k not in ("sealed", "hint_count")}
        secret = unseal(entry["id"], entry["sealed"])
        if not isinstance(secret, dict):
            raise ValueError(f"the sealed part of question {entry['id']!r} is not a table; rebuild with 'python3 run.py build'")
        spec.update(secret)
        for f in (*self.fields, *COMMON_FIELDS):
            if f.stored and not f.required and f.default is not None:
                spec.setdefault(f.name, f.default)
        spec.setdefault("hints", [])
        spec.setdefault("cite", [])
        return spec

    # ----- answers ------------------------------------------------------------------------------------------------
    def check(self, spec: dict, answer: object) -> Result:
        """Check one answer against a full spec. Pure; never raises on odd input: it says what is wrong."""
        raise NotImplementedError

    def fits(self, spec: dict, answer: object) -> str:
        """Why a saved answer does not fit this question ("" when it does, or when it is blank).

        An answer fits when the question's control can show it: the right shape (text, a list, a table)
        holding only what the question offers (its options, items, paragraphs). Checking an answer that
        fits may still say "empty" (text that holds no number, say), but never because of its shape. A
        saved answer that does not fit (the teacher changed the question's kind, or its options) is set
        aside when the question is shown again, and graded "unreadable" on the teacher's side.
        """
        return ""

    def correct(self, spec: dict, *parts: str, cite: list[str] | None = None, marks: dict[str, bool] | None = None) -> Result:
        """The right answer: ``parts`` then the explanation, with the question's paragraphs."""
        return Result(
            "correct",
            1.0,
            sentence(*parts, spec.get("explain", "")),
            list(spec.get("cite") or []) if cite is None else cite,
            marks=marks or {},
        )

    def answer_text(self, spec: dict) -> str:
        """The answer as "Show answer" gives it."""
        return str(spec.get("answer", ""))

    def right_answer(self, spec: dict) -> object:
        """A right answer, in the shape the control reads (the shared tests check it is judged right)."""
        return spec["answer"]

    def reveal_cites(self, spec: dict) -> list[str]:
        """The paragraphs shown with the answer."""
        return list(spec.get("cite") or [])

    def cites_after(self, spec: dict, result: Result) -> list[str]:
        """The paragraphs offered with a verdict: where to look, without giving the answer away."""
        if result.verdict == "correct":
            return list(result.cite)
        if result.verdict in ("wrong", "partial") and self.cite_when_wrong:
            return list(spec.get("cite") or [])
        return []

    def make_control(self, spec: dict, value: object = MISSING) -> Control:
        """The learner's control for one question of this kind."""
        return self.control(self, spec, value)
