"""What the typed kinds share (date, number): one line of text to type into."""

from __future__ import annotations

import unicodedata

from summitkit.quiz.kinds.base import Control, blank, shape


def typed_fits(answer: object, what: str) -> str:
    """Whether a saved answer can go back into a one-line box: text or a plain number ("" when it can)."""
    if blank(answer) or (isinstance(answer, (str, int, float)) and not isinstance(answer, bool)):
        return ""
    return f"it is {shape(answer)}, not {what} typed in a box"


def shown_text(text: str) -> str:
    """Text as a box can show it: a broken character (a lone surrogate, which cannot be sent to the browser) as �."""
    return "".join("\ufffd" if unicodedata.category(ch) == "Cs" else ch for ch in text)


class TextControl(Control):
    """A one-line text box labelled "Your answer", its unit (``label(spec)``) after it; the kind gives the placeholder."""

    def build(self):
        import ipywidgets as w

        self.input = w.Text(
            placeholder=self.kind.placeholder(self.spec),
            description="Your answer:",
            continuous_update=True,
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.input.add_class("summit-typed")
        unit = self.kind.label(self.spec)
        if not unit:
            return self.input
        return w.HBox([self.input, w.Label(unit)], layout=w.Layout(align_items="center", flex_flow="row wrap", max_width="100%"))

    def read(self) -> object:
        return self.input.value

    def restore(self, saved: object) -> bool:
        if isinstance(saved, bool) or not isinstance(saved, (str, int, float)):
            return False
        self.input.value = shown_text(str(saved))
        return True
