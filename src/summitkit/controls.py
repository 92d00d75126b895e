"""Widget controls the views share: a row that wraps on a narrow screen, and the one pager.

ipywidgets is imported when a control is made, never when this module is imported.
"""

from __future__ import annotations

from collections.abc import Callable

from summitkit.markup import ACCESSIBILITY_SCRIPT


def accessibility_script() -> None:
    """Inside IPython, display the script that gives the widgets their live regions and slider names
    (:data:`summitkit.markup.ACCESSIBILITY_SCRIPT`; it runs once per page however often it is shown). Nothing elsewhere."""
    try:
        from IPython import get_ipython
        from IPython.display import Javascript, display
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    if get_ipython() is not None:
        display(Javascript(ACCESSIBILITY_SCRIPT))


def row(*children):  # -> ipywidgets.HBox
    """An HBox of controls that wraps when the notebook is narrow instead of running off the page."""
    import ipywidgets as w

    return w.HBox(list(children), layout=w.Layout(flex_flow="row wrap", align_items="center", max_width="100%"))


class Pager:
    """◀ Previous · (any controls) · Next ▶ · “paragraph 3 of 11”: one item at a time, for every reader.

    The view that owns the pager says where it is with :meth:`show`, and moves when the pager calls
    ``on_move(index)`` (after a click on Previous or Next). ``box`` is the row to put on the page.
    """

    def __init__(self, noun: str, *middle: object, on_move: Callable[[int], None] | None = None) -> None:
        import ipywidgets as w

        self.noun = noun
        self.prev_button = w.Button(description="◀ Previous", tooltip=f"Previous {noun}")
        self.next_button = w.Button(description="Next ▶", tooltip=f"Next {noun}")
        self.position = w.Label()
        self.on_move = on_move
        self.index, self.count = 0, 0
        self.prev_button.on_click(lambda _: self.step(-1))
        self.next_button.on_click(lambda _: self.step(1))
        self.box = row(self.prev_button, *middle, self.next_button, self.position)

    def show(self, index: int | None, count: int) -> None:
        """Say that item ``index`` (from 0) of ``count`` is shown (None: nothing is)."""
        self.index, self.count = (index if index is not None else -1), count
        if index is None:
            self.position.value = f"no {self.noun} to show"
        else:
            self.position.value = f"{self.noun} {index + 1} of {count}"
        self.prev_button.disabled = index is None or index <= 0
        self.next_button.disabled = index is None or index >= count - 1

    def step(self, delta: int) -> None:
        """Move ``delta`` items (clamped to the first and last), telling the view through ``on_move``."""
        if self.count and self.index >= 0:
            target = min(max(0, self.index + delta), self.count - 1)
            if target != self.index and self.on_move:
                self.on_move(target)
