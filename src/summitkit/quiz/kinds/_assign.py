"""What matching and categorising share: each row (an item) gets one choice from a dropdown."""

from __future__ import annotations

from summitkit.quiz.kinds.base import CHOOSE, NOTHING, Control, Kind, blank, listed, mark_html, mark_slot, shape, short
from summitkit.quiz.result import Result

NONE = CHOOSE  # the name older code used for the blank choice


class DropdownRows(Control):
    """One row per item: the item's text as the dropdown's label (its accessible name), the dropdown of choices
    ("— choose —" at first), and the place for its ✓/✗ mark after Check."""

    def build(self):
        import ipywidgets as w

        choices = self.kind.choices(self.spec)
        self.pickers = {}
        self.marks = {}
        rows = []
        for item in self.kind.rows(self.spec):
            picker = w.Dropdown(
                options=[(CHOOSE, NOTHING)] + [(c, c) for c in choices],
                value=NOTHING,
                description=item,
                style={"description_width": "initial"},
                layout=w.Layout(width="auto"),
            )
            picker.add_class("summit-pick")
            slot = mark_slot()
            picker.observe(lambda _, slot=slot: setattr(slot, "value", ""), names="value")  # a changed item loses its mark
            self.pickers[item], self.marks[item] = picker, slot
            row = w.HBox([picker, slot], layout=w.Layout(align_items="center", max_width="100%"))
            row.add_class("summit-item-row")
            rows.append(row)
        return w.VBox(rows, layout=w.Layout(max_width="100%"))

    def read(self) -> object:
        return {row: picker.value for row, picker in self.pickers.items() if picker.value}

    def restore(self, saved: object) -> bool:
        if not isinstance(saved, dict):
            return False
        for row, picker in self.pickers.items():
            value = saved.get(row)
            picker.value = value if isinstance(value, str) and value in [o[1] for o in picker.options] else NOTHING
        return True

    def show_marks(self, result: Result) -> None:
        """✓ right / ✗ not right beside each item chosen; nothing beside an item left on "— choose —"."""
        for item, slot in self.marks.items():
            chosen = bool(self.pickers[item].value)
            slot.value = mark_html(result.marks.get(item) if chosen and item in result.marks else None)


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
        wrong = [k for k in self.rows(spec) if k in picked and not marks[k]]
        unset = [k for k in self.rows(spec) if k not in picked]
        said = [f"{right} of {total} right."]
        if wrong:
            said.append(f"Not right yet (marked ✗): {listed(wrong)}.")
        if unset:
            said.append(f"No choice yet for {listed(unset)}." if len(unset) <= 3 else f"{len(unset)} items have no choice yet.")
        said.append("Change the ones marked ✗; the hint can help." if wrong else "Choose for those too, then check again.")
        return Result("partial" if right else "wrong", right / total, " ".join(said), marks=marks)

    def answer_text(self, spec: dict) -> str:
        return "; ".join(f"{k} → {v}" for k, v in self.truth(spec).items())

    def right_answer(self, spec: dict) -> object:
        return dict(self.truth(spec))
