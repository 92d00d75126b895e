"""The widget that shows a question, checks it, explains why, and remembers the answer.

It is the same for every kind: the prompt, the kind's control (``kind.make_control``), Check / Hint /
Show answer, the feedback, hints, answer and cited passages. What differs by kind (the control, how to
answer, labels, checking, the answer text) comes from the question's kind in ``summitkit.quiz.kinds``.
All HTML is built with ``summitkit.markup``: learner and question text is escaped, looks come from classes.

For screen readers the feedback, hints and answer areas are live regions: each is an HTML widget marked
``summit-live`` whose one element persists across updates and is given ``role=status`` by the script
:func:`summitkit.controls.accessibility_script` shows with every question (ipywidgets has no way to set
ARIA attributes itself). Warnings are ``role=alert``.

Every button gets its action in one place, :meth:`QuestionWidget._on_click`, through
:func:`summitkit.controls.guard`: nothing that goes wrong inside reaches the learner as a traceback or
vanishes into JupyterLab's log; it is said in the question's ``alert`` area, with the progress store's
notices. Re-opening a question (running its cell again) never fails either: a saved answer of another
shape (the teacher changed the question's kind or its options) is put aside with a notice
(``progress.set_aside``), and the question starts afresh.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

import ipywidgets as w

from summitkit import controls, feedback, progress
from summitkit.citations import Citation, parse_citation
from summitkit.controls import accessibility_script
from summitkit.markup import Markup, el, join, page, raw
from summitkit.quiz import kinds
from summitkit.quiz.kinds.base import MISSING, Control, Kind, blank, short
from summitkit.quiz.result import SYMBOL, Result


def _html(*children: object, cls: str | None = None, **attrs: object) -> Markup:
    """A block of question HTML, styled by the stylesheet the prompt carries (``.summit`` classes); text escaped."""
    return el("div", el("div", *children, cls=cls, **attrs), cls="summit")


def _live(widget: w.HTML, whole: bool = True) -> w.HTML:
    """An HTML widget whose content a screen reader announces when it changes (``whole``: read all of it, not the new part)."""
    widget.add_class("summit-live")
    if whole:
        widget.add_class("summit-live-all")
    return widget


#: The code question shown last for each id, re-checked after any cell changes the variable it reads (see ``_watch``).
_WATCHED: dict[str, weakref.ref] = {}


def _recheck_code_questions(*_: object) -> None:
    """After a cell runs: every code question whose variable now holds another value checks it again (IPython hook)."""
    for qid, ref in list(_WATCHED.items()):
        question = ref()
        if question is None:
            _WATCHED.pop(qid, None)
            continue
        try:
            changed = question.control.changed()
        except Exception:  # a hook must never break the learner's next cell
            continue
        if changed:  # checked as if its Check button were pressed: what goes wrong is said in the question
            controls.guard(question.check, question.alert, progress.take_notices)()


def _watch(question: QuestionWidget) -> None:
    """Follow a code question's variable: the learner re-runs only the cell that computes it."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is None:
        return
    _WATCHED[question.qid] = weakref.ref(question)
    if not getattr(shell, "_summitkit_watching", False):
        shell.events.register("post_run_cell", _recheck_code_questions)
        shell._summitkit_watching = True


