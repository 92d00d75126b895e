"""The widget that shows a question, checks it, explains why, and remembers the answer."""

from __future__ import annotations

import html

import ipywidgets as w

from summitkit import progress
from summitkit.citations import Citation, parse_citation
from summitkit.quiz.spec import SYMBOL, Result, check

HOW = {
    "single": "Choose one answer.",
    "multiple": "Tick every answer that is right.",
    "order": "Put these in order, earliest first, with the ↑ and ↓ buttons.",
    "match": "Match each item on the left with one on the right.",
    "categorize": "Sort each item into a group.",
    "date": "Type a date.",
    "number": "Type a number.",
    "evidence": "Pick the paragraph that supports the statement, and read it.",
    "written": "Write your answer, then tick the checklist against what you wrote.",
    "code": "Compute the value in the code cell above, then run this cell.",
}
_BORDER = {"correct": "#1b7837", "partial": "#b35806", "wrong": "#762a83", "empty": "#777", "saved": "#2166ac"}
_MISSING = object()
_NONE = "— choose —"
# Let long option labels wrap instead of being cut off with "…" on narrow screens (ipywidgets keeps them on one line).
STYLE = ("<style>.summit-question .widget-inline-hbox.widget-checkbox,.summit-question .widget-radio-box label{height:auto;"
         "min-height:var(--jp-widgets-inline-height)}.summit-question .widget-label-basic,.summit-question .widget-label-basic span,"
         ".summit-question .widget-radio-box label{white-space:normal;overflow:visible;text-overflow:clip;line-height:1.35}"
         ".summit-question .widget-radio-box label{margin-bottom:0.25em}.summit-question{max-width:100%}</style>")


def esc(text: object) -> str:
    """Text made safe to put inside HTML (learner text is never rendered as HTML)."""
    return html.escape(str(text), quote=True)


def _answer_text(spec: dict) -> str:
    kind = spec["kind"]
    if kind in ("single", "number", "code"):
        return str(spec["answer"])
    if kind == "multiple":
        return "; ".join(spec["answer"])
    if kind == "order":
        return " → ".join(spec["items"])
    if kind == "match":
        return "; ".join(f"{k} → {v}" for k, v in spec["pairs"].items())
    if kind == "categorize":
        return "; ".join(f"{k} → {v}" for k, v in spec["items"].items())
    if kind == "date":
        return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(spec["answer"]) if p is not None)
    if kind == "evidence":
        return ", ".join(spec["answer"])
    return spec.get("model", "")


