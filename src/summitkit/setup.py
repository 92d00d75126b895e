"""Starting a lesson: friendly errors for data problems, figures shown as pictures, and a one-line status."""

from __future__ import annotations

from summitkit import codehelp
from summitkit.controls import accessibility_script
from summitkit.figures import show_inline
from summitkit.paths import data_dir, display_path, progress_dir, progress_is_temporary
from summitkit.tables import validate_all


def install_error_display() -> None:
    """Inside IPython: course data errors and the learner's own code errors as plain sentences (see
    :mod:`summitkit.codehelp`), Figures shown as pictures (see figures), and the widgets' live regions."""
    if codehelp.install():
        show_inline()
        accessibility_script()


def begin(lesson: str) -> None:
    """Check the data and print where it comes from and where progress is saved."""
    install_error_display()
    counts = validate_all()
    rows = sum(v for k, v in counts.items() if k.endswith(".csv"))
    print(
        f"Lesson {lesson} ready. Course data: {display_path(data_dir())} ({rows} rows checked). "
        f"Your answers are saved in {progress_dir() / 'progress.json'}."
    )
    if progress_is_temporary():
        print(
            "⚠ This browser gave the course no storage (private windows in some browsers): your answers last only until this page "
            "closes. Use the scorecard's Export button before you leave."
        )