class QuestionWidget(w.VBox):
    """One question: prompt, answer controls, Check / Hint / Show answer, feedback and passages.

    ``control`` is the kind's :class:`~summitkit.quiz.kinds.base.Control`; its parts (``input``,
    ``boxes``, ``pickers``, ...) can be reached on the question too (``q.input`` is ``q.control.input``).
    """

    def __init__(self, spec: dict, value: object = MISSING) -> None:
        self.spec = spec
        self.qid: str = spec["id"]
        self.kind: str = spec["kind"]
        self.question_kind: Kind = kinds.get(self.kind, self.qid)
        self.value = value
        self.hints_shown = 0
        self.reveal_asked = False
        self.last_result: Result | None = None
        qk = self.question_kind
        self.prompt = w.HTML(
            str(
                page(
                    el("div", el("b", spec["prompt"]), cls="summit-prompt"),
                    el("div", f"{qk.how_for(spec)} (question {self.qid})", cls="summit-note"),
                )
            )
        )
        self.notice = w.HTML()
        self.teacher = w.HTML(str(feedback.question_html(self.qid)))  # the teacher's mark and comment, once loaded
        self.alert = controls.alert_area()  # what went wrong when a button was pressed (see _on_click)
        self.control: Control = qk.make_control(spec, value)
        self.control.alert = self.alert  # the control's own buttons and menus say what went wrong there too
        self.check_button = w.Button(
            description=qk.check_label,
            button_style="primary",
            tooltip="Check your answer and save it",
            layout=w.Layout(width="auto"),
        )
        self.hint_button = w.Button(
            description=f"Hint (0 of {len(spec.get('hints') or [])})", tooltip="Show the next hint", layout=w.Layout(width="auto")
        )
        self.reveal_button = w.Button(
            description=qk.reveal_label, tooltip="See the answer (try first!)", layout=w.Layout(width="auto")
        )
        self.hint_button.layout.display = "" if spec.get("hints") else "none"
        self.feedback = _live(w.HTML())
        self.hint_area = _live(w.HTML(), whole=False)
        self.answer_area = _live(w.HTML())
        self.cite_bar = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self.passage = w.HTML()
        self._on_click(self.check_button, self.check)
        self._on_click(self.hint_button, self.hint)
        self._on_click(self.reveal_button, self.reveal)
        buttons = (
            [self.check_button, self.hint_button, self.reveal_button]
            if qk.has_check_button(spec)
            else [self.reveal_button, self.hint_button]
        )
        self.button_row = w.HBox(buttons, layout=w.Layout(flex_flow="row wrap"))
        self.button_row.add_class("summit-buttons")
        super().__init__(
            [
                self.prompt,
                self.notice,
                self.teacher,
                self.control.widget,
                self.button_row,
                self.alert,
                self.feedback,
                self.hint_area,
                self.answer_area,
                self.cite_bar,
                self.passage,
            ],
            layout=w.Layout(border="1px solid #bbb", padding="0.5em", margin="0.5em 0", max_width="100%"),
        )
        self.add_class("summit-question")
        self.add_class(f"summit-kind-{self.kind}")
        try:
            self._restore()
        except Exception as exc:  # re-opening a question must never fail: say what happened instead
            controls.show_alert(self.alert, str(controls.problem_html(exc)))
        notices = progress.take_notices()
        if notices:
            self.notice.value = str(join(_html("⚠ ", n, role="alert") for n in notices))
        if qk.checked_on_run and spec.get("variable"):
            _watch(self)

    def _ipython_display_(self) -> None:
        """Shown in a notebook: the accessibility script (live regions), then the question itself."""
        from IPython.display import display

        accessibility_script()
        display(self._repr_mimebundle_(), raw=True)

    def __getattr__(self, name: str):
        """The control's parts (``input``, ``boxes``, ``pickers``, ``order_now``, ...) on the question itself."""
        control = self.__dict__.get("control")
        if control is None or name.startswith("_"):
            raise AttributeError(name)
        try:
            return getattr(control, name)
        except AttributeError:
            raise AttributeError(
                f"{type(self).__name__!r} (a {self.__dict__.get('kind')} question) has no attribute {name!r}"
            ) from None

    def _on_click(self, button: w.Button, action: Callable[[], object]) -> None:
        """The one place a button gets its action: guarded (:func:`summitkit.controls.guard`), so whatever goes wrong
        is said in ``alert`` (a progress error in its own words), followed by the progress store's notices."""
        controls.on_click(button, action, self.alert, progress.take_notices)

    # ----- reading and writing the learner's answer ---------------------------
    def answer(self) -> object:
        """The learner's current answer, as saved in progress."""
        return self.control.read()

    def set_answer(self, saved: object) -> bool:
        """Put a saved answer back into the control; False if it does not fit this question (never raises)."""
        return self.control.put_back(saved)

    def _restore(self) -> None:
        """Put the saved answer back (re-opening the cell), with its hints, verdict and revealed answer.

        A saved answer that does not fit this question (:meth:`_misfit`) is put aside, not shown.
        """
        saved = progress.record(self.qid)  # never raises: a store it cannot read leaves a notice
        reason = self._misfit(saved) if isinstance(saved, dict) else ""
        if reason:
            self._put_aside(reason)
            saved = None
        self._restore_hints(saved)  # before a code task's check below, which saves the count with its answer
        if self.question_kind.checked_on_run:
            self.check()  # the value arrived with the cell run (or is read by name): check it now
            restored = False
        else:
            if not isinstance(saved, dict):
                return
            answer = saved.get("answer")
            restored = "answer" in saved and not blank(answer)
            if restored and not self.set_answer(answer):
                self._put_aside("it could not be shown in this question's boxes")
                self.hints_shown = 0  # the hints went aside with the record: the question starts afresh
                self._render_hints()
                return
        if not isinstance(saved, dict):
            return
        if restored:
            result = self.question_kind.check(self.spec, saved["answer"])
            when = str(saved.get("updated", ""))[:16].replace("T", " ")
            self._render(result, note=f"Your saved answer (from {short(when)} UTC) is back.")
        if saved.get("revealed"):
            self._render_answer()

    def _restore_hints(self, saved: object) -> None:
        """The hints taken before (saved with or without an answer) are shown again, for every kind (a count that
        is not a whole number is read as none)."""
        if not isinstance(saved, dict):
            return
        hints = saved.get("hints", 0)
        hints = hints if isinstance(hints, int) and not isinstance(hints, bool) else 0
        self.hints_shown = max(0, min(hints, len(self.spec.get("hints") or [])))
        self._render_hints()

    def _misfit(self, saved: dict) -> str:
        """Why a saved record does not fit this question ("" if it does): saved under another kind, or of a shape its control cannot show."""
        if "answer" not in saved:
            return ""
        kind = saved.get("kind")
        if isinstance(kind, str) and kind and kind != self.kind:
            return f"it was saved when this was a {short(kind, 30)} question; it is now a {self.kind} question"
        return self.question_kind.fits(self.spec, saved["answer"])

    def _put_aside(self, reason: str) -> None:
        """Move the saved record aside (the teacher can recover it from the file) so the question starts afresh."""
        try:
            progress.set_aside(self.qid, reason)  # leaves a notice, shown under the prompt
        except OSError as exc:
            controls.show_alert(
                self.alert,
                str(
                    controls.alert_html(
                        f"Your saved answer to this question does not fit it any more ({reason}), so it is not shown. {exc}"
                    )
                ),
            )

    # ----- actions -------------------------------------------------------------
    def check(self) -> Result:
        """Check the current answer, show why, and save it (an empty answer is not an attempt).

        If the answer cannot be saved, the verdict is still shown, with the progress store's sentence saying why. An
        answer over ``progress.MAX_ANSWER_CHARS`` characters is neither checked nor saved: the learner is told first.
        The feedback is shown only once the save has returned: in the browser version the page learns of the verdict
        after the answer is in the browser's storage, so a learner who reloads the moment it shows loses nothing.
        """
        answer = self.answer()
        problem = progress.too_long(answer)
        if problem:  # said before saving, never "Saved" about an answer the store or the grader would not keep
            result = Result("empty", 0.0, problem)
            self._render(result)
            controls.show_alert(self.alert, str(controls.alert_html(f"{problem} Your answer is still in the box above.")))
            return result
        result = self.question_kind.check(self.spec, answer)
        failed = None
        if result.counted:
            try:
                progress.update(
                    self.qid,
                    {
                        "kind": self.kind,
                        "answer": answer,
                        "verdict": result.verdict,
                        "score": round(result.score, 3),
                        "hints": self.hints_shown,
                    },
                    count="attempts",
                )
            except OSError as exc:
                failed = exc
        self._render(result)
        if failed is not None:
            controls.show_alert(
                self.alert, str(controls.alert_html(f"{failed} Your answer was checked and is still in the box above."))
            )
        return result

    def hint(self) -> None:
        """Show the next hint (and remember how many were shown; ProgressError if that cannot be saved: the button says so)."""
        hints = self.spec.get("hints") or []
        if self.hints_shown < len(hints):
            self.hints_shown += 1
            self._render_hints()
            progress.update(self.qid, {"hints": self.hints_shown})  # kept even before a first Check: re-opening keeps the count

    def reveal(self) -> None:
        """Show the answer: at once after an attempt, or on a second, deliberate click (ProgressError if it cannot be recorded)."""
        attempted = bool((progress.record(self.qid) or {}).get("attempts"))
        if not attempted and not self.reveal_asked:
            self.reveal_asked = True
            self.answer_area.value = str(
                _html(
                    "Have a go first: you learn more from a wrong answer than from reading the right one. "
                    "Press the button again to see the answer anyway.",
                    role="status",
                )
            )
            return
        self._render_answer()
        progress.update(self.qid, {"revealed": True})

    # ----- showing things ------------------------------------------------------
    def _render(self, result: Result, note: str = "") -> None:
        self.last_result = result
        extra = el("div", note, cls="summit-muted") if note else ""
        self.feedback.value = str(
            _html(
                el("b", f"{SYMBOL[result.verdict]}."),
                " ",
                result.message,
                extra,
                role="status",
                cls=f"summit-feedback summit-verdict summit-verdict-{result.verdict}",
            )
        )
        self._render_cites(self.question_kind.cites_after(self.spec, result))
        self.control.show_marks(result)

    def _render_hints(self) -> None:
        hints = self.spec.get("hints") or []
        self.hint_button.description = f"Hint ({self.hints_shown} of {len(hints)})"
        self.hint_button.disabled = self.hints_shown >= len(hints)
        shown = [_html(el("b", f"Hint {i + 1}:"), " ", h) for i, h in enumerate(hints[: self.hints_shown])]
        self.hint_area.value = str(el("div", *shown, role="status")) if shown else ""

    def _render_answer(self) -> None:
        qk = self.question_kind
        explain = self.spec.get("explain") or ""
        self.answer_area.value = str(
            _html(
                el("b", f"{qk.answer_label}:"),
                " ",
                qk.answer_text(self.spec),
                *((el("br"), explain) if explain else ()),
                role="status",
                cls="summit-answer",
            )
        )
        self._render_cites(qk.reveal_cites(self.spec))

    def _render_cites(self, cites: list[str]) -> None:
        buttons = []
        for text in cites:
            citation = parse_citation(text)
            button = w.Button(description=f"Read {citation}", tooltip=f"Show {citation} here", layout=w.Layout(width="auto"))
            self._on_click(button, lambda c=citation: self.read(c))
            buttons.append(button)
        self.cite_bar.children = buttons

    def read(self, citation: Citation) -> None:
        """Show (or hide, on a second click) the cited passage."""
        html_text = str(_html(raw(citation.html())))
        self.passage.value = "" if self.passage.value == html_text else html_text
