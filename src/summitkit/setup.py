"""Starting a lesson: friendly errors for data problems, and a one-line status."""

from __future__ import annotations

import sys

from summitkit.errors import CourseDataError
from summitkit.paths import data_dir, display_path, progress_dir

_ADVICE = (
    "What to do: fix that row (or restore the file from the course repository), save it, "
    "and run this cell again. Nothing you have answered so far is lost."
)


def _show_data_error(shell, etype, value, tb, tb_offset=None):  # noqa: ANN001 - IPython's signature
    """Show a CourseDataError as a short message instead of a traceback."""
    print(f"Problem in the course data: {value}\n{_ADVICE}", file=sys.stderr)
    return None


def figure_png(fig) -> bytes:  # noqa: ANN001 - a matplotlib Figure
    """A matplotlib Figure as PNG bytes (used to display figures without pyplot)."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def install_error_display() -> None:
    """Inside IPython: course data errors as plain sentences, and Figures shown as pictures.

    The package builds figures as ``matplotlib.figure.Figure`` objects without pyplot, which
    IPython would otherwise show as text; the formatter is registered by name, so nothing is imported.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((CourseDataError,), _show_data_error)
        png = shell.display_formatter.formatters["image/png"]
        png.for_type_by_name("matplotlib.figure", "Figure", figure_png)


def begin(lesson: str) -> None:
    """Check the data and print where it comes from and where progress is saved."""
    from summitkit.tables import validate_all

    install_error_display()
    counts = validate_all()
    rows = sum(v for k, v in counts.items() if k.endswith(".csv"))
    print(
        f"Lesson {lesson} ready. Course data: {display_path(data_dir())} ({rows} rows checked). "
        f"Your answers are saved in {progress_dir() / 'progress.json'}."
    )
