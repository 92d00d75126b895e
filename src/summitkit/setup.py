"""Starting a lesson: friendly errors for data problems, figures shown as pictures, and a one-line status."""

from __future__ import annotations

import sys

from summitkit.errors import CourseDataError
from summitkit.figures import show_inline
from summitkit.paths import data_dir, display_path, progress_dir, progress_is_temporary
from summitkit.tables import validate_all

_ADVICE = (
    "What to do: fix that row (or restore the file from the course repository), save it, "
    "and run this cell again. Nothing you have answered so far is lost."
)


def _show_data_error(shell, etype, value, tb, tb_offset=None):  # noqa: ANN001 - IPython's signature
    """Show a CourseDataError as a short message instead of a traceback."""
    print(f"Problem in the course data: {value}\n{_ADVICE}", file=sys.stderr)
    return None


def install_error_display() -> None:
    """Inside IPython: course data errors as plain sentences, and Figures shown as pictures (see figures)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((CourseDataError,), _show_data_error)
        show_inline()


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
        print("⚠ This browser gave the course no storage (private windows in some browsers): your answers last only until this page "
              "closes. Use the scorecard's Export button before you leave.")
