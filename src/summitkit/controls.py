"""Widget controls the views share: a row that wraps on a narrow screen, and the one pager.

ipywidgets is imported when a control is made, never when this module is imported.
"""

from __future__ import annotations

from collections.abc import Callable


def row(*children):  # -> ipywidgets.HBox
    """An HBox of controls that wraps when the notebook is narrow instead of running off the page."""
    import ipywidgets as w

    return w.HBox(list(children), layout=w.Layout(flex_flow="row wrap", align_items="center"))


class Pager:
    """◀ Previous · (any controls) · Next ▶ · “paragraph 3 of 11”: one item at a time, for every reader.

    The view that owns the pager says where it is with :meth:`show`, and moves when the pager calls
    ``on_move(index)`` (after a click on Previous or Next). ``box`` is the row to put on the page;
    :meth:`footer` makes a second row for the bottom of a long item, kept in step with the first.
    """

    def __init__(self, noun: str, *middle: object, on_move: Callable[[int], None] | None = None) -> None:
        self.noun = noun
        self.on_move = on_move
        self.index, self.count = 0, 0
        self._rows: list[tuple] = []
        self.prev_button, self.next_button, self.position = self._buttons()
        self.box = row(self.prev_button, *middle, self.next_button, self.position)

    def _buttons(self) -> tuple:
        import ipywidgets as w

        prev_button = w.Button(description="◀ Previous", tooltip=f"Previous {self.noun}")
        next_button = w.Button(description="Next ▶", tooltip=f"Next {self.noun}")
        position = w.Label()
        prev_button.on_click(lambda _: self.step(-1))
        next_button.on_click(lambda _: self.step(1))
        self._rows.append((prev_button, next_button, position))
        return prev_button, next_button, position

    def footer(self):  # -> ipywidgets.HBox
        """Previous · Next · position again, for the foot of an item taller than the screen."""
        prev_button, next_button, position = self._buttons()
        self._paint()
        return row(prev_button, next_button, position)

    def show(self, index: int | None, count: int) -> None:
        """Say that item ``index`` (from 0) of ``count`` is shown (None: nothing is)."""
        self.index, self.count = (index if index is not None else -1), count
        self._paint()

    def _paint(self) -> None:
        index = self.index if self.index >= 0 else None
        text = f"no {self.noun} to show" if index is None else f"{self.noun} {index + 1} of {self.count}"
        for prev_button, next_button, position in self._rows:
            position.value = text
            prev_button.disabled = index is None or index <= 0
            next_button.disabled = index is None or index >= self.count - 1

    def step(self, delta: int) -> None:
        """Move ``delta`` items (clamped to the first and last), telling the view through ``on_move``."""
        if self.count and self.index >= 0:
            target = min(max(0, self.index + delta), self.count - 1)
            if target != self.index and self.on_move:
                self.on_move(target)
