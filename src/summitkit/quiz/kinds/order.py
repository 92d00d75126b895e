"""Ordering: put items in sequence (declared in the right order, shown shuffled)."""

from __future__ import annotations

import random
from collections import Counter

from summitkit.quiz.kinds.base import Control, Field, Kind, blank, mark_html, mark_slot, shape, strings
from summitkit.quiz.result import Result


class OrderControl(Control):
    """The items as a numbered list. Each row has a dropdown of its place (choose 1 to move the item to the top, and the
    others shift down: any order in a few choices) labelled with the item itself, ↑ and ↓ buttons for one step, and the
    place for its ✓/✗ mark. The rows stay put and their contents move, so keyboard focus is never lost: after a move it
    follows the item. An untouched (shuffled) order is no answer yet."""

    def build(self):
        import ipywidgets as w

        self.order_now: list[str] = list(self.spec.get("shuffled", []))
        self.order_touched = False
        self._drawing = False
        count = len(self.order_now)
        self.places, self.ups, self.downs, self.marks, rows = [], [], [], [], []
        for i in range(count):
            place = w.Dropdown(
                options=[(str(n), n) for n in range(1, count + 1)],
                value=i + 1,
                description="",
                style={"description_width": "initial"},
                layout=w.Layout(width="auto"),
            )
            place.add_class("summit-pick")
            place.add_class("summit-order-pick")
            up = w.Button(description="↑", layout=w.Layout(width="2.6em"))
            down = w.Button(description="↓", layout=w.Layout(width="2.6em"))
            # guarded: what goes wrong is said in the question (a place set while drawing is no choice, and clears nothing)
            place.observe(
                lambda change, i=i: None if self._drawing else self.guarded(self._chosen)(i, change["new"]), names="value"
            )
            up.on_click(self.guarded(lambda _, i=i: self.move(i, -1)))
            down.on_click(self.guarded(lambda _, i=i: self.move(i, 1)))
            slot = mark_slot()
            self.places.append(place)
            self.ups.append(up)
            self.downs.append(down)
            self.marks.append(slot)
            row = w.HBox([place, up, down, slot], layout=w.Layout(max_width="100%"))
            row.add_class("summit-item-row")
            rows.append(row)
        self.order_box = w.VBox(rows, layout=w.Layout(max_width="100%"))
        self.draw()
        return self.order_box

    def draw(self) -> None:
        """Show the current order in the rows (labels, places, which buttons can move)."""
        self._drawing = True
        try:
            last = len(self.order_now) - 1
            for i, item in enumerate(self.order_now):
                self.places[i].description = item
                self.places[i].value = i + 1
                self.ups[i].disabled, self.downs[i].disabled = i == 0, i == last
                self.ups[i].tooltip = f"Move up: {item[:60]}"
                self.downs[i].tooltip = f"Move down: {item[:60]}"
        finally:
            self._drawing = False

    def _chosen(self, index: int, place: object) -> None:
        if self._drawing or not isinstance(place, int):
            return
        self.move_to(index, place - 1)
        if 0 <= place - 1 < len(self.places):
            self.places[place - 1].focus()  # focus follows the item to its new place

    def move_to(self, index: int, target: int) -> None:
        """Move the item at ``index`` to place ``target`` (from 0); the items between shift by one. Out of range does nothing."""
        count = len(self.order_now)
        if not (0 <= index < count and 0 <= target < count) or index == target:
            if 0 <= index < count:
                self.draw()  # put the dropdown back on its own place
            return
        before = list(self.order_now)
        item = self.order_now.pop(index)
        self.order_now.insert(target, item)
        self.order_touched = True
        for i, (old, new) in enumerate(zip(before, self.order_now)):
            if old != new:
                self.marks[i].value = ""  # a moved item loses its mark
        self.draw()

    def move(self, index: int, delta: int) -> None:
        """Move the item at ``index`` up (-1) or down (+1); out of range does nothing. Focus follows it."""
        target = index + delta
        if 0 <= index < len(self.order_now) and 0 <= target < len(self.order_now):
            self.move_to(index, target)
            button = (self.ups if delta < 0 else self.downs)[target]
            (button if not button.disabled else self.places[target]).focus()

    def read(self) -> object:
        return list(self.order_now) if self.order_touched else []

    def restore(self, saved: object) -> bool:
        if not _same_items(saved, self.order_now):
            return False
        self.order_now = list(saved)
        self.order_touched = True
        self.draw()
        return True

    def show_marks(self, result: Result) -> None:
        """✓ in place / ✗ not in place beside each item (only once the learner has put them in an order)."""
        for i, item in enumerate(self.order_now):
            right = result.marks.get(item) if self.order_touched and result.marks else None
            self.marks[i].value = mark_html(right, ("✓ in place", "✗ not in place"))


def _same_items(answer: object, items: list[str]) -> bool:
    return isinstance(answer, (list, tuple)) and all(isinstance(a, str) for a in answer) and Counter(answer) == Counter(items)


class Order(Kind):
    """Put ``items`` (given here in the right order; shown shuffled) in sequence."""

    name = "order"
    fields = (Field("items", annotation="list[str]"),)
    derived = ("shuffled",)
    how = (
        "Put these in order, earliest first: choose each item's place from its number menu (the others move to make room), "
        "or move it one step with ↑ and ↓."
    )
    empty = "Put the items in order first (choose a number beside an item, or use ↑ and ↓), then press Check."
    control = OrderControl
    example = {
        "prompt": "Put these in order.",
        "items": [
            "Six-Party Talks launched (2003)",
            "Kim Jong-il meets Medvedev (2011)",
            "Putin and Kim meet in Vladivostok (2019)",
        ],
    }

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
        wrong = [str(i) for i, mine in enumerate(answer, start=1) if not marks[mine]]
        places = wrong[0] if len(wrong) == 1 else ", ".join(wrong[:-1]) + " and " + wrong[-1]
        return Result(
            "partial" if in_place else "wrong",
            in_place / total,
            f"{in_place} of {total} in the right place. Not in place yet (marked ✗): the item{'s' if len(wrong) > 1 else ''} "
            f"at place{'s' if len(wrong) > 1 else ''} {places}. Start with the one you are surest of, "
            "then place the others around it.",
            marks=marks,
        )

    def answer_text(self, spec: dict) -> str:
        return " → ".join(spec["items"])

    def right_answer(self, spec: dict) -> object:
        return list(spec["items"])