class QuestionWidget(w.VBox):
    """One question: prompt, answer controls, Check / Hint / Show answer, feedback and passages."""

    def __init__(self, spec: dict, value: object = _MISSING) -> None:
        self.spec = spec
        self.qid = spec["id"]
        self.kind = spec["kind"]
        self.value = value
        self.hints_shown = 0
        self.reveal_asked = False
        self.last_result: Result | None = None
        self.order_now: list[str] = list(spec.get("shuffled", []))
        self.order_touched = False  # an untouched, shuffled order is not an answer yet
        self.prompt = w.HTML(
            f"{STYLE}<div style='font-size:1.05em'><b>{esc(spec['prompt'])}</b></div>"
            f"<div style='color:#555;font-size:0.9em'>{esc(HOW[self.kind])} (question {esc(self.qid)})</div>"
        )
        self.notice = w.HTML()
        self.control = self._build_control()
        self.check_button = w.Button(description="Save" if self.kind == "written" else "Check", button_style="primary",
                                     tooltip="Check your answer and save it")
        self.hint_button = w.Button(description=f"Hint (0 of {len(spec.get('hints') or [])})", tooltip="Show the next hint")
        self.reveal_button = w.Button(description="Show model answer" if self.kind == "written" else "Show answer",
                                      tooltip="See the answer (try first!)", layout=w.Layout(width="auto", min_width="10em"))
        self.hint_button.layout.display = "" if spec.get("hints") else "none"
        self.feedback = w.HTML()
        self.hint_area = w.HTML()
        self.answer_area = w.HTML()
        self.cite_bar = w.HBox()
        self.passage = w.HTML()
        self.check_button.on_click(lambda _: self.check())
        self.hint_button.on_click(lambda _: self.hint())
        self.reveal_button.on_click(lambda _: self.reveal())
        buttons = [self.reveal_button, self.hint_button] if self.kind == "code" else [self.check_button, self.hint_button, self.reveal_button]
        super().__init__([self.prompt, self.notice, self.control, w.HBox(buttons), self.feedback, self.hint_area,
                          self.answer_area, self.cite_bar, self.passage],
                         layout=w.Layout(border="1px solid #bbb", padding="0.5em", margin="0.5em 0"))
        self.add_class("summit-question")
        self._restore()
        notices = progress.take_notices()
        if notices:
            self.notice.value = "".join(f"<div role='alert'>⚠ {esc(n)}</div>" for n in notices)

    # ----- controls per kind -------------------------------------------------
    def _build_control(self) -> w.Widget:
        spec, kind = self.spec, self.kind
        if kind == "single":
            self.input = w.RadioButtons(options=spec["options"], value=None, layout=w.Layout(width="auto"))
            return self.input
        if kind == "multiple":
            self.boxes = [w.Checkbox(description=o, value=False, indent=False, layout=w.Layout(width="auto")) for o in spec["options"]]
            return w.VBox(self.boxes)
        if kind == "order":
            self.order_box = w.VBox()
            self._draw_order()
            return self.order_box
        if kind in ("match", "categorize"):
            lefts = spec["lefts"] if kind == "match" else spec["item_list"]
            choices = spec["choices"] if kind == "match" else spec["categories"]
            self.pickers = {left: w.Dropdown(options=[(_NONE, None)] + [(c, c) for c in choices], value=None,
                                             layout=w.Layout(width="18em")) for left in lefts}
            rows = [w.HBox([w.HTML(f"<div style='padding-top:0.3em'>{esc(left)}</div>", layout=w.Layout(flex="1 1 auto", max_width="30em")),
                            picker]) for left, picker in self.pickers.items()]
            return w.VBox(rows)
        if kind in ("date", "number"):
            placeholder = {"date": {"year": "e.g. 2017", "month": "e.g. 2017-07 or July 2017", "day": "e.g. 2017-07-04 or 4 July 2017"}
                           .get(spec.get("precision", "day")), "number": "a number"}[kind]
            self.input = w.Text(placeholder=placeholder, description=spec.get("unit") or "", continuous_update=True)
            return self.input
        if kind == "evidence":
            self.input = w.Dropdown(options=[(_NONE, None)] + [(o, o) for o in spec["options"]], value=None, description="Paragraph:")
            self.reading = w.HTML()
            self.input.observe(self._show_reading, names="value")
            statement = w.HTML(f"<div style='margin:0.3em 0'>Statement: <i>“{esc(spec['statement'])}”</i></div>")
            return w.VBox([statement, self.input, self.reading])
        if kind == "written":
            self.input = w.Textarea(placeholder="Write here. Cite paragraphs like rsis ¶8.", layout=w.Layout(width="100%", max_width="46em", height="9em"))
            self.boxes = [w.Checkbox(description=r, value=False, indent=False, layout=w.Layout(width="auto")) for r in spec["rubric"]]
            self.count = w.Label()
            self.input.observe(lambda _: setattr(self.count, "value", f"{len(self.input.value.split())} words"), names="value")
            return w.VBox([self.input, self.count, w.HTML("<b>Checklist</b> (tick what your answer does):"), *self.boxes])
        # code
        shown = "nothing yet (…)" if self.value in (_MISSING, Ellipsis, None) else repr(self.value)
        return w.HTML(f"<div>Your value: <code>{esc(shown[:200])}</code></div>")

    def _draw_order(self) -> None:
        rows = []
        for i, item in enumerate(self.order_now):
            up = w.Button(description="↑", tooltip=f"Move up: {item[:40]}", layout=w.Layout(width="3em"), disabled=i == 0)
            down = w.Button(description="↓", tooltip=f"Move down: {item[:40]}", layout=w.Layout(width="3em"),
                            disabled=i == len(self.order_now) - 1)
            up.on_click(lambda _, i=i: self.move(i, -1))
            down.on_click(lambda _, i=i: self.move(i, 1))
            rows.append(w.HBox([up, down, w.HTML(f"<div style='padding-top:0.3em'>{i + 1}. {esc(item)}</div>")]))
        self.order_box.children = rows

    def move(self, index: int, delta: int) -> None:
        """Move an item of an ordering question up (-1) or down (+1)."""
        target = index + delta
        if 0 <= index < len(self.order_now) and 0 <= target < len(self.order_now):
            self.order_now[index], self.order_now[target] = self.order_now[target], self.order_now[index]
            self.order_touched = True
            self._draw_order()

    def _show_reading(self, change) -> None:
        if change["new"]:
            self.reading.value = parse_citation(change["new"]).html()
        else:
            self.reading.value = ""

    # ----- reading and writing the learner's answer ---------------------------
    def answer(self) -> object:
        """The learner's current answer, as saved in progress."""
        kind = self.kind
        if kind == "multiple":
            return [b.description for b in self.boxes if b.value]
        if kind == "order":
            return list(self.order_now) if self.order_touched else []
        if kind in ("match", "categorize"):
            return {k: p.value for k, p in self.pickers.items() if p.value}
        if kind == "written":
            return {"text": self.input.value, "rubric": [b.value for b in self.boxes]}
        if kind == "code":
            return None if self.value is _MISSING else self.value
        return self.input.value

    def set_answer(self, saved: object) -> None:
        """Put a saved answer back into the controls (unknown values are ignored)."""
        kind = self.kind
        try:
            if kind == "single" and saved in self.spec["options"]:
                self.input.value = saved
            elif kind == "multiple":
                for box in self.boxes:
                    box.value = box.description in (saved or [])
            elif kind == "order" and sorted(saved or []) == sorted(self.order_now):
                self.order_now = list(saved)
                self.order_touched = True
                self._draw_order()
            elif kind in ("match", "categorize"):
                for key, picker in self.pickers.items():
                    value = (saved or {}).get(key)
                    picker.value = value if value in [o[1] for o in picker.options] else None
            elif kind == "evidence" and saved in self.spec["options"]:
                self.input.value = saved
            elif kind in ("date", "number"):
                self.input.value = str(saved or "")
            elif kind == "written":
                self.input.value = str((saved or {}).get("text", ""))
                for box, ticked in zip(self.boxes, (saved or {}).get("rubric", [])):
                    box.value = bool(ticked)
        except (TypeError, AttributeError, w.TraitError):
            pass

    def _restore(self) -> None:
        try:
            saved = progress.record(self.qid)
        except OSError as exc:
            self.notice.value = f"<div role='alert'>⚠ Saved answers cannot be read here ({esc(exc)}); answers will not be kept.</div>"
            saved = None
        if self.kind == "code":
            self.check()  # the value arrived with the cell run: check it now
            return
        if not saved or "answer" not in saved:
            return
        self.set_answer(saved["answer"])
        self.hints_shown = min(int(saved.get("hints", 0) or 0), len(self.spec.get("hints") or []))
        self._render_hints()
        result = check(self.spec, saved["answer"])
        when = str(saved.get("updated", ""))[:16].replace("T", " ")
        self._render(result, note=f"Your saved answer (from {when} UTC) is back.")
        if saved.get("revealed"):
            self._render_answer()

    # ----- actions -------------------------------------------------------------
    def check(self) -> Result:
        """Check the current answer, show why, and save it (an empty answer is not an attempt)."""
        result = check(self.spec, self.answer())
        note = ""
        if result.verdict != "empty":
            try:
                progress.update(self.qid, {"kind": self.kind, "answer": self.answer(), "verdict": result.verdict,
                                           "score": round(result.score, 3), "hints": self.hints_shown}, count="attempts")
            except OSError as exc:
                note = f"Your answer could not be saved ({exc}); it is still in the box above."
        self._render(result, note=note)
        return result

    def hint(self) -> None:
        """Show the next hint."""
        hints = self.spec.get("hints") or []
        if self.hints_shown < len(hints):
            self.hints_shown += 1
            self._render_hints()
            if progress.record(self.qid) is not None:
                progress.update(self.qid, {"hints": self.hints_shown})

    def reveal(self) -> None:
        """Show the answer: at once after an attempt, or on a second, deliberate click."""
        attempted = bool((progress.record(self.qid) or {}).get("attempts"))
        if not attempted and not self.reveal_asked:
            self.reveal_asked = True
            self.answer_area.value = ("<div role='status'>Have a go first: you learn more from a wrong answer than from reading the "
                                      "right one. Press the button again to see the answer anyway.</div>")
            return
        self._render_answer()
        progress.update(self.qid, {"revealed": True})

    # ----- showing things ------------------------------------------------------
    def _render(self, result: Result, note: str = "") -> None:
        self.last_result = result
        colour = _BORDER[result.verdict]
        extra = f"<div style='color:#555'>{esc(note)}</div>" if note else ""
        self.feedback.value = (f"<div role='status' class='summit-feedback' style='border-left:4px solid {colour};padding-left:0.6em'>"
                               f"<b>{esc(SYMBOL[result.verdict])}.</b> {esc(result.message)}{extra}</div>")
        cites = result.cite if result.verdict == "correct" else []
        if result.verdict in ("wrong", "partial") and self.kind != "evidence":  # where to look, without giving the answer away
            cites = self.spec.get("cite") or []
        self._render_cites(cites)
        if result.verdict == "saved" and self.kind == "written":
            self.reveal_button.description = "Show model answer"

    def _render_hints(self) -> None:
        hints = self.spec.get("hints") or []
        self.hint_button.description = f"Hint ({self.hints_shown} of {len(hints)})"
        self.hint_button.disabled = self.hints_shown >= len(hints)
        self.hint_area.value = "".join(f"<div><b>Hint {i + 1}:</b> {esc(h)}</div>" for i, h in enumerate(hints[: self.hints_shown]))

    def _render_answer(self) -> None:
        label = "Model answer" if self.kind == "written" else "Answer"
        explain = self.spec.get("explain") or ""
        self.answer_area.value = (f"<div role='status' style='background:#f4f4f4;padding:0.4em'><b>{label}:</b> "
                                  f"{esc(_answer_text(self.spec))}" + (f"<br>{esc(explain)}" if explain else "") + "</div>")
        self._render_cites(self.spec.get("cite") or (self.spec["answer"] if self.kind == "evidence" else []))

    def _render_cites(self, cites: list[str]) -> None:
        buttons = []
        for text in cites:
            citation = parse_citation(text)
            button = w.Button(description=f"Read {citation}", tooltip=f"Show {citation} here", layout=w.Layout(width="auto"))
            button.on_click(lambda _, c=citation: self.read(c))
            buttons.append(button)
        self.cite_bar.children = buttons

    def read(self, citation: Citation) -> None:
        """Show (or hide, on a second click) the cited passage."""
        html_text = citation.html()
        self.passage.value = "" if self.passage.value == html_text else html_text
