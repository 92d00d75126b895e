"""Ordering: put items in sequence (declared in the right order, shown shuffled)."""

from __future__ import annotations

import random
from collections import Counter

from summitkit.markup import el
from summitkit.quiz.kinds.base import Control, Field, Kind, blank, shape, strings
from summitkit.quiz.result import Result


class OrderControl(Control):
    """The items in a column, each with ↑ and ↓ buttons. An untouched (shuffled) order is no answer yet."""

    def build(self):
        import ipywidgets as w

        self.order_now: list[str] = list(self.spec.get("shuffled", []))
        self.order_touched = False
        self.order_box = w.VBox()
        self.draw()
        return self.order_box

    def draw(self) -> None:
        import ipywidgets as w

        rows = []
        for i, item in enumerate(self.order_now):
            up = w.Button(description="↑", tooltip=f"Move up: {item[:40]}", layout=w.Layout(width="3em"), disabled=i == 0)
            down = w.Button(description="↓", tooltip=f"Move down: {item[:40]}", layout=w.Layout(width="3em"),
                            disabled=i == len(self.order_now) - 1)
            up.on_click(lambda _, i=i: self.move(i, -1))
            down.on_click(lambda _, i=i: self.move(i, 1))
            rows.append(w.HBox([up, down, w.HTML(str(el("div", f"{i + 1}. ", item, cls="summit-row-label")))]))
        self.order_box.children = rows

    def move(self, index: int, delta: int) -> None:
        """Move the item at ``index`` up (-1) or down (+1); out of range does nothing."""
        target = index + delta
        if 0 <= index < len(self.order_now) and 0 <= target < len(self.order_now):
            self.order_now[index], self.order_now[target] = self.order_now[target], self.order_now[index]
            self.order_touched = True
            self.draw()

    def read(self) -> object:
        return list(self.order_now) if self.order_touched else []

    def restore(self, saved: object) -> bool:
        if not _same_items(saved, self.order_now):
            return False
        self.order_now = list(saved)
        self.order_touched = True
        self.draw()
        return True


def _same_items(answer: object, items: list[str]) -> bool:
    return isinstance(answer, (list, tuple)) and all(isinstance(a, str) for a in answer) and Counter(answer) == Counter(items)


class Order(Kind):
    """Put ``items`` (given here in the right order; shown shuffled) in sequence."""

    name = "order"
    fields = (Field("items", annotation="list[str]"),)
    derived = ("shuffled",)
    how = "Put these in order, earliest first, with the ↑ and ↓ buttons."
    empty = "Put the items in order with the ↑ and ↓ buttons, then press Check."
    control = OrderControl
    example = {"prompt": "Put these in order.", "items": ["Six-Party Talks launched (2003)", "Kim Jong-il meets Medvedev (2011)",
                                                       "Putin and Kim meet in Vladivostok (2019)"]}

    def normalize(self, spec: dict) -> None:
        items = strings(spec["id"], "items", spec["items"], 3)
        shuffled = items[:]
        random.Random(spec["id"]).shuffle(shuffled)
        while shuffled == items:
            shuffled = shuffled[1:] + shuffled[:1]
        spec["items"], spec["shuffled"] = items, shuffled

    def fits(self, spec: dict, answer: object) -> str:
        if blank(answer) or _same_items(answer, spec["items"]):
            return ""
        if not isinstance(answer, (list, tuple)):
            return f"it is {shape(answer)}, not a list of its items in order"
        return "it does not hold this question's items (the items were changed)"

    def check(self, spec: dict, answer: object) -> Result:
        items = spec["items"]
        if not _same_items(answer, items):
            return Result("empty", 0.0, self.empty)
        marks = {mine: mine == right for mine, right in zip(answer, items)}
        in_place, total = sum(marks.values()), len(items)
        if in_place == total:
            return self.correct(spec, f"All {total} in place.", marks=marks)
        return Result("partial" if in_place else "wrong", in_place / total,
                      f"{in_place} of {total} in place. Start with the one you are surest of, then place the others around it.",
                      marks=marks)

    def answer_text(self, spec: dict) -> str:
        return " → ".join(spec["items"])

    def right_answer(self, spec: dict) -> object:
        return list(spec["items"])
