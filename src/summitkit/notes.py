"""A place to write: the learner's notes on a lesson's discussion questions, saved with their answers.

Discussion questions ask learners to "write down" their thoughts; this box is where. A note is not a
question: nothing checks it and no grade counts it, but it is saved in the progress file
(``progress.save_note``), comes back when the cell runs again, and goes into the export for the teacher.
"""

from __future__ import annotations

from summitkit import progress
from summitkit.markup import el, page

PLACEHOLDER = "Write your thoughts on the questions above: a sentence or two on each is plenty."


def key(lesson: str) -> str:
    """The progress key of a lesson's discussion notes (``03`` -> ``03-discussion``)."""
    return f"{lesson}-discussion"


def box(lesson: str):  # -> ipywidgets.VBox
    """A notes box for lesson ``lesson``'s discussion questions: type, press Save (or click away); it comes back."""
    import ipywidgets as w

    name = key(lesson)
    text = w.Textarea(
        value=progress.notes().get(name, ""),
        placeholder=PLACEHOLDER,
        continuous_update=False,
        layout=w.Layout(width="100%", max_width="46em", height="8em"),
    )
    text.add_class("summit-notes")
    save = w.Button(
        description="Save my notes",
        icon="save",
        layout=w.Layout(width="auto"),
        tooltip="Keep these notes with your answers (they also save when you click outside the box)",
    )
    status = w.HTML()
    label = w.HTML(
        str(page(el("b", "Your notes"), " (saved with your answers; they go into the file you export, and nobody grades them):"))
    )

    def say(message: str, role: str = "status") -> None:
        status.value = str(page(el("div", message, role=role, cls="summit-note")))

    def keep(_=None) -> None:
        problem = progress.too_long(text.value, "note")
        if problem:  # said before saving: never "Saved" about notes the store would not keep
            say(f"⚠ {problem} Your notes are still in the box.", role="alert")
            return
        try:
            saved = progress.save_note(name, text.value)
        except OSError as exc:
            say(f"⚠ Your notes could not be saved ({exc}); they are still in the box.", role="alert")
            return
        say(f"✎ Saved ({len(text.value.split())} words, {saved['updated'][11:16]} UTC).")

    if text.value:
        say("✎ Your saved notes are back.")
    save.on_click(keep)
    text.observe(keep, names="value")
    view = w.VBox([label, text, w.HBox([save]), status])
    view.text, view.save, view.status = text, save, status  # handles for tests
    return view
