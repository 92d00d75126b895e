"""What the typed kinds share (date, number): one line of text to type into."""

from __future__ import annotations

from summitkit.quiz.kinds.base import Control


class TextControl(Control):
    """A one-line text box; the kind gives its placeholder and label (``placeholder(spec)``, ``label(spec)``)."""

    def build(self):
        import ipywidgets as w

        self.input = w.Text(placeholder=self.kind.placeholder(self.spec), description=self.kind.label(self.spec), continuous_update=True)
        return self.input

    def read(self) -> object:
        return self.input.value

    def restore(self, saved: object) -> bool:
        if isinstance(saved, bool) or not isinstance(saved, (str, int, float)):
            return False
        self.input.value = str(saved)
        return True
