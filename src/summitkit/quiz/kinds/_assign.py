"""What matching and categorising share: each row (an item) gets one choice from a dropdown."""

from __future__ import annotations

from summitkit.markup import el
from summitkit.quiz.kinds.base import Control, Kind, blank, shape, short
from summitkit.quiz.result import Result

NONE = "— choose —"


class DropdownRows(Control):
    """One row per item: its text, and a dropdown of the choices (blank at first)."""

    def build(self):
        import ipywidgets as w

        choices = self.kind.choices(self.spec)
        self.pickers = {row: w.Dropdown(options=[(NONE, None)] + [(c, c) for c in choices], value=None, layout=w.Layout(width="18em"))
                        for row in self.kind.rows(self.spec)}
        rows = [w.HBox([w.HTML(str(el("div", row, cls="summit-row-label")), layout=w.Layout(flex="1 1 auto", max_width="30em")),
                        picker]) for row, picker in self.pickers.items()]
        return w.VBox(rows)

    def read(self) -> object:
        return {row: picker.value for row, picker in self.pickers.items() if picker.value}

    def restore(self, saved: object) -> bool:
        if not isinstance(saved, dict):
            return False
        for row, picker in self.pickers.items():
            value = saved.get(row)
            picker.value = value if value in [o[1] for o in picker.options] else None
        return True


class Assignment(Kind):
    """A kind whose answer maps each row to one choice (match, categorize)."""

    control = DropdownRows

    def rows(self, spec: dict) -> list[str]:
        """The items, in the order shown."""
        raise NotImplementedError

    def choices(self, spec: dict) -> list[str]:
        """What each item can be given."""
        raise NotImplementedError

    def truth(self, spec: dict) -> dict[str, str]:
        """Each item's right choice."""
        raise NotImplementedError

    def fits(self, spec: dict, answer: object) -> str:
        if blank(answer):
            return ""
        if not isinstance(answer, dict):
            return f"it is {shape(answer)}, not a table of choices"
        rows, choices = self.rows(spec), self.choices(spec)
        for row, choice in answer.items():
            if row not in rows:
                return f"it gives a choice for “{short(row)}”, which is not one of its items"
            if choice not in (None, "") and choice not in choices:
                return f"it gives “{short(choice)}”, which is not one of its choices"
        return ""

    def check(self, spec: dict, answer: object) -> Result:
        truth = self.truth(spec)
        picked = {k: v for k, v in answer.items() if v and k in truth} if isinstance(answer, dict) else {}
        if not picked:
            return Result("empty", 0.0, self.empty)
        marks = {k: picked.get(k) == v for k, v in truth.items()}
        right, total = sum(marks.values()), len(truth)
        if right == total:
            return self.correct(spec, f"All {total} right.", marks=marks)
        blank = total - len(picked)
        gap = f" ({blank} left blank)" if blank else ""
        return Result("partial" if right else "wrong", right / total,
                      f"{right} of {total} right{gap}. Look again at the ones you are least sure of; the hint can help.", marks=marks)

    def answer_text(self, spec: dict) -> str:
        return "; ".join(f"{k} → {v}" for k, v in self.truth(spec).items())

    def right_answer(self, spec: dict) -> object:
        return dict(self.truth(spec))
